// Supply growth and the limits of bidding (DESIGN §3): magnet makers and separators invest while
// margins stay high, a bid covers the freight it must pay, and buyers and makers go short rather
// than bid beyond what they will pay. Each test runs the same trials of a small world with two
// settings of a parameter and checks the direction of its effect.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <string_view>

#include "tests/policies/world_runner.h"

using reesim::testing::WorldRunner;

namespace {

constexpr std::uint64_t kTrials = 4;

// Three years of a Chinese magnet industry whose buyers want half as much again as its plants
// can make; NdPr is plentiful. `maker` and `buyer` add the magnet maker's and the buyers'
// parameters.
std::string short_of_magnets(std::string_view maker, std::string_view buyer) {
  return R"txt(
    id: "magnet-growth"
    calendar { start: "2024-01-01" end: "2026-12-31" }
    commodities {
      id: "ndpr" name: "NdPr oxide" stage: STAGE_OXIDE unit: "kg"
      quantity_lot: 10 price_tick: 0.01 reference_price: 55
      content { key: "Nd" value: 0.75 } content { key: "Pr" value: 0.25 }
    }
    commodities {
      id: "magnet" name: "NdFeB magnets" stage: STAGE_MAGNET unit: "kg"
      quantity_lot: 10 price_tick: 0.01 reference_price: 40
      content { key: "NdPr" value: 0.31 }
    }
    venues { id: "ndpr_cn" commodity: "ndpr" jurisdiction: "CN" }
    venues { id: "magnet_cn" commodity: "magnet" jurisdiction: "CN" }
    nations { id: "CN" }
    agents {
      id: "cn_separators" type: "separator" nation: "CN"
      capacities { commodity: "ndpr" per_year { fixed: 2000000 } }
      venues: ["ndpr_cn"]
      params { name: "unit_cost" value { fixed: 30 } }
      params { name: "invest_price_ratio" value { fixed: 20 } }
      params { name: "outage_probability_per_year" value { fixed: 0 } }
    }
    agents {
      id: "cn_magnets" type: "magnet_maker" nation: "CN"
      capacities { commodity: "magnet" per_year { fixed: 1000000 } }
      venues: ["ndpr_cn", "magnet_cn"]
      params { name: "ndpr_per_t" value { fixed: 0.31 } }
      params { name: "dy_per_t" value { fixed: 0 } }
      params { name: "tb_per_t" value { fixed: 0 } }
      params { name: "conversion_cost" value { fixed: 10 } }
      params { name: "build_delay_sigma" value { fixed: 0 } }
      )txt" +
         std::string(maker) + R"txt(
    }
    agents {
      id: "cn_motors" type: "magnet_buyer" nation: "CN" sector: "ev"
      capacities { commodity: "magnet" per_year { fixed: 1500000 } }
      venues: ["magnet_cn"]
      params { name: "demand_growth" value { fixed: 0 } }
      params { name: "long_run_elasticity" value { fixed: 0 } }
      params { name: "short_run_elasticity" value { fixed: 0 } }
      )txt" +
         std::string(buyer) + R"txt(
    }
    metrics {
      id: "cn_magnet_output" kind: METRIC_OUTPUT nation: "CN" commodity: "magnet"
      scalars { id: "magnets_first_q" kind: SCALAR_MEAN to: "2024-04-01" }
      scalars { id: "magnets_last_q" kind: SCALAR_MEAN from: "2026-10-01" }
    }
    metrics {
      id: "cn_magnet_price" kind: METRIC_PRICE venue: "magnet_cn"
      scalars { id: "magnet_price_peak" kind: SCALAR_PEAK }
    }
    metrics {
      id: "cn_unmet" kind: METRIC_UNMET_DEMAND nation: "CN" commodity: "magnet"
      scalars { id: "unmet_kg" kind: SCALAR_CUMULATIVE }
    }
  )txt";
}

// Buyers who pay at most four times the reference keep the makers' margin (magnet price over
// inputs and conversion) below 20, the "never" trigger.
constexpr std::string_view kFourTimes = R"(params { name: "max_price_ratio" value { fixed: 4 } })";

TEST_CASE("Magnet makers add capacity after their build time while margins stay high",
          "[agents][investment]") {
  WorldRunner never({short_of_magnets(
      R"(params { name: "invest_price_ratio" value { fixed: 20 } })", kFourTimes)});
  WorldRunner invests(
      {short_of_magnets(R"(params { name: "invest_price_ratio" value { fixed: 1.2 } }
                                           params { name: "build_years" value { fixed: 1 } })",
                        kFourTimes)});
  const double held = never.mean_scalar("magnets_last_q", kTrials);
  // Without investment the plants stay at their capacity of 1,000 t a year.
  REQUIRE(held > 0);
  CHECK(held < 1.001 * 1000000 * 7 / 365.0);
  CHECK(invests.mean_scalar("magnets_first_q", kTrials) ==
        Approx(never.mean_scalar("magnets_first_q", kTrials)));
  // Builds of a tenth of capacity, started a year apart and ready after a year, add about a
  // fifth by the last quarter of the third year.
  CHECK(invests.mean_scalar("magnets_last_q", kTrials) > 1.15 * held);
  CHECK(invests.mean_scalar("unmet_kg", kTrials) < never.mean_scalar("unmet_kg", kTrials));
}

TEST_CASE("Buyers go short rather than bid beyond their willingness to pay",
          "[agents][investment]") {
  const std::string_view never_invests =
      R"(params { name: "invest_price_ratio" value { fixed: 20 } })";
  WorldRunner eager({short_of_magnets(never_invests, "")});
  WorldRunner frugal({short_of_magnets(
      never_invests, R"(params { name: "max_price_ratio" value { fixed: 2 } })")});
  // Short of magnets all along, buyers under the default cap (12 times the reference) bid the
  // price far above twice the reference. Capped at twice it, they trade at no more; the price
  // seen between trades (the middle of the best bid and ask) may sit a little above.
  REQUIRE(eager.mean_scalar("magnet_price_peak", kTrials) > 4 * 40);
  CHECK(frugal.mean_scalar("magnet_price_peak", kTrials) < 2.2 * 40);
  CHECK(frugal.mean_scalar("unmet_kg", kTrials) >= 0.99 * eager.mean_scalar("unmet_kg", kTrials));
}

// A light concentrate with `dy` of Dy content per unit, and the NdPr and Dy oxides made from it.
std::string concentrate_and_oxides(std::string_view dy) {
  return R"txt(
    commodities {
      id: "conc" name: "Light REE concentrate" stage: STAGE_CONCENTRATE unit: "kg"
      quantity_lot: 1 price_tick: 0.01 reference_price: 4
      content { key: "NdPr" value: 0.22 } content { key: "Dy" value: )txt" +
         std::string(dy) + R"txt( }
    }
    commodities {
      id: "ndpr" name: "NdPr oxide" stage: STAGE_OXIDE unit: "kg"
      quantity_lot: 1 price_tick: 0.01 reference_price: 55
      content { key: "Nd" value: 0.75 } content { key: "Pr" value: 0.25 }
    }
    commodities {
      id: "dy" name: "Dy oxide" stage: STAGE_OXIDE unit: "kg"
      quantity_lot: 1 price_tick: 0.01 reference_price: 260
      content { key: "Dy" value: 1 }
    }
  )txt";
}

// Chinese buyers of 1,000 t of NdPr and 5 t of Dy a year, flat, on the Chinese venues.
std::string chinese_oxide_buyers() {
  return R"txt(
    agents {
      id: "cn_ndpr_buyers" type: "magnet_buyer" nation: "CN" sector: "industrial"
      capacities { commodity: "ndpr" per_year { fixed: 1000000 } }
      venues: ["ndpr_cn"]
      params { name: "demand_growth" value { fixed: 0 } }
    }
    agents {
      id: "cn_dy_buyers" type: "magnet_buyer" nation: "CN" sector: "industrial"
      capacities { commodity: "dy" per_year { fixed: 5000 } }
      venues: ["dy_cn"]
      params { name: "demand_growth" value { fixed: 0 } }
    }
  )txt";
}

// A year of concentrate from an African mine, sold only on a seaborne market whose freight from
// Africa is a sixth of the price, and a Chinese separator that buys there and sells its oxides at
// home. `separator` adds the separator's parameters.
std::string seaborne_concentrate(std::string_view separator) {
  return R"txt(
    id: "concentrate-trade"
    calendar { start: "2024-01-01" end: "2025-12-31" }
  )txt" + concentrate_and_oxides("0.001") +
         R"txt(
    venues {
      id: "conc_global" commodity: "conc" jurisdiction: "global"
      freight { key: "AF" value: 0.6 }
    }
    venues { id: "ndpr_cn" commodity: "ndpr" jurisdiction: "CN" }
    venues { id: "dy_cn" commodity: "dy" jurisdiction: "CN" }
    nations { id: "CN" } nations { id: "AF" }
    agents {
      id: "af_mine" type: "miner" nation: "AF"
      capacities { commodity: "conc" per_year { fixed: 5000000 } utilisation: 0.95 }
      venues: ["conc_global"]
      params { name: "unit_cost" value { fixed: 1.8 } }
      params { name: "invest_price_ratio" value { fixed: 20 } }
      params { name: "outage_probability_per_year" value { fixed: 0 } }
    }
    agents {
      id: "cn_separator" type: "separator" nation: "CN"
      capacities { commodity: "ndpr" per_year { fixed: 500000 } utilisation: 0.95 }
      capacities { commodity: "dy" per_year { fixed: 2300 } utilisation: 0.95 }
      venues: ["conc_global", "ndpr_cn", "dy_cn"]
      params { name: "outage_probability_per_year" value { fixed: 0 } }
      params { name: "build_delay_sigma" value { fixed: 0 } }
      )txt" +
         std::string(separator) + R"txt(
    }
  )txt" + chinese_oxide_buyers() +
         R"txt(
    metrics {
      id: "af_exports" kind: METRIC_FLOW commodity: "conc" origin: "AF" nation: "CN"
      scalars { id: "af_to_cn_kg" kind: SCALAR_CUMULATIVE }
    }
    metrics {
      id: "af_output" kind: METRIC_OUTPUT commodity: "conc" nation: "AF"
      scalars { id: "af_output_kg" kind: SCALAR_CUMULATIVE }
    }
    metrics {
      id: "cn_ndpr" kind: METRIC_OUTPUT commodity: "ndpr" nation: "CN"
      scalars { id: "ndpr_first_q" kind: SCALAR_MEAN to: "2024-04-01" }
      scalars { id: "ndpr_last_q" kind: SCALAR_MEAN from: "2025-10-01" }
    }
  )txt";
}

TEST_CASE("A bid covers the freight it pays, so concentrate crosses the sea",
          "[agents][investment]") {
  WorldRunner trade({seaborne_concentrate(R"(params { name: "invest_price_ratio"
                                                      value { fixed: 20 } })")});
  const double mined = trade.mean_scalar("af_output_kg", kTrials);
  REQUIRE(mined > 0);
  // The separator's need (about 2,300 t a year at capacity) is met from Africa's 4,750 t.
  CHECK(trade.mean_scalar("af_to_cn_kg", kTrials) > 0.3 * mined);
}

TEST_CASE("A separator's builds enlarge all its oxides together, so its throughput grows",
          "[agents][investment]") {
  WorldRunner held({seaborne_concentrate(R"(params { name: "invest_price_ratio"
                                                     value { fixed: 20 } })")});
  WorldRunner grows({seaborne_concentrate(R"(params { name: "invest_price_ratio"
                                                      value { fixed: 1.5 } }
                                             params { name: "build_years" value { fixed: 0.5 } })")});
  const double base = held.mean_scalar("ndpr_last_q", kTrials);
  REQUIRE(base > 0);
  // Its Dy capacity binds as much as its NdPr capacity: only joint builds raise output. Two
  // builds of a tenth are on line by the last quarter of the second year.
  CHECK(grows.mean_scalar("ndpr_last_q", kTrials) > 1.15 * base);
}

}  // namespace

namespace {

// Two years of a Chinese separator whose concentrate is ten times as rich in Dy as usual, so that
// the NdPr its buyers want brings some ten times the Dy its buyers want. `separator` adds the
// separator's parameters.
std::string dy_glut(std::string_view separator) {
  return R"txt(
    id: "dy-glut"
    calendar { start: "2024-01-01" end: "2025-12-31" }
    # Quotes are not pulled toward the normal price: the glut shows how low the floor holds Dy.
    model { params { name: "price_anchor_rate" value { fixed: 0 } } }
  )txt" + concentrate_and_oxides("0.01") +
         R"txt(
    venues { id: "conc_cn" commodity: "conc" jurisdiction: "CN" }
    venues { id: "ndpr_cn" commodity: "ndpr" jurisdiction: "CN" }
    venues { id: "dy_cn" commodity: "dy" jurisdiction: "CN" }
    nations { id: "CN" }
    agents {
      id: "cn_mine" type: "miner" nation: "CN"
      capacities { commodity: "conc" per_year { fixed: 6000000 } utilisation: 0.95 }
      venues: ["conc_cn"]
      params { name: "unit_cost" value { fixed: 1.8 } }
      params { name: "invest_price_ratio" value { fixed: 20 } }
      params { name: "outage_probability_per_year" value { fixed: 0 } }
    }
    agents {
      id: "cn_separator" type: "separator" nation: "CN"
      capacities { commodity: "ndpr" per_year { fixed: 1500000 } utilisation: 0.95 }
      capacities { commodity: "dy" per_year { fixed: 100000 } utilisation: 0.95 }
      venues: ["conc_cn", "ndpr_cn", "dy_cn"]
      params { name: "outage_probability_per_year" value { fixed: 0 } }
      params { name: "invest_price_ratio" value { fixed: 20 } }
      )txt" +
         std::string(separator) + R"txt(
    }
  )txt" + chinese_oxide_buyers() +
         R"txt(
    metrics {
      id: "dy_price" kind: METRIC_PRICE venue: "dy_cn"
      scalars { id: "dy_trough" kind: SCALAR_TROUGH from: "2024-07-01" }
    }
  )txt";
}

}  // namespace

TEST_CASE("A separator sells a by-product no lower than its share of the cost",
          "[agents][separator]") {
  // With a cost of 7 USD per kg of feed, whose oxides are worth 0.9 x (0.22 x 55 + 0.01 x 260)
  // = 13.23 USD at reference prices (0.9: the default yield), Dy bears 260 x 7 / 13.23 = 137.6
  // USD/kg. Without a cost the glut drives Dy toward nothing.
  constexpr double kDyFloor = 260.0 * 7.0 / (0.9 * (0.22 * 55 + 0.01 * 260));
  WorldRunner costless({dy_glut("")});
  WorldRunner costed({dy_glut(R"txt(params { name: "unit_cost" value { fixed: 7 } })txt")});
  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    INFO("trial " << trial);
    const double free_trough = costless.scalar("dy_trough", trial);
    const double trough = costed.scalar("dy_trough", trial);
    CAPTURE(free_trough, trough, kDyFloor);
    CHECK(free_trough < 0.5 * kDyFloor);
    CHECK(trough >= kDyFloor - 0.01);
  }
}
