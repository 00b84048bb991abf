// A magnet buyer's rules (docs/model.md §7.6, §7.9; cal §4, §5, §7): it bids for this tick's
// demand plus its buffer at an inventory-gap price with urgency for unmet demand, up to its most;
// it uses its demand from stock; its demand answers price through a short- and a long-run
// elasticity, and substitution starts only after sustained high prices. The bench buyer (US EVs)
// needs 52,000 kg/yr of magnets (60 USD/kg at reference), keeps 6 weeks' buffer, has elasticities
// -0.1 (short run) and -0.4 (long run), and substitutes above twice the reference after a lag of
// 10 weeks, up to 30 % of its demand.
#include <catch2/catch.hpp>

#include <cmath>
#include <utility>

#include <algorithm>
#include <string>
#include <string_view>

#include "tests/agents/agent_bench.h"
#include "tests/policies/world_runner.h"
#include "tests/policies/worlds.h"

using reesim::agents::Agent;
using reesim::agents::MagnetBuyer;
using reesim::agents::OrderRequest;
using reesim::market::Side;
using reesim::testing::WorldRunner;
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
    buyer.trading[venue].reach = reach;
    const auto bids = orders_of(bench.decide("us_buyer", buyer), Side::kBuy);
    REQUIRE(bids.size() == 1);
    CHECK(bids[0].price_usd == Approx(70 + reach * 20));
  }
}

namespace {

// The bench buyer with the value-in-use rule on: magnets are `share` of its product's cost and
// its margin is 10 %, so it pays at most 1 + 0.1 / share times the reference; its uses stop
// paying from halfway between the reference and that.
Agent valuing_buyer(const Bench& bench, double share) {
  Agent buyer = bench.agent("us_buyer");
  auto& self = std::get<MagnetBuyer>(buyer.kind);
  self.params.magnet_cost_share = share;
  self.params.product_margin = 0.1;
  self.params.use_value_spread = 0.5;
  return buyer;
}

// Its bids holding `weeks` of demand, with `shortage_memory`: one per tranche of its uses' values,
// most valuable first.
std::vector<OrderRequest> valuing_bids(const Bench& bench, Agent buyer, double weeks,
                                       double shortage_memory) {
  std::get<MagnetBuyer>(buyer.kind).shortage_memory = shortage_memory;
  buyer.inventory[bench.commodity("magnet")] = weeks * bench.per_tick(kDemand);
  auto bids = orders_of(bench.decide("us_buyer", buyer), Side::kBuy);
  REQUIRE(bids.size() == MagnetBuyer::kTranches);
  return bids;
}

// The tranches' reservation prices of a fresh buyer whose most is 6 times the reference and
// whose uses pay from 3.5 times: the middles of its four quarters, USD/kg.
constexpr double kTrancheCeilings[] = {
    (6 - 2.5 * 0.125) * kReference, (6 - 2.5 * 0.375) * kReference, (6 - 2.5 * 0.625) * kReference,
    (6 - 2.5 * 0.875) * kReference};

// Sets the landed cost of magnets to the US on the global venue from the cheapest and the
// dearest origin, USD/kg.
void set_landed(Bench& bench, double low, double high) {
  const std::size_t venues = bench.world().venues().size();
  const auto nations = static_cast<std::size_t>(bench.snapshot.nations);
  bench.snapshot.landed_low.assign(venues * nations, 0.0);
  for (const reesim::world::VenueIndex v : bench.snapshot.venue_price.indices())
    for (std::size_t n = 0; n < nations; ++n)
      bench.snapshot.landed_low[reesim::world::at(v) * nations + n] = bench.snapshot.venue_price[v];
  bench.snapshot.landed_high = bench.snapshot.landed_low;
  const auto at = bench.snapshot.landed_at(bench.venue("magnet_global"), bench.nation("US"));
  bench.snapshot.landed_low[at] = low;
  bench.snapshot.landed_high[at] = high;
}

}  // namespace

TEST_CASE("A buyer's reservation price comes from its product's margin and magnets' cost share",
          "[agents][magnet_buyer][value]") {
  // Magnets 2 % of cost, margin 10 %: it pays up to 1 + 0.1 / 0.02 = 6 times the reference. Its
  // uses stop paying between 3.5 and 6 times the reference.
  Bench bench;
  const Agent buyer = valuing_buyer(bench, 0.02);
  const auto& self = std::get<MagnetBuyer>(buyer.kind);
  CHECK(self.reservation_ratio() == Approx(6));
  CHECK(self.served_share(1.0) == 1.0);
  CHECK(self.served_share(3.5) == 1.0);
  CHECK(self.served_share(4.75) == Approx(0.5));
  CHECK(self.served_share(6.0) == 0.0);
  CHECK(self.served_share(9.0) == 0.0);
}

TEST_CASE("A buyer without a magnet cost share keeps the capped bid and serves every use",
          "[agents][magnet_buyer][value]") {
  Bench bench;
  const Agent buyer = bench.agent("us_buyer");
  const auto& self = std::get<MagnetBuyer>(buyer.kind);
  CHECK(std::isinf(self.reservation_ratio()));
  CHECK(self.served_share(50.0) == 1.0);
}

TEST_CASE("A buyer's reservation price stays within its most times the reference",
          "[agents][magnet_buyer][value]") {
  // 1 + 0.1 / 0.005 = 21, above the bench's 12.
  Bench bench;
  CHECK(std::get<MagnetBuyer>(valuing_buyer(bench, 0.005).kind).reservation_ratio() == 12.0);
}

TEST_CASE("A valuing buyer at its buffer and never short bids as a capped one does",
          "[agents][magnet_buyer][value]") {
  // Four tranches of a quarter of a week's demand each, all at the market price.
  Bench bench;
  double units = 0;
  for (const OrderRequest& bid : valuing_bids(bench, valuing_buyer(bench, 0.02), kBufferWeeks, 0)) {
    CHECK(bid.price_usd == Approx(kReference));
    units += bid.units;
  }
  CHECK(units == Approx(bench.per_tick(kDemand)));
}

TEST_CASE("A buyer's tranches split the value of the uses it still serves",
          "[agents][magnet_buyer][value]") {
  // All uses served: the middles of the quarters of [3.5, 6]; 40 % served: of [5, 6].
  Bench bench;
  Agent buyer = valuing_buyer(bench, 0.02);
  auto& self = std::get<MagnetBuyer>(buyer.kind);
  for (int i = 0; i < MagnetBuyer::kTranches; ++i)
    CHECK(self.tranche_ratio(i) * kReference == Approx(kTrancheCeilings[i]));
  self.served = 0.4;
  CHECK(self.tranche_ratio(0) == Approx(6 - 1.0 * 0.125));
  CHECK(self.tranche_ratio(3) == Approx(6 - 1.0 * 0.875));
}

TEST_CASE("A buyer short of magnets bids toward its reservation prices as far as its shortage",
          "[agents][magnet_buyer][value]") {
  // Shortage memory 0.5 at its buffer: the capped bid is 60 x (1 + 0.3 x 0.5) = 69; each tranche
  // bids half the way from there to its reservation price.
  Bench bench;
  const double base = kReference * (1 + bench.model.bid_urgency * 0.5);
  const auto bids = valuing_bids(bench, valuing_buyer(bench, 0.02), kBufferWeeks, 0.5);
  for (int i = 0; i < MagnetBuyer::kTranches; ++i)
    CHECK(bids[i].price_usd == Approx(base + 0.5 * (kTrancheCeilings[i] - base)));
}

TEST_CASE("A buyer whose cover falls below the scarcity gap bids its reservation prices",
          "[agents][magnet_buyer][value]") {
  // An empty store: gap 1, beyond 0.5 by all of the rest.
  Bench bench;
  const auto bids = valuing_bids(bench, valuing_buyer(bench, 0.02), 0.0, 0.0);
  for (int i = 0; i < MagnetBuyer::kTranches; ++i)
    CHECK(bids[i].price_usd == Approx(kTrancheCeilings[i]));
}

TEST_CASE("A buyer's bids never land above their reservation prices, however high the market",
          "[agents][magnet_buyer][value]") {
  Bench bench;
  bench.set_price("magnet", 1000);
  const auto bids = valuing_bids(bench, valuing_buyer(bench, 0.02), 0.0, 1.0);
  for (int i = 0; i < MagnetBuyer::kTranches; ++i)
    CHECK(bids[i].price_usd == Approx(kTrancheCeilings[i]));
}

TEST_CASE("A buyer's reservation prices bound its bids as landed costs on a taxed venue",
          "[agents][magnet_buyer][value]") {
  // Magnets land at 90 to 150 USD/kg against a bare price of 60; at full reach and full
  // shortage each tranche bids its reservation price landed, not that times 150 / 60.
  Bench bench;
  set_landed(bench, 90, 150);
  Agent buyer = valuing_buyer(bench, 0.02);
  buyer.trading[bench.venue("magnet_global")].reach = 1.0;
  const auto short_bids = valuing_bids(bench, buyer, 0.0, 1.0);
  for (int i = 0; i < MagnetBuyer::kTranches; ++i)
    CHECK(short_bids[i].price_usd == Approx(kTrancheCeilings[i]));
  // Never short, at its buffer: the usual landed bid, 150.
  for (const OrderRequest& bid : valuing_bids(bench, buyer, kBufferWeeks, 0.0))
    CHECK(bid.price_usd == Approx(150));
}

TEST_CASE("The more of its product's cost magnets make, the less a short buyer bids",
          "[agents][magnet_buyer][value][direction]") {
  // A defence system (magnets 0.5 % of cost: up to 12 times the reference, its most) outbids a
  // wind turbine (5 %: up to 3 times, uses paying from 2) when both are short.
  Bench bench;
  const auto small_share = valuing_bids(bench, valuing_buyer(bench, 0.005), 0.0, 1.0);
  const auto large_share = valuing_bids(bench, valuing_buyer(bench, 0.05), 0.0, 1.0);
  for (int i = 0; i < MagnetBuyer::kTranches; ++i)
    CHECK(small_share[i].price_usd > large_share[i].price_usd);
  CHECK(large_share[0].price_usd == Approx((3 - 0.125) * kReference));
}

TEST_CASE("A buyer's demand falls with the landed price as it nears the reservation price",
          "[agents][magnet_buyer][value][direction]") {
  // Ten years at 5 times the reference: the quarter's landed memory is 5, and 0.4 of its uses
  // pay ((6 - 5) / (6 - 3.5)). At 3 times the reference every use pays.
  Bench bench;
  for (const auto& [multiple, share] : {std::pair{5.0, 0.4}, std::pair{3.0, 1.0}}) {
    Agent buyer = valuing_buyer(bench, 0.02);
    use_for(bench, buyer, 520, multiple);
    const auto& self = std::get<MagnetBuyer>(buyer.kind);
    CHECK(self.served == Approx(share).epsilon(1e-6));
    CHECK(next_demand(bench, buyer) ==
          Approx(bench.per_tick(kDemand) * (1 - self.substituted) * self.price_response * share));
  }
}

namespace {

// The bench buyer substituting by partial adjustment: a half of the gap to its target a year,
// and half of what it substituted may come back.
Agent adjusting_buyer(const Bench& bench) {
  Agent buyer = bench.agent("us_buyer");
  auto& self = std::get<MagnetBuyer>(buyer.kind);
  self.params.substitution_speed = 0.5;
  self.params.substitution_reversibility = 0.5;
  return buyer;
}

}  // namespace

TEST_CASE("A buyer's substitution closes part of its gap to the target each week",
          "[agents][magnet_buyer][substitution]") {
  // One week at 3 times the reference: p_l = 158 / 156, below the threshold of 2: no target.
  // With the long memory set at 3: target 0.3 x (3 - 2) / 2 = 0.15, and a week closes
  // 1 - exp(-0.5 x 7 / 365) of the gap.
  Bench bench;
  Agent buyer = adjusting_buyer(bench);
  auto& self = std::get<MagnetBuyer>(buyer.kind);
  use_for(bench, buyer, 1, 3.0);
  CHECK(self.substituted == 0.0);
  self.price_long = 3.0;  // still 3 after a week at 3
  use_for(bench, buyer, 1, 3.0);
  CHECK(self.price_long == Approx(3.0));
  CHECK(self.substituted == Approx(0.15 * (1 - std::exp(-0.5 * 7.0 / 365.0))));
}

TEST_CASE("Sustained high prices raise a buyer's substituted share toward its target",
          "[agents][magnet_buyer][substitution][direction]") {
  // Twenty years at 3 times the reference: close to the target 0.15; at 5 times, to 0.3.
  Bench bench;
  double last = 0;
  for (const auto& [multiple, target] : {std::pair{3.0, 0.15}, std::pair{5.0, 0.3}}) {
    Agent buyer = adjusting_buyer(bench);
    use_for(bench, buyer, 1040, multiple);
    const double substituted = std::get<MagnetBuyer>(buyer.kind).substituted;
    CHECK(substituted == Approx(target).epsilon(0.01));
    CHECK(substituted > last);
    last = substituted;
  }
}

TEST_CASE("When prices fall, the reversible part of a buyer's substitution comes back",
          "[agents][magnet_buyer][substitution][direction]") {
  // Twenty years at 5 times the reference (target 0.3), then twenty at half of it: the share
  // falls from its peak, near 0.3, to half of that, and no further.
  Bench bench;
  Agent buyer = adjusting_buyer(bench);
  const auto& self = std::get<MagnetBuyer>(buyer.kind);
  use_for(bench, buyer, 1040, 5.0);
  REQUIRE(self.substituted == Approx(0.3).epsilon(0.01));
  use_for(bench, buyer, 104, 0.5);
  const double peak = self.substituted_peak;
  CHECK(peak >= 0.29);
  CHECK(self.substituted < peak);
  use_for(bench, buyer, 1040, 0.5);
  CHECK(self.substituted == Approx(0.5 * peak).epsilon(0.01));
  CHECK(self.substituted >= 0.5 * peak);
  CHECK(self.substituted_peak == peak);
}

TEST_CASE("An irreversible partial adjustment keeps all it substituted",
          "[agents][magnet_buyer][substitution]") {
  Bench bench;
  Agent buyer = adjusting_buyer(bench);
  auto& self = std::get<MagnetBuyer>(buyer.kind);
  self.params.substitution_reversibility = 0;
  use_for(bench, buyer, 520, 4.0);
  const double before = self.substituted;
  REQUIRE(before > 0.1);
  use_for(bench, buyer, 520, 0.5);
  CHECK(self.substituted >= before);
  CHECK(self.substituted == self.substituted_peak);
}

TEST_CASE("A buyer without precaution aims for its buffer whatever its shortage",
          "[agents][magnet_buyer][precaution]") {
  Bench bench;
  Agent buyer = bench.agent("us_buyer");
  auto& self = std::get<MagnetBuyer>(buyer.kind);
  self.shortage_memory = 0.5;
  self.price_short = 2.0;
  CHECK(self.target_buffer_weeks() == kBufferWeeks);
}

TEST_CASE("A buyer that has gone short aims for a larger buffer and bids for it",
          "[agents][magnet_buyer][precaution][direction]") {
  // 20 weeks per unit of shortage memory, 0.5 of it: 16 weeks; holding 6 it bids for 11 weeks.
  Bench bench;
  Agent buyer = bench.agent("us_buyer");
  std::get<MagnetBuyer>(buyer.kind).params.precaution_weeks_per_shortage = 20;
  CHECK(std::get<MagnetBuyer>(buyer.kind).target_buffer_weeks() == kBufferWeeks);
  std::get<MagnetBuyer>(buyer.kind).shortage_memory = 0.5;
  CHECK(std::get<MagnetBuyer>(buyer.kind).target_buffer_weeks() == Approx(16));
  buyer.inventory[bench.commodity("magnet")] = kBufferWeeks * bench.per_tick(kDemand);
  const auto bids = orders_of(bench.decide("us_buyer", buyer), Side::kBuy);
  REQUIRE(bids.size() == 1);
  CHECK(bids[0].units == Approx(11 * bench.per_tick(kDemand)));
}

TEST_CASE("Rising prices make a buyer hoard and falling ones destock, within its most",
          "[agents][magnet_buyer][precaution][direction]") {
  // 10 weeks per unit of momentum: a quarter's memory 1.5 times the long one adds 5 weeks, 0.5
  // times takes 5 off; 3 times would add 20 but the buffer stops at 20 weeks.
  Bench bench;
  Agent buyer = bench.agent("us_buyer");
  auto& self = std::get<MagnetBuyer>(buyer.kind);
  self.params.momentum_weeks = 10;
  self.params.max_buffer_weeks = 20;
  self.price_short = 1.5;
  CHECK(self.target_buffer_weeks() == Approx(11));
  self.price_short = 0.5;
  CHECK(self.target_buffer_weeks() == Approx(1));
  self.price_short = 3.0;
  CHECK(self.target_buffer_weeks() == Approx(20));
}

namespace {

// tests/policies/worlds.h's oxide trade, China exporting no NdPr from March, with `params` (text)
// set on the US buyers and the share they have substituted recorded (none in Australia).
std::string banned_oxide_trade(const std::string& params) {
  std::string world(reesim::testing::worlds::kOxideTrade);
  const std::string buyer = R"(id: "us_magnets" type: "magnet_buyer" nation: "US")";
  const std::size_t at = world.find(buyer);
  REQUIRE(at != std::string::npos);
  world.insert(at + buyer.size(), " " + params);
  return world + R"txt(
    policies {
      id: "cn_export_ban" type: "export_ban" enacted_by: "CN" origins: ["CN"]
      commodities: ["ndpr"] activation { date: "2024-03-04" }
    }
    metrics { id: "us_substituted" kind: METRIC_SUBSTITUTED_SHARE nation: "US" series: true }
    metrics { id: "au_substituted" kind: METRIC_SUBSTITUTED_SHARE nation: "AU" series: true }
  )txt";
}

std::string param(std::string_view name, double value) {
  return "params { name: \"" + std::string(name) + "\" value { fixed: " + std::to_string(value) +
         " } }";
}

double peak(const std::vector<double>& series) {
  return *std::max_element(series.begin(), series.end());
}

}  // namespace

TEST_CASE("Under a lasting ban, the share the cut-off buyers substitute rises",
          "[agents][magnet_buyer][substitution][metric]") {
  // Partial adjustment at 4 a year above 1.2 times the reference: some substitution by the
  // year's end; the lagged ratchet (104 weeks) none in the year. Australia has no buyers.
  const std::string above = param("substitution_price_ratio", 1.2);
  WorldRunner adjusting({banned_oxide_trade(above + param("substitution_speed", 4))});
  WorldRunner ratchet({banned_oxide_trade(above)});
  const std::vector<double>& adjusted = adjusting.series("us_substituted", 0);
  CHECK(adjusted.front() == 0.0);
  CHECK(adjusted.back() > 0.0);
  CHECK(peak(ratchet.series("us_substituted", 0)) == 0.0);
  CHECK(std::isnan(adjusting.series("au_substituted", 0).back()));
}

TEST_CASE("Cut-off buyers to whom magnets are worth more drive the seaborne peak higher",
          "[agents][magnet_buyer][value][direction]") {
  // Magnets 1 % of the product's cost (reservation price 11 times the reference) against 5 %
  // (3 times).
  WorldRunner valued({banned_oxide_trade(param("magnet_cost_share", 0.01))});
  WorldRunner thrifty({banned_oxide_trade(param("magnet_cost_share", 0.05))});
  const double high = peak(valued.series("price_global", 0));
  const double low = peak(thrifty.series("price_global", 0));
  CHECK(high > low);
  CHECK(low <= 3 * 55 * 1.0001);
}

TEST_CASE("Cut-off buyers that hoard when short drive the seaborne price higher",
          "[agents][magnet_buyer][precaution][direction]") {
  // Both value magnets at up to 6 times the reference (2 % of their product's cost); one adds 20
  // weeks of buffer per unit of shortage memory, and hoarding shows in a higher peak. (Without the
  // pull toward the normal price, sellers' supply curves let the price climb to the top of the
  // buyers' demand curve with or without hoarding, so the year's mean no longer tells them
  // apart: 242.7 against 246.1 USD/kg at the same peak, docs/model.md §7.6.)
  const std::string valued = param("magnet_cost_share", 0.02);
  WorldRunner pulled_hoarding(
      {banned_oxide_trade(valued + param("precaution_weeks_per_shortage", 20))});
  WorldRunner pulled_calm({banned_oxide_trade(valued)});
  const double hoarded_peak = peak(pulled_hoarding.series("price_global", 0));
  const double usual_peak = peak(pulled_calm.series("price_global", 0));
  INFO("with the pull, peak " << hoarded_peak << " vs " << usual_peak);
  CHECK(hoarded_peak > usual_peak);
}
