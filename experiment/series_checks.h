// Series checks (Experiment.series_checks, experiment.proto): a recorded series' yearly medians
// and weekly peaks against its own level in a base period, read from a run's cross-trial
// quantiles (Results.series). `reesim check` evaluates them after the scalar checks.
// Plain functions; thread-safe.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "experiment.pb.h"
#include "results.pb.h"

namespace reesim::experiment {

// What one series check found. Ratios are to the base level; NaN (and year 0, empty date) where
// there was nothing to measure.
struct SeriesCheckOutcome {
  bool pass = false;
  // Mean over the base period's ticks of the weekly cross-trial medians.
  double base_level = std::numeric_limits<double>::quiet_NaN();
  // The checked year whose median ratio lies farthest outside the band, or nearest its edge
  // when all lie inside (distances compared in log scale), and that ratio.
  int worst_year = 0;
  double worst_year_ratio = std::numeric_limits<double>::quiet_NaN();
  // The highest weekly peak_quantile ratio in the checked years, and its date.
  double peak_ratio = std::numeric_limits<double>::quiet_NaN();
  std::string peak_date;
  // One line per reason the check fails, e.g. "years outside [0.67, 1.5]: 2027 2.41, 2028 1.9";
  // empty when it passes.
  std::vector<std::string> failures;
};

// Evaluates `check` on `results` (its `quantiles` and `series`):
//   base level = mean of the cross-trial median (p50) over the ticks in [base_from, base_to];
//   (a) each calendar year in [from_year, to_year]: median of its ticks' cross-trial medians over
//       the base level in [min_ratio, max_ratio];
//   (b) each tick in those years: the cross-trial peak_quantile below max_peak_ratio x base level;
//   (c) the base level in [base_min, base_max] where either is set.
// Ticks with a NaN value are skipped. The check fails, saying why, when the series (metric and
// key) is absent, the median or peak_quantile was not recorded, the base period or a checked
// year has no values, or the base level is not positive.
[[nodiscard]] SeriesCheckOutcome evaluate_series_check(const SeriesCheck& check,
                                                       const Results& results);

// "metric", or "metric[key]" for a keyed series.
[[nodiscard]] std::string series_label(const SeriesCheck& check);

}  // namespace reesim::experiment
