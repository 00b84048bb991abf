// A stockholder (DESIGN §3; docs/model.md §7.6.1): a merchant that holds oxides or magnets for the
// gain it expects, paying to carry them. It expects prices to return toward a long memory and to
// go on moving the way they have lately; it buys while the price is below what it expects by more
// than the carrying cost over its horizon, and sells while above. Its target stock grows with its
// nation's shortage and with rising prices, so it hoards into a spike and destocks into a fall.
#pragma once

#include <span>
#include <vector>

#include "agents/agent.h"
#include "world/random.h"

namespace reesim::agents {

struct Trader {
  struct Params {
    double carry_cost_per_year = 0;
    double horizon_years = 0;
    double memory_years = 0;
    double momentum_years = 0;
    double momentum_weight = 0;
    double scarcity_weight = 0;
    double full_stock_gain = 0;
    double max_stock_weeks = 0;
    double max_stock = 0;
    double capital_usd = 0;
  };

  // What it remembers of one commodity's market (prices in USD/unit, volume in units/tick).
  struct Memory {
    double anchor = 0;  // the long memory of the price
    double trend = 0;   // smoothed growth of the price, per year (log)
    double last = 0;    // the price seen at the last tick
    double volume = 0;  // smoothed units traded per tick on its venues
    bool seen = false;  // false until the first tick
  };

  [[nodiscard]] static const TypeSpec& spec();
  explicit Trader(std::span<const double> values);

  // Start of a tick: learns from the prices and volumes last seen, and pays the carrying cost of
  // its stock over the tick out of its cash.
  void produce(const Context& ctx, AgentState& state, world::RandomStream& random,
               ByCommodity& output);
  void decide(const Context& ctx, const AgentState& state, std::vector<OrderRequest>& orders) const;

  // The price of `commodity` it expects over its horizon, USD/unit: the long memory moved by the
  // recent trend (never below 0).
  [[nodiscard]] double expected_price(world::CommodityIndex commodity) const;
  // Its expected gain from holding a unit of `commodity` bought at `price` over its horizon, net
  // of the carrying cost, as a share of the price; its nation's shortage adds to it.
  [[nodiscard]] double expected_gain(const Context& ctx, world::CommodityIndex commodity,
                                     double price) const;
  // The stock of `commodity` it wants to hold, in units, at `price`, before cash.
  [[nodiscard]] double target_stock(const Context& ctx, world::CommodityIndex commodity,
                                    double price) const;

  Params params;
  world::ByIndex<world::CommodityIndex, Memory> memory;  // by commodity; empty before the first
};

}  // namespace reesim::agents
