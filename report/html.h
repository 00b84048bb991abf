// HTML pieces of `reesim report`: escaping, numbers as people read them, and tables that scroll
// inside their own box. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace reesim::report {

// `text` safe as HTML element content and as a double- or single-quoted attribute value:
// & < > " ' replaced by their character references; everything else as is.
[[nodiscard]] std::string escape_html(std::string_view text);

// `value` with `significant` significant digits (%g style, so 1234567 -> "1.235e+06" at 4), "NA"
// for NaN and "Inf"/"-Inf" for infinities, as the CSV files write them.
[[nodiscard]] std::string format_value(double value, int significant = 4);

// "[low, high]", each with format_value(significant).
[[nodiscard]] std::string interval_text(double low, double high, int significant = 4);

// One cell of a table: HTML content (escape text with escape_html first) and an optional class,
// e.g. "num" for right-aligned numbers, "pass" or "fail".
struct Cell {
  std::string html;
  std::string css_class;
};

// A <table> inside a <div class="table-wrap"> (which scrolls sideways on a narrow screen, so the
// page does not; with `tall`, also up and down past a fixed height). `header` is plain text
// (escaped here); each row should have header.size() cells.
[[nodiscard]] std::string table_html(const std::vector<std::string>& header,
                                     const std::vector<std::vector<Cell>>& rows, bool tall = false);

// Text cell (escaped) and number cell (format_value, class "num").
[[nodiscard]] Cell text_cell(std::string_view text);
[[nodiscard]] Cell number_cell(double value, int significant = 4);

}  // namespace reesim::report
