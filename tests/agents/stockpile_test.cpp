// A strategic stockpile agency's rules (docs/model.md §7.4, §7.6; cal §7): only while a stockpile
// policy of its nation is in force, it releases a quarter of its stock at 98 % of the market while
// its nation's shortage exceeds the release shortfall, and otherwise buys below its price within
// its cash, target and budgets. The bench agency (US) holds 100 million USD, trades NdPr
// (reference 50 USD/kg) and Dy (300 USD/kg), buys below 45 USD/kg and releases above a 10 %
// shortage.
#include <catch2/catch.hpp>

#include <cmath>

#include "tests/agents/agent_bench.h"

using reesim::agents::Agent;
using reesim::market::Side;
using reesim::testing::bench::Bench;
using reesim::testing::bench::orders_of;
using reesim::testing::bench::units_of;

namespace {

constexpr double kCash = 1e8;  // USD
constexpr double kBuyBelow = 45;

// A bench with a stockpile policy in force and the US short by `shortage`.
void enable(Bench& bench, double shortage) {
  bench.effects.stockpile_enabled = true;
  bench.snapshot.nation_shortage[bench.nation("US")] = shortage;
}

// The agency holding `ndpr` kg of NdPr and `dy` kg of Dy.
Agent reserve_holding(const Bench& bench, double ndpr, double dy) {
  Agent reserve = bench.agent("us_reserve");
  REQUIRE(reserve.cash == kCash);
  reserve.inventory[bench.commodity("ndpr")] = ndpr;
  reserve.inventory[bench.commodity("dy")] = dy;
  return reserve;
}

}  // namespace

TEST_CASE("A stockpile agency without a stockpile policy in force neither buys nor releases",
          "[agents][stockpile]") {
  Bench bench;
  bench.snapshot.nation_shortage[bench.nation("US")] = 0.5;
  bench.set_price("ndpr", 40);
  CHECK(bench.decide("us_reserve", reserve_holding(bench, 10000, 400)).empty());
}

TEST_CASE("A stockpile agency releases a quarter of each stock at 98 % of the market in a shortage",
          "[agents][stockpile]") {
  Bench bench;
  enable(bench, 0.2);
  const auto orders = bench.decide("us_reserve", reserve_holding(bench, 10000, 400));
  const auto ndpr = orders_of(orders, Side::kSell, bench.venue("ndpr_global"));
  const auto dy = orders_of(orders, Side::kSell, bench.venue("dy_global"));
  REQUIRE(ndpr.size() == 1);
  REQUIRE(dy.size() == 1);
  CHECK(ndpr[0].units == Approx(2500));
  CHECK(ndpr[0].price_usd == Approx(0.98 * 50));
  CHECK(dy[0].units == Approx(100));
  CHECK(dy[0].price_usd == Approx(0.98 * 300));
  CHECK(orders_of(orders, Side::kBuy).empty());
}

TEST_CASE("A stockpile agency at exactly its release shortfall holds its stock and buys if cheap",
          "[agents][stockpile]") {
  Bench bench;
  enable(bench, 0.1);
  bench.set_price("ndpr", 40);
  const auto orders = bench.decide("us_reserve", reserve_holding(bench, 10000, 400));
  CHECK(orders_of(orders, Side::kSell).empty());
  CHECK(orders_of(orders, Side::kBuy, bench.venue("ndpr_global")).size() == 1);
}

TEST_CASE("A stockpile policy's release shortfall replaces the agency's", "[agents][stockpile]") {
  // A 20 % shortage is over the agency's 10 % but not over the policy's 30 %.
  Bench bench;
  enable(bench, 0.2);
  bench.effects.stockpile_release_shortfall = 0.3;
  CHECK(orders_of(bench.decide("us_reserve", reserve_holding(bench, 10000, 400)), Side::kSell)
            .empty());
}

TEST_CASE("A stockpile policy's release cap holds over all the agency's venues in a tick",
          "[agents][stockpile]") {
  // 2,500 kg NdPr and 100 kg Dy would go; the cap of 1,000 kg lets out only NdPr's first 1,000.
  Bench bench;
  enable(bench, 0.2);
  bench.effects.stockpile_max_release = 1000;
  const auto orders = bench.decide("us_reserve", reserve_holding(bench, 10000, 400));
  CHECK(units_of(orders, Side::kSell) == Approx(1000));
  CHECK(units_of(orders, Side::kSell, bench.venue("ndpr_global")) == Approx(1000));
}

TEST_CASE("A stockpile agency buys below its price with at most a fiftieth of its cash a tick",
          "[agents][stockpile]") {
  // NdPr at 40: 0.02 x 100 million / 40 = 50,000 kg bid at 45; Dy at 300 is not bought.
  Bench bench;
  enable(bench, 0.0);
  bench.set_price("ndpr", 40);
  const auto bids = orders_of(bench.decide("us_reserve", reserve_holding(bench, 0, 0)), Side::kBuy);
  REQUIRE(bids.size() == 1);
  CHECK(bids[0].venue == bench.venue("ndpr_global"));
  CHECK(bids[0].price_usd == Approx(kBuyBelow));
  CHECK(bids[0].units == Approx(0.02 * kCash / 40));
}

TEST_CASE("A stockpile agency does not buy at or above its price", "[agents][stockpile]") {
  Bench bench;
  enable(bench, 0.0);
  bench.set_price("ndpr", kBuyBelow);
  CHECK(bench.decide("us_reserve", reserve_holding(bench, 0, 0)).empty());
}

TEST_CASE("A stockpile agency buys no more than its policy's target leaves",
          "[agents][stockpile]") {
  Bench bench;
  enable(bench, 0.0);
  bench.set_price("ndpr", 40);
  bench.effects.stockpile_target = 20000;
  const auto bids =
      orders_of(bench.decide("us_reserve", reserve_holding(bench, 5000, 0)), Side::kBuy);
  REQUIRE(bids.size() == 1);
  CHECK(bids[0].units == Approx(15000));
}

TEST_CASE("A stockpile agency at its policy's target buys nothing", "[agents][stockpile]") {
  Bench bench;
  enable(bench, 0.0);
  bench.set_price("ndpr", 40);
  bench.effects.stockpile_target = 20000;
  CHECK(bench.decide("us_reserve", reserve_holding(bench, 20000, 0)).empty());
}

TEST_CASE("A stockpile agency bids no more than its own budget left pays for at its price",
          "[agents][stockpile]") {
  // A budget of 1 million USD, 400,000 spent: 600,000 / 45 = 13,333 kg.
  Bench bench;
  enable(bench, 0.0);
  bench.set_price("ndpr", 40);
  Agent reserve = reserve_holding(bench, 0, 0);
  std::get<reesim::agents::Stockpile>(reserve.kind).params.budget_usd = 1e6;
  reserve.purchases_usd = 4e5;
  const auto bids = orders_of(bench.decide("us_reserve", reserve), Side::kBuy);
  REQUIRE(bids.size() == 1);
  CHECK(bids[0].units == Approx(6e5 / kBuyBelow));
  CHECK(bids[0].units * bids[0].price_usd == Approx(6e5));
}

TEST_CASE("A stockpile policy's budget is shared over the agency's venues in a tick",
          "[agents][stockpile]") {
  // The policy buys below 400 USD/kg with 100,000 USD left. NdPr at 50 would get 40,000 kg by
  // cash; the budget pays for 100,000 / 400 = 250 kg at the policy's price and leaves nothing for
  // Dy (300 < 400).
  Bench bench;
  enable(bench, 0.0);
  bench.effects.stockpile_buy_below = 400;
  bench.effects.stockpile_budget_left = 1e5;
  const auto orders = bench.decide("us_reserve", reserve_holding(bench, 0, 0));
  const auto ndpr = orders_of(orders, Side::kBuy, bench.venue("ndpr_global"));
  REQUIRE(ndpr.size() == 1);
  CHECK(ndpr[0].price_usd == Approx(400));
  CHECK(ndpr[0].units == Approx(250));
  CHECK(orders_of(orders, Side::kBuy, bench.venue("dy_global")).empty());
}

TEST_CASE("A stockpile policy's purchase price replaces the agency's", "[agents][stockpile]") {
  // NdPr at its reference, 50, above the agency's 45 but below the policy's 60.
  Bench bench;
  enable(bench, 0.0);
  bench.effects.stockpile_buy_below = 60;
  const auto bids = orders_of(bench.decide("us_reserve", reserve_holding(bench, 0, 0)), Side::kBuy);
  REQUIRE(bids.size() == 1);
  CHECK(bids[0].price_usd == Approx(60));
  CHECK(bids[0].units == Approx(0.02 * kCash / 50));
}

namespace {

reesim::agents::Stockpile::Params& rules_of(Agent& reserve) {
  return std::get<reesim::agents::Stockpile>(reserve.kind).params;
}

}  // namespace

TEST_CASE("A state reserve releases only where a price is above its ratio to the reference",
          "[agents][stockpile]") {
  // Released above 1.5 x the reference: NdPr (reference 50) at 80 goes, Dy (300) at 300 stays.
  // No shortage: the price rule alone releases.
  Bench bench;
  enable(bench, 0.0);
  bench.set_price("ndpr", 80);
  Agent reserve = reserve_holding(bench, 10000, 400);
  rules_of(reserve).release_above_ratio = 1.5;
  const auto orders = bench.decide("us_reserve", reserve);
  const auto ndpr = orders_of(orders, Side::kSell, bench.venue("ndpr_global"));
  REQUIRE(ndpr.size() == 1);
  CHECK(ndpr[0].units == Approx(2500));
  CHECK(ndpr[0].price_usd == Approx(0.98 * 80));
  CHECK(orders_of(orders, Side::kSell, bench.venue("dy_global")).empty());
  // At exactly the ratio it holds.
  bench.set_price("ndpr", 75);
  CHECK(orders_of(bench.decide("us_reserve", reserve), Side::kSell).empty());
}

TEST_CASE("A state reserve bids its purchase ratio of the reference where that is higher",
          "[agents][stockpile]") {
  // NdPr at 48 is above the agency's 45 USD/kg: no purchase. With a ratio of 1.0 it buys below
  // 50 and bids 50; Dy at its reference, 300, is not below 300.
  Bench bench;
  enable(bench, 0.0);
  bench.set_price("ndpr", 48);
  Agent reserve = reserve_holding(bench, 0, 0);
  CHECK(orders_of(bench.decide("us_reserve", reserve), Side::kBuy).empty());
  rules_of(reserve).buy_below_ratio = 1.0;
  const auto bids = orders_of(bench.decide("us_reserve", reserve), Side::kBuy);
  REQUIRE(bids.size() == 1);
  CHECK(bids[0].venue == bench.venue("ndpr_global"));
  CHECK(bids[0].price_usd == Approx(50));
  CHECK(bids[0].units == Approx(0.02 * kCash / 48));
}

TEST_CASE("A state reserve buys no more of a commodity than its own largest stock leaves",
          "[agents][stockpile]") {
  // Holding 5,000 kg of NdPr with room for 20,000: 15,000 kg, under the cash rule's 50,000; Dy,
  // held at 20,000 kg, is at its limit.
  Bench bench;
  enable(bench, 0.0);
  bench.set_price("ndpr", 40);
  bench.set_price("dy", 200);
  Agent reserve = reserve_holding(bench, 5000, 20000);
  rules_of(reserve).max_stock = 20000;
  rules_of(reserve).buy_below_ratio = 0.8;
  const auto orders = bench.decide("us_reserve", reserve);
  const auto ndpr = orders_of(orders, Side::kBuy, bench.venue("ndpr_global"));
  REQUIRE(ndpr.size() == 1);
  CHECK(ndpr[0].units == Approx(15000));
  CHECK(orders_of(orders, Side::kBuy, bench.venue("dy_global")).empty());
}
