#include "agents/types/trader.h"

#include <algorithm>
#include <cmath>

#include "agents/trading.h"
#include "core/detmath.h"
#include "core/param_binding.h"
#include "world/catalog.h"

namespace reesim::agents {
namespace {

constexpr ParamBinding<Trader::Params> kParams[] = {
    {{"carry_cost_per_year", "fraction/yr",
      "cost of holding stock (storage, insurance, finance) per year, as a share of its value", 0.08,
      0.0, 1.0,
      "prior: warehouse fees of about 1 %/yr of an oxide's value plus a merchant's cost of funds "
      "of 5-8 %/yr"},
     &Trader::Params::carry_cost_per_year},
    {{"horizon_years", "years", "how long it expects to hold what it buys", 0.5, 0.02, 5.0,
      "prior"},
     &Trader::Params::horizon_years},
    {{"memory_years", "years",
      "time constant of its long memory of the price, toward which it expects prices to return",
      1.0, 0.02, 20.0, "prior"},
     &Trader::Params::memory_years},
    {{"momentum_years", "years", "time constant over which it smooths the price's recent trend",
      0.25, 0.02, 5.0, "prior"},
     &Trader::Params::momentum_years},
    {{"momentum_weight", "ratio",
      "share of the recent trend it expects to go on over its horizon (0: none)", 0.5, 0.0, 5.0,
      "prior"},
     &Trader::Params::momentum_weight},
    {{"scarcity_weight", "ratio",
      "expected gain added per unit of its nation's unmet share of magnet demand", 2.0, 0.0, 50.0,
      "prior"},
     &Trader::Params::scarcity_weight},
    {{"full_stock_gain", "fraction",
      "expected gain over its horizon, net of carrying cost, at which it holds all its limits "
      "allow",
      0.2, 0.001, 10.0, "prior"},
     &Trader::Params::full_stock_gain},
    {{"max_stock_weeks", "weeks",
      "most it holds of a commodity, in weeks of the units traded on its venues; 0: no limit", 8.0,
      0.0, 520.0, "prior"},
     &Trader::Params::max_stock_weeks},
    {{"max_stock", "commodity units", "most it holds of a commodity; 0: no limit", 0.0, 0.0,
      kUnbounded, "prior"},
     &Trader::Params::max_stock},
    {{"capital_usd", "USD",
      "most its stock of a commodity may be worth at the market price; 0: no limit but its cash",
      0.0, 0.0, kUnbounded, "prior"},
     &Trader::Params::capital_usd},
};
constexpr auto kSpecs = specs_of(kParams);
static_assert(std::size(kParams) * sizeof(double) == sizeof(Trader::Params));

// A tick's share of an adjustment over `years`.
double rate(double dt_years, double years) {
  return std::min(1.0, dt_years / years);
}

}  // namespace

const TypeSpec& Trader::spec() {
  static const TypeSpec kSpec{"trader", "stockholder: holds stock for the gain it expects", kSpecs,
                              world::kQuotes};
  return kSpec;
}

Trader::Trader(std::span<const double> values) : params(bind_params<Params>(kParams, values)) {}

double Trader::expected_price(world::CommodityIndex commodity) const {
  const Memory& m = memory[commodity];
  return m.anchor * std::max(0.0, 1.0 + params.momentum_weight * m.trend * params.horizon_years);
}

double Trader::expected_gain(const Context& ctx, world::CommodityIndex commodity,
                             double price) const {
  if (!(price > 0)) return 0.0;
  const double shortage =
      ctx.snapshot.nation_shortage.empty() ? 0.0 : ctx.snapshot.nation_shortage[ctx.info.nation];
  const double value = expected_price(commodity) * (1.0 + params.scarcity_weight * shortage);
  return value / (price * (1.0 + params.carry_cost_per_year * params.horizon_years)) - 1.0;
}

double Trader::target_stock(const Context& ctx, world::CommodityIndex commodity,
                            double price) const {
  const double gain = expected_gain(ctx, commodity, price);
  if (!(gain > 0)) return 0.0;
  double limit = INFINITY;
  if (params.max_stock_weeks > 0)
    limit = std::min(limit, params.max_stock_weeks * memory[commodity].volume);
  if (params.max_stock > 0) limit = std::min(limit, params.max_stock);
  if (params.capital_usd > 0) limit = std::min(limit, params.capital_usd / price);
  if (!std::isfinite(limit)) return INFINITY;  // its cash alone limits it (decide)
  return limit * std::min(1.0, gain / params.full_stock_gain);
}

// The long memory starts at the reference price, the price the scenario calls normal; the trend
// from the first price seen. Volume is that of its venues' last tick, smoothed as the trend.
void Trader::produce(const Context& ctx, AgentState& state, world::RandomStream&, ByCommodity&) {
  const Snapshot& snapshot = ctx.snapshot;
  const double dt = snapshot.dt_years;
  if (memory.empty()) memory.assign(ctx.world.commodities().size(), {});
  for (const world::CommodityIndex c : ctx.world.commodities().indices()) {
    const std::span<const world::VenueIndex> venues = ctx.info.venues_of[c];
    if (venues.empty()) continue;
    const double price = market_price(ctx, c);
    double volume = 0;
    for (const world::VenueIndex v : venues)
      volume += snapshot.venue_volume[v];
    Memory& m = memory[c];
    if (!m.seen) {
      m = {reference(ctx.world, c), 0.0, price, volume, true};
    } else {
      if (price > 0 && m.last > 0) {
        const double growth = detmath::log(price / m.last) / dt;
        m.trend += (growth - m.trend) * rate(dt, params.momentum_years);
      }
      m.last = price;
      m.volume =
          m.volume > 0 ? m.volume + (volume - m.volume) * rate(dt, params.momentum_years) : volume;
    }
    m.anchor += (price - m.anchor) * rate(dt, params.memory_years);
    // Carrying its stock over the tick costs a share of its value.
    state.cash -= params.carry_cost_per_year * dt * std::max(state.inventory[c], 0.0) * price;
  }
}

// Short of its target it bids up from the market price, by a price step in proportion to its
// expected gain, never above the price at which holding stops paying; when holding no longer
// pays, it offers down by the same rule, never below that price.
void Trader::decide(const Context& ctx, const AgentState& state,
                    std::vector<OrderRequest>& orders) const {
  if (memory.empty()) return;
  const double step = ctx.model.price_step;
  for (const world::CommodityIndex c : ctx.world.commodities().indices()) {
    if (ctx.info.venues_of[c].empty()) continue;
    const double price = market_price(ctx, c);
    if (!(price > 0)) continue;
    const double stock = std::max(state.inventory[c], 0.0);
    const double gain = expected_gain(ctx, c, price);
    const double breakeven = price * (1.0 + gain);  // holding pays below this price
    const double urgency = std::clamp(gain / params.full_stock_gain, -1.0, 1.0);
    const double target = target_stock(ctx, c, price);
    if (target > stock && state.cash > 0) {
      const double bid = std::min(price * (1.0 + step * urgency), breakeven);
      const double units = std::min(target - stock, state.cash / bid);
      post(ctx, state, c, market::Side::kBuy, units, bid, orders);
    } else if (stock > target) {
      // Holding more than its limits allow while holding still pays, it offers the excess at
      // the market price.
      const double floor = gain > 0 ? 0.0 : breakeven;
      const double ask = std::max(price * (1.0 + step * std::min(urgency, 0.0)), floor);
      post(ctx, state, c, market::Side::kSell, stock - target, ask, orders, floor);
    }
  }
}

}  // namespace reesim::agents
