#include "results/log_index_mapping.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace reesim::results::detail {
namespace {

constexpr double kA = 6.0 / 35.0;
constexpr double kB = -3.0 / 5.0;
constexpr double kC = 10.0 / 7.0;

// Buckets are made this much narrower than the bound requires, so that rounding in L (relative
// 1e-13 at worst) can never push the error of a value near a bucket edge past alpha.
constexpr double kSafety = 1.0 + 1e-7;

double cubic(double s) {
  return ((kA * s + kB) * s + kC) * s;
}

// ln((1 + a) / (1 - a)) = 2 atanh(a) = 2 (a + a^3/3 + a^5/5 + ...), summed with basic arithmetic
// only so that the multiplier, and thus every index, is the same on every machine. For a <= 0.5
// the terms fall below 1e-17 of the sum long before 200.
double log_gamma(double a) {
  double sum = 0;
  double power = a;
  for (int k = 0; k < 200; ++k) {
    sum += power / (2 * k + 1);
    power *= a * a;
  }
  return 2 * sum;
}

}  // namespace

LogIndexMapping::LogIndexMapping(double relative_accuracy) : relative_accuracy_(relative_accuracy) {
  if (!(relative_accuracy >= 1e-6 && relative_accuracy <= 0.5)) {
    throw std::invalid_argument("quantile sketch relative accuracy " +
                                std::to_string(relative_accuracy) + " is outside [1e-6, 0.5]");
  }
  // A bucket spans 1/multiplier in L, hence at most (1/multiplier) / ((10/7) ln 2) in log2(x);
  // that is at most log2(gamma) = ln(gamma) / ln 2 when multiplier >= 0.7 / ln(gamma).
  multiplier_ = 0.7 / log_gamma(relative_accuracy) * kSafety;
}

std::int32_t LogIndexMapping::index(double magnitude) const {
  const auto bits = std::bit_cast<std::uint64_t>(magnitude);
  const auto exponent = static_cast<double>(static_cast<int>(bits >> 52) - 1023);
  const double significand =
      std::bit_cast<double>((bits & 0x000fffffffffffff) | 0x3ff0000000000000) - 1.0;  // exact
  const double approximate_log2 = exponent + cubic(significand);
  // floor() by hand: without SSE4.1 (the x86-64 baseline) std::floor is a libm call.
  const double scaled = approximate_log2 * multiplier_;
  const auto truncated = static_cast<std::int32_t>(scaled);
  return scaled < static_cast<double>(truncated) ? truncated - 1 : truncated;
}

LogIndexMapping::Bound LogIndexMapping::lower_bound(std::int32_t index) const {
  // Invert L: L = index / multiplier = e + P(s); P has no closed-form inverse without libm, so
  // bisect (P is increasing on [0, 1]). Used only when quantiles are read, not when adding.
  const double target = static_cast<double>(index) / multiplier_;
  const double exponent = std::floor(target);
  const double fraction = target - exponent;
  // The bisection below runs kSteps halvings from [0, 1]. Its first kSkipped steps are found
  // directly: their midpoints lie on the grid of spacing 2^-kSkipped, where P rises by at least
  // 0.74 (its least slope) times the spacing, some 6e-13, far beyond the 1e-15 that rounding in
  // cubic() can move a value. On that grid cubic() thus keeps P's order, the halvings only keep
  // the grid interval where cubic() crosses `fraction`, and that interval, found from a Newton
  // estimate of P's inverse and checked, is where they would have led. The remaining steps are
  // the same, so the bounds are the same to the bit.
  constexpr int kSteps = 60;
  constexpr int kSkipped = 40;
  constexpr double kCells = 0x1p40;
  constexpr double kSpacing = 0x1p-40;
  static_assert(kCells == static_cast<double>(std::int64_t{1} << kSkipped));
  double estimate = fraction;  // P(s) >= s on [0, 1]: the root is at or below it
  for (int i = 0; i < 4; ++i)
    estimate -= (cubic(estimate) - fraction) / ((3 * kA * estimate + 2 * kB) * estimate + kC);
  double cell = std::floor(std::clamp(estimate, 0.0, 1.0) * kCells);
  cell = std::min(cell, kCells - 1);
  // The interval [cell, cell + 1] of the grid whose low end is 0 or below `fraction` and whose
  // high end is 1 or not below it (the bisection never tests 0 and 1).
  const auto below = [&](double at) { return cubic(at * kSpacing) < fraction; };
  int moves = 0;
  while (cell > 0 && !below(cell) && moves < 4) {
    cell -= 1;
    ++moves;
  }
  while (cell + 1 < kCells && below(cell + 1) && moves < 8) {
    cell += 1;
    ++moves;
  }
  double low = cell * kSpacing;
  double high = (cell + 1) * kSpacing;
  int step = kSkipped;
  const bool found = (cell == 0 || below(cell)) && (cell + 1 == kCells || !below(cell + 1));
  if (!found) {  // an estimate too far off to settle in a few moves: the whole bisection
    low = 0.0;
    high = 1.0;
    step = 0;
  }
  for (; step < kSteps; ++step) {
    const double middle = 0.5 * (low + high);
    (cubic(middle) < fraction ? low : high) = middle;
  }
  return {1.0 + 0.5 * (low + high), static_cast<int>(exponent)};
}

namespace {

// The bucket values a thread worked out last, by mapping and index: a series' quantiles fall in
// the same few buckets week after week. A hit returns the bits the bisection gave for the same
// multiplier and index. The entries start with a zero multiplier, which no mapping has.
struct RepresentativeEntry {
  std::uint64_t multiplier;
  std::int32_t index;
  double value;
};
constexpr int kRepresentativeCacheBits = 8;
thread_local std::array<RepresentativeEntry, std::size_t{1} << kRepresentativeCacheBits>
    representative_cache{};

}  // namespace

double LogIndexMapping::representative(std::int32_t index) const {
  const auto multiplier = std::bit_cast<std::uint64_t>(multiplier_);
  const std::uint64_t mixed =
      (multiplier ^ static_cast<std::uint32_t>(index)) * 0x9e3779b97f4a7c15ULL;
  RepresentativeEntry& entry =
      representative_cache[static_cast<std::size_t>(mixed >> (64 - kRepresentativeCacheBits))];
  if (entry.multiplier == multiplier && entry.index == index) return entry.value;
  const Bound low = lower_bound(index);
  const Bound high = lower_bound(index + 1);
  // Both bounds scaled by 2^-low.exponent; the upper one is at most one binade higher.
  const double high_scaled = std::ldexp(high.significand, high.exponent - low.exponent);
  const double scaled = 2.0 * low.significand * high_scaled / (low.significand + high_scaled);
  entry = {multiplier, index, std::ldexp(scaled, low.exponent)};
  return entry.value;
}

}  // namespace reesim::results::detail
