// A liquidity provider's rule (docs/model.md §7.6): on every venue it lists it quotes its depth
// on both sides at anchor x (1 -/+ half_spread), the anchor a blend of the reference price and
// the last price. The bench provider quotes 1,000 kg at a half spread of 5 % on the seaborne
// NdPr (reference 50 USD/kg) and magnet (60 USD/kg) venues, with a reference weight of 0.2.
#include <catch2/catch.hpp>

#include "tests/agents/agent_bench.h"

using reesim::agents::Agent;
using reesim::market::Side;
using reesim::testing::bench::Bench;
using reesim::testing::bench::orders_of;

TEST_CASE("A liquidity provider quotes both sides around a blend of the reference and last price",
          "[agents][liquidity_provider]") {
  // NdPr last at 100: anchor 0.2 x 50 + 0.8 x 100 = 90, quotes 85.5 and 94.5. Magnets at their
  // reference: 57 and 63.
  Bench bench;
  bench.set_price("ndpr", 100);
  const Agent provider = bench.agent("market_maker");
  const auto orders = bench.decide("market_maker", provider);
  CHECK(orders.size() == 4);
  const auto ndpr = bench.venue("ndpr_global");
  const auto magnet = bench.venue("magnet_global");
  const auto ndpr_bids = orders_of(orders, Side::kBuy, ndpr);
  const auto ndpr_asks = orders_of(orders, Side::kSell, ndpr);
  const auto magnet_bids = orders_of(orders, Side::kBuy, magnet);
  const auto magnet_asks = orders_of(orders, Side::kSell, magnet);
  REQUIRE(ndpr_bids.size() == 1);
  REQUIRE(ndpr_asks.size() == 1);
  REQUIRE(magnet_bids.size() == 1);
  REQUIRE(magnet_asks.size() == 1);
  CHECK(ndpr_bids[0].price_usd == Approx(85.5));
  CHECK(ndpr_asks[0].price_usd == Approx(94.5));
  CHECK(magnet_bids[0].price_usd == Approx(57));
  CHECK(magnet_asks[0].price_usd == Approx(63));
  for (const auto& order : orders)
    CHECK(order.units == Approx(1000));
}

TEST_CASE("A liquidity provider quotes the same whatever it holds, short or flush",
          "[agents][liquidity_provider]") {
  Bench bench;
  Agent provider = bench.agent("market_maker");
  const auto before = bench.decide("market_maker", provider);
  provider.inventory[bench.commodity("ndpr")] = -50000;
  provider.cash = -1e6;
  const auto after = bench.decide("market_maker", provider);
  REQUIRE(after.size() == before.size());
  for (std::size_t i = 0; i < after.size(); ++i) {
    CHECK(after[i].venue == before[i].venue);
    CHECK(after[i].side == before[i].side);
    CHECK(after[i].price_usd == before[i].price_usd);
    CHECK(after[i].units == before[i].units);
  }
}
