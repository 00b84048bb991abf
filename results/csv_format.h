// How numbers and text are spelled in reesim's CSV outputs (RFC 4180, '\n' line ends), so that
// every column reads back into the same double in R, pandas or a spreadsheet. Pure functions;
// thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace reesim::results {

// The shortest decimal that reads back as exactly `value` (std::to_chars), e.g. "0.1", "1e+21",
// "-0"; NaN as "NA" (a missing value: R's and pandas' default), infinities as "Inf" and "-Inf"
// (read by R's read.csv and by pandas).
[[nodiscard]] std::string format_number(double value);

// Appends format_number(value) to `out`, without a temporary string.
void append_number(std::string& out, double value);
void append_integer(std::string& out, std::int64_t value);

// `text` as one CSV field: as is, or in double quotes with inner quotes doubled when it holds a
// comma, a double quote, a line break or leading/trailing space.
[[nodiscard]] std::string csv_field(std::string_view text);

// Column name of a quantile level in [0, 1]: "p" and the percentage, at least two integer digits,
// e.g. 0.05 -> "p05", 0.5 -> "p50", 0.025 -> "p02.5", 0.999 -> "p99.9", 1 -> "p100". The
// percentage is rounded to 6 decimals first, so 0.07 gives "p07", not "p07.000000000000001".
[[nodiscard]] std::string quantile_column_name(double level);

}  // namespace reesim::results
