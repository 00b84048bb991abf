// The CSV tables of a run folder (DESIGN §6), rendered from a Results message into strings; the
// writers put them into files. Pure functions; thread-safe. Each throws std::invalid_argument when
// the message is inconsistent (a row whose length does not match its header), naming the row.
#pragma once

#include <string>

#include "results.pb.h"

namespace reesim::results {

// trials.csv: header `trial,point,<parameter names...>,<scalar names...>`, then one row per
// TrialResult in the message's (point, trial) order.
[[nodiscard]] std::string trials_csv(const Results& results);

// series.csv, tidy: header `metric,key,date,mean,<quantile columns>` with the quantile columns
// named from Results.quantiles (quantile_column_name: p05, p25, ...), then one row per
// SeriesPoint in the message's order.
[[nodiscard]] std::string series_csv(const Results& results);

// summary.csv: header `scalar,mean,sd,ci95_low,ci95_high,p05,p50,p95,count`, then one row per
// ScalarSummary in the message's order.
[[nodiscard]] std::string summary_csv(const Results& results);

}  // namespace reesim::results
