#include <catch2/catch.hpp>

#include <string>

#include "config/input_file.h"
#include "config/structure.h"

using namespace reesim::config;

namespace {

std::string first_error(bool (*check)(const std::string&, std::string_view, Diagnostics&),
                        const std::string& text) {
  Diagnostics diagnostics;
  check("f", text, diagnostics);
  return diagnostics.empty() ? "" : diagnostics.items().front().to_string();
}

}  // namespace

TEST_CASE("Well-formed JSON passes the syntax check", "[config][structure]") {
  CHECK(first_error(check_json_syntax, R"({"a": [1, -2.5e3, true, null, "x\"y\u00e9"], "b": {}})")
            .empty());
}

TEST_CASE("JSON syntax errors are located by line and column", "[config][structure]") {
  CHECK(first_error(check_json_syntax, "{\n  \"a\": 1,\n}") ==
        "f:3:1: expected a quoted member name");
  CHECK(first_error(check_json_syntax, "{\"a\" 1}") == "f:1:6: expected ':' after the member name");
  CHECK(first_error(check_json_syntax, "{\"a\": tru}") == "f:1:10: invalid literal");
  CHECK(first_error(check_json_syntax, "{\"a\": \"x") == "f:1:9: unterminated string");
  CHECK(first_error(check_json_syntax, "{} {}") ==
        "f:1:4: unexpected content after the JSON value");
  CHECK(first_error(check_json_syntax, "[01.]") == "f:1:5: expected digits after '.'");
}

TEST_CASE("Deep nesting is refused before parsing", "[config][structure]") {
  const std::string deep_json = std::string(1000, '[') + std::string(1000, ']');
  CHECK(first_error(check_json_syntax, deep_json).find("nesting deeper than") != std::string::npos);
  std::string deep_text;
  for (int i = 0; i < 1000; ++i)
    deep_text += "a {\n";
  CHECK(first_error(check_text_format_nesting, deep_text) ==
        "f:33:3: nesting deeper than 32 levels");
}

TEST_CASE("Braces in strings and comments do not count as nesting", "[config][structure]") {
  std::string text =
      "# {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\nid: \"{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\"\n";
  CHECK(first_error(check_text_format_nesting, text).empty());
}

TEST_CASE("Binary content is located at its first offending byte", "[config][input]") {
  Diagnostics diagnostics;
  CHECK(check_text("f", "ok\nfine é ✓\n", diagnostics));
  CHECK_FALSE(check_text("f", std::string("ab\ncd\0", 6), diagnostics));
  CHECK_FALSE(check_text("f", "ab\xff", diagnostics));
  CHECK_FALSE(check_text("f", "\xc3", diagnostics));  // truncated sequence
  REQUIRE(diagnostics.size() == 3);
  CHECK(diagnostics.items()[0].to_string() == "f:2:3: binary content (NUL byte): not a text file");
  CHECK(diagnostics.items()[1].line == 1);
  CHECK(diagnostics.items()[1].column == 3);
}

TEST_CASE("Missing files and directories are refused by name", "[config][input]") {
  Diagnostics diagnostics;
  CHECK_FALSE(read_input_file("/nonexistent/x.textproto", diagnostics));
  CHECK_FALSE(read_input_file("/tmp", diagnostics));
  CHECK_FALSE(read_input_file("/dev/null", diagnostics));
  REQUIRE(diagnostics.size() == 3);
  CHECK(diagnostics.items()[0].to_string() ==
        "/nonexistent/x.textproto: cannot open: No such file or directory");
  CHECK(diagnostics.items()[1].message.find("directory") != std::string::npos);
  CHECK(diagnostics.items()[2].message.find("not a regular file") != std::string::npos);
}
