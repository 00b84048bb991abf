#include "report/html.h"

#include <cmath>
#include <cstdio>

namespace reesim::report {

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string format_value(double value, int significant) {
  if (std::isnan(value)) return "NA";
  if (std::isinf(value)) return value > 0 ? "Inf" : "-Inf";
  char text[40];
  std::snprintf(text, sizeof text, "%.*g", significant, value);
  return text;
}

std::string interval_text(double low, double high, int significant) {
  // Appended piecewise: g++ 12 warns falsely (-Wrestrict) on "[" + std::string.
  std::string text(1, '[');
  text.append(format_value(low, significant)).append(", ");
  text.append(format_value(high, significant)).append("]");
  return text;
}

std::string table_html(const std::vector<std::string>& header,
                       const std::vector<std::vector<Cell>>& rows, bool tall) {
  std::string out = tall ? "<div class=\"table-wrap tall\">" : "<div class=\"table-wrap\">";
  out += "<table>\n<thead><tr>";
  for (const std::string& name : header)
    out += "<th>" + escape_html(name) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : rows) {
    out += "<tr>";
    for (const Cell& cell : row) {
      out += cell.css_class.empty() ? "<td>" : "<td class=\"" + cell.css_class + "\">";
      out += cell.html + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody></table></div>\n";
  return out;
}

Cell text_cell(std::string_view text) {
  return {escape_html(text), {}};
}

Cell number_cell(double value, int significant) {
  return {format_value(value, significant), "num"};
}

}  // namespace reesim::report
