// What the producing agent types share (miners, separators, PSUs, recyclers and magnet makers;
// docs/model.md §7.3-§7.5): outages, price-responsive utilisation, the smoothed margin that
// drives investment, endogenous builds, capacity coming on line, and selling their stock.
// Pure functions of their arguments; thread-safe for distinct agents.
#pragma once

#include <cmath>
#include <span>
#include <vector>

#include "agents/agent.h"
#include "agents/trading.h"
#include "core/detmath.h"
#include "core/param_spec.h"
#include "world/random.h"

namespace reesim::agents {

// A producer's own state beyond AgentState.
struct SupplyState {
  int outage_until = -1;             // producing again from this tick
  int last_build_tick = -1'000'000;  // when the agent last started a build of its own
  int review_ticks = 0;              // invest_review_ticks for the trial (0: not yet known)
  double price_ratio_memory = NAN;   // smoothed price / unit cost, for investment (NaN: none yet)
  // Its recent sales (an exponential average of the units of its first output sold per tick over
  // sales_fast_weeks; NaN before the first tick) and its smoothed market price over the normal
  // price of that output (docs/model.md §7.5).
  double sales_fast = NAN;
  double scarcity_memory = 1;
  // (1 − p)^dt for a yearly outage chance p: the chance of none in a tick.
  detmath::PowMemo survival;
};

// The parameters miners and separators share, registered once for both (producer_specs()).
struct ProducerParams {
  double unit_cost = 0;  // USD per unit of output (a separator's: per unit of feed)
  double supply_elasticity = 0;
  double invest_price_ratio = 0;
  double build_years = 0;
  double outage_probability_per_year = 0;
  double outage_weeks = 0;
  double yield = 0;  // a separator's output per unit of feed, by content
  double build_delay_sigma = 0;
  double outage_share = 0;  // share of its capacity an outage takes off line
};
[[nodiscard]] std::span<const ParamSpec> producer_specs();
[[nodiscard]] ProducerParams bind_producer_params(std::span<const double> values);

// How a producer invests (docs/model.md §7.5).
struct InvestParams {
  double invest_price_ratio = 0;  // sustained margin that triggers a build; 0: never
  double build_years = 0;
  double build_delay_sigma = 0;
};

// What a producer receives per unit of `commodity`: the market, or the floor, plus subsidies.
[[nodiscard]] inline double received(const Context& ctx, world::CommodityIndex commodity) {
  return std::max(market_price(ctx, commodity), ctx.effects.floor_usd[commodity]) +
         ctx.effects.incentive_usd[commodity];
}

// Draws this tick's outage (a yearly chance, mean length in weeks); true while out.
//
// An outage takes `outage_share` of a producer's capacity off line (available() gives the rest):
// all of a single plant, about one plant's share of an agent that stands for many.
bool outage(const Context& ctx, SupplyState& supply, double per_year, double mean_weeks,
            world::RandomStream& random);

[[nodiscard]] inline double available(bool out, double outage_share) {
  return out ? 1.0 - outage_share : 1.0;
}

// Short-run supply response: utilisation at the reference price moves with price to
// `elasticity`; a producer paid less than `unit_cost` cuts it; never below `floor`. `response`,
// where given, keeps the price response for the next call at the same price.
[[nodiscard]] double utilisation(const ModelParams& model, const AgentState& state,
                                 world::CommodityIndex commodity, double received, double reference,
                                 double elasticity, double unit_cost, double floor = 0.0,
                                 detmath::PowMemo* response = nullptr);

// What a producer makes of `planned` units of `commodity` under the production quotas in force:
// at most its cap, plus the share of the excess that enforcement lets through.
[[nodiscard]] inline double within_quota(const Context& ctx, world::CommodityIndex commodity,
                                         double planned) {
  if (ctx.effects.output_cap.empty()) return planned;
  const double cap = ctx.effects.output_cap[commodity];
  return planned > cap ? cap + ctx.effects.output_leak * (planned - cap) : planned;
}

// Sets `planned` (by commodity) to each output's capacity over the tick at its price-responsive
// utilisation (see utilisation()), within the production quotas in force.
void plan_by_utilisation(const Context& ctx, const AgentState& state, double elasticity,
                         double unit_cost, double floor, ByCommodity& planned);

// Smooths the margin `value` / `unit_cost` into supply.price_ratio_memory.
void remember_margin(const ModelParams& model, SupplyState& supply, double value, double unit_cost);

// Starts the builds the policies award this tick and brings finished ones on line.
void start_and_finish_builds(const Context& ctx, AgentState& state);
// The same, inline for the ticks that award nothing and bring nothing on line, most of them.
inline void build(const Context& ctx, AgentState& state) {
  if (!ctx.effects.awards.empty() || ctx.snapshot.tick >= state.first_ready)
    start_and_finish_builds(ctx, state);
}

// Endogenous investment with foresight (docs/model.md §7.5): every invest_review_weeks the
// producer projects its sales to when a build started now would be on line, from their recent
// level and growth, and builds the capacity that demand needs at its usual utilisation beyond
// what it has and is building, more the further its expected margin exceeds full cost, nothing
// while the margin does not cover full cost (its trigger, lowered by capital support).
void maybe_invest(const Context& ctx, AgentState& state, SupplyState& supply,
                  const InvestParams& params, world::RandomStream& random);

// Ticks between a producer's investment reviews (invest_review_weeks, at least one tick); reviews
// fall on the ticks that are multiples of it.
[[nodiscard]] int invest_review_ticks(const ModelParams& model, double dt_years);

// Adds this tick's `planned` output to the agent's stock and to `output`, by commodity.
void book_output(const world::AgentInfo& info, AgentState& state, const ByCommodity& planned,
                 ByCommodity& output);

// Offers the stock of each output as a supply curve at inventory-gap prices (offer_stock), never
// below `cost_of(c)` (a callable giving the cost floor of commodity c before floors and
// incentives).
template <typename CostOf>
void sell_outputs(const Context& ctx, const AgentState& state, Preference preferred, CostOf cost_of,
                  std::vector<OrderRequest>& orders) {
  for (const world::CommodityIndex c : ctx.info.outputs) {
    const double stock = state.inventory[c];
    if (stock <= 0) continue;
    const double weekly =
        std::max(state.capacity[c] * state.utilisation[c] * ctx.snapshot.dt_years, 1e-9);
    // With a price floor the producer sells at any price; a subsidy lowers its floor.
    const double floor = ctx.effects.floor_usd[c] > 0
                             ? 0.0
                             : std::max(0.0, cost_of(c) - ctx.effects.incentive_usd[c]);
    offer_stock(ctx, state, c, stock, weekly, floor, preferred, orders);
  }
}

// Fills the starting stock of each output to the target cover, where the scenario left it unset.
void fill_output_stocks(const Context& ctx, AgentState& state,
                        const CommodityFlags& set_by_scenario);

}  // namespace reesim::agents
