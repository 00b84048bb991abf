// An exact sum of doubles: the result does not depend on the order of the terms or on how partial
// sums were grouped and merged, so means computed on any number of threads or shards are
// bit-identical (DESIGN §4: reductions are deterministic).
#pragma once

#include <array>
#include <cstdint>

namespace reesim::results {

// Holds the exact sum of every finite term as a 2176-bit two's-complement fixed-point integer in
// units of 2^-1074 (the smallest subnormal), wide enough for 2^63 terms of any finite magnitude.
// value() rounds that exact sum once, to nearest, ties to even. Infinities and NaNs are counted
// apart and give IEEE results (+inf, -inf, or NaN when both infinities or any NaN was added).
// Costs a few nanoseconds per add and 296 bytes. Not thread-safe; merge per-thread sums instead.
class ExactSum {
 public:
  // Adds one term.
  void add(double term);

  // Adds every term of `other`; afterwards this holds the sum of both multisets.
  void merge(const ExactSum& other);

  // The exact sum rounded to the nearest double (an exact zero is +0.0); +-inf on overflow.
  [[nodiscard]] double value() const;

 private:
  static constexpr int kWords = 34;
  std::array<std::uint64_t, kWords> words_{};  // two's complement, least significant word first
  std::uint64_t positive_infinities_ = 0;
  std::uint64_t negative_infinities_ = 0;
  bool has_nan_ = false;
};

}  // namespace reesim::results
