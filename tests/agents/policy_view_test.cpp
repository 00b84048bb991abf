// How producers read the policy view (docs/model.md §7.4-§7.6): a price floor lets a producer
// sell at any price and plan on the floor; an incentive lowers its ask floor and raises the price
// it plans on; awards become builds that come on line at their tick; capital support lowers the
// investment trigger; a technology export ban slows builds; alliance terms send a share of its
// offers to co-members' venues first. Mostly on the bench miner: 520,000 kg/yr of concentrate
// (reference 4 USD/kg) at utilisation 0.5, cash cost 2 USD/kg, elasticity 0.5, investing at a
// margin of 1.5 with builds of 2 years.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "tests/agents/agent_bench.h"

using reesim::agents::Agent;
using reesim::agents::Miner;
using reesim::market::Side;
using reesim::testing::bench::Bench;
using reesim::testing::bench::orders_of;

namespace {

constexpr double kCapacity = 520000;  // kg/yr
constexpr double kUtilisation = 0.5;
constexpr double kElasticity = 0.5;

// The cheapest ask of the miner's supply curve holding twice its target cover: after its first
// quarter it keeps 7.875 weeks, nearly a full gap long (market x (1 - 0.05 x 0.96875)).
double long_miner_ask(Bench& bench) {
  Agent miner = bench.agent("us_miner");
  miner.inventory[bench.commodity("conc")] = 9 * bench.per_tick(kCapacity * kUtilisation);
  const auto asks = orders_of(bench.decide("us_miner", miner), Side::kSell);
  REQUIRE(asks.size() == 4);
  return asks[0].price_usd;
}

// What the miner makes in a tick.
double miner_output(Bench& bench) {
  Agent miner = bench.agent("us_miner");
  return bench.produce("us_miner", miner)[bench.commodity("conc")];
}

}  // namespace

TEST_CASE("Under a price floor a producer sells at any price, below its cash cost too",
          "[agents][policy_view]") {
  // Concentrate at 1 USD/kg against a cost of 2: without the floor it asks its cost; under a
  // floor of 5 it asks the market less nearly its full step for its first quarter.
  Bench bench;
  const auto conc = bench.commodity("conc");
  bench.set_price("conc", 1.0);
  CHECK(long_miner_ask(bench) == Approx(2.0));
  bench.effects.floor_usd[conc] = 5.0;
  CHECK(long_miner_ask(bench) == Approx(1 - 0.05 * 0.96875));
}

TEST_CASE("Under a price floor a producer runs as if paid the floor", "[agents][policy_view]") {
  // Market at 1 USD/kg, floor at 12 (three times the reference): u = 0.5 * 3^0.5.
  Bench bench;
  bench.set_price("conc", 1.0);
  bench.effects.floor_usd[bench.commodity("conc")] = 12.0;
  CHECK(miner_output(bench) ==
        Approx(bench.per_tick(kCapacity) * kUtilisation * std::pow(3.0, kElasticity)));
}

TEST_CASE("A production incentive lowers a producer's ask floor by the subsidy",
          "[agents][policy_view]") {
  // Cost 2 less 0.5 of subsidy: a long miner asks 1.5 where the market (1) would have it ask 0.95.
  Bench bench;
  bench.set_price("conc", 1.0);
  bench.effects.incentive_usd[bench.commodity("conc")] = 0.5;
  CHECK(long_miner_ask(bench) == Approx(1.5));
}

TEST_CASE("A production incentive raises the price a producer plans its output on",
          "[agents][policy_view]") {
  // 4 USD/kg of market and 2 of subsidy: u = 0.5 * (6/4)^0.5.
  Bench bench;
  bench.effects.incentive_usd[bench.commodity("conc")] = 2.0;
  CHECK(miner_output(bench) ==
        Approx(bench.per_tick(kCapacity) * kUtilisation * std::pow(1.5, kElasticity)));
}

TEST_CASE("A production incentive lowers each of a separator's oxide floors by the subsidy",
          "[agents][policy_view]") {
  // NdPr's share of the separator's cost is 8 x 50 / 11.7 = 34.19 USD/kg; with 10 of subsidy it
  // asks 24.19 in a slump at 20.
  Bench bench;
  bench.set_price("ndpr", 20);
  bench.effects.incentive_usd[bench.commodity("ndpr")] = 10;
  const Agent separator = bench.agent("cn_separator");
  const auto asks =
      orders_of(bench.decide("cn_separator", separator), Side::kSell, bench.venue("ndpr_global"));
  REQUIRE(asks.size() == 4);
  for (const auto& ask : asks)
    CHECK(ask.price_usd == Approx(8.0 * 50 / 11.7 - 10));
}

TEST_CASE("A production incentive lowers a magnet maker's ask floor by the subsidy",
          "[agents][policy_view]") {
  // Magnets at 25 USD/kg; inputs (21) and conversion (10) less 5 of subsidy: 26.
  Bench bench;
  bench.set_price("magnet", 25);
  bench.effects.incentive_usd[bench.commodity("magnet")] = 5;
  Agent maker = bench.agent("in_maker");
  maker.inventory[bench.commodity("magnet")] = 5 * bench.per_tick(100000 * 0.8);
  const auto asks = orders_of(bench.decide("in_maker", maker), Side::kSell);
  // Its curve's tranches ask 25 x (1 + 0.05 x gap) for the cover each keeps, at least 26: only
  // the last, keeping 0.625 weeks, asks more (26.05).
  REQUIRE(asks.size() == 4);
  const double kept[4] = {4.375, 3.125, 1.875, 0.625};
  for (int i = 0; i < 4; ++i)
    CHECK(asks[i].price_usd ==
          Approx(std::max(26.0, 25 * (1 + bench.model.price_step * (4 - kept[i]) / 4))));
  CHECK(asks[0].price_usd == Approx(26));
  CHECK(asks[3].price_usd > 26);
}

TEST_CASE("A capacity award becomes a build that comes on line at its ready tick",
          "[agents][policy_view]") {
  // 26,000 kg/yr awarded at tick 3, ready at tick 10; it produces from that tick.
  Bench bench;
  Agent miner = bench.agent("us_miner");
  const auto conc = bench.commodity("conc");
  bench.snapshot.tick = 3;
  bench.effects.awards = {{conc, 26000, 10}};
  bench.produce("us_miner", miner);
  REQUIRE(miner.builds.size() == 1);
  CHECK(miner.builds[0].per_year == 26000);
  CHECK(miner.builds[0].ready == 10);
  CHECK(miner.capacity[conc] == kCapacity);
  bench.effects.awards.clear();  // an award is in the view only at the tick it is made
  bench.snapshot.tick = 9;
  bench.produce("us_miner", miner);
  CHECK(miner.capacity[conc] == kCapacity);
  bench.snapshot.tick = 10;
  const auto made = bench.produce("us_miner", miner);
  CHECK(miner.capacity[conc] == kCapacity + 26000);
  CHECK(miner.builds.empty());
  CHECK(made[conc] == Approx(bench.per_tick(kCapacity + 26000) * kUtilisation));
}

TEST_CASE("Capital support lowers a producer's investment trigger by the state's share",
          "[agents][policy_view]") {
  // A margin held at 1.3 is under the miner's trigger of 1.5 but over 1 + 0.5 x 0.5 = 1.25 with
  // half the capital paid; the supported build takes the scheme's year (52 ticks). Both expect
  // demand to grow 8 %/yr and have sold their usual output.
  Bench bench;
  bench.set_price("conc", 2.6);  // 1.3 times its cost
  bench.snapshot.tick = 26;      // a quarterly review
  bench.snapshot.demand_growth = 0.08;
  const double usual = bench.per_tick(kCapacity) * kUtilisation;
  auto with_history = [&](Agent miner) {
    std::get<Miner>(miner.kind).supply.price_ratio_memory = 1.3;
    std::get<Miner>(miner.kind).supply.sales_fast = usual;
    miner.sold_units = usual;
    return miner;
  };
  Agent unsupported = with_history(bench.agent("us_miner"));
  bench.produce("us_miner", unsupported);
  CHECK(unsupported.builds.empty());

  bench.effects.capex_share = 0.5;
  bench.effects.supported_build_years = 1.0;
  Agent supported = with_history(bench.agent("us_miner"));
  bench.produce("us_miner", supported);
  REQUIRE(supported.builds.size() == 1);
  const double planned = kCapacity * std::exp(0.08 * (26 * 7 / 365.0 + 1.0));
  CHECK(supported.builds[0].per_year == Approx(planned - kCapacity));
  CHECK(supported.builds[0].ready == 26 + 52);
  CHECK(supported.supported_capacity == Approx(planned - kCapacity));
}

TEST_CASE("A technology export ban slows a producer's builds by its factor",
          "[agents][policy_view]") {
  // Two years doubled: round(4 x 365 / 7) = 209 ticks.
  Bench bench;
  bench.set_price("conc", 16.0);
  bench.snapshot.demand_growth = 0.08;
  bench.effects.build_time_factor = 2.0;
  Agent miner = bench.agent("us_miner");
  const double usual = bench.per_tick(kCapacity) * kUtilisation;
  std::get<Miner>(miner.kind).supply.sales_fast = usual;  // past its first tick
  miner.sold_units = usual;
  bench.produce("us_miner", miner);
  REQUIRE(miner.builds.size() == 1);
  CHECK(miner.builds[0].ready == 209);
}

TEST_CASE("Alliance terms send their share of a producer's offers to co-members' venues first",
          "[agents][policy_view]") {
  // China's separator in an alliance of China with a home preference of 0.5: half its NdPr
  // goes to China's venue first and the other half is split evenly, 0.75 : 0.25.
  Bench bench;
  bench.effects.alliance_share = 0.5;
  bench.effects.alliance_mask = std::uint64_t{1}
                                << static_cast<unsigned>(bench.nation("CN").value());
  Agent separator = bench.agent("cn_separator");
  const auto ndpr = bench.commodity("ndpr");
  separator.inventory[ndpr] = 10000;
  const auto orders = bench.decide("cn_separator", separator);
  const auto home = orders_of(orders, Side::kSell, bench.venue("ndpr_cn"));
  const auto seaborne = orders_of(orders, Side::kSell, bench.venue("ndpr_global"));
  // Its supply curve, four tranches on each venue, each tranche split the same way.
  REQUIRE(home.size() == 4);
  REQUIRE(seaborne.size() == 4);
  for (int i = 0; i < 4; ++i) {
    CHECK(home[i].units == Approx(7500.0 / 4));
    CHECK(seaborne[i].units == Approx(2500.0 / 4));
  }
}
