// `reesim analyze`: global sensitivity indices of every scalar metric of a finished sweep
// (sweep/sensitivity.h), from its results alone. The design is regenerated from the manifest's
// sweep and seed and must match the swept values stored with the trials. Each scalar's output at
// point p is the mean of its R replicates there. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "results.pb.h"

namespace reesim::experiment {

// Bootstrap of the Sobol indices' intervals: resamples, level, and the seed is the sweep's.
inline constexpr int kBootstrapResamples = 1000;
inline constexpr double kConfidence = 0.95;

// One index of one parameter for one metric.
struct SensitivityRow {
  std::string metric;     // scalar name
  std::string parameter;  // swept parameter's path
  std::string index;      // "first", "total" (Sobol); "mu", "mu_star", "sigma" (Morris)
  double estimate = 0;
  double low = 0;  // bootstrap interval (Sobol); NaN for Morris
  double high = 0;
};

// A point mean whose noise share is above this is flagged "noisy": its Sobol total indices each
// carry about that share of replicate noise (Jansen's estimator counts noise as an effect).
inline constexpr double kNoisyShare = 0.1;

// How much of one metric's variation between design points is replicate noise. A sweep's
// replicate r draws the same random numbers at every point (common random numbers), so noise
// shared by all points cancels between them; what is left varies from point to point. It is
// measured from the difference between the means of the first and the second half of each point's
// replicates: its variance over the points (n - 1 denominator), divided by R (1/a + 1/b) for
// halves of a and b replicates, is the variance of that noise in a point mean (the R-replicate
// mean). NaN with fewer than 2 replicates.
struct ReplicateNoise {
  std::string metric;         // scalar name
  double trial_variance = 0;  // within-point variance of one trial, pooled (n - 1 denominators)
  double noise_variance = 0;  // point-to-point replicate noise in a point mean (above)
  double point_variance = 0;  // variance of the point means over the design (n denominator)
  [[nodiscard]] double share() const { return noise_variance / point_variance; }
};

struct SensitivityReport {
  Design design = DESIGN_UNSPECIFIED;  // DESIGN_SALTELLI or DESIGN_MORRIS
  std::int64_t points = 0;
  std::int64_t replicates = 0;
  std::vector<SensitivityRow> rows;   // metric-major in scalar order, then parameter, then index
  std::vector<ReplicateNoise> noise;  // Saltelli: one per analyzed metric, in scalar order
  std::vector<std::string> skipped;   // "scalar: why", one per metric left out
};

// Sensitivity indices of every scalar of `results`, the complete result of a sweep read from
// `folder` (named in messages). Sobol indices (DESIGN_SALTELLI) come with kConfidence bootstrap
// percentile intervals over kBootstrapResamples resamples seeded by the sweep's seed; Morris
// statistics (DESIGN_MORRIS) are in unit coordinates (per full range of the parameter). A metric
// is skipped, with the reason, when any of its trials is NaN (its output at a point would not be
// the mean of all replicates) or, for Sobol, when it is constant over the design. Throws
// InputError naming the folder when the result is not a sweep's, is a shard (merge first), its
// design is neither SALTELLI nor MORRIS, its trials are not every (point, replicate) in order, or
// its stored swept values differ from the regenerated design.
// `bootstrap` resamples for the Sobol intervals (0: NaN intervals, as for a report that reads them
// from sensitivity.csv and needs only the noise).
[[nodiscard]] SensitivityReport analyze_sweep(const Results& results, const std::string& folder,
                                              int bootstrap = kBootstrapResamples);

// sensitivity.csv, tidy: header `metric,parameter,index,estimate,low,high`, one row per
// SensitivityRow in order (NaN written NA).
[[nodiscard]] std::string sensitivity_csv(const SensitivityReport& report);

}  // namespace reesim::experiment
