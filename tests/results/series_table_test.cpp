#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "results/series_table.h"

using reesim::results::SeriesAccumulator;

namespace {

const std::vector<std::string> kDates = {"2027-01-04", "2027-01-11", "2027-01-18"};

// Two series: the NdPr price, and India's import dependence on China.
SeriesAccumulator price_and_dependence() {
  return SeriesAccumulator({"price_ndpr", "import_dependence|IN"}, kDates);
}

// Trial t: the price is 100 + 10 t + tick, the dependence 0.9 - 0.1 t.
std::vector<std::vector<double>> trial_values(int t) {
  return {{100.0 + 10 * t, 101.0 + 10 * t, 102.0 + 10 * t}, {0.9 - 0.1 * t, 0.9 - 0.1 * t, 0.9}};
}

}  // namespace

TEST_CASE("Series points give the mean and quantiles of each series at each tick",
          "[results][series]") {
  auto accumulator = price_and_dependence();
  for (int t = 0; t < 5; ++t)
    accumulator.add_trial(trial_values(t));
  const auto points = accumulator.points({0.05, 0.5, 0.95});
  REQUIRE(points.size() == 6);

  const auto& first = points[0];
  CHECK(first.metric() == "price_ndpr");
  CHECK(first.key().empty());
  CHECK(first.date() == "2027-01-04");
  CHECK(first.mean() == Approx(120.0));  // 100, 110, ..., 140
  REQUIRE(first.quantiles_size() == 3);
  CHECK(first.quantiles(0) == 100.0);  // rank 0: the exact minimum
  CHECK(first.quantiles(1) == Approx(120.0).epsilon(0.005));
  CHECK(first.quantiles(2) == Approx(130.0).epsilon(0.005));  // rank floor(0.95 * 4) = 3

  const auto& dependence = points[4];
  CHECK(dependence.metric() == "import_dependence");
  CHECK(dependence.key() == "IN");
  CHECK(dependence.date() == "2027-01-11");
  CHECK(dependence.mean() == Approx(0.7));
}

TEST_CASE("Accumulators filled by two workers and merged equal one filled with every trial",
          "[results][series]") {
  auto whole = price_and_dependence();
  auto even = price_and_dependence();
  auto odd = price_and_dependence();
  for (int t = 0; t < 9; ++t) {
    whole.add_trial(trial_values(t));
    (t % 2 == 0 ? even : odd).add_trial(trial_values(t));
  }
  odd.merge(even);
  CHECK(odd.trials() == 9);
  const std::vector<double> levels = {0.05, 0.25, 0.5, 0.75, 0.95};
  const auto merged = odd.points(levels);
  const auto expected = whole.points(levels);
  REQUIRE(merged.size() == expected.size());
  for (std::size_t i = 0; i < merged.size(); ++i) {
    CHECK(merged[i].SerializeAsString() == expected[i].SerializeAsString());
  }
}

TEST_CASE("A tick without values (NaN) has NaN statistics", "[results][series]") {
  SeriesAccumulator accumulator({"vwap|india"}, {"2027-01-04"});
  accumulator.add_trial({{std::numeric_limits<double>::quiet_NaN()}});
  const auto points = accumulator.points({0.5});
  CHECK(std::isnan(points[0].mean()));
  CHECK(std::isnan(points[0].quantiles(0)));
  CHECK(accumulator.sketch(0, 0).nan_count() == 1);
}

TEST_CASE("A trial of the wrong shape is refused", "[results][series]") {
  auto accumulator = price_and_dependence();
  CHECK_THROWS_AS(accumulator.add_trial({{1, 2, 3}}), std::invalid_argument);
  CHECK_THROWS_WITH(accumulator.add_trial({{1, 2, 3}, {1, 2}}),
                    Catch::Contains("import_dependence|IN"));
}

TEST_CASE("Repeated series and mismatched merges are refused", "[results][series]") {
  CHECK_THROWS_AS(SeriesAccumulator({"a", "a"}, kDates), std::invalid_argument);
  auto accumulator = price_and_dependence();
  CHECK_THROWS_AS(accumulator.merge(SeriesAccumulator({"price_ndpr"}, kDates)),
                  std::invalid_argument);
}

TEST_CASE("One trial's series become one kept row per series, named as in series.csv",
          "[results][series]") {
  const auto rows =
      reesim::results::trial_series_rows(2, 7, {"price", "imports|IN"}, {{1.5, 2.5}, {0.25, 0.5}});
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].point() == 2);
  CHECK(rows[0].trial() == 7);
  CHECK(rows[0].metric() == "price");
  CHECK(rows[0].key().empty());
  CHECK(rows[1].metric() == "imports");
  CHECK(rows[1].key() == "IN");
  CHECK(std::vector<double>(rows[1].values().begin(), rows[1].values().end()) ==
        std::vector<double>{0.25, 0.5});
  CHECK_THROWS_AS(reesim::results::trial_series_rows(0, 0, {"price"}, {}), std::invalid_argument);
}
