// Names for the columns of trials.csv that R's read.csv and pandas keep as they are. A parameter's
// column is named by its field path (`agents[cn_mines_light].supply_elasticity`,
// `policies[in_magnet_scheme].params[rate].value`), which read.csv's check.names turns into
// `agents.cn_mines_light..supply_elasticity`; columns.csv maps every column to a portable name.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "results.pb.h"

namespace reesim::results {

// `column` with each run of characters other than ASCII letters, digits and '_' (dots included)
// replaced by one '.', and trailing '.' dropped: `policies[x].params[rate].value` ->
// `policies.x.params.rate.value`. A name that would not start with a letter gets an `x` in front
// (R's rule). Plain scalar names are returned unchanged.
[[nodiscard]] std::string portable_name(std::string_view column);

// columns.csv: header `column,name`, then one row per column of trials.csv in its order (trial,
// point, parameters, scalars, series_sha256): the column as trials.csv names it and its
// portable_name(), made unique by appending `.2`, `.3`, ... in column order. With
// read.csv(check.names = FALSE) or pandas, `names(d) <- columns$name` renames a table at once.
[[nodiscard]] std::string columns_csv(const Results& results);

}  // namespace reesim::results
