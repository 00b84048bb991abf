// A separator's rules (docs/model.md §7.5, §7.6): joint production of oxides from concentrate by
// content x yield, a run rate that follows the basket's value, oxide asks floored at each oxide's
// share of the unit cost, and bids for feed capped by what the oxides are worth. The bench
// separator has 100,000 kg/yr of NdPr and 6,000 kg/yr of Dy capacity at utilisation 0.6, yield
// 0.9, supply elasticity 0.3 and a unit cost of 8 USD per kg of feed. A kg of concentrate
// (reference 4 USD) gives 0.18 kg NdPr (50 USD) and 0.009 kg Dy (300 USD): 11.7 USD at reference.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "tests/agents/agent_bench.h"

using reesim::agents::Agent;
using reesim::agents::Separator;
using reesim::market::Side;
using reesim::testing::bench::Bench;
using reesim::testing::bench::orders_of;
using reesim::testing::bench::units_of;

namespace {

constexpr double kNdprShare = 0.2 * 0.9;  // kg NdPr per kg of feed
constexpr double kDyShare = 0.01 * 0.9;   // kg Dy per kg of feed
constexpr double kUnitCost = 8;           // USD per kg of feed
constexpr double kUtilisation = 0.6;
constexpr double kElasticity = 0.3;
constexpr double kBasketAtReference = kNdprShare * 50 + kDyShare * 300;  // 11.7 USD

// The feed a tick its capacities allow: NdPr binds (100,000 / 0.18 < 6,000 / 0.009 kg/yr).
double feed_bound(const Bench& bench) {
  return bench.per_tick(100000) / kNdprShare;
}

// What the separator makes in a tick holding `feed` kg of concentrate; `processed` receives the
// concentrate it used.
reesim::agents::ByCommodity separate(Bench& bench, double feed, double* processed = nullptr) {
  Agent separator = bench.agent("cn_separator");
  const auto conc = bench.commodity("conc");
  separator.inventory[conc] = feed;
  const auto made = bench.produce("cn_separator", separator);
  if (processed != nullptr) *processed = feed - separator.inventory[conc];
  return made;
}

// The separator's single bid for concentrate holding `weeks` of its current feed rate.
reesim::agents::OrderRequest feed_bid(Bench& bench, double weeks, double feed_per_tick) {
  Agent separator = bench.agent("cn_separator");
  separator.inventory[bench.commodity("conc")] = weeks * feed_per_tick;
  const auto bids = orders_of(bench.decide("cn_separator", separator), Side::kBuy);
  REQUIRE(bids.size() == 1);
  CHECK(bids[0].venue == bench.venue("conc_global"));
  return bids[0];
}

}  // namespace

TEST_CASE("A separator splits the concentrate it processes into oxides by content times yield",
          "[agents][separator]") {
  // 1,000 kg is less than a tick's run, so all of it is processed.
  Bench bench;
  double processed = 0;
  const auto made = separate(bench, 1000, &processed);
  CHECK(processed == Approx(1000));
  CHECK(made[bench.commodity("ndpr")] == Approx(180));
  CHECK(made[bench.commodity("dy")] == Approx(9));
  CHECK(made[bench.commodity("conc")] == 0.0);
}

TEST_CASE("A separator with ample concentrate runs its binding capacity at its utilisation",
          "[agents][separator]") {
  Bench bench;
  double processed = 0;
  const auto made = separate(bench, 1e7, &processed);
  CHECK(processed == Approx(feed_bound(bench) * kUtilisation));
  CHECK(made[bench.commodity("ndpr")] == Approx(bench.per_tick(100000) * kUtilisation));
  CHECK(made[bench.commodity("dy")] == Approx(processed * kDyShare));
}

TEST_CASE(
    "A separator paid three times the reference for its oxides runs harder, by its "
    "elasticity",
    "[agents][separator]") {
  // u = 0.6 * 3^0.3 = 0.834.
  Bench bench;
  bench.set_price_multiple("ndpr", 3.0);
  bench.set_price_multiple("dy", 3.0);
  double processed = 0;
  separate(bench, 1e7, &processed);
  CHECK(processed == Approx(feed_bound(bench) * kUtilisation * std::pow(3.0, kElasticity)));
}

TEST_CASE("A separator's run rate follows the whole basket's value, not its main oxide's price",
          "[agents][separator]") {
  // NdPr alone at three times its reference: the basket is worth 0.18 * 150 + 0.009 * 300 =
  // 29.7 USD, 2.54 times its 11.7 at reference.
  Bench bench;
  bench.set_price_multiple("ndpr", 3.0);
  double processed = 0;
  separate(bench, 1e7, &processed);
  const double basket = kNdprShare * 150 + kDyShare * 300;
  CHECK(processed == Approx(feed_bound(bench) * kUtilisation *
                            std::pow(basket / kBasketAtReference, kElasticity)));
}

TEST_CASE("A separator in a slump floors each oxide's ask at its share of the unit cost by value",
          "[agents][separator]") {
  // Floors: 8 * 50 / 11.7 = 34.19 USD/kg NdPr and 8 * 300 / 11.7 = 205.13 USD/kg Dy, both above
  // the slump's prices (20 and 100).
  Bench bench;
  bench.set_price("ndpr", 20);
  bench.set_price("dy", 100);
  Agent separator = bench.agent("cn_separator");
  const auto orders = bench.decide("cn_separator", separator);
  const double ndpr_floor = kUnitCost * 50 / kBasketAtReference;
  const double dy_floor = kUnitCost * 300 / kBasketAtReference;
  const auto ndpr_asks = orders_of(orders, Side::kSell, bench.venue("ndpr_cn"));
  const auto ndpr_global_asks = orders_of(orders, Side::kSell, bench.venue("ndpr_global"));
  const auto dy_asks = orders_of(orders, Side::kSell, bench.venue("dy_global"));
  // Every tranche of each curve is at the floor.
  REQUIRE(ndpr_asks.size() == 4);
  REQUIRE(ndpr_global_asks.size() == 4);
  REQUIRE(dy_asks.size() == 4);
  for (int i = 0; i < 4; ++i) {
    CHECK(ndpr_asks[i].price_usd == Approx(ndpr_floor));
    CHECK(ndpr_global_asks[i].price_usd == Approx(ndpr_floor));
    CHECK(dy_asks[i].price_usd == Approx(dy_floor));
  }
  // The floors of a kg of feed's oxides add up to its unit cost.
  CHECK(kNdprShare * ndpr_floor + kDyShare * dy_floor == Approx(kUnitCost));
}

TEST_CASE("A separator quotes each oxide venue relative to that venue's own price",
          "[agents][separator]") {
  // China's NdPr at 40 and the seaborne at 60 (mean 50). At its target cover the separator asks
  // the mean, scaled to each venue, and offers more where the price is higher: in proportion to
  // the squared prices, 1,600 : 3,600. Both quotes follow its supply curve.
  Bench bench;
  bench.snapshot.venue_price[bench.venue("ndpr_cn")] = 40;
  bench.snapshot.venue_price[bench.venue("ndpr_global")] = 60;
  Agent separator = bench.agent("cn_separator");
  const auto ndpr = bench.commodity("ndpr");
  separator.inventory[ndpr] = 5 * bench.per_tick(100000 * kUtilisation);
  const auto orders = bench.decide("cn_separator", separator);
  const auto home = orders_of(orders, Side::kSell, bench.venue("ndpr_cn"));
  const auto seaborne = orders_of(orders, Side::kSell, bench.venue("ndpr_global"));
  // Four tranches on each venue (its supply curve), each at the same multiple of the venue's
  // price: the mean's curve scaled to 40 and to 60.
  REQUIRE(home.size() == 4);
  REQUIRE(seaborne.size() == 4);
  const double kept[4] = {4.375, 3.125, 1.875, 0.625};
  for (int i = 0; i < 4; ++i) {
    const double multiple = 1 + bench.model.price_step * (4 - kept[i]) / 4;
    CHECK(home[i].price_usd == Approx(40 * multiple));
    CHECK(seaborne[i].price_usd == Approx(60 * multiple));
    CHECK(home[i].units == Approx(separator.inventory[ndpr] / 4 * 1600 / 5200));
    CHECK(seaborne[i].units == Approx(separator.inventory[ndpr] / 4 * 3600 / 5200));
  }
}

TEST_CASE("A separator at its target feed cover bids the concentrate price for a week's feed",
          "[agents][separator]") {
  Bench bench;
  const double feed = feed_bound(bench) * kUtilisation;
  const auto bid = feed_bid(bench, bench.model.target_cover_weeks, feed);
  CHECK(bid.price_usd == Approx(4.0));
  CHECK(bid.units == Approx(feed));
}

TEST_CASE("A separator out of concentrate bids a full price step above the market for five weeks",
          "[agents][separator]") {
  Bench bench;
  const double feed = feed_bound(bench) * kUtilisation;
  const auto bid = feed_bid(bench, 0.0, feed);
  CHECK(bid.price_usd == Approx(4.0 * (1 + bench.model.price_step)));
  CHECK(bid.units == Approx(5 * feed));
}

TEST_CASE("A separator a little long of concentrate bids below the market, for less",
          "[agents][separator]") {
  // 4.8 weeks held against a target of 4: gap -0.2.
  Bench bench;
  const double feed = feed_bound(bench) * kUtilisation;
  const auto bid = feed_bid(bench, 4.8, feed);
  CHECK(bid.price_usd == Approx(4.0 * (1 - 0.2 * bench.model.price_step)));
  CHECK(bid.units == Approx(0.2 * feed));
}

TEST_CASE("A separator whose oxides are cheap pays for concentrate at most half their value",
          "[agents][separator]") {
  // Oxides at 0.4 of reference: a kg of feed's oxides is worth 4.68 USD, so it bids at most 2.34
  // however short it is (its inventory terms alone would bid 4.2).
  Bench bench;
  bench.set_price_multiple("ndpr", 0.4);
  bench.set_price_multiple("dy", 0.4);
  Agent separator = bench.agent("cn_separator");
  separator.inventory[bench.commodity("conc")] = 0;
  const auto bids = orders_of(bench.decide("cn_separator", separator), Side::kBuy);
  REQUIRE(bids.size() == 1);
  CHECK(bids[0].price_usd == Approx(bench.model.feed_payable_share * 0.4 * kBasketAtReference));
  CHECK(units_of(bids, Side::kBuy) > 0);
}

TEST_CASE("A separator finds its feed among its venues' commodities", "[agents][separator]") {
  Bench bench;
  const Agent separator = bench.agent("cn_separator");
  CHECK(std::get<Separator>(separator.kind).feed == bench.commodity("conc"));
}

TEST_CASE("A separator's scarcity signal weighs its oxides by the value of its capacities",
          "[agents][separator][investment][direction]") {
  // Dy at three times its reference, NdPr at its own: the capacities' output is worth
  // (100,000 x 50 + 6,000 x 900) / (100,000 x 50 + 6,000 x 300) = 1.53 times its value at normal
  // prices, and the signal moves a tick's share of scarcity_memory_weeks toward that; with NdPr's
  // price alone it would not move.
  Bench bench;
  bench.snapshot.normal_price.assign(bench.world().commodities().size(), 0.0);
  for (const auto c : bench.world().commodities().indices())
    bench.snapshot.normal_price[c] = bench.world().commodities()[c].reference_price;
  bench.set_price_multiple("dy", 3.0);
  Agent separator = bench.agent("cn_separator");
  bench.produce("cn_separator", separator);
  const double premium = (100000.0 * 50 + 6000.0 * 900) / (100000.0 * 50 + 6000.0 * 300);
  const double step = 1.0 / bench.model.scarcity_memory_weeks;
  CHECK(std::get<Separator>(separator.kind).supply.scarcity_memory ==
        Approx(1 + step * (premium - 1)));
}

TEST_CASE("A separator standing for many plants separates the rest of its feed in an outage",
          "[agents][separator][direction]") {
  Bench bench;
  double whole = 0;
  separate(bench, 100 * feed_bound(bench), &whole);
  Agent separator = bench.agent("cn_separator");
  Separator& s = std::get<Separator>(separator.kind);
  s.params.outage_probability_per_year = 1.0;
  s.params.outage_share = 0.4;
  const auto conc = bench.commodity("conc");
  separator.inventory[conc] = 100 * feed_bound(bench);
  bench.produce("cn_separator", separator);
  CHECK(100 * feed_bound(bench) - separator.inventory[conc] == Approx(0.6 * whole));
}

TEST_CASE("A separator builds for the oxide the world will be shortest of",
          "[agents][separator][investment][direction]") {
  // Its oxides at 1.2 times their reference: a margin of 14.04 / 8 = 1.76 over its trigger of
  // 1.5. No growth is expected and it sells its usual output, so on price and sales it builds
  // nothing. The content outlook puts the world's Dy separation 30 % short in three years (its
  // lead) and NdPr's on pace: all its capacities grow 30 %, for the Dy.
  Bench bench;
  bench.set_price_multiple("ndpr", 1.2);
  bench.set_price_multiple("dy", 1.2);
  bench.snapshot.tick = 26;
  auto with_history = [&bench] {
    Agent separator = bench.agent("cn_separator");
    const double usual = bench.per_tick(100000 * kUtilisation);
    std::get<Separator>(separator.kind).supply.sales_fast = usual;
    separator.sold_units = usual;
    return separator;
  };
  Agent on_pace = with_history();
  bench.produce("cn_separator", on_pace);
  CHECK(on_pace.builds.empty());

  const std::size_t leads = reesim::agents::Snapshot::kOutlookYears + 1;
  bench.snapshot.content_call.assign(bench.world().commodities().size() * leads, 0.0);
  for (std::size_t y = 0; y < leads; ++y) {
    bench.snapshot.content_call[reesim::world::at(bench.commodity("ndpr")) * leads + y] = 1.0;
    bench.snapshot.content_call[reesim::world::at(bench.commodity("dy")) * leads + y] = 1.3;
  }
  Agent dy_short = with_history();
  bench.produce("cn_separator", dy_short);
  REQUIRE(dy_short.builds.size() == 2);
  CHECK(dy_short.builds[0].per_year == Approx(0.3 * 100000));
  CHECK(dy_short.builds[1].per_year == Approx(0.3 * 6000));
}
