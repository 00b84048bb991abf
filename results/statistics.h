// Statistics of per-trial scalar metrics across trials (DESIGN §6 summary.csv): mean, sample
// standard deviation, a 95 % confidence interval of the mean, exact quantiles and the covariance
// of the scalars. Every function is pure and thread-safe, and its result depends only on its
// inputs' values and order, never on threads, alignment or the CPU (DESIGN §4).
//
// NaN handling: summarize() and quantiles() skip NaN values and report how many they skipped
// (a NaN scalar usually means "did not happen", e.g. a threshold never crossed); infinities are
// ordinary values (they make the mean and sd infinite or NaN). covariance() propagates NaN as R's
// cov() does by default.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "results.pb.h"

namespace reesim::results {

// z such that P(|Z| <= z) = 0.95 for a standard normal Z.
inline constexpr double kZ95 = 1.959963984540054;

// Summary of one scalar across trials.
struct Summary {
  double mean = 0;       // arithmetic mean of the non-NaN values
  double sd = 0;         // sample standard deviation (n - 1 denominator); 0 when n = 1
  double ci95_low = 0;   // mean - kZ95 * sd / sqrt(n): normal approximation, not Student's t
  double ci95_high = 0;  // mean + kZ95 * sd / sqrt(n); [mean, mean] when n = 1
  double p05 = 0;        // quantiles by Hyndman-Fan type 7 (see quantile_type7)
  double p50 = 0;
  double p95 = 0;
  std::int64_t count = 0;      // n: values aggregated (NaNs excluded)
  std::int64_t nan_count = 0;  // NaN values skipped
};

// Summarises `values`, one per trial in trial order. The mean and the sum of squared deviations
// are exact sums rounded once (see ExactSum), so the result does not even depend on the order.
// With no non-NaN value every statistic is NaN and count is 0.
[[nodiscard]] Summary summarize(std::span<const double> values);

// The type 7 quantile of Hyndman and Fan (1996), the default of R's quantile() and numpy's
// quantile(): with the n values sorted ascending as x[0..n-1] and h = (n - 1) * level,
// Q = x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)]). `sorted` must be sorted
// ascending without NaN and non-empty; `level` in [0, 1]. E.g. 1..10 gives 1.45 at 0.05.
[[nodiscard]] double quantile_type7(std::span<const double> sorted, double level);

// Type 7 quantiles of `values` (any order, NaNs skipped) at each of `levels` (each in [0, 1],
// else std::invalid_argument), in the order of `levels`; NaN for each level when no value is left.
[[nodiscard]] std::vector<double> quantiles(std::span<const double> values,
                                            std::span<const double> levels);

// Sample covariance (n - 1 denominator) of the columns of `trials_by_scalars` (one row per trial
// in trial order, one column per scalar): a symmetric scalars x scalars matrix. Computed with
// plain loops in row order rather than Eigen's products, whose blocking depends on the CPU's cache
// sizes, so the bits are the same on every machine. A NaN in a column makes that column's row and
// column of the result NaN; fewer than 2 rows give a NaN matrix.
[[nodiscard]] Eigen::MatrixXd covariance(const Eigen::MatrixXd& trials_by_scalars);

// `summary` as the ScalarSummary of scalar `name` (nan_count has no field there).
[[nodiscard]] ScalarSummary to_proto(const std::string& name, const Summary& summary);

// Convenience: to_proto(name, summarize(values)).
[[nodiscard]] ScalarSummary summarize_scalar(const std::string& name,
                                             std::span<const double> values);

}  // namespace reesim::results
