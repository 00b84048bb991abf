// A miner's rules (docs/model.md §7.5, §7.6): its supply curve against its inventory gap and cash
// cost, its price-responsive utilisation, outages, and the builds a sustained margin starts. The
// bench miner mines 520,000 kg/yr of concentrate (reference 4 USD/kg) at utilisation 0.5, cash cost
// 2 USD/kg, supply elasticity 0.5, investing at a smoothed margin of 1.5 with builds of 2 years.
#include <catch2/catch.hpp>

#include <algorithm>
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

// The miner's supply curve when it holds `weeks` of its usual weekly output: its asks, cheapest
// first, each checked to be a quarter of its stock on its one venue.
std::vector<double> curve_holding(Bench& bench, double weeks) {
  Agent miner = bench.agent("us_miner");
  const auto conc = bench.commodity("conc");
  miner.inventory[conc] = weeks * bench.per_tick(kCapacity * kUtilisation);
  const auto asks = orders_of(bench.decide("us_miner", miner), Side::kSell);
  REQUIRE(asks.size() == 4);
  std::vector<double> prices;
  for (const auto& ask : asks) {
    CHECK(ask.venue == bench.venue("conc_global"));
    CHECK(ask.units == Approx(miner.inventory[conc] / 4));
    prices.push_back(ask.price_usd);
  }
  return prices;
}

// The ask of a tranche after whose sale the miner keeps `kept` weeks of output, at the reference
// price: one price step times the inventory gap against a target of four weeks.
double ask_keeping(const Bench& bench, double kept) {
  const double gap = std::clamp((4.0 - kept) / 4.0, -1.0, 1.0);
  return kReference * (1 + bench.model.price_step * gap);
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

TEST_CASE("A miner offers its stock as a supply curve: four tranches, each at the cover it keeps",
          "[agents][miner]") {
  // Holding its target, four weeks beyond this week's output, it keeps 4.375, 3.125, 1.875 and
  // 0.625 weeks once each quarter of its stock (at the quarter's middle) is sold.
  Bench bench;
  const std::vector<double> curve = curve_holding(bench, 5.0);
  CHECK(curve[0] == Approx(ask_keeping(bench, 4.375)));
  CHECK(curve[1] == Approx(ask_keeping(bench, 3.125)));
  CHECK(curve[2] == Approx(ask_keeping(bench, 1.875)));
  CHECK(curve[3] == Approx(ask_keeping(bench, 0.625)));
  CHECK(std::is_sorted(curve.begin(), curve.end()));
}

TEST_CASE("A miner at its target cover sells this week's output at about the market price",
          "[agents][miner]") {
  // Its week's output is a fifth of its stock, inside the first tranche: half a percent under.
  Bench bench;
  const std::vector<double> curve = curve_holding(bench, 5.0);
  CHECK(curve[0] < kReference);
  CHECK(curve[0] == Approx(kReference).epsilon(0.005));
}

TEST_CASE("A miner with only this week's output asks nearly a full price step above the market",
          "[agents][miner]") {
  Bench bench;
  const std::vector<double> curve = curve_holding(bench, 1.0);
  CHECK(curve[0] == Approx(ask_keeping(bench, 0.875)));
  CHECK(curve[3] == Approx(ask_keeping(bench, 0.125)));
  CHECK(curve[0] > kReference * (1 + 0.75 * bench.model.price_step));
  CHECK(curve[3] < kReference * (1 + bench.model.price_step));
}

TEST_CASE(
    "A miner twice its target cover long offers its first tranche a full step below the "
    "market",
    "[agents][miner]") {
  // Nine weeks: it keeps 7.875 weeks after the first quarter, about twice its target.
  Bench bench;
  const std::vector<double> curve = curve_holding(bench, 9.0);
  CHECK(curve[0] == Approx(ask_keeping(bench, 7.875)));
  CHECK(curve[0] < kReference * (1 - 0.95 * bench.model.price_step));
}

TEST_CASE("The more a miner holds, the cheaper each tranche of its curve", "[agents][miner]") {
  Bench bench;
  const std::vector<double> short_of_stock = curve_holding(bench, 3.0);
  const std::vector<double> long_of_stock = curve_holding(bench, 7.0);
  for (int i = 0; i < 4; ++i)
    CHECK(long_of_stock[i] < short_of_stock[i]);
}

TEST_CASE("A firm with half a miner's capacity and stock offers half its curve at the same prices",
          "[agents][miner]") {
  // A sector split into firms offers the curve of one seller holding their stocks: the supply
  // curves add up, where one price per seller let the firm holding most set the price
  // (docs/model.md §7.6).
  Bench bench;
  const auto conc = bench.commodity("conc");
  Agent whole = bench.agent("us_miner");
  whole.inventory[conc] = 5 * bench.per_tick(kCapacity * kUtilisation);
  Agent half = bench.agent("us_miner");
  half.capacity[conc] = kCapacity / 2;
  half.inventory[conc] = whole.inventory[conc] / 2;
  const auto whole_asks = orders_of(bench.decide("us_miner", whole), Side::kSell);
  const auto half_asks = orders_of(bench.decide("us_miner", half), Side::kSell);
  REQUIRE(whole_asks.size() == 4);
  REQUIRE(half_asks.size() == 4);
  for (int i = 0; i < 4; ++i) {
    CHECK(half_asks[i].price_usd == Approx(whole_asks[i].price_usd));
    CHECK(half_asks[i].units == Approx(whole_asks[i].units / 2));
  }
}

TEST_CASE("A miner long of stock in a slump asks no less than its cash cost", "[agents][miner]") {
  Bench bench;
  bench.set_price("conc", 1.5);
  // Every tranche of its curve: even the first, which a long miner offers below the market.
  for (const double ask : curve_holding(bench, 9.0))
    CHECK(ask == Approx(kUnitCost));
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

namespace {

// A miner with sales history: its recent sales are its usual weekly output, and it sells that
// much each tick, so its sales level stays put.
Agent miner_with_history(Bench& bench) {
  Agent miner = bench.agent("us_miner");
  const double usual = bench.per_tick(kCapacity * kUtilisation);
  std::get<Miner>(miner.kind).supply.sales_fast = usual;
  miner.sold_units = usual;
  return miner;
}

// The capacity a producer plans at a review: its sales projected at `growth` over its recent
// sales' lag (26 weeks) plus the lead time, at its usual utilisation.
double planned(double growth, double lead_years) {
  return kCapacity * std::exp(growth * (26 * 7 / 365.0 + lead_years));
}

}  // namespace

TEST_CASE("A miner builds the capacity the demand it expects needs when the build is on line",
          "[agents][miner][investment]") {
  // Demand expected to grow 8 %/yr; at the reference price its margin is 4 / 2 = 2 >= 1.5. The
  // build of 2 years starts at the review of tick 26 and is ready 104 ticks later.
  Bench bench;
  Agent miner = miner_with_history(bench);
  bench.snapshot.demand_growth = 0.08;
  bench.snapshot.tick = 26;
  bench.produce("us_miner", miner);
  CHECK(std::get<Miner>(miner.kind).supply.price_ratio_memory == Approx(2.0));
  REQUIRE(miner.builds.size() == 1);
  CHECK(miner.builds[0].commodity == bench.commodity("conc"));
  CHECK(miner.builds[0].per_year == Approx(planned(0.08, 2.0) - kCapacity));
  CHECK(miner.builds[0].ready == 26 + 104);
  CHECK(miner.capacity[bench.commodity("conc")] == kCapacity);
}

TEST_CASE("A miner counts what it is building and reviews its plan once a quarter",
          "[agents][miner][investment]") {
  Bench bench;
  Agent miner = miner_with_history(bench);
  bench.snapshot.demand_growth = 0.08;
  bench.snapshot.tick = 20;  // not a review
  bench.produce("us_miner", miner);
  CHECK(miner.builds.empty());
  bench.snapshot.tick = 26;
  bench.produce("us_miner", miner);
  CHECK(miner.builds.size() == 1);
  // A quarter on, the same outlook is covered by the build under way: the gap left is under
  // invest_step of its capacity.
  bench.snapshot.tick = 39;
  bench.produce("us_miner", miner);
  CHECK(miner.builds.size() == 1);
}

TEST_CASE("A miner expecting no growth and selling its usual output builds nothing",
          "[agents][miner][investment]") {
  Bench bench;
  Agent miner = miner_with_history(bench);
  bench.snapshot.tick = 26;
  bench.produce("us_miner", miner);
  CHECK(miner.builds.empty());
}

TEST_CASE("A price above its normal level makes a miner plan more",
          "[agents][miner][investment][direction]") {
  Bench bench;
  bench.snapshot.demand_growth = 0.08;
  bench.snapshot.tick = 26;
  Agent usual = miner_with_history(bench);
  bench.produce("us_miner", usual);
  Agent dear = miner_with_history(bench);
  std::get<Miner>(dear.kind).supply.scarcity_memory = 1.5;
  bench.produce("us_miner", dear);
  REQUIRE(usual.builds.size() == 1);
  REQUIRE(dear.builds.size() == 1);
  // (1.5)^0.5 more of what it expects to sell.
  CHECK(dear.builds[0].per_year ==
        Approx(planned(0.08, 2.0) * std::pow(1.5, bench.model.invest_price_response) - kCapacity));
  CHECK(dear.builds[0].per_year > usual.builds[0].per_year);
}

TEST_CASE("A miner looks through a cheap price to the content the world will need",
          "[agents][miner][investment][direction]") {
  // Its concentrate has sold at 0.7 of its normal level, so on price and sales it plans
  // 0.7^0.5 = 0.84 of the 1.22 times its capacity it expects to sell, a gap under invest_step,
  // and builds nothing. The content outlook says the
  // world's ore capacity two years on will fall 20 % short of the demand for what it holds: it
  // builds its share of that shortfall, 20 % of what it has and is building.
  Bench bench;
  bench.snapshot.demand_growth = 0.08;
  bench.snapshot.tick = 26;
  const reesim::world::CommodityIndex conc = bench.commodity("conc");
  const std::size_t leads = reesim::agents::Snapshot::kOutlookYears + 1;
  Agent cheap = miner_with_history(bench);
  std::get<Miner>(cheap.kind).supply.scarcity_memory = 0.7;
  bench.produce("us_miner", cheap);
  CHECK(cheap.builds.empty());

  bench.snapshot.content_call.assign(bench.world().commodities().size() * leads, 0.0);
  for (std::size_t y = 0; y < leads; ++y)
    bench.snapshot.content_call[reesim::world::at(conc) * leads + y] = 1.2;
  Agent short_world = miner_with_history(bench);
  std::get<Miner>(short_world.kind).supply.scarcity_memory = 0.7;
  bench.produce("us_miner", short_world);
  REQUIRE(short_world.builds.size() == 1);
  CHECK(short_world.builds[0].per_year == Approx(0.2 * kCapacity));

  // Where capacity keeps pace (a call of 1), the price rule alone decides.
  for (std::size_t y = 0; y < leads; ++y)
    bench.snapshot.content_call[reesim::world::at(conc) * leads + y] = 1.0;
  Agent paced = miner_with_history(bench);
  std::get<Miner>(paced.kind).supply.scarcity_memory = 0.7;
  bench.produce("us_miner", paced);
  CHECK(paced.builds.empty());
}

TEST_CASE("The content call is read at the build's lead, between whole years",
          "[agents][miner][investment]") {
  reesim::agents::Snapshot snapshot;
  const std::size_t leads = reesim::agents::Snapshot::kOutlookYears + 1;
  CHECK(snapshot.content_call_of(reesim::world::CommodityIndex{0}, 2.0) == 0.0);
  snapshot.content_call.assign(2 * leads, 0.0);
  for (std::size_t y = 0; y < leads; ++y)
    snapshot.content_call[leads + y] = 1.0 + 0.1 * static_cast<double>(y);
  CHECK(snapshot.content_call_of(reesim::world::CommodityIndex{1}, 2.5) == Approx(1.25));
  CHECK(snapshot.content_call_of(reesim::world::CommodityIndex{1}, -1.0) == Approx(1.0));
  CHECK(snapshot.content_call_of(reesim::world::CommodityIndex{1}, 40.0) == Approx(2.2));
  CHECK(snapshot.content_call_of(reesim::world::CommodityIndex{0}, 3.0) == 0.0);
}

TEST_CASE("A miner whose margin does not cover full cost builds nothing",
          "[agents][miner][investment]") {
  // At 2.8 USD/kg its margin is 1.4 < 1.5, however fast demand is expected to grow.
  Bench bench;
  Agent miner = miner_with_history(bench);
  bench.set_price("conc", 2.8);
  bench.snapshot.demand_growth = 0.2;
  bench.snapshot.tick = 26;
  bench.produce("us_miner", miner);
  CHECK(std::get<Miner>(miner.kind).supply.price_ratio_memory == Approx(1.4));
  CHECK(miner.builds.empty());
}

TEST_CASE("A miner starts with the builds a steady expansion would have under way",
          "[agents][miner][investment]") {
  // At its first tick, expecting 8 %/yr: over its 2-year lead its capacity grows at that rate, a
  // build coming on line at each quarterly review (13 weeks = 0.249 years; 8 of them).
  Bench bench;
  Agent miner = bench.agent("us_miner");
  bench.snapshot.demand_growth = 0.08;
  bench.produce("us_miner", miner);
  const double review = 13 * 7 / 365.0;
  REQUIRE(miner.builds.size() == 8);
  double total = 0;
  for (std::size_t i = 0; i < miner.builds.size(); ++i) {
    CHECK(miner.builds[i].ready == static_cast<int>(std::lround((i + 1) * review * 52.142857)));
    total += miner.builds[i].per_year;
  }
  CHECK(total == Approx(kCapacity * (std::exp(0.08 * 8 * review) - 1)));
}

TEST_CASE("A miner standing for many mines loses only its outage share in an outage",
          "[agents][miner][direction]") {
  // Paid three times the reference it runs at capacity; an outage taking a quarter of an
  // aggregate's mines off line leaves three quarters of that output, one taking all leaves none.
  Bench bench;
  bench.set_price_multiple("conc", 3.0);
  const auto conc = bench.commodity("conc");
  Agent running = bench.agent("us_miner");
  const double full = bench.produce("us_miner", running)[conc];
  REQUIRE(full > 0);
  auto made_in_outage = [&](double share) {
    Agent miner = bench.agent("us_miner");
    Miner& m = std::get<Miner>(miner.kind);
    m.params.outage_probability_per_year = 1.0;
    m.params.outage_share = share;
    return bench.produce("us_miner", miner)[conc];
  };
  CHECK(made_in_outage(0.25) == Approx(0.75 * full));
  CHECK(made_in_outage(1.0) == 0.0);
  CHECK(made_in_outage(0.1) > made_in_outage(0.5));
}

TEST_CASE("A concentrate dear against its reference calls for mines even at its normal price",
          "[agents][miner][investment][direction]") {
  // Its oxides twice as dear make the concentrate's normal price twice its reference; a
  // concentrate priced there is dear for a mine (its scarcity signal rises a tick's share of
  // scarcity_memory_weeks toward 2), where a magnet priced at its normal price is not.
  Bench bench;
  bench.snapshot.normal_price.assign(bench.world().commodities().size(), 0.0);
  for (const auto c : bench.world().commodities().indices())
    bench.snapshot.normal_price[c] = bench.world().commodities()[c].reference_price;
  const auto conc = bench.commodity("conc");
  bench.snapshot.normal_price[conc] *= 2;
  bench.set_price_multiple("conc", 2.0);
  Agent miner = bench.agent("us_miner");
  bench.produce("us_miner", miner);
  const double step = 1.0 / bench.model.scarcity_memory_weeks;
  CHECK(std::get<Miner>(miner.kind).supply.scarcity_memory == Approx(1 + step));
  // At its reference price the same concentrate signals nothing.
  bench.set_price_multiple("conc", 1.0);
  Agent calm = bench.agent("us_miner");
  bench.produce("us_miner", calm);
  CHECK(std::get<Miner>(calm.kind).supply.scarcity_memory == Approx(1.0));
}
