#include <catch2/catch.hpp>

#include <limits>
#include <string>

#include "report/html.h"

using reesim::report::Cell;
using reesim::report::escape_html;
using reesim::report::format_value;
using reesim::report::table_html;
using reesim::report::text_cell;

TEST_CASE("Markup characters are escaped, other text is kept", "[report][html]") {
  CHECK(escape_html("<script>alert('x')</script>") ==
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  CHECK(escape_html("a & b \"c\"") == "a &amp; b &quot;c&quot;");
  CHECK(escape_html("&amp;") == "&amp;amp;");
  CHECK(escape_html("policies[cn].params[rate].value=0.25 (Dy₂O₃)") ==
        "policies[cn].params[rate].value=0.25 (Dy₂O₃)");
  CHECK(escape_html("").empty());
}

TEST_CASE("Values are written with a few significant digits, NaN as NA", "[report][html]") {
  CHECK(format_value(0.123456) == "0.1235");
  CHECK(format_value(1234567) == "1.235e+06");
  CHECK(format_value(42) == "42");
  CHECK(format_value(3.14159, 2) == "3.1");
  CHECK(format_value(std::numeric_limits<double>::quiet_NaN()) == "NA");
  CHECK(format_value(-std::numeric_limits<double>::infinity()) == "-Inf");
}

TEST_CASE("A table scrolls in its own box and escapes its header", "[report][html]") {
  const std::string html = table_html({"scalar", "<b>"}, {{text_cell("a<b"), Cell{"1.5", "num"}}});
  CHECK(html.starts_with("<div class=\"table-wrap\"><table>"));
  CHECK(html.find("<th>&lt;b&gt;</th>") != std::string::npos);
  CHECK(html.find("<td>a&lt;b</td><td class=\"num\">1.5</td>") != std::string::npos);
  CHECK(html.ends_with("</table></div>\n"));
}

TEST_CASE("A tall table scrolls up and down in its box too", "[report][html]") {
  CHECK(table_html({"a"}, {}, true).starts_with("<div class=\"table-wrap tall\"><table>"));
}
