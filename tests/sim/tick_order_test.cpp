// The order of a tick's steps (sim/trial.cpp): policies update, production, decisions, order
// entry and matching, consumption, prices, learning, metrics. Each test watches one consequence
// of that order on a tiny world where it is the only thing that can explain the outcome.
//
// The worlds tick once a year, so that a capacity or a demand per year is per tick, exactly, and
// trade one commodity (lots of 1 kg, prices in cents, reference price 100 USD/kg) on one venue
// between China and the US.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "market/types.h"
#include "sim/external.h"
#include "sim/trial.h"
#include "tests/policies/world_runner.h"

using reesim::testing::WorldRunner;

namespace {

constexpr std::string_view kMarket = R"txt(
  id: "tick-order"
  calendar { start: "2024-01-01" end: "2029-12-31" tick_days: 365 }
  commodities {
    id: "ndpr" name: "NdPr oxide" stage: STAGE_OXIDE unit: "kg"
    quantity_lot: 1 price_tick: 0.01 reference_price: 100
    content { key: "Nd" value: 0.75 } content { key: "Pr" value: 0.25 }
  }
  venues { id: "ndpr_global" commodity: "ndpr" jurisdiction: "global" }
  nations { id: "CN" } nations { id: "US" }
  # Quotes are not pulled toward the normal price: each test follows one pricing step exactly.
  model { params { name: "price_anchor_rate" value { fixed: 0 } } }
  metrics { id: "price" kind: METRIC_PRICE venue: "ndpr_global" series: true }
  metrics { id: "volume" kind: METRIC_VOLUME venue: "ndpr_global" series: true }
  metrics { id: "cn_output" kind: METRIC_OUTPUT nation: "CN" commodity: "ndpr" series: true }
  metrics { id: "us_stock" kind: METRIC_INVENTORY nation: "US" commodity: "ndpr" series: true }
  metrics { id: "us_unmet" kind: METRIC_UNMET_DEMAND nation: "US" commodity: "ndpr" series: true }
  metrics { id: "us_reserve" kind: METRIC_STOCKPILE nation: "US" commodity: "ndpr" series: true }
)txt";

// Nobody moves prices: asks and bids sit at the market price whatever the stocks.
constexpr std::string_view kStillPrices = R"txt(
  model { params { name: "price_step" value { fixed: 0 } } }
)txt";

// A Chinese mine making 100 kg a tick at full utilisation whatever the price, starting with no
// stock.
constexpr std::string_view kMineWithoutStock = R"txt(
  agents {
    id: "cn_mine" type: "miner" nation: "CN" venues: ["ndpr_global"]
    capacities { commodity: "ndpr" per_year { fixed: 100 } utilisation: 1 }
    inventory { commodity: "ndpr" quantity { fixed: 0 } }
    params { name: "supply_elasticity" value { fixed: 0 } }
    params { name: "outage_probability_per_year" value { fixed: 0 } }
    params { name: "invest_price_ratio" value { fixed: 20 } }
  }
)txt";

// A US buyer using 100 kg a tick, keeping no buffer, starting with no stock.
constexpr std::string_view kBuyerWithoutStock = R"txt(
  agents {
    id: "us_buyer" type: "magnet_buyer" nation: "US" sector: "industrial"
    venues: ["ndpr_global"]
    capacities { commodity: "ndpr" per_year { fixed: 100 } }
    inventory { commodity: "ndpr" quantity { fixed: 0 } }
    params { name: "demand_growth" value { fixed: 0 } }
    params { name: "buffer_weeks" value { fixed: 0 } }
  }
)txt";

// The same buyer holding 1000 kg at the start, so it needs to buy nothing for ten ticks.
constexpr std::string_view kBuyerWithStock = R"txt(
  agents {
    id: "us_buyer" type: "magnet_buyer" nation: "US" sector: "industrial"
    venues: ["ndpr_global"]
    capacities { commodity: "ndpr" per_year { fixed: 100 } }
    inventory { commodity: "ndpr" quantity { fixed: 1000 } }
    params { name: "demand_growth" value { fixed: 0 } }
    params { name: "buffer_weeks" value { fixed: 0 } }
  }
)txt";

// A rising market. A Chinese liquidity provider quotes 10 kg each side, 10 % around the last
// price (no weight on the reference); a US buyer wanting far more than that, with an empty
// buffer, bids 10 % over the last price (price step 0.1, no urgency), exactly the provider's
// ask. So each tick trades 10 kg at 1.1 times the price agents saw: 110, 121, 133.1, ... if
// they saw last tick's price, and the reference price on the first tick.
constexpr std::string_view kRisingMarket = R"txt(
  agents {
    id: "cn_dealer" type: "liquidity_provider" nation: "CN" venues: ["ndpr_global"]
    params { name: "half_spread" value { fixed: 0.1 } }
    params { name: "depth_units" value { fixed: 10 } }
    params { name: "reference_weight" value { fixed: 0 } }
  }
  agents {
    id: "us_buyer" type: "magnet_buyer" nation: "US" sector: "industrial"
    venues: ["ndpr_global"]
    capacities { commodity: "ndpr" per_year { fixed: 1000 } }
    inventory { commodity: "ndpr" quantity { fixed: 0 } }
    params { name: "demand_growth" value { fixed: 0 } }
    params { name: "buffer_weeks" value { fixed: 1 } }
  }
  model {
    params { name: "price_step" value { fixed: 0.1 } }
    params { name: "bid_urgency" value { fixed: 0 } }
  }
)txt";

// The same dealer with nobody but a US stockpile agency (1 M USD of cash) to trade with.
constexpr std::string_view kDealerAndReserve = R"txt(
  agents {
    id: "cn_dealer" type: "liquidity_provider" nation: "CN" venues: ["ndpr_global"]
    params { name: "half_spread" value { fixed: 0.1 } }
    params { name: "depth_units" value { fixed: 10 } }
    params { name: "reference_weight" value { fixed: 0 } }
  }
  agents {
    id: "us_reserve" type: "stockpile" nation: "US" venues: ["ndpr_global"] cash: 1000000
  }
)txt";

// The tick of 2025-12-31 on these calendars.
constexpr int kThirdTick = 2;
constexpr std::string_view kThirdTickDate = "2025-12-31";

// China bans exports to the US from @date@ (with_date: the third tick).
constexpr std::string_view kDatedBan = R"txt(
  policies {
    id: "cn_ban" type: "export_ban" enacted_by: "CN" origins: ["CN"] destinations: ["US"]
    activation { date: "@date@" }
  }
)txt";

std::string with_date(std::string_view text) {
  std::string out(text);
  const std::string_view mark = "@date@";
  const std::size_t at = out.find(mark);
  if (at != std::string::npos) out.replace(at, mark.size(), kThirdTickDate);
  return out;
}

// The price `usd` rounded to the venue's price tick (a cent).
double cents(double usd) {
  return std::round(usd * 100.0) / 100.0;
}

}  // namespace

TEST_CASE("Output made on a tick is for sale on that tick", "[sim][tick-order][production]") {
  // The mine starts empty: only if production comes before decisions has it anything to offer
  // on the first tick.
  WorldRunner runner({kMarket, kStillPrices, kMineWithoutStock, kBuyerWithoutStock});
  const std::vector<double>& made = runner.series("cn_output", 0);
  const std::vector<double>& traded = runner.series("volume", 0);
  CHECK(made[0] == 100);
  CHECK(traded[0] == 100);
}

TEST_CASE("A buyer uses on a tick what it bought on that tick", "[sim][tick-order][consumption]") {
  // The buyer starts empty and buys exactly its use: it goes short on the first tick unless it
  // consumes after the books have matched.
  WorldRunner runner({kMarket, kStillPrices, kMineWithoutStock, kBuyerWithoutStock});
  REQUIRE(runner.series("volume", 0)[0] == 100);
  CHECK(runner.series("us_unmet", 0)[0] == 0);
  CHECK(runner.series("us_stock", 0)[0] == 0);
}

TEST_CASE("Metrics record a tick after its consumption", "[sim][tick-order][metrics]") {
  // Nobody sells: the buyer's stock falls by its use each tick, and the first tick already
  // shows the first use.
  WorldRunner runner({kMarket, kStillPrices, kBuyerWithStock});
  const std::vector<double>& stock = runner.series("us_stock", 0);
  REQUIRE(stock.size() >= 5);
  CHECK(stock[0] == 900);
  CHECK(stock[1] == 800);
  CHECK(stock[4] == 500);
  CHECK(runner.series("us_unmet", 0)[0] == 0);
}

TEST_CASE("On the first tick agents price from the reference price", "[sim][tick-order][prices]") {
  WorldRunner runner({kMarket, kRisingMarket});
  CHECK(runner.series("volume", 0)[0] == 10);
  CHECK(runner.series("price", 0)[0] == Approx(110).epsilon(1e-12));
}

TEST_CASE("A tick's traded price is what agents price from on the next tick",
          "[sim][tick-order][prices]") {
  // The price metric is each tick's volume-weighted price: 1.1 times the one before, to the
  // cent, so agents saw it at the start of the next tick and not before.
  WorldRunner runner({kMarket, kRisingMarket});
  const std::vector<double>& price = runner.series("price", 0);
  const std::vector<double>& volume = runner.series("volume", 0);
  const std::vector<double> expected = {110, 121, 133.1, 146.41, 161.05};
  REQUIRE(price.size() >= expected.size());
  for (std::size_t t = 1; t < expected.size(); ++t) {
    INFO("tick " << t);
    CHECK(volume[t] == 10);
    CHECK(price[t] == Approx(cents(1.1 * price[t - 1])).epsilon(1e-12));
    CHECK(price[t] == Approx(expected[t]).epsilon(1e-12));
  }
}

TEST_CASE("A trade measure dated on a tick already shapes that tick's matching",
          "[sim][tick-order][policies]") {
  // China bans exports to the US from the third tick: the dealer's ask no longer fills then.
  WorldRunner runner({kMarket, kRisingMarket, with_date(kDatedBan)});
  REQUIRE(runner.tick_of(std::string(kThirdTickDate)) == kThirdTick);
  const std::vector<double>& volume = runner.series("volume", 0);
  CHECK(volume[kThirdTick - 1] == 10);
  CHECK(volume[kThirdTick] == 0);
}

TEST_CASE("A domestic measure dated on a tick already shapes that tick's decisions",
          "[sim][tick-order][policies]") {
  // The US stockpile policy from the third tick has its agency bid for the dealer's 10 kg
  // (below 200 USD/kg) on that tick: the policy view is written before agents decide.
  constexpr std::string_view kDatedStockpile = R"txt(
    policies {
      id: "us_stockpile" type: "stockpile" enacted_by: "US"
      activation { date: "@date@" }
      params { name: "buy_below_price" value { fixed: 200 } }
    }
  )txt";
  WorldRunner runner({kMarket, kDealerAndReserve, with_date(kDatedStockpile)});
  const std::vector<double>& reserve = runner.series("us_reserve", 0);
  CHECK(reserve[kThirdTick - 1] == 0);
  CHECK(reserve[kThirdTick] == 10);
}

TEST_CASE("A trigger acts on the metric recorded the tick before", "[sim][tick-order][policies]") {
  // China bans exports to the US once the price is above 125 USD/kg, at once (its government
  // reacts in 0 days). The price first closes above it on the third tick (133.1), so the ban
  // bites on the fourth.
  constexpr std::string_view kTriggeredBan = R"txt(
    agents {
      id: "cn_government" type: "government" nation: "CN"
      params { name: "reaction_days" value { fixed: 0 } }
    }
    policies {
      id: "cn_ban" type: "export_ban" enacted_by: "CN" origins: ["CN"] destinations: ["US"]
      activation { trigger { metric: "price" comparison: COMPARISON_ABOVE threshold: 125 } }
    }
  )txt";
  WorldRunner runner({kMarket, kRisingMarket, kTriggeredBan});
  const std::vector<double>& price = runner.series("price", 0);
  const std::vector<double>& volume = runner.series("volume", 0);
  REQUIRE(price[kThirdTick - 1] < 125);
  REQUIRE(price[kThirdTick] > 125);
  CHECK(volume[kThirdTick] == 10);
  CHECK(volume[kThirdTick + 1] == 0);
}

namespace {

// Places the orders a test lists for each tick in place of the agents' own, by agent id.
class ScriptedOrders final : public reesim::sim::ExternalDecisions {
 public:
  struct Quote {
    int tick;
    std::string agent;
    reesim::market::Side side;
    double price_usd;
    double units;
  };
  explicit ScriptedOrders(std::vector<Quote> quotes) : quotes_(std::move(quotes)) {}

  void decide(const reesim::sim::TickView& view, reesim::sim::OrdersByAgent& orders,
              std::vector<reesim::sim::PolicyMove>&) override {
    const auto& agents = view.world.agents();
    for (const reesim::world::AgentIndex a : agents.indices())
      orders[a].clear();
    for (const Quote& q : quotes_) {
      if (q.tick != view.snapshot.tick) continue;
      for (const reesim::world::AgentIndex a : agents.indices())
        if (agents[a].id == q.agent)
          orders[a].push_back({reesim::world::VenueIndex{0}, q.side, q.price_usd, q.units});
    }
  }
  void finish(std::uint64_t, const std::vector<double>&) override {}

 private:
  std::vector<Quote> quotes_;
};

}  // namespace

TEST_CASE("A tick without a trade prices at the middle of the best bid and ask",
          "[sim][tick-order][prices]") {
  const WorldRunner runner({kMarket, kDealerAndReserve, with_date(kDatedBan)});
  using reesim::market::Side;
  ScriptedOrders script({
      // Every ask above every bid: nothing can trade, and the price is (90 + 120) / 2.
      {0, "cn_dealer", Side::kSell, 130, 10},
      {0, "cn_dealer", Side::kSell, 120, 10},
      {0, "us_reserve", Side::kBuy, 80, 10},
      {0, "us_reserve", Side::kBuy, 90, 10},
      // Asks alone: no quote on one side, so the price stays.
      {1, "cn_dealer", Side::kSell, 100, 10},
      // From the third tick China bans exports to the US: the ask is below the bid, but the two
      // rest, and the price is (95 + 100) / 2.
      {kThirdTick, "cn_dealer", Side::kSell, 95, 10},
      {kThirdTick, "us_reserve", Side::kBuy, 100, 10},
  });
  const reesim::sim::TrialOutput out =
      reesim::sim::run_trial(runner.world(), reesim::testing::kSeed, 0, script);
  const std::vector<double>& price = runner.series(out, "price");
  const std::vector<double>& volume = runner.series(out, "volume");
  REQUIRE(price.size() > kThirdTick);
  CHECK(volume[0] == 0);
  CHECK(price[0] == Approx(105).epsilon(1e-12));
  CHECK(volume[1] == 0);
  CHECK(price[1] == Approx(105).epsilon(1e-12));
  CHECK(volume[kThirdTick] == 0);
  CHECK(price[kThirdTick] == Approx(97.5).epsilon(1e-12));
}
