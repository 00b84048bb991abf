#include "world/random.h"

#include <cmath>
#include <numbers>

#include "core/detmath.h"

namespace reesim::world {

double RandomStream::normal() noexcept {
  // 1 - uniform() lies in (0, 1], so the logarithm is finite.
  const double radius = std::sqrt(-2.0 * detmath::log(1.0 - uniform()));
  return radius * detmath::cos(2.0 * std::numbers::pi * uniform());
}

double RandomStream::exponential(double mean) noexcept {
  return -mean * detmath::log(1.0 - uniform());
}

}  // namespace reesim::world
