// A trader's rules (docs/model.md §7.6.1): a long memory of the price that starts at the reference,
// a smoothed trend, an expected gain net of carrying cost, a target stock that grows with the gain
// and its nation's shortage within its limits, bids below and offers above its break-even price.
// The bench trader (US) trades NdPr (reference 50 USD/kg) and Dy on the seaborne market, holds at
// most 20 t of each, carries stock at 8 %/yr over a half-year horizon and holds its limit from an
// expected gain of 20 %.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "tests/agents/agent_bench.h"
#include "tests/sim/habitats.h"

using reesim::agents::Agent;
using reesim::agents::Trader;
using reesim::market::Side;
using reesim::testing::bench::Bench;
using reesim::testing::bench::orders_of;
using reesim::testing::bench::units_of;

namespace {

constexpr double kMaxStock = 20000;  // kg of each commodity
constexpr double kCarry = 0.08;      // per year
constexpr double kHorizon = 0.5;     // years
constexpr double kCash = 1e7;        // USD

Trader& trader_of(Agent& agent) {
  return std::get<Trader>(agent.kind);
}
const Trader& trader_of(const Agent& agent) {
  return std::get<Trader>(agent.kind);
}

// The trader after seeing NdPr at `multiple` times its reference for one tick.
Agent trader_seeing(Bench& bench, double multiple) {
  Agent trader = bench.agent("us_trader");
  bench.set_price_multiple("ndpr", multiple);
  bench.produce("us_trader", trader);
  return trader;
}

// The units it bids for on NdPr's seaborne venue this tick.
double ndpr_bid_units(Bench& bench, const Agent& trader) {
  return units_of(bench.decide("us_trader", trader), Side::kBuy, bench.venue("ndpr_global"));
}

// Its long memory after one tick at `price` from the reference `ref`.
double anchor_after_one_tick(const Bench& bench, double ref, double price) {
  return ref + (price - ref) * bench.snapshot.dt_years / 1.0;  // memory_years 1
}

// The trader after seeing NdPr's price follow `path` (multiples of the reference), a tick each.
Agent trader_after(Bench& bench, const std::vector<double>& path, double momentum_weight) {
  Agent trader = bench.agent("us_trader");
  trader_of(trader).params.momentum_weight = momentum_weight;
  for (const double multiple : path) {
    bench.set_price_multiple("ndpr", multiple);
    bench.produce("us_trader", trader);
  }
  return trader;
}

}  // namespace

TEST_CASE("A trader's long memory starts at the reference price and follows the price slowly",
          "[agents][trader]") {
  Bench bench;
  Agent trader = trader_seeing(bench, 0.7);
  const auto ndpr = bench.commodity("ndpr");
  CHECK(trader_of(trader).memory[ndpr].anchor == Approx(anchor_after_one_tick(bench, 50, 35)));
  CHECK(trader_of(trader).memory[ndpr].trend == 0);
  CHECK(trader_of(trader).expected_price(ndpr) == Approx(anchor_after_one_tick(bench, 50, 35)));
}

TEST_CASE("A trader buys when the price is below what it expects by more than carrying costs",
          "[agents][trader]") {
  // At 35 USD/kg against about 49.7 expected, holding half a year at 8 %/yr gains 37 %: above
  // the 20 % at which it fills its 20 t. It bids a price step over the market.
  Bench bench;
  const Agent trader = trader_seeing(bench, 0.7);
  const auto orders = bench.decide("us_trader", trader);
  CHECK(orders_of(orders, Side::kSell).empty());
  const auto bids = orders_of(orders, Side::kBuy, bench.venue("ndpr_global"));
  REQUIRE(bids.size() == 1);
  CHECK(bids[0].units == Approx(kMaxStock));
  CHECK(bids[0].price_usd == Approx(35 * (1 + bench.model.price_step)));
}

TEST_CASE("A trader sells its stock when the price is above what it expects", "[agents][trader]") {
  // At 75 USD/kg against about 50 expected, holding loses a third: it offers all it holds, a price
  // step below the market.
  Bench bench;
  Agent trader = bench.agent("us_trader");
  trader.inventory[bench.commodity("ndpr")] = 10000;
  bench.set_price_multiple("ndpr", 1.5);
  bench.produce("us_trader", trader);
  const auto orders = bench.decide("us_trader", trader);
  CHECK(orders_of(orders, Side::kBuy, bench.venue("ndpr_global")).empty());
  const auto asks = orders_of(orders, Side::kSell, bench.venue("ndpr_global"));
  REQUIRE(asks.size() == 1);
  CHECK(asks[0].units == Approx(10000));
  CHECK(asks[0].price_usd == Approx(75 * (1 - bench.model.price_step)));
}

TEST_CASE("At the reference a trader offers no lower than its break-even and buys nothing",
          "[agents][trader]") {
  // At the reference the expected gain is minus the carrying cost (-4 %): it sells, but no lower
  // than the price at which holding breaks even, and buys nothing.
  Bench bench;
  Agent trader = bench.agent("us_trader");
  trader.inventory[bench.commodity("ndpr")] = 10000;
  bench.produce("us_trader", trader);
  const double gain =
      trader_of(trader).expected_gain(bench.context("us_trader"), bench.commodity("ndpr"), 50.0);
  CHECK(gain == Approx(1.0 / (1 + kCarry * kHorizon) - 1));
  const auto asks =
      orders_of(bench.decide("us_trader", trader), Side::kSell, bench.venue("ndpr_global"));
  REQUIRE(asks.size() == 1);
  CHECK(asks[0].price_usd == Approx(50 * (1 + bench.model.price_step * gain / 0.2)));
  CHECK(asks[0].price_usd >= 50 * (1 + gain));
  CHECK(ndpr_bid_units(bench, trader) == 0);
}

TEST_CASE("A larger carrying cost makes a trader hold a smaller stock", "[agents][trader]") {
  // At 40 USD/kg: a gain of about 19 % at 8 %/yr fills 96 % of its limit; about 8 % at 30 %/yr
  // fills 41 %.
  Bench bench;
  Agent cheap = bench.agent("us_trader");
  Agent dear = bench.agent("us_trader");
  trader_of(dear).params.carry_cost_per_year = 0.3;
  bench.set_price_multiple("ndpr", 0.8);
  bench.produce("us_trader", cheap);
  bench.produce("us_trader", dear);
  const double anchor = anchor_after_one_tick(bench, 50, 40);
  const double cheap_units = ndpr_bid_units(bench, cheap);
  const double dear_units = ndpr_bid_units(bench, dear);
  CHECK(cheap_units == Approx(kMaxStock * (anchor / (40 * (1 + kCarry * kHorizon)) - 1) / 0.2));
  CHECK(dear_units == Approx(kMaxStock * (anchor / (40 * (1 + 0.3 * kHorizon)) - 1) / 0.2));
  CHECK(dear_units < 0.5 * cheap_units);
}

TEST_CASE("A trader pays its carrying cost out of its cash each tick", "[agents][trader]") {
  Bench bench;
  Agent trader = bench.agent("us_trader");
  trader.inventory[bench.commodity("ndpr")] = 10000;
  trader.inventory[bench.commodity("dy")] = 1000;
  bench.produce("us_trader", trader);
  const double value = 10000 * 50 + 1000 * 300;
  CHECK(trader.cash == Approx(kCash - kCarry * bench.snapshot.dt_years * value));
}

TEST_CASE("A shortage in its nation makes a trader hoard more", "[agents][trader]") {
  // At 45 USD/kg it expects 6 %, filling 30 % of its limit; a tenth of US magnet demand unmet
  // adds 20 % to its gain.
  Bench bench;
  const Agent trader = trader_seeing(bench, 0.9);
  const double calm = ndpr_bid_units(bench, trader);
  bench.snapshot.nation_shortage[bench.nation("US")] = 0.1;
  const double short_of_magnets = ndpr_bid_units(bench, trader);
  CHECK(calm > 0);
  CHECK(short_of_magnets > 2 * calm);
}

TEST_CASE("Rising prices make a trader with momentum hoard, falling ones make it destock",
          "[agents][trader]") {
  // NdPr climbs 3 % a week to 0.93 times its reference: a trader extrapolating half the trend
  // over its horizon expects more, and wants more, than one that expects a return to its memory.
  Bench bench;
  const std::vector<double> rising = {0.80, 0.82, 0.85, 0.87, 0.90, 0.93};
  const Agent chasing = trader_after(bench, rising, 0.5);
  const Agent steady = trader_after(bench, rising, 0.0);
  const auto ndpr = bench.commodity("ndpr");
  CHECK(trader_of(chasing).memory[ndpr].trend > 0);
  CHECK(ndpr_bid_units(bench, chasing) > ndpr_bid_units(bench, steady));

  // Falling from 0.95 to 0.8 of the reference, a trader holding 10 t with momentum offers it; one
  // without still expects a return and holds on.
  const std::vector<double> falling = {0.95, 0.92, 0.89, 0.86, 0.83, 0.80};
  Agent selling = trader_after(bench, falling, 3.0);
  Agent holding = trader_after(bench, falling, 0.0);
  selling.inventory[ndpr] = 10000;
  holding.inventory[ndpr] = 10000;
  CHECK(units_of(bench.decide("us_trader", selling), Side::kSell) > 0);
  CHECK(units_of(bench.decide("us_trader", holding), Side::kSell) == 0);
}

TEST_CASE("A trader buys no more than its cash, its capital or the market's volume allow",
          "[agents][trader]") {
  Bench bench;
  Agent trader = trader_seeing(bench, 0.7);
  const double bid = 35 * (1 + bench.model.price_step);
  trader.cash = 100000;
  CHECK(ndpr_bid_units(bench, trader) == Approx(100000 / bid));
  trader.cash = kCash;
  trader_of(trader).params.capital_usd = 350000;  // 10 t at 35 USD/kg
  CHECK(ndpr_bid_units(bench, trader) == Approx(10000));
  trader_of(trader).params.capital_usd = 0;
  trader_of(trader).params.max_stock_weeks = 4;
  trader_of(trader).memory[bench.commodity("ndpr")].volume = 1000;  // kg a week
  CHECK(ndpr_bid_units(bench, trader) == Approx(4000));
}

TEST_CASE("A trader without cash does not buy", "[agents][trader]") {
  Bench bench;
  Agent trader = trader_seeing(bench, 0.7);
  trader.cash = 0;
  CHECK(units_of(bench.decide("us_trader", trader), Side::kBuy) == 0);
}

TEST_CASE("A trader sends no orders before it has seen a price", "[agents][trader]") {
  Bench bench;
  const Agent trader = bench.agent("us_trader");
  CHECK(bench.decide("us_trader", trader).empty());
}

TEST_CASE("A trader above its limit while holding pays offers the excess at the market price",
          "[agents][trader]") {
  // At 40 USD/kg holding gains about 19 %: it wants 96 % of its 20 t and offers the rest of 30 t.
  Bench bench;
  Agent trader = trader_seeing(bench, 0.8);
  trader.inventory[bench.commodity("ndpr")] = 30000;
  const auto ndpr = bench.commodity("ndpr");
  const double target = trader_of(trader).target_stock(bench.context("us_trader"), ndpr, 40);
  CHECK(target < kMaxStock);
  const auto asks =
      orders_of(bench.decide("us_trader", trader), Side::kSell, bench.venue("ndpr_global"));
  REQUIRE(asks.size() == 1);
  CHECK(asks[0].units == Approx(30000 - target));
  CHECK(asks[0].price_usd == Approx(40));
}

// --- In a world (docs/model.md §7.6.1) ---------------------------------------------------------

namespace {

namespace habitats = reesim::testing::habitats;

// The NdPr price on the seaborne market and US buyers' unmet demand when China stops exporting
// in March, with a US trader holding 100 t (tests/sim/habitats.h) at `params`.
std::string spike_with_trader(const std::string& params) {
  return R"txt(
    agents {
      id: "us_trader" type: "trader" nation: "US" venues: ["ndpr_global"] cash: 50000000
      inventory { commodity: "ndpr" quantity { fixed: 100000 } }
      )txt" +
         params + R"txt(
    }
    metrics {
      id: "price" kind: METRIC_PRICE venue: "ndpr_global"
      scalars { id: "price_mean" kind: SCALAR_MEAN }
    }
    metrics {
      id: "unmet" kind: METRIC_UNMET_DEMAND nation: "US"
      scalars { id: "unmet_total" kind: SCALAR_CUMULATIVE }
    }
  )txt";
}

}  // namespace

TEST_CASE("A trader that weighs scarcity and momentum more makes a supply shock's spike worse",
          "[agents][trader][world]") {
  // Hoarding: expecting more from the shortage and the climb, it holds back stock it would
  // otherwise sell into the spike (4 trials under common random numbers).
  const std::string calm = spike_with_trader("");
  const std::string hoarding = spike_with_trader(
      R"(params { name: "scarcity_weight" value { fixed: 10 } }
         params { name: "momentum_weight" value { fixed: 2 } })");
  reesim::testing::WorldRunner base({habitats::kOxide, habitats::kChinaStopsExports, calm});
  reesim::testing::WorldRunner hoarder({habitats::kOxide, habitats::kChinaStopsExports, hoarding});
  CHECK(hoarder.mean_scalar("price_mean", 4) > base.mean_scalar("price_mean", 4));
  CHECK(hoarder.mean_scalar("unmet_total", 4) > base.mean_scalar("unmet_total", 4));
}
