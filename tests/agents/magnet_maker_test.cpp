// A magnet maker's rules (docs/model.md §7.5, §7.6; cal §2, §5): a demand-pulled plan, output by
// recipe limited by its scarcest input, input bids that reach toward the input's worth to it only
// when it is short of more than maker_scarcity_gap of its buffer, and magnet asks floored at the
// cost of inputs and conversion. The bench maker (India) has 100,000 kg/yr of magnet capacity at
// utilisation 0.8; a kg of magnet takes 0.3 kg NdPr (50 USD/kg) and 0.02 kg Dy (300 USD/kg), 21
// USD of inputs at reference, and 10 USD of conversion; magnets fetch 60 USD/kg; it keeps 8 weeks
// of inputs.
#include <catch2/catch.hpp>

#include <vector>

#include "tests/agents/agent_bench.h"

using reesim::agents::Agent;
using reesim::agents::MagnetMaker;
using reesim::agents::OrderRequest;
using reesim::market::Side;
using reesim::testing::bench::Bench;
using reesim::testing::bench::orders_of;

namespace {

constexpr double kCapacity = 100000;  // kg/yr of magnet
constexpr double kUtilisation = 0.8;
constexpr double kNdprPerKg = 0.3;
constexpr double kDyPerKg = 0.02;
constexpr double kConversion = 10;                                       // USD/kg
constexpr double kBufferWeeks = 8;                                       // of inputs
constexpr double kInputsAtReference = kNdprPerKg * 50 + kDyPerKg * 300;  // 21 USD/kg

// Its usual weekly output, kg.
double usual(const Bench& bench) {
  return bench.per_tick(kCapacity * kUtilisation);
}

// A maker holding its target magnet cover (so its plan is its usual output) and `weeks` of each
// input at that plan.
Agent maker_holding(const Bench& bench, double ndpr_weeks, double dy_weeks) {
  Agent maker = bench.agent("in_maker");
  maker.inventory[bench.commodity("magnet")] = bench.model.target_cover_weeks * usual(bench);
  maker.inventory[bench.commodity("ndpr")] = ndpr_weeks * usual(bench) * kNdprPerKg;
  maker.inventory[bench.commodity("dy")] = dy_weeks * usual(bench) * kDyPerKg;
  return maker;
}

// Its single bid for NdPr.
OrderRequest ndpr_bid(const Bench& bench, const Agent& maker) {
  const auto bids =
      orders_of(bench.decide("in_maker", maker), Side::kBuy, bench.venue("ndpr_global"));
  REQUIRE(bids.size() == 1);
  return bids[0];
}

// Its NdPr bid holding `weeks` of NdPr (Dy at its buffer), at the bench's prices.
double ndpr_bid_price(const Bench& bench, double weeks) {
  return ndpr_bid(bench, maker_holding(bench, weeks, kBufferWeeks)).price_usd;
}

// What NdPr is worth to the maker per kg: the magnet's price less the other inputs and conversion.
double ndpr_worth(double magnet_price) {
  return (magnet_price - kDyPerKg * 300 - kConversion) / kNdprPerKg;
}

// Its plan holding `weeks` of its usual output in magnets.
double plan_holding(const Bench& bench, double weeks) {
  Agent maker = bench.agent("in_maker");
  const auto magnet = bench.commodity("magnet");
  maker.inventory[magnet] = weeks * usual(bench);
  return std::get<MagnetMaker>(maker.kind).plan(bench.context("in_maker"), maker, magnet);
}

}  // namespace

TEST_CASE("A magnet maker plans more when short of magnets and less when long, by half the gap",
          "[agents][magnet_maker]") {
  // u = 0.8 (1 + 0.5 g): at target 0.8; a quarter short 0.9; half long 0.6; empty 1.2, held at 1.
  Bench bench;
  const double week = bench.per_tick(kCapacity);
  CHECK(plan_holding(bench, 4.0) == Approx(week * 0.8));
  CHECK(plan_holding(bench, 3.0) == Approx(week * 0.9));
  CHECK(plan_holding(bench, 6.0) == Approx(week * 0.6));
  CHECK(plan_holding(bench, 0.0) == Approx(week * 1.0));
}

TEST_CASE("A magnet maker makes its plan by recipe, using its inputs", "[agents][magnet_maker]") {
  Bench bench;
  Agent maker = maker_holding(bench, kBufferWeeks, kBufferWeeks);
  const auto ndpr = bench.commodity("ndpr");
  const auto dy = bench.commodity("dy");
  const double ndpr_before = maker.inventory[ndpr];
  const double dy_before = maker.inventory[dy];
  const auto made = bench.produce("in_maker", maker);
  const double magnets = made[bench.commodity("magnet")];
  CHECK(magnets == Approx(usual(bench)));
  CHECK(ndpr_before - maker.inventory[ndpr] == Approx(kNdprPerKg * magnets));
  CHECK(dy_before - maker.inventory[dy] == Approx(kDyPerKg * magnets));
}

TEST_CASE("A magnet maker short of one input makes only what that input allows",
          "[agents][magnet_maker]") {
  // Half a week of NdPr: half the plan, and every kg of NdPr used.
  Bench bench;
  Agent maker = maker_holding(bench, 0.5, kBufferWeeks);
  const auto made = bench.produce("in_maker", maker);
  CHECK(made[bench.commodity("magnet")] == Approx(0.5 * usual(bench)));
  CHECK(maker.inventory[bench.commodity("ndpr")] == Approx(0.0).margin(1e-9));
}

TEST_CASE("A magnet maker at its input buffer bids the market price for a week's use",
          "[agents][magnet_maker]") {
  Bench bench;
  const Agent maker = maker_holding(bench, kBufferWeeks, kBufferWeeks);
  const auto orders = bench.decide("in_maker", maker);
  const auto ndpr = orders_of(orders, Side::kBuy, bench.venue("ndpr_global"));
  const auto dy = orders_of(orders, Side::kBuy, bench.venue("dy_global"));
  REQUIRE(ndpr.size() == 1);
  REQUIRE(dy.size() == 1);
  CHECK(ndpr[0].price_usd == Approx(50));
  CHECK(ndpr[0].units == Approx(usual(bench) * kNdprPerKg));
  CHECK(dy[0].price_usd == Approx(300));
  CHECK(dy[0].units == Approx(usual(bench) * kDyPerKg));
}

TEST_CASE("A magnet maker short of up to half its input buffer bids only the inventory step",
          "[agents][magnet_maker]") {
  // Gaps 0.4 and 0.5 (maker_scarcity_gap): 50 (1 + 0.05 g), though NdPr is worth 146.67 to it.
  Bench bench;
  CHECK(ndpr_bid_price(bench, 4.8) == Approx(50 * (1 + 0.4 * bench.model.price_step)));
  CHECK(ndpr_bid_price(bench, 4.0) == Approx(50 * (1 + 0.5 * bench.model.price_step)));
}

TEST_CASE("A magnet maker short of more than half its buffer bids toward the input's worth",
          "[agents][magnet_maker]") {
  // Gap 0.75: the step bid 51.875 moves halfway (2 (0.75 - 0.5)) toward the worth, 146.67.
  Bench bench;
  const double step_bid = 50 * (1 + 0.75 * bench.model.price_step);
  const double worth = ndpr_worth(60);
  CHECK(worth == Approx(146.6667));
  CHECK(ndpr_bid_price(bench, 2.0) == Approx(step_bid + (worth - step_bid) * 0.5));
}

TEST_CASE("A magnet maker with no stock of an input bids the input's whole worth to it",
          "[agents][magnet_maker]") {
  Bench bench;
  const Agent maker = maker_holding(bench, 0.0, kBufferWeeks);
  const OrderRequest bid = ndpr_bid(bench, maker);
  CHECK(bid.price_usd == Approx(ndpr_worth(60)));
  CHECK(bid.units == Approx((1 + kBufferWeeks) * usual(bench) * kNdprPerKg));
}

TEST_CASE("A magnet maker's scarcity bid stops at its most times the input's reference",
          "[agents][magnet_maker]") {
  // Magnets at 600 USD/kg make NdPr worth 1,947 USD/kg; it pays at most 12 x 50.
  Bench bench;
  bench.set_price("magnet", 600);
  CHECK(ndpr_worth(600) > 600);
  CHECK(ndpr_bid_price(bench, 0.0) == Approx(12 * 50));
}

TEST_CASE("A magnet maker at its target cover offers its magnets at the market price",
          "[agents][magnet_maker]") {
  Bench bench;
  Agent maker = maker_holding(bench, kBufferWeeks, kBufferWeeks);
  const auto magnet = bench.commodity("magnet");
  maker.inventory[magnet] = 5 * usual(bench);
  const auto asks = orders_of(bench.decide("in_maker", maker), Side::kSell);
  REQUIRE(asks.size() == 1);
  CHECK(asks[0].venue == bench.venue("magnet_global"));
  CHECK(asks[0].price_usd == Approx(60));
  CHECK(asks[0].units == Approx(maker.inventory[magnet]));
}

TEST_CASE("A magnet maker in a slump asks no less than its inputs and conversion cost",
          "[agents][magnet_maker]") {
  // Magnets at 25 USD/kg; a kg's inputs cost 21 and conversion 10.
  Bench bench;
  bench.set_price("magnet", 25);
  const Agent maker = maker_holding(bench, kBufferWeeks, kBufferWeeks);
  const auto asks = orders_of(bench.decide("in_maker", maker), Side::kSell);
  REQUIRE(asks.size() == 1);
  CHECK(asks[0].price_usd == Approx(kInputsAtReference + kConversion));
}
