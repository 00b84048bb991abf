// A miner's rules (docs/model.md §7.5, §7.6): its ask against its inventory gap and cash cost,
// its price-responsive utilisation, outages, and the builds a sustained margin starts. The bench
// miner mines 520,000 kg/yr of concentrate (reference 4 USD/kg) at utilisation 0.5, cash cost
// 2 USD/kg, supply elasticity 0.5, investing at a smoothed margin of 1.5 with builds of 2 years.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "tests/agents/agent_bench.h"

using reesim::agents::Agent;
using reesim::agents::Miner;
using reesim::market::Side;
using reesim::testing::bench::Bench;
using reesim::testing::bench::orders_of;

namespace {

constexpr double kCapacity = 520000;  // kg/yr
constexpr double kUtilisation = 0.5;  // at the reference price
constexpr double kUnitCost = 2;       // USD/kg
constexpr double kElasticity = 0.5;
constexpr double kReference = 4;  // USD/kg of concentrate

// The miner's ask when it holds `weeks` of its usual weekly output.
double ask_holding(Bench& bench, double weeks) {
  Agent miner = bench.agent("us_miner");
  const auto conc = bench.commodity("conc");
  miner.inventory[conc] = weeks * bench.per_tick(kCapacity * kUtilisation);
  const auto asks = orders_of(bench.decide("us_miner", miner), Side::kSell);
  REQUIRE(asks.size() == 1);
  CHECK(asks[0].venue == bench.venue("conc_global"));
  CHECK(asks[0].units == Approx(miner.inventory[conc]));
  return asks[0].price_usd;
}

// What the miner makes in one tick at `price` USD/kg.
double output_at(Bench& bench, double price) {
  Agent miner = bench.agent("us_miner");
  bench.set_price("conc", price);
  const auto conc = bench.commodity("conc");
  const double stock_before = miner.inventory[conc];
  const auto made = bench.produce("us_miner", miner);
  CHECK(miner.inventory[conc] - stock_before == Approx(made[conc]));
  return made[conc];
}

}  // namespace

TEST_CASE("A miner at its target cover offers its whole stock at the market price",
          "[agents][miner]") {
  // Target cover: four weeks beyond this week's output, which is for sale.
  Bench bench;
  CHECK(ask_holding(bench, 5.0) == Approx(kReference));
}

TEST_CASE("A miner with only this week's output asks a full price step above the market",
          "[agents][miner]") {
  Bench bench;
  CHECK(ask_holding(bench, 1.0) == Approx(kReference * (1 + bench.model.price_step)));
}

TEST_CASE("A miner twice its target cover long asks a full price step below the market",
          "[agents][miner]") {
  Bench bench;
  CHECK(ask_holding(bench, 9.0) == Approx(kReference * (1 - bench.model.price_step)));
}

TEST_CASE("A miner's ask moves in proportion to its inventory gap", "[agents][miner]") {
  // Half short (two weeks beyond this one's output) and half long (six weeks).
  Bench bench;
  CHECK(ask_holding(bench, 3.0) == Approx(kReference * (1 + 0.5 * bench.model.price_step)));
  CHECK(ask_holding(bench, 7.0) == Approx(kReference * (1 - 0.5 * bench.model.price_step)));
}

TEST_CASE("A miner long of stock in a slump asks no less than its cash cost", "[agents][miner]") {
  Bench bench;
  bench.set_price("conc", 1.5);
  CHECK(ask_holding(bench, 9.0) == Approx(kUnitCost));
}

TEST_CASE("A miner at the reference price runs at its reference utilisation", "[agents][miner]") {
  Bench bench;
  CHECK(output_at(bench, kReference) == Approx(bench.per_tick(kCapacity) * kUtilisation));
}

TEST_CASE("A miner paid three times the reference runs harder, by its elasticity",
          "[agents][miner]") {
  // u = 0.5 * 3^0.5 = 0.866.
  Bench bench;
  const double expected = bench.per_tick(kCapacity) * kUtilisation * std::pow(3.0, kElasticity);
  CHECK(output_at(bench, 3 * kReference) == Approx(expected));
}

TEST_CASE("A miner paid ten times the reference runs at no more than its capacity",
          "[agents][miner]") {
  // 0.5 * 10^0.5 = 1.58, held at 1.
  Bench bench;
  CHECK(output_at(bench, 10 * kReference) == Approx(bench.per_tick(kCapacity)));
}

TEST_CASE("A miner paid below its cash cost cuts its elastic output by half", "[agents][miner]") {
  // At a quarter of the reference (1 USD/kg, cost 2): 0.5 * 0.25^0.5 * 0.5 = 0.125.
  Bench bench;
  const double expected = bench.per_tick(kCapacity) * kUtilisation * std::pow(0.25, kElasticity) *
                          bench.model.below_cost_utilisation;
  CHECK(output_at(bench, 0.25 * kReference) == Approx(expected));
}

TEST_CASE("A miner in an outage makes nothing, whatever the price", "[agents][miner]") {
  Bench bench;
  Agent miner = bench.agent("us_miner");
  std::get<Miner>(miner.kind).params.outage_probability_per_year = 1.0;
  bench.set_price_multiple("conc", 3.0);
  const auto conc = bench.commodity("conc");
  const double stock_before = miner.inventory[conc];
  const auto made = bench.produce("us_miner", miner);
  CHECK(made[conc] == 0.0);
  CHECK(miner.inventory[conc] == stock_before);
  CHECK(std::get<Miner>(miner.kind).supply.outage_until > bench.snapshot.tick);
}

TEST_CASE("A miner whose smoothed margin reaches its trigger builds a tenth more capacity",
          "[agents][miner]") {
  // At 16 USD/kg (8 times cost) the margin memory goes from 1 to 0.9 + 0.1 * 8 = 1.7 >= 1.5;
  // the build is ready after 2 years, rounded to weeks: 104 ticks.
  Bench bench;
  Agent miner = bench.agent("us_miner");
  bench.set_price("conc", 16.0);
  bench.snapshot.tick = 5;
  bench.produce("us_miner", miner);
  CHECK(std::get<Miner>(miner.kind).supply.price_ratio_memory == Approx(1.7));
  REQUIRE(miner.builds.size() == 1);
  CHECK(miner.builds[0].commodity == bench.commodity("conc"));
  CHECK(miner.builds[0].per_year == Approx(bench.model.invest_step * kCapacity));
  CHECK(miner.builds[0].ready == 5 + 104);
  CHECK(miner.capacity[bench.commodity("conc")] == kCapacity);
}

TEST_CASE("A miner whose margin stays high starts at most one build a year", "[agents][miner]") {
  Bench bench;
  Agent miner = bench.agent("us_miner");
  bench.set_price("conc", 16.0);
  for (int tick = 0; tick < 52; ++tick) {
    bench.snapshot.tick = tick;
    bench.produce("us_miner", miner);
  }
  CHECK(miner.builds.size() == 1);
  bench.snapshot.tick = 52;
  bench.produce("us_miner", miner);
  CHECK(miner.builds.size() == 2);
}

TEST_CASE("A miner whose margin is below its trigger builds nothing", "[agents][miner]") {
  // At the reference price the margin memory is 0.9 + 0.1 * 2 = 1.1 < 1.5.
  Bench bench;
  Agent miner = bench.agent("us_miner");
  bench.produce("us_miner", miner);
  CHECK(std::get<Miner>(miner.kind).supply.price_ratio_memory == Approx(1.1));
  CHECK(miner.builds.empty());
}
