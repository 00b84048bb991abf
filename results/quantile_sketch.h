// A streaming, mergeable, deterministic quantile sketch (DDSketch: Masson, Rim and Lee, VLDB 2019)
// for per-tick series across trials: memory depends on the range of the values, not on how many
// were added, so a run keeps one sketch per series and tick whatever its trial count.
//
// Accuracy: with the n non-NaN values added sorted ascending as x[0] <= ... <= x[n-1] and the
// lower rank k = floor(level * (n - 1)) (the "lower" sample quantile: an actual value, never an
// interpolation), quantile(level) returns q with |q - x[k]| <= alpha * |x[k]|, where alpha is
// the relative accuracy (default 0.005). Moreover level 0 (k = 0) gives min() and k = n - 1 gives
// max(), exactly; zeros give exactly 0 and infinities exactly +-inf. Magnitudes below 2^-1022
// (subnormals) are counted as zero, so for them the error is below 2^-1022 absolute, not relative.
//
// Memory: about 440 bytes plus 4 bytes per bucket between the smallest and largest magnitude seen,
// per sign: about 0.35 / alpha buckets per factor of 2, i.e. 70 at alpha = 0.005. A range of 1e-3
// to 1e6 takes about 2100 buckets; the whole double range about 143,000 per sign.
//
// Determinism: bucket counts, zero and infinity counts, min and max depend only on the multiset of
// values added, never on the order of add() and merge() calls; the mean is an exact sum
// (ExactSum) rounded once, so it too is the same for any order or grouping of adds and merges.
// Hence per-thread or per-shard sketches merged in any order equal one sketch fed sequentially
// (DESIGN §4). Bucket indices use no libm function (see LogIndexMapping), so they are the same on
// every machine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>

#include "results/bucket_store.h"
#include "results/exact_sum.h"
#include "results/log_index_mapping.h"

namespace reesim::results {

// Not thread-safe: give each thread its own sketch and merge them.
class QuantileSketch {
 public:
  static constexpr double kDefaultRelativeAccuracy = 0.005;

  // `relative_accuracy` is alpha, in [1e-6, 0.5]; std::invalid_argument otherwise.
  explicit QuantileSketch(double relative_accuracy = kDefaultRelativeAccuracy);

  // Adds one value. NaN is not added: it is counted in nan_count() only. A few nanoseconds.
  // Throws std::overflow_error past 2^32 - 1 values in one bucket.
  void add(double value);

  // Adds every value of `other`, which must have the same relative accuracy
  // (std::invalid_argument otherwise).
  void merge(const QuantileSketch& other);

  // The quantile at `level` in [0, 1] (std::invalid_argument otherwise), within the bound above;
  // NaN when count() is 0. Costs a pass over the buckets.
  [[nodiscard]] double quantile(double level) const;
  // quantile() at each of `levels`, into `out` (as many), in one walk over the buckets.
  void quantiles(std::span<const double> levels, std::span<double> out) const;

  // Values added, NaNs excluded.
  [[nodiscard]] std::uint64_t count() const;
  // NaNs passed to add().
  [[nodiscard]] std::uint64_t nan_count() const { return nan_count_; }
  // Mean of the values added (exact sum rounded once, divided by count()); NaN when empty.
  [[nodiscard]] double mean() const;
  // Exact smallest and largest values added (-0.0 counts below +0.0); NaN when empty.
  [[nodiscard]] double min() const;
  [[nodiscard]] double max() const;

  [[nodiscard]] double relative_accuracy() const { return mapping_.relative_accuracy(); }
  // Buckets allocated for both signs: the memory that grows with the range of values.
  [[nodiscard]] std::size_t bucket_count() const;

 private:
  [[nodiscard]] double clamped(double value) const;

  detail::LogIndexMapping mapping_;
  detail::BucketStore positive_;  // by index of the magnitude
  detail::BucketStore negative_;  // by index of the magnitude
  std::uint64_t zero_count_ = 0;
  std::uint64_t positive_infinities_ = 0;
  std::uint64_t negative_infinities_ = 0;
  std::uint64_t nan_count_ = 0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
  ExactSum sum_;
};

}  // namespace reesim::results
