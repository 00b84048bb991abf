#include "results/quantile_sketch.h"

#include <algorithm>
#include <array>
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

void QuantileSketch::quantiles(std::span<const double> levels, std::span<double> out) const {
  for (const double level : levels)
    if (!(level >= 0.0 && level <= 1.0))
      throw std::invalid_argument("quantile level " + std::to_string(level) + " is outside [0, 1]");
  const std::uint64_t n = count();
  // The levels whose rank needs the walk, in ascending rank: each is found where quantile()'s
  // own walk would stop, the first bucket after which more than `rank` values were seen.
  constexpr std::size_t kFew = 16;
  if (levels.size() > kFew) {
    for (std::size_t i = 0; i < levels.size(); ++i)
      out[i] = quantile(levels[i]);
    return;
  }
  std::array<std::uint64_t, kFew> rank{};
  std::array<std::size_t, kFew> order{};
  std::size_t pending = 0;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    if (n == 0) {
      out[i] = kNan;
      continue;
    }
    rank[i] = static_cast<std::uint64_t>(std::floor(levels[i] * static_cast<double>(n - 1)));
    if (rank[i] == 0) {
      out[i] = min_;
    } else if (rank[i] >= n - 1) {
      out[i] = max_;
    } else {
      std::size_t at = pending++;
      for (; at > 0 && rank[order[at - 1]] > rank[i]; --at)
        order[at] = order[at - 1];
      order[at] = i;
    }
  }
  std::size_t next = 0;  // order[next] is the lowest rank not yet found
  std::uint64_t seen = negative_infinities_;
  const auto settle = [&](double value) {
    for (; next < pending && rank[order[next]] < seen; ++next)
      out[order[next]] = value;
  };
  settle(-kInfinity);
  // A bucket's representative is worked out once, however many levels fall in it.
  const auto walk = [&](const detail::BucketStore& store, std::int32_t from, std::int32_t to,
                        bool negative) {
    const std::vector<std::uint32_t>& counts = store.counts();
    const std::int32_t step = from <= to ? 1 : -1;
    for (std::int32_t index = from; next < pending; index += step) {
      seen += counts[static_cast<std::size_t>(index - store.offset())];
      if (next < pending && rank[order[next]] < seen) {
        const double magnitude = mapping_.representative(index);
        settle(clamped(negative ? -magnitude : magnitude));
      }
      if (index == to) break;
    }
  };
  if (next < pending && !negative_.empty())
    walk(negative_, negative_.max_index(), negative_.min_index(), true);
  seen += zero_count_;
  settle(0.0);
  if (next < pending && !positive_.empty())
    walk(positive_, positive_.min_index(), positive_.max_index(), false);
  for (; next < pending; ++next)
    out[order[next]] = kInfinity;
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
