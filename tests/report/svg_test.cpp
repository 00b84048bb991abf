#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "report/svg.h"

using namespace reesim::report;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::int64_t day(int year, int month, int d) {
  return reesim::Date{year, month, d}.days();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("Nice ticks span the data at a 1-2-5 step", "[report][svg][ticks]") {
  const Ticks t = nice_ticks(0.13, 0.87, 5);
  CHECK(t.step == Approx(0.2));
  REQUIRE(t.values.size() == 6);
  CHECK(t.values.front() == 0);
  CHECK(t.values.back() == Approx(1.0));

  const Ticks prices = nice_ticks(212, 987, 5);
  CHECK(prices.step == 200);
  CHECK(prices.values == std::vector<double>{200, 400, 600, 800, 1000});

  const Ticks negative = nice_ticks(-7, 3, 5);
  CHECK(negative.step == 2);
  CHECK(negative.values.front() == -8);
  CHECK(negative.values.back() == 4);
}

TEST_CASE("A flat or empty range still gets an axis", "[report][svg][ticks]") {
  const Ticks flat = nice_ticks(5, 5, 5);
  CHECK(flat.values.front() < 5);
  CHECK(flat.values.back() > 5);
  const Ticks zero = nice_ticks(0, 0, 5);
  CHECK(zero.values.front() == -1);
  CHECK(zero.values.back() == 1);
  const Ticks none = nice_ticks(HUGE_VAL, -HUGE_VAL, 5);
  CHECK(none.values == std::vector<double>{0, 1});
}

TEST_CASE("Tick labels carry just the decimals and suffix the step needs", "[report][svg][ticks]") {
  CHECK(format_tick(0.25, 0.05) == "0.25");
  CHECK(format_tick(0.4, 0.2) == "0.4");
  CHECK(format_tick(2500, 500) == "2500");
  CHECK(format_tick(25000, 5000) == "25k");
  CHECK(format_tick(2500000, 500000) == "2.5M");
  CHECK(format_tick(3e6, 1e6) == "3M");
  CHECK(format_tick(7.5, 2.5) == "7.5");
  CHECK(format_tick(-0.0, 1) == "0");
  CHECK(format_tick(1e-17, 0.1) == "0");
  CHECK(format_tick(0, 5000) == "0");
}

TEST_CASE("Date ticks fall on month starts, labelled by year in January", "[report][svg][dates]") {
  const auto year = date_ticks(day(2024, 1, 1), day(2024, 12, 30), 7);
  REQUIRE(year.size() == 6);  // every 2 months: 12 monthly ticks would be too many
  CHECK(year[0].day == day(2024, 1, 1));
  CHECK(year[0].label == "2024");
  CHECK(year[1].label == "Mar");
  CHECK(year[5].label == "Nov");

  const auto decade = date_ticks(day(2024, 1, 1), day(2035, 12, 31), 7);
  REQUIRE(decade.size() == 6);  // every 2 years
  CHECK(decade[0].label == "2024");
  CHECK(decade[1].label == "2026");
  CHECK(decade[5].day == day(2034, 1, 1));

  const auto mid = date_ticks(day(2025, 4, 15), day(2025, 9, 1), 7);
  REQUIRE(!mid.empty());
  CHECK(mid[0].label == "May");
  CHECK(mid.back().day == day(2025, 9, 1));
}

TEST_CASE("Line paths break at missing values", "[report][svg][paths]") {
  const LinearScale identity{0, 10, 0, 10};
  CHECK(line_path({0, 1, 2, 3}, {0, kNaN, 2, 3}, identity, identity) ==
        "M0.0 0.0 M2.0 2.0 L3.0 3.0");
  CHECK(line_path({0, 1}, {kNaN, kNaN}, identity, identity).empty());
  const LinearScale flipped{0, 10, 100, 0};
  CHECK(line_path({0, 10}, {0, 10}, identity, flipped) == "M0.0 100.0 L10.0 0.0");
}

TEST_CASE("A band runs forward along its low edge and back along its high",
          "[report][svg][paths]") {
  const LinearScale identity{0, 10, 0, 10};
  CHECK(band_path({0, 1, 2}, {0, 1, 2}, {5, 6, 7}, identity, identity) ==
        "M0.0 0.0 L1.0 1.0 L2.0 2.0 L2.0 7.0 L1.0 6.0 L0.0 5.0 Z");
  CHECK(band_path({0, 1, 2, 3}, {0, kNaN, 2, 3}, {5, 6, 7, 8}, identity, identity) ==
        "M0.0 0.0 L0.0 5.0 Z M2.0 2.0 L3.0 3.0 L3.0 8.0 L2.0 7.0 Z");
}

TEST_CASE("A fan chart draws its bands, median and trials for known data", "[report][svg][fan]") {
  FanChart chart;
  chart.days = {0, 7, 14};
  chart.levels = {0.05, 0.5, 0.95};
  chart.quantiles = {{0, 0, 0}, {5, 5, 5}, {10, 10, 10}};
  chart.trials = {{4, 6, kNaN}};
  chart.label = "price <Dy>";
  const std::string svg = fan_chart_svg(chart);
  // x: days 0..14 onto 60..546; y: ticks 0..10 (step 2) onto 270..10.
  CHECK(contains(svg, "<svg class=\"chart\" viewBox=\"0 0 560.0 300.0\""));
  CHECK(contains(svg, "aria-label=\"price &lt;Dy&gt;\""));
  CHECK(contains(svg,
                 "<path class=\"band band-0\" d=\"M60.0 270.0 L303.0 270.0 L546.0 270.0 "
                 "L546.0 10.0 L303.0 10.0 L60.0 10.0 Z\"/>"));
  CHECK(contains(svg, "<path class=\"median\" d=\"M60.0 140.0 L303.0 140.0 L546.0 140.0\"/>"));
  CHECK(contains(svg, "<path class=\"trial\" d=\"M60.0 166.0 L303.0 114.0\"/>"));
  CHECK(contains(svg, ">10</text>"));
  CHECK(contains(svg, ">1970</text>"));
  CHECK(svg.ends_with("</svg>\n"));
}

TEST_CASE("A fan chart without a median level draws no median line", "[report][svg][fan]") {
  FanChart chart;
  chart.days = {0, 7};
  chart.levels = {0.1, 0.9};
  chart.quantiles = {{1, 2}, {3, 4}};
  const std::string svg = fan_chart_svg(chart);
  CHECK(contains(svg, "band band-0"));
  CHECK(!contains(svg, "class=\"median\""));
}

TEST_CASE("Interval bars mark unresolved indices and span [0, 1] at least", "[report][svg][bars]") {
  IntervalChart chart;
  chart.series = {"first", "total"};
  chart.include_max = 1;
  chart.bars = {{"a.b", 0, 0.5, 0.4, 0.6, false}, {"a.b", 1, 0.7, 0.2, 0.9, true}};
  const std::string svg = interval_chart_svg(chart);
  CHECK(contains(svg, "class=\"bar s0\""));
  CHECK(contains(svg, "class=\"bar s1 warn\""));
  CHECK(contains(svg, ">0.7!</text>"));
  CHECK(contains(svg, ">1.0</text>"));
  CHECK(contains(svg, "class=\"whisker\""));
}

TEST_CASE("A check's band shows where the measured value lies", "[report][svg][checks]") {
  const std::string inside = check_band_svg(0.85, 1.0, 0.9, true);
  CHECK(contains(inside, "class=\"chart band-chart\""));
  CHECK(contains(inside, "<circle class=\"pass\""));
  const std::string far = check_band_svg(0.85, 1.0, 3.0, false);
  CHECK(contains(far, "<path class=\"fail\""));
  CHECK(!contains(far, "<circle"));
  CHECK(contains(check_band_svg(0, 1, kNaN, false), ">NA</text>"));
}

TEST_CASE("Interval bars beyond the clip range are drawn at its edge", "[report][svg][bars]") {
  IntervalChart chart;
  chart.series = {"first"};
  chart.include_max = 1;
  chart.clip_min = -0.5;
  chart.clip_max = 1.5;
  chart.bars = {{"p", 0, 3.0, -4000, 5000, true}};
  const std::string svg = interval_chart_svg(chart);
  CHECK(contains(svg, ">-0.5</text>"));
  CHECK(contains(svg, ">0</text>"));
  CHECK(contains(svg, ">1.5</text>"));
  CHECK_FALSE(contains(svg, ">2.0</text>"));
  CHECK(contains(svg, ">3!</text>"));  // the value itself is written as it is
}
