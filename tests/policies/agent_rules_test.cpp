// Agents' own rules (DESIGN §3): buyers' price elasticities, the mandates, mission budgets and
// uncertain builds of Indian PSUs, and recyclers. Each test runs the same trials of a small world
// with two settings of a parameter and checks the direction of its effect.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tests/policies/world_runner.h"
#include "tests/policies/worlds.h"

using reesim::testing::window_mean;
using reesim::testing::WorldRunner;
namespace worlds = reesim::testing::worlds;

namespace {

constexpr std::uint64_t kTrials = 4;

// China stops all NdPr exports from March: the seaborne price rises for the rest of the year.
constexpr std::string_view kExportBan = R"txt(
  policies {
    id: "cn_export_ban" type: "export_ban" enacted_by: "CN"
    origins: ["CN"] commodities: ["ndpr"]
    activation { date: "2024-03-04" }
  }
  metrics {
    id: "us_unmet_total" kind: METRIC_UNMET_DEMAND nation: "US" commodity: "ndpr"
    scalars { id: "us_unmet_kg" kind: SCALAR_CUMULATIVE }
  }
)txt";

// The oxide trade world with both elasticities of its US buyers set.
std::string oxide_trade_with_us_elasticities(double short_run, double long_run) {
  std::string world(worlds::kOxideTrade);
  const std::string buyer = R"(id: "us_magnets" type: "magnet_buyer" nation: "US")";
  const std::size_t at = world.find(buyer);
  REQUIRE(at != std::string::npos);
  world.insert(at + buyer.size(), " params { name: \"short_run_elasticity\" value { fixed: " +
                                      std::to_string(short_run) +
                                      " } } params { name: \"long_run_elasticity\" value { "
                                      "fixed: " +
                                      std::to_string(long_run) + " } }");
  return world;
}

// An Indian PSU making NdPr (no feed needed: it has no concentrate venue), selling at home and
// on the seaborne market, and an Indian buyer at home; `extra` adds PSU parameters.
std::string indian_psu(std::string_view extra) {
  return R"txt(
    venues { id: "ndpr_in" commodity: "ndpr" jurisdiction: "IN" }
    agents {
      id: "in_psu" type: "psu" nation: "IN"
      capacities { commodity: "ndpr" per_year { fixed: 200000 } utilisation: 0.9 }
      venues: ["ndpr_in", "ndpr_global"]
      )txt" +
         std::string(extra) + R"txt(
    }
    agents {
      id: "in_buyers" type: "magnet_buyer" nation: "IN" sector: "industrial"
      capacities { commodity: "ndpr" per_year { fixed: 50000 } }
      venues: ["ndpr_in", "ndpr_global"]
      params { name: "demand_growth" value { fixed: 0 } }
    }
    metrics {
      id: "in_output" kind: METRIC_OUTPUT nation: "IN" commodity: "ndpr" series: true
      scalars { id: "in_output_first_q" kind: SCALAR_MEAN to: "2024-04-01" }
      scalars { id: "in_output_last_q" kind: SCALAR_MEAN from: "2024-10-01" }
    }
    metrics {
      id: "in_exports" kind: METRIC_FLOW commodity: "ndpr" origin: "IN"
      scalars { id: "in_exports_kg" kind: SCALAR_CUMULATIVE }
    }
    metrics {
      id: "in_spending" kind: METRIC_SPENDING nation: "IN"
      scalars { id: "in_spending_usd" kind: SCALAR_CUMULATIVE }
    }
  )txt";
}

// A US recycler recovering NdPr from the magnets US motor makers use, in the magnet trade world.
std::string us_recycler(double growth_per_year) {
  return R"txt(
    agents {
      id: "us_recycler" type: "recycler" nation: "US"
      capacities { commodity: "ndpr" per_year { fixed: 100000 } }
      venues: ["ndpr_global"]
      params { name: "recovery_rate" value { fixed: 0.02 } }
      params { name: "growth_per_year" value { fixed: )txt" +
         std::to_string(growth_per_year) + R"txt( } }
    }
    metrics {
      id: "us_recycled" kind: METRIC_OUTPUT nation: "US" commodity: "ndpr"
      scalars { id: "us_recycled_first_q" kind: SCALAR_MEAN to: "2024-04-01" }
      scalars { id: "us_recycled_last_q" kind: SCALAR_MEAN from: "2024-10-01" }
    }
  )txt";
}

}  // namespace

TEST_CASE("Price-elastic buyers cut demand when a ban raises the price, and go short less",
          "[agents][elasticity]") {
  const std::string rigid = oxide_trade_with_us_elasticities(0.0, 0.0);
  const std::string elastic = oxide_trade_with_us_elasticities(-0.3, -0.8);
  WorldRunner fixed_demand({rigid, kExportBan});
  WorldRunner price_elastic({elastic, kExportBan});
  const double rigid_unmet = fixed_demand.mean_scalar("us_unmet_kg", kTrials);
  const double elastic_unmet = price_elastic.mean_scalar("us_unmet_kg", kTrials);
  INFO("unmet: rigid " << rigid_unmet << " kg, elastic " << elastic_unmet << " kg");
  REQUIRE(rigid_unmet > 0);
  CHECK(elastic_unmet < 0.8 * rigid_unmet);
}

TEST_CASE("A PSU's mandate keeps it producing at its target utilisation below its cash cost",
          "[agents][psu]") {
  // Paid less than its cost of 200 USD/kg, a producer halves its utilisation of 0.9; the mandate
  // holds it at 0.8.
  constexpr std::string_view kDear = R"(params { name: "unit_cost" value { fixed: 200 } })";
  WorldRunner unmandated({worlds::kOxideTrade, indian_psu(std::string(kDear) + R"(
    params { name: "utilisation_target" value { fixed: 0 } })")});
  WorldRunner mandated({worlds::kOxideTrade, indian_psu(std::string(kDear) + R"(
    params { name: "utilisation_target" value { fixed: 0.8 } })")});
  const double weekly_capacity = 200000.0 * 7 / 365;
  for (std::uint64_t t = 0; t < kTrials; ++t) {
    const std::vector<double>& held = mandated.series("in_output", t);
    const std::vector<double>& free = unmandated.series("in_output", t);
    for (std::size_t week = 0; week < held.size(); ++week) {
      INFO("trial " << t << ", week " << week);
      CHECK(held[week] >= 0.8 * weekly_capacity * (1 - 1e-9));
      CHECK(free[week] == Approx(0.45 * weekly_capacity));
    }
  }
}

TEST_CASE("A PSU's home-first mandate keeps its output at home", "[agents][psu]") {
  WorldRunner open({worlds::kOxideTrade, indian_psu(R"(params { name: "home_first_share"
                                                             value { fixed: 0 } })")});
  WorldRunner home_first({worlds::kOxideTrade, indian_psu(R"(params { name: "home_first_share"
                                                                   value { fixed: 1 } })")});
  const double open_exports = open.mean_scalar("in_exports_kg", kTrials);
  INFO("exports without the mandate: " << open_exports << " kg");
  REQUIRE(open_exports > 10000);
  CHECK(home_first.mean_scalar("in_exports_kg", kTrials) < 0.05 * open_exports);
}

TEST_CASE("A PSU's mission budget builds capacity after the build delay, if the project succeeds",
          "[agents][psu]") {
  // USD 20 M at USD 100 per kg/yr builds 200 t/yr, ready in 26 weeks (no spread).
  constexpr std::string_view kMission = R"(
    params { name: "mission_budget_usd" value { fixed: 20000000 } }
    params { name: "capex_usd_per_unit_year" value { fixed: 100 } }
    params { name: "build_years" value { fixed: 0.5 } }
    params { name: "build_delay_sigma" value { fixed: 0 } }
    params { name: "utilisation_target" value { fixed: 0.9 } })";
  WorldRunner none({worlds::kOxideTrade, indian_psu(R"(params { name: "utilisation_target"
                                                             value { fixed: 0.9 } })")});
  WorldRunner succeeds({worlds::kOxideTrade, indian_psu(std::string(kMission) + R"(
    params { name: "success_probability" value { fixed: 1 } })")});
  WorldRunner fails({worlds::kOxideTrade, indian_psu(std::string(kMission) + R"(
    params { name: "success_probability" value { fixed: 0 } })")});

  const double base = none.mean_scalar("in_output_last_q", kTrials);
  CHECK(none.mean_scalar("in_spending_usd", kTrials) == 0);
  // Output doubles once the project is ready, and not before.
  CHECK(succeeds.mean_scalar("in_output_first_q", kTrials) == Approx(base));
  CHECK(succeeds.mean_scalar("in_output_last_q", kTrials) == Approx(2 * base));
  const std::vector<double>& weekly = succeeds.series("in_output", 0);
  CHECK(weekly[24] == Approx(base));
  CHECK(weekly[28] == Approx(2 * base));
  // A failed project spends the money and builds nothing.
  CHECK(fails.mean_scalar("in_output_last_q", kTrials) == Approx(base));
  CHECK(succeeds.mean_scalar("in_spending_usd", kTrials) == Approx(20e6));
  CHECK(fails.mean_scalar("in_spending_usd", kTrials) == Approx(20e6));
}

TEST_CASE("A recycler recovers more of its nation's end-of-life magnets as collection grows",
          "[agents][recycler]") {
  WorldRunner flat({worlds::kMagnetTrade, us_recycler(0.0)});
  WorldRunner growing({worlds::kMagnetTrade, us_recycler(1.0)});
  const double flat_first = flat.mean_scalar("us_recycled_first_q", kTrials);
  const double flat_last = flat.mean_scalar("us_recycled_last_q", kTrials);
  INFO("recycled per week, flat: " << flat_first << " then " << flat_last);
  // 2 % of the NdPr in the ~15 t of magnets US motor makers use a week (0.31 NdPr), about 95 kg.
  CHECK(flat_first > 50);
  CHECK(flat_first < 100);
  // Growing collection at about 100 %/yr (more while the oxide is dearer than its reference)
  // recovers well over half as much again by the last quarter.
  const double growing_last = growing.mean_scalar("us_recycled_last_q", kTrials);
  INFO("recycled per week in the last quarter with growth: " << growing_last);
  CHECK(growing_last > 1.5 * flat_last);
}

TEST_CASE("A recycling mandate raises recovery to its target along its ramp",
          "[policies][recycling_mandate]") {
  // The EU-style target of 25 %, reached over half a year from March; collection alone would not
  // grow at all.
  constexpr std::string_view kMandate = R"txt(
    policies {
      id: "us_recycling" type: "recycling_mandate" enacted_by: "US"
      activation { date: "2024-03-04" }
      params { name: "share_target" value { fixed: 0.25 } }
      params { name: "ramp_years" value { fixed: 0.5 } }
    }
  )txt";
  WorldRunner voluntary({worlds::kMagnetTrade, us_recycler(0.0)});
  WorldRunner mandated({worlds::kMagnetTrade, us_recycler(0.0), kMandate});
  const double before = voluntary.mean_scalar("us_recycled_last_q", kTrials);
  const double after = mandated.mean_scalar("us_recycled_last_q", kTrials);
  INFO("recycled per week in the last quarter: voluntary " << before << ", mandated " << after);
  // 25 % against 2 % of about the same end-of-life flow: over ten times as much.
  CHECK(after > 10 * before);
  CHECK(mandated.mean_scalar("us_recycled_first_q", kTrials) < 3 * before);
}

TEST_CASE("An alliance's home preference sends a member's sales to allies' home markets first",
          "[policies][alliance_terms]") {
  // Australia and the US are allies; Australia's separator may sell on the seaborne market or on
  // a US home market where only US buyers bid.
  constexpr std::string_view kUsMarket = R"txt(
    venues { id: "ndpr_us" commodity: "ndpr" jurisdiction: "US" }
    alliances { id: "msp" members: ["AU", "US"] }
    agents {
      id: "us_defence" type: "magnet_buyer" nation: "US" sector: "defence"
      capacities { commodity: "ndpr" per_year { fixed: 400000 } }
      venues: ["ndpr_us", "ndpr_global"]
      params { name: "demand_growth" value { fixed: 0 } }
    }
    agents {
      id: "au_separator_2" type: "separator" nation: "AU"
      capacities { commodity: "ndpr" per_year { fixed: 300000 } }
      venues: ["ndpr_us", "ndpr_global"]
    }
    metrics {
      id: "us_market" kind: METRIC_VOLUME venue: "ndpr_us"
      scalars { id: "us_market_kg" kind: SCALAR_CUMULATIVE }
    }
  )txt";
  constexpr std::string_view kPreference = R"txt(
    policies {
      id: "msp_terms" type: "alliance_terms" enacted_by: "US"
      params { name: "home_preference" value { fixed: 0.9 } }
    }
  )txt";
  constexpr std::string_view kNoPreference = R"txt(
    policies { id: "msp_terms" type: "alliance_terms" enacted_by: "US" }
  )txt";
  WorldRunner open({worlds::kOxideTrade, kUsMarket, kNoPreference});
  WorldRunner preferred({worlds::kOxideTrade, kUsMarket, kPreference});
  // Only Australia sells on the US market, so its volume is what Australia sells there.
  const double open_flow = open.mean_scalar("us_market_kg", kTrials);
  const double preferred_flow = preferred.mean_scalar("us_market_kg", kTrials);
  INFO("traded on the US market: " << open_flow << " kg open, " << preferred_flow
                                   << " kg with the preference");
  CHECK(preferred_flow > 1.3 * open_flow);
}
