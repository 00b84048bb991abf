// Dynamics of a market without shocks (docs/model.md §7.5, §7.6): a world at reference prices with
// supply and demand in balance stays there, and after a one-off disturbance (four weeks without
// output) prices come back. The pull toward the normal price (price_anchor_rate) is what brings
// them back; without it a lasting gap compounds.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "tests/policies/world_runner.h"

using reesim::testing::WorldRunner;

namespace {

// Three years, weekly: a Chinese producer of NdPr oxide (a separator without feed, which produces
// from capacity) makes 1,000 t a year at its usual utilisation; buyers in China and the US use
// 1,000 t a year between them. Nobody's demand grows, and producers expect none.
constexpr std::string_view kBalanced = R"txt(
  id: "balanced"
  calendar { start: "2024-01-01" end: "2026-12-31" }
  commodities {
    id: "ndpr" name: "NdPr oxide" stage: STAGE_OXIDE unit: "kg"
    quantity_lot: 1 price_tick: 0.01 reference_price: 55
    content { key: "Nd" value: 0.75 } content { key: "Pr" value: 0.25 }
  }
  venues { id: "ndpr_cn" commodity: "ndpr" jurisdiction: "CN" }
  venues { id: "ndpr_global" commodity: "ndpr" jurisdiction: "global" }
  nations { id: "CN" } nations { id: "US" }
  model { params { name: "expected_growth_prior" value { fixed: 0 } } }
  agents {
    id: "cn_separator" type: "separator" nation: "CN" venues: ["ndpr_cn", "ndpr_global"]
    capacities { commodity: "ndpr" per_year { fixed: 1111111 } utilisation: 0.9 }
    params { name: "unit_cost" value { fixed: 30 } }
    params { name: "outage_probability_per_year" value { fixed: 0 } }
  }
  agents {
    id: "cn_buyers" type: "magnet_buyer" nation: "CN" sector: "industrial" venues: ["ndpr_cn"]
    capacities { commodity: "ndpr" per_year { fixed: 600000 } }
    params { name: "demand_growth" value { fixed: 0 } }
  }
  agents {
    id: "us_buyers" type: "magnet_buyer" nation: "US" sector: "industrial" venues: ["ndpr_global"]
    capacities { commodity: "ndpr" per_year { fixed: 400000 } }
    params { name: "demand_growth" value { fixed: 0 } }
  }
  metrics { id: "price" kind: METRIC_PRICE venue: "ndpr_global" series: true }
)txt";

// Four weeks without output from March: a production quota of nothing.
constexpr std::string_view kOutage = R"txt(
  policies {
    id: "outage" type: "production_quota" enacted_by: "CN" commodities: ["ndpr"]
    activation { date: "2024-03-04" until: "2024-03-31" }
    params { name: "units_per_year" value { fixed: 0 } }
  }
)txt";

std::string anchor(double rate) {
  return "model { params { name: \"price_anchor_rate\" value { fixed: " + std::to_string(rate) +
         " } } }";
}

// The price series of trial 0 over the reference price.
std::vector<double> price_ratios(WorldRunner& world) {
  std::vector<double> ratios = world.series("price", 0);
  for (double& r : ratios)
    r /= 55.0;
  return ratios;
}

double mean_of(const std::vector<double>& v, std::size_t from, std::size_t to) {
  double sum = 0;
  for (std::size_t i = from; i < to; ++i)
    sum += v[i];
  return sum / static_cast<double>(to - from);
}

}  // namespace

TEST_CASE("A balanced world at reference prices stays there", "[sim][dynamics]") {
  const std::string pull = anchor(0.02);
  WorldRunner world({kBalanced, pull});
  const std::vector<double> ratios = price_ratios(world);
  REQUIRE(ratios.size() > 100);
  const auto [low, high] = std::minmax_element(ratios.begin(), ratios.end());
  INFO("lowest " << *low << ", highest " << *high);
  CHECK(*low > 0.9);
  CHECK(*high < 1.1);
}

TEST_CASE("After four weeks without output, prices rise and come back", "[sim][dynamics]") {
  WorldRunner world({kBalanced, kOutage});  // the pull at its default
  const std::vector<double> ratios = price_ratios(world);
  const auto outage = static_cast<std::size_t>(world.tick_of("2024-03-04"));
  const auto third_year = static_cast<std::size_t>(world.tick_of("2026-01-05"));
  const double peak = *std::max_element(ratios.begin() + outage, ratios.begin() + outage + 52);
  double away = 0;  // mean distance from the reference in the third year
  for (std::size_t i = third_year; i < ratios.size(); ++i)
    away += std::abs(ratios[i] - 1.0) / static_cast<double>(ratios.size() - third_year);
  const double last = mean_of(ratios, ratios.size() - 13, ratios.size());
  INFO("peak " << peak << ", third year's mean distance " << away << ", last quarter " << last);
  CHECK(peak > 1.1);                  // the disturbance moves prices
  CHECK(away < (peak - 1.0) / 3);     // the swing dies down
  CHECK(std::abs(last - 1.0) < 0.1);  // and prices end near the reference
}

TEST_CASE("A stronger pull toward the normal price brings prices back sooner",
          "[sim][dynamics][direction]") {
  const std::string weak = anchor(0.0);
  const std::string strong = anchor(0.05);
  WorldRunner without({kBalanced, kOutage, weak});
  WorldRunner with({kBalanced, kOutage, strong});
  const std::vector<double> free = price_ratios(without);
  const std::vector<double> pulled = price_ratios(with);
  const std::size_t from = static_cast<std::size_t>(with.tick_of("2024-09-02"));
  double free_gap = 0;
  double pulled_gap = 0;
  for (std::size_t i = from; i < free.size(); ++i) {
    free_gap += std::abs(free[i] - 1.0);
    pulled_gap += std::abs(pulled[i] - 1.0);
  }
  INFO("mean distance from the reference without the pull "
       << free_gap / (free.size() - from) << ", with it " << pulled_gap / (free.size() - from));
  CHECK(pulled_gap < free_gap);
}

TEST_CASE("The capacity metric counts producers' capacity by nation, not buyers' demand",
          "[sim][metrics]") {
  constexpr std::string_view kCapacityMetrics = R"txt(
    metrics { id: "cn" kind: METRIC_CAPACITY commodity: "ndpr" nation: "CN" series: true }
    metrics { id: "all" kind: METRIC_CAPACITY commodity: "ndpr" series: true }
    metrics { id: "ex_cn" kind: METRIC_CAPACITY commodity: "ndpr" origin: "CN" series: true }
  )txt";
  WorldRunner world({kBalanced, kCapacityMetrics});
  CHECK(world.series("cn", 0).front() == Approx(1111111));
  CHECK(world.series("all", 0).front() == Approx(1111111));  // the buyers' 1,000 t/yr is demand
  CHECK(world.series("ex_cn", 0).front() == 0.0);
}
