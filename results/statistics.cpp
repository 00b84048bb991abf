#include "results/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "results/exact_sum.h"

namespace reesim::results {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

std::vector<double> sorted_without_nan(std::span<const double> values) {
  std::vector<double> sorted;
  sorted.reserve(values.size());
  for (const double value : values) {
    if (!std::isnan(value)) sorted.push_back(value);
  }
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}

void check_level(double level) {
  if (!(level >= 0.0 && level <= 1.0)) {
    throw std::invalid_argument("quantile level " + std::to_string(level) + " is outside [0, 1]");
  }
}

}  // namespace

Summary summarize(std::span<const double> values) {
  Summary summary;
  ExactSum sum;
  for (const double value : values) {
    if (std::isnan(value)) {
      ++summary.nan_count;
    } else {
      sum.add(value);
      ++summary.count;
    }
  }
  if (summary.count == 0) {
    summary.mean = summary.sd = summary.ci95_low = summary.ci95_high = kNan;
    summary.p05 = summary.p50 = summary.p95 = kNan;
    return summary;
  }
  const auto n = static_cast<double>(summary.count);
  summary.mean = sum.value() / n;

  // Two passes: the deviations from the mean, not a running E[x^2] - E[x]^2, which cancels.
  if (summary.count > 1) {
    ExactSum squares;
    for (const double value : values) {
      if (std::isnan(value)) continue;
      const double deviation = value - summary.mean;
      squares.add(deviation * deviation);
    }
    summary.sd = std::sqrt(squares.value() / (n - 1));
  }
  const double half_width = summary.count > 1 ? kZ95 * summary.sd / std::sqrt(n) : 0.0;
  summary.ci95_low = summary.mean - half_width;
  summary.ci95_high = summary.mean + half_width;

  const std::vector<double> sorted = sorted_without_nan(values);
  summary.p05 = quantile_type7(sorted, 0.05);
  summary.p50 = quantile_type7(sorted, 0.50);
  summary.p95 = quantile_type7(sorted, 0.95);
  return summary;
}

double quantile_type7(std::span<const double> sorted, double level) {
  check_level(level);
  if (sorted.empty()) throw std::invalid_argument("quantile of no values");
  const double h = static_cast<double>(sorted.size() - 1) * level;
  const double floor_h = std::floor(h);
  const auto lower = static_cast<std::size_t>(floor_h);
  const double fraction = h - floor_h;
  if (fraction == 0.0 || lower + 1 >= sorted.size()) return sorted[lower];
  const double low = sorted[lower];
  const double high = sorted[lower + 1];
  if (low == high) return low;  // also keeps equal infinities from giving inf - inf
  return low + fraction * (high - low);
}

std::vector<double> quantiles(std::span<const double> values, std::span<const double> levels) {
  for (const double level : levels)
    check_level(level);
  const std::vector<double> sorted = sorted_without_nan(values);
  std::vector<double> result;
  result.reserve(levels.size());
  for (const double level : levels) {
    result.push_back(sorted.empty() ? kNan : quantile_type7(sorted, level));
  }
  return result;
}

Eigen::MatrixXd covariance(const Eigen::MatrixXd& trials_by_scalars) {
  const Eigen::Index rows = trials_by_scalars.rows();
  const Eigen::Index columns = trials_by_scalars.cols();
  Eigen::MatrixXd result = Eigen::MatrixXd::Constant(columns, columns, kNan);
  if (rows < 2) return result;

  Eigen::MatrixXd centered = trials_by_scalars;
  for (Eigen::Index c = 0; c < columns; ++c) {
    double sum = 0;
    for (Eigen::Index r = 0; r < rows; ++r)
      sum += trials_by_scalars(r, c);
    const double mean = sum / static_cast<double>(rows);
    for (Eigen::Index r = 0; r < rows; ++r)
      centered(r, c) -= mean;
  }
  const auto denominator = static_cast<double>(rows - 1);
  for (Eigen::Index i = 0; i < columns; ++i) {
    for (Eigen::Index j = 0; j <= i; ++j) {
      double sum = 0;
      for (Eigen::Index r = 0; r < rows; ++r)
        sum += centered(r, i) * centered(r, j);
      result(i, j) = result(j, i) = sum / denominator;
    }
  }
  return result;
}

ScalarSummary to_proto(const std::string& name, const Summary& summary) {
  ScalarSummary proto;
  proto.set_scalar(name);
  proto.set_mean(summary.mean);
  proto.set_sd(summary.sd);
  proto.set_ci95_low(summary.ci95_low);
  proto.set_ci95_high(summary.ci95_high);
  proto.set_p05(summary.p05);
  proto.set_p50(summary.p50);
  proto.set_p95(summary.p95);
  proto.set_count(summary.count);
  return proto;
}

ScalarSummary summarize_scalar(const std::string& name, std::span<const double> values) {
  return to_proto(name, summarize(values));
}

}  // namespace reesim::results
