#include <catch2/catch.hpp>

#include <charconv>
#include <cmath>
#include <limits>
#include <random>
#include <string>

#include "results/csv_format.h"

using reesim::results::csv_field;
using reesim::results::format_number;
using reesim::results::quantile_column_name;

TEST_CASE("Numbers are written in their shortest round-trip form", "[results][csv]") {
  CHECK(format_number(0.1) == "0.1");
  CHECK(format_number(1.45) == "1.45");
  CHECK(format_number(42) == "42");
  CHECK(format_number(-0.0) == "-0");
  CHECK(format_number(1e21) == "1e+21");
  CHECK(format_number(std::numeric_limits<double>::quiet_NaN()) == "NA");
  CHECK(format_number(std::numeric_limits<double>::infinity()) == "Inf");
  CHECK(format_number(-std::numeric_limits<double>::infinity()) == "-Inf");
}

TEST_CASE("Every finite double reads back bit for bit", "[results][csv]") {
  std::mt19937_64 generator(8);
  for (int i = 0; i < 10'000; ++i) {
    const double value = std::bit_cast<double>(generator());
    if (!std::isfinite(value)) continue;
    const std::string text = format_number(value);
    double back = 0;
    std::from_chars(text.data(), text.data() + text.size(), back);
    REQUIRE(std::bit_cast<std::uint64_t>(back) == std::bit_cast<std::uint64_t>(value));
  }
}

TEST_CASE("Text fields are quoted only when they must be", "[results][csv]") {
  CHECK(csv_field("import_dependence") == "import_dependence");
  CHECK(csv_field("") == "");
  CHECK(csv_field("EV, India") == "\"EV, India\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
}

TEST_CASE("Quantile columns are named by their percentage", "[results][csv]") {
  CHECK(quantile_column_name(0.05) == "p05");
  CHECK(quantile_column_name(0.25) == "p25");
  CHECK(quantile_column_name(0.5) == "p50");
  CHECK(quantile_column_name(0.07) == "p07");
  CHECK(quantile_column_name(0.025) == "p02.5");
  CHECK(quantile_column_name(0.999) == "p99.9");
  CHECK(quantile_column_name(1.0) == "p100");
  CHECK(quantile_column_name(0.0) == "p00");
}
