// Series checks evaluated on hand-made cross-trial quantiles (Results.series).
#include "experiment/series_checks.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/calendar.h"

using reesim::experiment::evaluate_series_check;

namespace {

// Results recording p50 and p95 of one weekly series "price" on the Mondays from 2024-01-01 to
// 2026-12-28 (53, 52 and 52 of them): p50 = the year's level, p95 = 1.2 x p50.
reesim::Results weekly(double y2024, double y2025, double y2026) {
  reesim::Results results;
  results.add_quantiles(0.5);
  results.add_quantiles(0.95);
  const std::int64_t first = reesim::parse_iso_date("2024-01-01")->days();
  for (int week = 0; week < 157; ++week) {
    const reesim::Date date = reesim::Date::from_days(first + 7 * week);
    const double p50 = date.year == 2024 ? y2024 : (date.year == 2025 ? y2025 : y2026);
    reesim::SeriesPoint& p = *results.add_series();
    p.set_metric("price");
    p.set_date(date.iso());
    p.set_mean(p50);
    p.add_quantiles(p50);
    p.add_quantiles(1.2 * p50);
  }
  return results;
}

reesim::SeriesCheck no_shock() {
  reesim::SeriesCheck check;
  check.set_metric("price");
  check.set_base_from("2024-01-01");
  check.set_base_to("2024-12-31");
  check.set_from_year(2025);
  check.set_to_year(2026);
  check.set_min_ratio(0.67);
  check.set_max_ratio(1.5);
  check.set_peak_quantile(0.95);
  check.set_max_peak_ratio(2.5);
  check.set_base_min(45);
  check.set_base_max(65);
  return check;
}

}  // namespace

TEST_CASE("A series near its base level passes", "[experiment][series_checks]") {
  const auto out = evaluate_series_check(no_shock(), weekly(50, 60, 40));
  CHECK(out.pass);
  CHECK(out.failures.empty());
  CHECK(out.base_level == Approx(50));
  // 2026's 0.8 is nearer the band's edge (in log scale) than 2025's 1.2.
  CHECK(out.worst_year == 2026);
  CHECK(out.worst_year_ratio == Approx(0.8));
  CHECK(out.peak_ratio == Approx(1.44));
  CHECK(out.peak_date.substr(0, 4) == "2025");
}

TEST_CASE("The base level is the mean of the base period's weekly medians",
          "[experiment][series_checks]") {
  auto results = weekly(50, 60, 60);
  // 2024's first 26 weeks at 70 instead of 50 (of 53): their mean, where a median would say 50.
  int changed = 0;
  for (auto& p : *results.mutable_series())
    if (p.date() < "2024-07-01") {
      p.set_quantiles(0, 70);
      ++changed;
    }
  REQUIRE(changed == 26);
  const auto out = evaluate_series_check(no_shock(), results);
  CHECK(out.base_level == Approx((26 * 70 + 27 * 50) / 53.0));
  CHECK(out.pass);
}

TEST_CASE("A year whose median leaves the band fails", "[experiment][series_checks]") {
  const auto out = evaluate_series_check(no_shock(), weekly(50, 80, 55));
  CHECK_FALSE(out.pass);
  CHECK(out.worst_year == 2025);
  CHECK(out.worst_year_ratio == Approx(1.6));
  REQUIRE(out.failures.size() == 1);
  CHECK(out.failures[0] == "years outside [0.67, 1.5]: 2025 1.6");
}

TEST_CASE("A year's median is the median of its weeks, not their mean",
          "[experiment][series_checks]") {
  auto results = weekly(50, 60, 60);
  // A spike of 10 weeks at 5x in 2025 moves the mean but not the median; the p95 limit catches it.
  int spiked = 0;
  for (auto& p : *results.mutable_series())
    if (p.date() >= "2025-03-01" && spiked < 10) {
      p.set_quantiles(0, 250);
      p.set_quantiles(1, 260);
      ++spiked;
    }
  const auto out = evaluate_series_check(no_shock(), results);
  CHECK(out.worst_year_ratio == Approx(1.2));
  CHECK_FALSE(out.pass);
  REQUIRE(out.failures.size() == 1);
  CHECK(out.failures[0].rfind("p95 at or above 2.5 x base in 10 ticks, highest 5.2 on 2025-03-",
                              0) == 0);
}

TEST_CASE("One week's peak quantile above the limit fails", "[experiment][series_checks]") {
  auto results = weekly(50, 50, 50);
  for (auto& p : *results.mutable_series())
    if (p.date() == "2026-06-01") p.set_quantiles(1, 125);  // exactly 2.5 x: not below it
  const auto out = evaluate_series_check(no_shock(), results);
  CHECK_FALSE(out.pass);
  CHECK(out.peak_ratio == Approx(2.5));
  CHECK(out.peak_date == "2026-06-01");
  REQUIRE(out.failures.size() == 1);
  CHECK(out.failures[0] == "p95 at or above 2.5 x base in 1 ticks, highest 2.5 on 2026-06-01");
}

TEST_CASE("Peaks outside the checked years are not checked", "[experiment][series_checks]") {
  auto results = weekly(50, 50, 50);
  for (auto& p : *results.mutable_series())
    if (p.date() == "2024-06-03") p.set_quantiles(1, 500);
  CHECK(evaluate_series_check(no_shock(), results).pass);
}

TEST_CASE("A base level outside its band fails; without a band it is not checked",
          "[experiment][series_checks]") {
  auto check = no_shock();
  const auto results = weekly(80, 80, 80);
  const auto out = evaluate_series_check(check, results);
  CHECK_FALSE(out.pass);
  CHECK(out.base_level == Approx(80));
  CHECK(out.worst_year_ratio == Approx(1));
  REQUIRE(out.failures.size() == 1);
  CHECK(out.failures[0] == "base level 80 outside [45, 65]");
  check.clear_base_min();
  check.clear_base_max();
  CHECK(evaluate_series_check(check, results).pass);
  check.set_base_max(70);  // one-sided
  CHECK_FALSE(evaluate_series_check(check, results).pass);
}

TEST_CASE("A missing series fails, naming it", "[experiment][series_checks]") {
  auto check = no_shock();
  check.set_metric("cost");
  auto out = evaluate_series_check(check, weekly(50, 50, 50));
  CHECK_FALSE(out.pass);
  CHECK(std::isnan(out.base_level));
  REQUIRE(out.failures.size() == 1);
  CHECK(out.failures[0] == "no series cost in the results");
  check.set_metric("price");
  check.set_key("IN");
  out = evaluate_series_check(check, weekly(50, 50, 50));
  CHECK_FALSE(out.pass);
  CHECK(out.failures == std::vector<std::string>{"no series price[IN] in the results"});
}

TEST_CASE("A year or base period without values fails", "[experiment][series_checks]") {
  auto check = no_shock();
  check.set_to_year(2027);
  auto out = evaluate_series_check(check, weekly(50, 50, 50));
  CHECK_FALSE(out.pass);
  CHECK(out.failures == std::vector<std::string>{"2027 has no values"});

  auto results = weekly(50, 50, 50);
  for (auto& p : *results.mutable_series())
    if (p.date() < "2025") p.set_quantiles(0, NAN);  // no trade in 2024: NaN is skipped
  out = evaluate_series_check(no_shock(), results);
  CHECK_FALSE(out.pass);
  CHECK(out.failures ==
        std::vector<std::string>{"no values in the base period 2024-01-01 to 2024-12-31"});
}

TEST_CASE("Quantiles the run did not record fail the check", "[experiment][series_checks]") {
  auto check = no_shock();
  check.set_peak_quantile(0.99);
  auto out = evaluate_series_check(check, weekly(50, 50, 50));
  CHECK_FALSE(out.pass);
  CHECK(out.failures ==
        std::vector<std::string>{"the quantile 0.99 is not among the recorded quantiles"});
}
