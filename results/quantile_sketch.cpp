#include "results/quantile_sketch.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace reesim::results {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Order-independent min and max: equal zeros are ordered -0.0 < +0.0, so the sign of a zero
// extreme does not depend on which of the two came first.
bool before(double a, double b) {
  return a < b || (a == b && std::signbit(a) && !std::signbit(b));
}

}  // namespace

QuantileSketch::QuantileSketch(double relative_accuracy) : mapping_(relative_accuracy) {}

void QuantileSketch::add(double value) {
  if (std::isnan(value)) {
    ++nan_count_;
    return;
  }
  sum_.add(value);
  if (before(value, min_)) min_ = value;
  if (before(max_, value)) max_ = value;
  const double magnitude = std::fabs(value);
  if (magnitude < std::numeric_limits<double>::min()) {
    ++zero_count_;
  } else if (magnitude == kInfinity) {
    ++(value > 0 ? positive_infinities_ : negative_infinities_);
  } else {
    (value > 0 ? positive_ : negative_).add(mapping_.index(magnitude));
  }
}

void QuantileSketch::merge(const QuantileSketch& other) {
  if (other.relative_accuracy() != relative_accuracy()) {
    throw std::invalid_argument("cannot merge quantile sketches of relative accuracy " +
                                std::to_string(relative_accuracy()) + " and " +
                                std::to_string(other.relative_accuracy()));
  }
  positive_.merge(other.positive_);
  negative_.merge(other.negative_);
  zero_count_ += other.zero_count_;
  positive_infinities_ += other.positive_infinities_;
  negative_infinities_ += other.negative_infinities_;
  nan_count_ += other.nan_count_;
  if (before(other.min_, min_)) min_ = other.min_;
  if (before(max_, other.max_)) max_ = other.max_;
  sum_.merge(other.sum_);
}

double QuantileSketch::quantile(double level) const {
  if (!(level >= 0.0 && level <= 1.0)) {
    throw std::invalid_argument("quantile level " + std::to_string(level) + " is outside [0, 1]");
  }
  const std::uint64_t n = count();
  if (n == 0) return kNan;
  const auto rank = static_cast<std::uint64_t>(std::floor(level * static_cast<double>(n - 1)));
  if (rank == 0) return min_;
  if (rank >= n - 1) return max_;

  // Walk the values in ascending order: -inf, negatives by decreasing magnitude, zeros, positives
  // by increasing magnitude, +inf; stop at the bucket that holds the value of rank `rank`.
  std::uint64_t seen = negative_infinities_;
  if (rank < seen) return -kInfinity;
  if (!negative_.empty()) {
    const std::int32_t lowest = negative_.min_index();
    for (std::int32_t index = negative_.max_index(); index >= lowest; --index) {
      seen += negative_.count(index);
      if (rank < seen) return clamped(-mapping_.representative(index));
    }
  }
  seen += zero_count_;
  if (rank < seen) return 0.0;
  if (!positive_.empty()) {
    const std::int32_t highest = positive_.max_index();
    for (std::int32_t index = positive_.min_index(); index <= highest; ++index) {
      seen += positive_.count(index);
      if (rank < seen) return clamped(mapping_.representative(index));
    }
  }
  return kInfinity;
}

double QuantileSketch::clamped(double value) const {
  // x[rank] lies in [min, max], so clamping only brings the estimate closer to it.
  return std::clamp(value, min_, max_);
}

std::uint64_t QuantileSketch::count() const {
  return positive_.total() + negative_.total() + zero_count_ + positive_infinities_ +
         negative_infinities_;
}

double QuantileSketch::mean() const {
  const std::uint64_t n = count();
  return n == 0 ? kNan : sum_.value() / static_cast<double>(n);
}

double QuantileSketch::min() const {
  return count() == 0 ? kNan : min_;
}

double QuantileSketch::max() const {
  return count() == 0 ? kNan : max_;
}

std::size_t QuantileSketch::bucket_count() const {
  return positive_.allocated() + negative_.allocated();
}

}  // namespace reesim::results
