// The CSV tables of a run folder (DESIGN §6), rendered from a Results message into strings; the
// writers put them into files. Pure functions; thread-safe. Each throws std::invalid_argument when
// the message is inconsistent (a row whose length does not match its header), naming the row.
#pragma once

#include <ostream>
#include <string>

#include "results.pb.h"

namespace reesim::results {

// trials.csv: header `trial,point,<parameter names...>,<scalar names...>,series_sha256`, then one
// row per TrialResult in the message's (point, trial) order, its series hash in lower-case hex
// (std::invalid_argument when it is not 32 bytes). The row holds all the digest covers.
[[nodiscard]] std::string trials_csv(const Results& results);
// The same, written to `out` a block of rows at a time: a run of 100,000 trials never holds its
// whole trials.csv in memory.
void write_trials_csv(const Results& results, std::ostream& out);
// Throws what trials_csv and trial_series_csv would on `results` (std::invalid_argument naming
// the row), without rendering them: a writer checks before it writes a first file.
void check_trial_rows(const Results& results);

// trial_series.csv, tidy: header `point,trial,metric,key,date,value`, then one row per tick of
// each TrialSeries in the message's order, dated from Results.tick_dates (which must hold one
// date per value). Header only when the run kept no per-trial series.
[[nodiscard]] std::string trial_series_csv(const Results& results);
// The same, written to `out` a block of rows at a time.
void write_trial_series_csv(const Results& results, std::ostream& out);

// series.csv, tidy: header `metric,key,date,mean,<quantile columns>` with the quantile columns
// named from Results.quantiles (quantile_column_name: p05, p25, ...), then one row per
// SeriesPoint in the message's order.
[[nodiscard]] std::string series_csv(const Results& results);

// summary.csv: header `scalar,mean,sd,ci95_low,ci95_high,<quantile columns>,count`, then one row
// per ScalarSummary in the message's order (one per scalar name). The quantile columns are the
// levels of Results.quantiles (outputs.quantiles, as series.csv's), each the type 7 quantile of the
// scalar over the trials, NaN skipped; p05, p50 and p95 from the summaries when the message holds
// no trials or no levels.
[[nodiscard]] std::string summary_csv(const Results& results);

// covariance.csv, a matrix: header `scalar,<scalar names...>`, then one row per scalar i:
// its name and Cov(scalar i, scalar j) for each j, from Results.scalar_covariance (which must hold
// scalar_names_size()^2 values). NaN is written NA.
[[nodiscard]] std::string covariance_csv(const Results& results);

// points.csv, for a sweep: header `point,<swept parameter paths...>,<scalar names...>`, then one
// row per sweep point present in the trials, in point order: the point index, its swept values
// (the first k = manifest.experiment.sweep.parameters_size() parameters of its trials) and, per
// scalar, the mean over the point's trials present, NaN values skipped (NA when every one is
// NaN), as in summary.csv. Trials must be in (point, trial) order.
[[nodiscard]] std::string points_csv(const Results& results);

}  // namespace reesim::results
