// A magnet buyer's rules (docs/model.md §7.6, §7.9; cal §4, §5, §7): it bids for this tick's
// demand plus its buffer at an inventory-gap price with urgency for unmet demand, up to its most;
// it uses its demand from stock; its demand answers price through a short- and a long-run
// elasticity, and substitution starts only after sustained high prices. The bench buyer (US EVs)
// needs 52,000 kg/yr of magnets (60 USD/kg at reference), keeps 6 weeks' buffer, has elasticities
// -0.1 (short run) and -0.4 (long run), and substitutes above twice the reference after a lag of
// 10 weeks, up to 30 % of its demand.
#include <catch2/catch.hpp>

#include <cmath>

#include "tests/agents/agent_bench.h"

using reesim::agents::Agent;
using reesim::agents::MagnetBuyer;
using reesim::agents::OrderRequest;
using reesim::market::Side;
using reesim::testing::bench::Bench;
using reesim::testing::bench::orders_of;

namespace {

constexpr double kDemand = 52000;  // kg/yr at the start
constexpr double kBufferWeeks = 6;
constexpr double kShortRun = -0.1;
constexpr double kLongRun = -0.4;
constexpr double kReference = 60;  // USD/kg of magnet

// The buyer's single bid holding `weeks` of its weekly demand.
OrderRequest bid_holding(const Bench& bench, double weeks, double shortage_memory = 0.0) {
  Agent buyer = bench.agent("us_buyer");
  std::get<MagnetBuyer>(buyer.kind).shortage_memory = shortage_memory;
  buyer.inventory[bench.commodity("magnet")] = weeks * bench.per_tick(kDemand);
  const auto bids = orders_of(bench.decide("us_buyer", buyer), Side::kBuy);
  REQUIRE(bids.size() == 1);
  CHECK(bids[0].venue == bench.venue("magnet_global"));
  return bids[0];
}

// The buyer's demand next tick, kg.
double next_demand(const Bench& bench, const Agent& buyer) {
  return std::get<MagnetBuyer>(buyer.kind)
      .weekly_demand(bench.context("us_buyer"), buyer, bench.commodity("magnet"));
}

// Runs `weeks` ticks of use at `multiple` times the reference price.
void use_for(Bench& bench, Agent& buyer, int weeks, double multiple) {
  bench.set_price_multiple("magnet", multiple);
  for (int week = 0; week < weeks; ++week)
    bench.consume("us_buyer", buyer);
}

}  // namespace

TEST_CASE("A buyer holding its buffer bids the market price for this week's demand",
          "[agents][magnet_buyer]") {
  // demand x (1 + buffer_weeks) - stock = one week's demand.
  Bench bench;
  const OrderRequest bid = bid_holding(bench, kBufferWeeks);
  CHECK(bid.price_usd == Approx(kReference));
  CHECK(bid.units == Approx(bench.per_tick(kDemand)));
}

TEST_CASE("A buyer with an empty store bids a full price step above the market for seven weeks",
          "[agents][magnet_buyer]") {
  Bench bench;
  const OrderRequest bid = bid_holding(bench, 0.0);
  CHECK(bid.price_usd == Approx(kReference * (1 + bench.model.price_step)));
  CHECK(bid.units == Approx(7 * bench.per_tick(kDemand)));
}

TEST_CASE("A buyer a little long of its buffer bids below the market, for less",
          "[agents][magnet_buyer]") {
  // 6.6 weeks held against 6: gap -0.1.
  Bench bench;
  const OrderRequest bid = bid_holding(bench, 6.6);
  CHECK(bid.price_usd == Approx(kReference * (1 - 0.1 * bench.model.price_step)));
  CHECK(bid.units == Approx(0.4 * bench.per_tick(kDemand)));
}

TEST_CASE("A buyer that has gone short bids more by its urgency", "[agents][magnet_buyer]") {
  // A smoothed unmet share of a half adds 0.3 x 0.5 of the price.
  Bench bench;
  const OrderRequest bid = bid_holding(bench, kBufferWeeks, 0.5);
  CHECK(bid.price_usd == Approx(kReference * (1 + bench.model.bid_urgency * 0.5)));
}

TEST_CASE("A buyer bids no more than its most times the reference, however high the market",
          "[agents][magnet_buyer]") {
  Bench bench;
  bench.set_price("magnet", 1000);
  CHECK(bid_holding(bench, 0.0).price_usd == Approx(12 * kReference));
}

TEST_CASE("A buyer uses its demand from stock and records what it went without",
          "[agents][magnet_buyer]") {
  // 500 kg held against a week's demand of 997 kg.
  Bench bench;
  Agent buyer = bench.agent("us_buyer");
  const auto magnet = bench.commodity("magnet");
  buyer.inventory[magnet] = 500;
  bench.consume("us_buyer", buyer);
  const double demand = bench.per_tick(kDemand);
  CHECK(buyer.demand == Approx(demand));
  CHECK(buyer.inventory[magnet] == 0.0);
  CHECK(buyer.unmet == Approx(demand - 500));
  CHECK(std::get<MagnetBuyer>(buyer.kind).shortage_memory ==
        Approx((1 - bench.model.signal_memory) * (demand - 500) / demand));
}

TEST_CASE("A buyer's demand after a week at three times the reference falls by its elasticities",
          "[agents][magnet_buyer]") {
  // Price memories over 13 and 156 weeks: p_s = 15/13, p_l = 158/156;
  // E = (p_s / p_l)^-0.1 x p_l^-0.4 = 0.982: 1.8 % less demand next week. This week's use is
  // unchanged.
  Bench bench;
  Agent buyer = bench.agent("us_buyer");
  use_for(bench, buyer, 1, 3.0);
  const double short_memory = 15.0 / 13.0;
  const double long_memory = 158.0 / 156.0;
  const double response =
      std::pow(short_memory / long_memory, kShortRun) * std::pow(long_memory, kLongRun);
  CHECK(buyer.demand == Approx(bench.per_tick(kDemand)));
  CHECK(std::get<MagnetBuyer>(buyer.kind).price_response == Approx(response));
  CHECK(next_demand(bench, buyer) == Approx(bench.per_tick(kDemand) * response));
  CHECK(response < 1.0);
}

TEST_CASE(
    "A buyer's demand after years at three times the reference falls by its long-run "
    "elasticity",
    "[agents][magnet_buyer]") {
  // After 30 years both memories hold 3 (to 1e-4): E = 3^-0.4 = 0.644. Substitution is kept out.
  Bench bench;
  Agent buyer = bench.agent("us_buyer");
  std::get<MagnetBuyer>(buyer.kind).params.substitution_price_ratio = 20;
  use_for(bench, buyer, 1560, 3.0);
  CHECK(std::get<MagnetBuyer>(buyer.kind).price_response ==
        Approx(std::pow(3.0, kLongRun)).epsilon(1e-4));
  CHECK(std::get<MagnetBuyer>(buyer.kind).substituted == 0.0);
}

TEST_CASE("A buyer starts substituting only after the lag, then a point a week up to its ceiling",
          "[agents][magnet_buyer]") {
  // Above 2 x the reference for 10 weeks: nothing; the 11th: 1 %; 30 weeks later: the 30 %
  // ceiling, where it stays.
  Bench bench;
  Agent buyer = bench.agent("us_buyer");
  const auto& self = std::get<MagnetBuyer>(buyer.kind);
  use_for(bench, buyer, 10, 3.0);
  CHECK(self.substituted == 0.0);
  use_for(bench, buyer, 1, 3.0);
  CHECK(self.substituted == Approx(bench.model.substitution_rate));
  use_for(bench, buyer, 29, 3.0);
  CHECK(self.substituted == Approx(0.3));
  use_for(bench, buyer, 20, 3.0);
  CHECK(self.substituted == Approx(0.3));
  CHECK(next_demand(bench, buyer) == Approx(bench.per_tick(kDemand) * 0.7 * self.price_response));
}

TEST_CASE("A buyer's count of high-price weeks restarts when the price falls back",
          "[agents][magnet_buyer]") {
  // Ten weeks high, one at the reference, ten high again: never more than ten in a row.
  Bench bench;
  Agent buyer = bench.agent("us_buyer");
  use_for(bench, buyer, 10, 3.0);
  use_for(bench, buyer, 1, 1.0);
  use_for(bench, buyer, 10, 3.0);
  CHECK(std::get<MagnetBuyer>(buyer.kind).high_price_weeks == 10);
  CHECK(std::get<MagnetBuyer>(buyer.kind).substituted == 0.0);
}

TEST_CASE("A buyer's substitution does not reverse when prices fall", "[agents][magnet_buyer]") {
  Bench bench;
  Agent buyer = bench.agent("us_buyer");
  use_for(bench, buyer, 15, 3.0);
  const double substituted = std::get<MagnetBuyer>(buyer.kind).substituted;
  REQUIRE(substituted == Approx(0.05));
  use_for(bench, buyer, 52, 0.5);
  CHECK(std::get<MagnetBuyer>(buyer.kind).substituted == substituted);
}

TEST_CASE(
    "A buyer facing a tariff bids against its landed cost, reaching toward the dearest origin",
    "[agents][magnet_buyer]") {
  // Magnets land in the US at 70 USD/kg from the cheapest origin and 90 from the dearest. At its
  // buffer the buyer bids 70 with no reach and 80 with half its reach.
  Bench bench;
  const std::size_t venues = bench.world().venues().size();
  const auto nations = static_cast<std::size_t>(bench.snapshot.nations);
  bench.snapshot.landed_low.assign(venues * nations, 0.0);
  for (const reesim::world::VenueIndex v : bench.snapshot.venue_price.indices())
    for (std::size_t n = 0; n < nations; ++n)
      bench.snapshot.landed_low[reesim::world::at(v) * nations + n] = bench.snapshot.venue_price[v];
  bench.snapshot.landed_high = bench.snapshot.landed_low;
  const auto at = bench.snapshot.landed_at(bench.venue("magnet_global"), bench.nation("US"));
  bench.snapshot.landed_low[at] = 70;
  bench.snapshot.landed_high[at] = 90;
  Agent buyer = bench.agent("us_buyer");
  buyer.inventory[bench.commodity("magnet")] = kBufferWeeks * bench.per_tick(kDemand);
  const auto venue = bench.venue("magnet_global");
  for (const double reach : {0.0, 0.5}) {
    buyer.reach[venue] = reach;
    const auto bids = orders_of(bench.decide("us_buyer", buyer), Side::kBuy);
    REQUIRE(bids.size() == 1);
    CHECK(bids[0].price_usd == Approx(70 + reach * 20));
  }
}
