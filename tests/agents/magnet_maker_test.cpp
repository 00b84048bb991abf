// A magnet maker's rules (docs/model.md §7.5, §7.6; cal §2, §5): a demand-pulled plan, output by
// recipe limited by its scarcest input, input bids that reach toward the input's worth to it only
// when it is short of more than maker_scarcity_gap of its buffer, and magnet asks floored at the
// cost of inputs and conversion. The bench maker (India) has 100,000 kg/yr of magnet capacity at
// utilisation 0.8; a kg of magnet takes 0.3 kg NdPr (50 USD/kg) and 0.02 kg Dy (300 USD/kg), 21
// USD of inputs at reference, and 10 USD of conversion; magnets fetch 60 USD/kg; it keeps 8 weeks
// of inputs.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "tests/agents/agent_bench.h"
#include "tests/sim/habitats.h"

using reesim::agents::Agent;
using reesim::agents::MagnetMaker;
using reesim::agents::OrderRequest;
using reesim::market::Side;
using reesim::testing::bench::Bench;
using reesim::testing::bench::orders_of;
using reesim::testing::bench::units_of;

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

TEST_CASE(
    "A magnet maker at its target cover offers its magnets on a supply curve about the "
    "market price",
    "[agents][magnet_maker]") {
  // Four quarters of its stock, at the asks for the 4.375, 3.125, 1.875 and 0.625 weeks of
  // output it keeps once each is sold (docs/model.md §7.6): its week's output, a fifth of its
  // stock, sells from the first at half a percent under the market's 60 USD/kg.
  Bench bench;
  Agent maker = maker_holding(bench, kBufferWeeks, kBufferWeeks);
  const auto magnet = bench.commodity("magnet");
  maker.inventory[magnet] = 5 * usual(bench);
  const auto asks = orders_of(bench.decide("in_maker", maker), Side::kSell);
  REQUIRE(asks.size() == 4);
  const double step = bench.model.price_step;
  const double kept[4] = {4.375, 3.125, 1.875, 0.625};
  for (int i = 0; i < 4; ++i) {
    CHECK(asks[i].venue == bench.venue("magnet_global"));
    CHECK(asks[i].units == Approx(maker.inventory[magnet] / 4));
    CHECK(asks[i].price_usd == Approx(60 * (1 + step * (4 - kept[i]) / 4)));
  }
  CHECK(asks[0].price_usd == Approx(60).epsilon(0.005));
}

TEST_CASE("A magnet maker in a slump asks no less than its inputs and conversion cost",
          "[agents][magnet_maker]") {
  // Magnets at 25 USD/kg; a kg's inputs cost 21 and conversion 10.
  Bench bench;
  bench.set_price("magnet", 25);
  const Agent maker = maker_holding(bench, kBufferWeeks, kBufferWeeks);
  const auto asks = orders_of(bench.decide("in_maker", maker), Side::kSell);
  REQUIRE(asks.size() == 4);
  for (const auto& ask : asks)
    CHECK(ask.price_usd == Approx(kInputsAtReference + kConversion));
}

// --- Thrift (docs/model.md §7.5.1) -------------------------------------------------------------

namespace {

using reesim::world::Input;

// The bench maker at its input buffers, never investing (so that its capacity stays put over
// years of runs).
Agent plain_maker(const Bench& bench) {
  Agent maker = maker_holding(bench, kBufferWeeks, kBufferWeeks);
  std::get<MagnetMaker>(maker.kind).params.invest_price_ratio = 20;
  return maker;
}

// The same maker able to cut half its Dy, in full from 3 times Dy's reference price, closing its
// gap over a year and giving back at most half its deepest cut.
Agent thrifty_maker(const Bench& bench) {
  Agent maker = plain_maker(bench);
  MagnetMaker::Params& p = std::get<MagnetMaker>(maker.kind).params;
  p.thrift_max_share = 0.5;
  p.thrift_years = 1.0;
  p.thrift_price_ratio = 3.0;
  p.thrift_reversibility = 0.5;
  return maker;
}

// Runs `weeks` ticks of the maker's production with Dy at `multiple` times its reference, its
// inputs topped up each week so that only the recipe changes.
void run_weeks(Bench& bench, Agent& maker, double multiple, int weeks) {
  bench.set_price_multiple("dy", multiple);
  for (int w = 0; w < weeks; ++w) {
    maker.inventory[bench.commodity("ndpr")] = kBufferWeeks * usual(bench) * kNdprPerKg;
    maker.inventory[bench.commodity("dy")] = kBufferWeeks * usual(bench) * kDyPerKg;
    maker.inventory[bench.commodity("magnet")] = bench.model.target_cover_weeks * usual(bench);
    bench.produce("in_maker", maker);
  }
}

double dy_per_kg(const Agent& maker) {
  return std::get<MagnetMaker>(maker.kind).recipe(Input::kDy);
}

}  // namespace

TEST_CASE("A magnet maker without thrift keeps its Dy per kg however dear Dy is",
          "[agents][magnet_maker][thrift]") {
  Bench bench;
  Agent maker = plain_maker(bench);
  run_weeks(bench, maker, 10.0, 52);
  CHECK(dy_per_kg(maker) == kDyPerKg);
  CHECK(std::get<MagnetMaker>(maker.kind).thrift.cut == 0);
}

TEST_CASE("The cut that pays grows from Dy's reference price to the full cut at the ratio",
          "[agents][magnet_maker][thrift]") {
  Bench bench;
  const Agent maker = thrifty_maker(bench);
  const MagnetMaker& m = std::get<MagnetMaker>(maker.kind);
  bench.set_price_multiple("dy", 0.5);
  CHECK(m.thrift_target(bench.context("in_maker")) == 0);
  bench.set_price_multiple("dy", 2.0);
  CHECK(m.thrift_target(bench.context("in_maker")) == Approx(0.25));
  bench.set_price_multiple("dy", 5.0);
  CHECK(m.thrift_target(bench.context("in_maker")) == Approx(0.5));
}

TEST_CASE("Dear Dy cuts a magnet maker's Dy per kg after a lag", "[agents][magnet_maker][thrift]") {
  // At 3 times its reference the full half pays; a year's time constant: a week closes 1.9 % of
  // the gap, two years about 86 %.
  Bench bench;
  Agent maker = thrifty_maker(bench);
  run_weeks(bench, maker, 3.0, 1);
  const double week = bench.snapshot.dt_years;
  CHECK(dy_per_kg(maker) == Approx(kDyPerKg * (1 - 0.5 * week)));
  run_weeks(bench, maker, 3.0, 103);
  const double cut = 0.5 * (1 - std::pow(1 - week, 104));
  CHECK(std::get<MagnetMaker>(maker.kind).thrift.cut == Approx(cut));
  CHECK(dy_per_kg(maker) == Approx(kDyPerKg * (1 - cut)));
  CHECK(dy_per_kg(maker) < 0.6 * kDyPerKg);
}

TEST_CASE("Cheap Dy again gives back only part of a magnet maker's cut",
          "[agents][magnet_maker][thrift]") {
  // After two years of dear Dy, five years at its reference: the cut falls toward half its
  // deepest, never below.
  Bench bench;
  Agent maker = thrifty_maker(bench);
  run_weeks(bench, maker, 3.0, 104);
  const double deepest = std::get<MagnetMaker>(maker.kind).thrift.cut;
  run_weeks(bench, maker, 1.0, 260);
  const double cut = std::get<MagnetMaker>(maker.kind).thrift.cut;
  CHECK(cut < 0.55 * deepest);
  CHECK(cut >= 0.5 * deepest);
  CHECK(dy_per_kg(maker) > kDyPerKg * (1 - deepest));
  CHECK(dy_per_kg(maker) < kDyPerKg);

  // A maker that may give back nothing keeps its deepest cut.
  Agent ratchet = thrifty_maker(bench);
  std::get<MagnetMaker>(ratchet.kind).params.thrift_reversibility = 0;
  run_weeks(bench, ratchet, 3.0, 104);
  run_weeks(bench, ratchet, 1.0, 260);
  CHECK(std::get<MagnetMaker>(ratchet.kind).thrift.cut == Approx(deepest));
}

TEST_CASE("A thrifty magnet maker uses and buys less Dy and its magnets cost less",
          "[agents][magnet_maker][thrift]") {
  Bench bench;
  Agent thrifty = thrifty_maker(bench);
  Agent plain = plain_maker(bench);
  run_weeks(bench, thrifty, 3.0, 104);
  run_weeks(bench, plain, 3.0, 104);
  const auto dy = bench.commodity("dy");
  // A week's production from the same stock: less Dy used per magnet.
  const double thrifty_before = thrifty.inventory[dy];
  const double plain_before = plain.inventory[dy];
  const double thrifty_made = bench.produce("in_maker", thrifty)[bench.commodity("magnet")];
  const double plain_made = bench.produce("in_maker", plain)[bench.commodity("magnet")];
  REQUIRE(thrifty_made == Approx(plain_made));
  CHECK(thrifty_before - thrifty.inventory[dy] < 0.6 * (plain_before - plain.inventory[dy]));
  // Its Dy bids are for less, and its floor on magnets (inputs and conversion) is lower.
  const auto thrifty_orders = bench.decide("in_maker", thrifty);
  const auto plain_orders = bench.decide("in_maker", plain);
  CHECK(units_of(thrifty_orders, Side::kBuy, bench.venue("dy_global")) <
        units_of(plain_orders, Side::kBuy, bench.venue("dy_global")));
  const MagnetMaker& t = std::get<MagnetMaker>(thrifty.kind);
  const MagnetMaker& p = std::get<MagnetMaker>(plain.kind);
  CHECK(t.input_cost(bench.context("in_maker")) < p.input_cost(bench.context("in_maker")));
}

// --- The INPUT_INTENSITY metric (docs/model.md §7.11) ------------------------------------------

namespace {

// The bench world's Dy per unit of magnet made in India (its one maker) and in China (none).
constexpr std::string_view kIntensityMetrics = R"txt(
  metrics { id: "dy_in" kind: METRIC_INPUT_INTENSITY commodity: "dy" nation: "IN" series: true }
  metrics { id: "ndpr_in" kind: METRIC_INPUT_INTENSITY commodity: "ndpr" nation: "IN" series: true }
  metrics { id: "dy_cn" kind: METRIC_INPUT_INTENSITY commodity: "dy" nation: "CN" series: true }
)txt";

}  // namespace

TEST_CASE("The input intensity metric is the recipe of the nation's makers while they make magnets",
          "[agents][magnet_maker][thrift][metrics]") {
  reesim::testing::WorldRunner world({reesim::testing::bench::kBenchWorld, kIntensityMetrics});
  const std::vector<double>& dy = world.series("dy_in", 0);
  const std::vector<double>& ndpr = world.series("ndpr_in", 0);
  int made = 0;
  for (std::size_t t = 0; t < dy.size(); ++t) {
    if (std::isnan(dy[t])) continue;
    ++made;
    CHECK(dy[t] == Approx(kDyPerKg));
    CHECK(ndpr[t] == Approx(kNdprPerKg));
  }
  CHECK(made > 0);
  for (const double v : world.series("dy_cn", 0))
    CHECK(std::isnan(v));
}

TEST_CASE("The input intensity metric needs a nation", "[agents][magnet_maker][metrics]") {
  constexpr std::string_view kNoNation = R"txt(
    metrics { id: "dy" kind: METRIC_INPUT_INTENSITY commodity: "dy" }
  )txt";
  CHECK_THROWS_WITH(reesim::testing::scenario_of({reesim::testing::bench::kBenchWorld, kNoNation}),
                    Catch::Contains("nation"));
}

namespace {

// The whole-chain world of tests/sim/habitats.h (Tb climbs about a third above its reference by
// the end, Dy stays near it) with the US maker's parameters `params` and its Dy and Tb intensity
// recorded.
std::string chain_with_maker(const std::string& params) {
  std::string text(reesim::testing::habitats::kChain);
  const std::string mark = "@us_maker@";
  text.replace(text.find(mark), mark.size(), params);
  for (std::size_t at = text.find('@'); at != std::string::npos; at = text.find('@'))
    text.erase(at, text.find('@', at + 1) - at + 1);
  return text + R"txt(
    metrics { id: "dy_us" kind: METRIC_INPUT_INTENSITY commodity: "dy" nation: "US" series: true }
    metrics { id: "tb_us" kind: METRIC_INPUT_INTENSITY commodity: "tb" nation: "US" series: true }
  )txt";
}

}  // namespace

TEST_CASE("In a world where Tb grows dear, a thrifty maker's Dy and Tb intensity falls",
          "[agents][magnet_maker][thrift][world]") {
  const std::string thrifty = chain_with_maker(
      R"(params { name: "thrift_max_share" value { fixed: 0.5 } }
         params { name: "thrift_price_ratio" value { fixed: 1.2 } }
         params { name: "thrift_years" value { fixed: 0.5 } })");
  reesim::testing::WorldRunner plain({chain_with_maker("")});
  reesim::testing::WorldRunner thrift({thrifty});
  const std::vector<double>& dy = thrift.series("dy_us", 0);
  const std::vector<double>& tb = thrift.series("tb_us", 0);
  REQUIRE(!dy.empty());
  CHECK(plain.series("dy_us", 0).back() == Approx(0.02));
  CHECK(dy.back() < 0.02);
  CHECK(tb.back() < 0.005);
  CHECK(dy.back() / 0.02 == Approx(tb.back() / 0.005));  // one cut for both
}

namespace {

// The bench with Tb (reference 1,200 USD/kg, four times Dy's 300) and a maker using both, able to
// move up to half of either to the other at 2 kg of Dy for 1 kg of Tb, the whole of it once one
// has grown twice as dear against the other as it pays to.
constexpr std::string_view kTbWorld = R"txt(
  commodities {
    id: "tb" name: "Tb oxide" stage: STAGE_OXIDE unit: "kg"
    quantity_lot: 1 price_tick: 0.01 reference_price: 1200
    content { key: "Tb" value: 1 }
  }
  venues { id: "tb_global" commodity: "tb" jurisdiction: "global" }
  agents {
    id: "us_heavy_maker" type: "magnet_maker" nation: "US"
    capacities { commodity: "magnet" per_year { fixed: 100000 } utilisation: 0.8 }
    venues: ["ndpr_global", "dy_global", "tb_global", "magnet_global"]
    params { name: "ndpr_per_t" value { fixed: 0.3 } }
    params { name: "dy_per_t" value { fixed: 0.02 } }
    params { name: "tb_per_t" value { fixed: 0.004 } }
    params { name: "heavy_swap_max_share" value { fixed: 0.5 } }
    params { name: "heavy_swap_price_ratio" value { fixed: 2 } }
    params { name: "tb_dy_equivalence" value { fixed: 2 } }
  }
)txt";

double swap_at(Bench& bench, double dy_multiple, double tb_multiple) {
  bench.set_price_multiple("dy", dy_multiple);
  bench.set_price_multiple("tb", tb_multiple);
  const Agent maker = bench.agent("us_heavy_maker");
  return std::get<MagnetMaker>(maker.kind).swap_target(bench.context("us_heavy_maker"));
}

}  // namespace

TEST_CASE("A maker moves Tb to Dy as soon as Tb grows dearer against Dy than in its mix",
          "[agents][magnet_maker][thrift]") {
  Bench bench(kTbWorld);
  CHECK(swap_at(bench, 1.0, 1.0) == 0);
  // Tb 1.5 times dearer against Dy: half of the way to the full share.
  CHECK(swap_at(bench, 1.0, 1.5) == Approx(0.25));
  CHECK(swap_at(bench, 1.0, 2.0) == Approx(0.5));
  CHECK(swap_at(bench, 2.0, 4.0) == Approx(0.5));
}

TEST_CASE("A maker moves Dy to Tb only once Tb gives coercivity more cheaply than Dy",
          "[agents][magnet_maker][thrift]") {
  // At reference prices a kg of Tb (1,200 USD) costs more than the 2 kg of Dy (600) it replaces:
  // Dy must grow twice as dear against Tb before Tb pays, and four times for the full share.
  Bench bench(kTbWorld);
  CHECK(swap_at(bench, 1.5, 1.0) == 0);
  CHECK(swap_at(bench, 2.0, 1.0) == 0);
  CHECK(swap_at(bench, 3.0, 1.0) == Approx(-0.25));
  CHECK(swap_at(bench, 4.0, 1.0) == Approx(-0.5));
  CHECK(swap_at(bench, 8.0, 1.0) == Approx(-0.5));
}
