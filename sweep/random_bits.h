// Platform-independent random numbers for the sweep designs and the bootstrap: std::mt19937_64's
// raw output is fixed by the standard, the std:: distributions' is not, so doubles and bounded
// integers are made here. Internal to sweep/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>

namespace reesim::sweep::detail {

// A double in [0, 1) from the top 53 bits of one raw 64-bit output.
inline double unit_double(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

// An integer uniform in [0, n), n >= 1, by rejection: only raw outputs at or above 2^64 mod n are
// used, so every remainder is equally likely.
inline std::size_t uniform_below(std::mt19937_64& rng, std::size_t n) {
  const std::uint64_t bound = n;
  const std::uint64_t threshold = (std::uint64_t{0} - bound) % bound;
  for (;;) {
    const std::uint64_t x = rng();
    if (x >= threshold) return static_cast<std::size_t>(x % bound);
  }
}

}  // namespace reesim::sweep::detail
