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

namespace {

// Two years, weekly: a Chinese producer of oxides from capacity (a separator without feed) makes
// more Dy and less Tb than a US magnet maker's recipe needs (0.02 and 0.005 kg per kg of magnet at
// 1,020 t of magnets a year: Dy 20.4 t against 24 t made, Tb 5.1 t against 4 t), so Tb grows dear
// against Dy. US motor makers buy the magnets.
constexpr std::string_view kHeavyMix = R"txt(
  id: "heavy-mix"
  calendar { start: "2024-01-01" end: "2025-12-31" }
  commodities {
    id: "ndpr" name: "NdPr oxide" stage: STAGE_OXIDE unit: "kg"
    quantity_lot: 1 price_tick: 0.01 reference_price: 55
    content { key: "Nd" value: 0.75 } content { key: "Pr" value: 0.25 }
  }
  commodities {
    id: "dy" name: "Dy oxide" stage: STAGE_OXIDE unit: "kg"
    quantity_lot: 1 price_tick: 0.01 reference_price: 250 content { key: "Dy" value: 1 }
  }
  commodities {
    id: "tb" name: "Tb oxide" stage: STAGE_OXIDE unit: "kg"
    quantity_lot: 1 price_tick: 0.01 reference_price: 1000 content { key: "Tb" value: 1 }
  }
  commodities {
    id: "magnet" name: "NdFeB magnets" stage: STAGE_MAGNET unit: "kg"
    quantity_lot: 1 price_tick: 0.01 reference_price: 80
    content { key: "NdPr" value: 0.31 } content { key: "Dy" value: 0.02 }
    content { key: "Tb" value: 0.005 }
  }
  venues { id: "ndpr_global" commodity: "ndpr" jurisdiction: "global" }
  venues { id: "dy_global" commodity: "dy" jurisdiction: "global" }
  venues { id: "tb_global" commodity: "tb" jurisdiction: "global" }
  venues { id: "magnet_global" commodity: "magnet" jurisdiction: "global" }
  nations { id: "CN" } nations { id: "US" }
  model { params { name: "expected_growth_prior" value { fixed: 0 } } }
  agents {
    id: "cn_oxides" type: "separator" nation: "CN"
    venues: ["ndpr_global", "dy_global", "tb_global"]
    capacities { commodity: "ndpr" per_year { fixed: 400000 } utilisation: 0.95 }
    capacities { commodity: "dy" per_year { fixed: 25263 } utilisation: 0.95 }
    capacities { commodity: "tb" per_year { fixed: 4210 } utilisation: 0.95 }
    params { name: "unit_cost" value { fixed: 10 } }
    params { name: "supply_elasticity" value { fixed: 0 } }
    params { name: "outage_probability_per_year" value { fixed: 0 } }
  }
  agents {
    id: "us_maker" type: "magnet_maker" nation: "US"
    venues: ["ndpr_global", "dy_global", "tb_global", "magnet_global"]
    capacities { commodity: "magnet" per_year { fixed: 1200000 } utilisation: 0.85 }
    params { name: "ndpr_per_t" value { fixed: 0.31 } }
    params { name: "dy_per_t" value { fixed: 0.02 } }
    params { name: "tb_per_t" value { fixed: 0.005 } }
    params { name: "conversion_cost" value { fixed: 15 } }
    @swap@
  }
  agents {
    id: "us_motors" type: "magnet_buyer" nation: "US" sector: "ev" venues: ["magnet_global"]
    capacities { commodity: "magnet" per_year { fixed: 1000000 } }
    params { name: "demand_growth" value { fixed: 0 } }
  }
  metrics { id: "dy_per_kg" kind: METRIC_INPUT_INTENSITY commodity: "dy" nation: "US" series: true }
  metrics { id: "tb_per_kg" kind: METRIC_INPUT_INTENSITY commodity: "tb" nation: "US" series: true }
  metrics { id: "dy_price" kind: METRIC_PRICE venue: "dy_global" series: true }
  metrics { id: "tb_price" kind: METRIC_PRICE venue: "tb_global" series: true }
  metrics { id: "tb_at_bound" kind: METRIC_BID_AT_BOUND commodity: "tb" series: true }
  metrics { id: "any_at_bound" kind: METRIC_BID_AT_BOUND series: true }
)txt";

// The heavy-mix world with the maker's swap settings in place of its marker.
std::string heavy_mix(std::string_view swap) {
  std::string text(kHeavyMix);
  text.replace(text.find("@swap@"), 6, swap);
  return text;
}

}  // namespace

TEST_CASE("Tb dear against Dy makes a magnet maker use Dy in its place, and Tb's premium falls",
          "[sim][dynamics][direction]") {
  const std::string fixed_mix = heavy_mix("");
  const std::string swapping =
      heavy_mix(R"(params { name: "heavy_swap_max_share" value { fixed: 0.5 } }
                   params { name: "heavy_swap_price_ratio" value { fixed: 1.5 } }
                   params { name: "thrift_years" value { fixed: 0.5 } })");
  WorldRunner fixed({fixed_mix});
  WorldRunner swapped({swapping});
  // The mean over the last quarter's weeks with a value (no intensity in a week without output).
  auto last_quarter = [](WorldRunner& w, std::string_view metric) {
    const std::vector<double>& s = w.series(metric, 0);
    double sum = 0;
    int weeks = 0;
    for (std::size_t i = s.size() - 13; i < s.size(); ++i)
      if (!std::isnan(s[i])) {
        sum += s[i];
        ++weeks;
      }
    REQUIRE(weeks > 0);
    return sum / weeks;
  };
  const double tb_fixed = last_quarter(fixed, "tb_per_kg");
  const double tb_swapped = last_quarter(swapped, "tb_per_kg");
  const double dy_fixed = last_quarter(fixed, "dy_per_kg");
  const double dy_swapped = last_quarter(swapped, "dy_per_kg");
  const double ratio_fixed = last_quarter(fixed, "tb_price") / last_quarter(fixed, "dy_price");
  const double ratio_swapped =
      last_quarter(swapped, "tb_price") / last_quarter(swapped, "dy_price");
  INFO("Tb per kg " << tb_fixed << " -> " << tb_swapped << ", Dy per kg " << dy_fixed << " -> "
                    << dy_swapped << ", Tb over Dy price " << ratio_fixed << " -> "
                    << ratio_swapped);
  CHECK(tb_fixed == Approx(0.005));  // without the swap the recipe holds
  CHECK(ratio_fixed > 4 * 1.2);      // Tb has grown dear against Dy (4 at reference)
  CHECK(tb_swapped < 0.9 * tb_fixed);
  CHECK(dy_swapped > dy_fixed);
  CHECK(ratio_swapped < ratio_fixed);
}

TEST_CASE("The bid-at-bound metric counts the bidders a bound on price holds down",
          "[sim][dynamics][metrics]") {
  // Without the swap the maker is short of Tb for good and bids what Tb is worth to it, far above
  // 12 times its reference: its bound holds it there. With a bound of 1,000 times the reference
  // nothing holds it; the motor makers' bound (12, the default) never binds here.
  WorldRunner bounded({heavy_mix("")});
  WorldRunner loose(
      {heavy_mix(R"(params { name: "max_input_price_ratio" value { fixed: 1000 } })")});
  auto share = [](WorldRunner& w, std::string_view metric) {
    const std::vector<double>& s = w.series(metric, 0);
    return mean_of(s, s.size() - 26, s.size());
  };
  CHECK(share(bounded, "tb_at_bound") > 0.5);
  // One of the two bidders (maker, motor makers) held on some commodity: at most a half.
  CHECK(share(bounded, "any_at_bound") > 0.25);
  CHECK(share(bounded, "any_at_bound") <= 0.5);
  CHECK(share(loose, "tb_at_bound") == 0.0);
  CHECK(share(loose, "any_at_bound") == 0.0);
}

namespace {

// Six years, weekly: one mine's concentrate, bought directly by users whose demand grows 10 % a
// year (the oxides are listed for their reference prices, which weigh the elements in it). The mine
// sells at a price held under its normal level by a glut at the start (a stock of 26 weeks' use)
// and builds in two years. With `response` 0 it plans on price and sales alone.
std::string growing_ore(double response) {
  return R"txt(
  id: "growing-ore"
  calendar { start: "2024-01-01" end: "2029-12-31" }
  commodities {
    id: "conc" name: "Concentrate" stage: STAGE_CONCENTRATE unit: "kg"
    quantity_lot: 1 price_tick: 0.01 reference_price: 10
    content { key: "NdPr" value: 0.25 } content { key: "Dy" value: 0.05 }
  }
  commodities {
    id: "ndpr" name: "NdPr oxide" stage: STAGE_OXIDE unit: "kg"
    quantity_lot: 1 price_tick: 0.01 reference_price: 55 content { key: "NdPr" value: 1 }
  }
  commodities {
    id: "dy" name: "Dy oxide" stage: STAGE_OXIDE unit: "kg"
    quantity_lot: 1 price_tick: 0.01 reference_price: 250 content { key: "Dy" value: 1 }
  }
  venues { id: "conc_global" commodity: "conc" jurisdiction: "global" }
  nations { id: "MM" } nations { id: "CN" }
  model { params { name: "invest_content_response" value { fixed: )txt" +
         std::to_string(response) + R"txt( } } }
  agents {
    id: "mine" type: "miner" nation: "MM" venues: ["conc_global"]
    capacities { commodity: "conc" per_year { fixed: 1000000 } utilisation: 0.9 }
    inventory { commodity: "conc" quantity { fixed: 450000 } }
    params { name: "unit_cost" value { fixed: 4 } }
    params { name: "invest_price_ratio" value { fixed: 1.5 } }
    params { name: "build_years" value { fixed: 2 } }
    params { name: "outage_probability_per_year" value { fixed: 0 } }
  }
  agents {
    id: "users" type: "magnet_buyer" nation: "CN" sector: "industrial" venues: ["conc_global"]
    capacities { commodity: "conc" per_year { fixed: 900000 } }
    params { name: "demand_growth" value { fixed: 0.1 } }
  }
  metrics { id: "capacity" kind: METRIC_CAPACITY commodity: "conc" series: true }
  metrics { id: "price" kind: METRIC_PRICE venue: "conc_global" series: true }
)txt";
}

}  // namespace

TEST_CASE("A mine that looks through a cheap price to the content demand needs builds sooner",
          "[sim][dynamics][investment][direction]") {
  WorldRunner price_only({growing_ore(0.0)});
  WorldRunner foresight({growing_ore(1.0)});
  const std::vector<double> k0 = price_only.series("capacity", 0);
  const std::vector<double> k1 = foresight.series("capacity", 0);
  const std::vector<double> p0 = price_only.series("price", 0);
  const std::vector<double> p1 = foresight.series("price", 0);
  const std::size_t weeks = k0.size();
  for (std::size_t y = 1; y <= 5; ++y) {
    const std::size_t w = std::min(y * 52, weeks - 1);
    INFO("year " << y << ": capacity " << k0[w] << " against " << k1[w] << ", price "
                 << mean_of(p0, w - 52, w) << " against " << mean_of(p1, w - 52, w));
    CHECK(k1[w] >= k0[w]);
  }
  CHECK(k1.back() > 1.05 * k0.back());
  CHECK(mean_of(p1, weeks - 104, weeks) < mean_of(p0, weeks - 104, weeks));
}
