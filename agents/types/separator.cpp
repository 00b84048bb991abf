#include "agents/types/separator.h"

#include <algorithm>
#include <cmath>

#include "world/catalog.h"

namespace reesim::agents {

const TypeSpec& Separator::spec() {
  static const TypeSpec kSpec{"separator", "separates concentrate into oxides", producer_specs(),
                              world::kSells | world::kPrimaryProducer};
  return kSpec;
}

void Separator::start(const Context& ctx, AgentState&) {
  for (const world::VenueIndex v : ctx.info.venues) {
    const world::CommodityIndex c = ctx.world.venues()[v].commodity;
    if (ctx.world.commodities()[c].stage == STAGE_CONCENTRATE) feed = c;
  }
}

// The basket's value per unit of feed, now and at reference prices; `main` and `bound`, when
// given, receive the first output with a positive share (none if none) and the feed per tick the
// capacities allow.
Separator::Throughput Separator::basket(const Context& ctx, const AgentState& state,
                                        std::optional<world::CommodityIndex>* main_out,
                                        double* bound_out) const {
  Throughput t;
  if (!feed) return t;
  const world::CommodityInfo& concentrate = ctx.world.commodities()[*feed];
  double bound = INFINITY;
  std::optional<world::CommodityIndex> main;
  for (const world::CommodityIndex c : ctx.info.outputs) {
    const double share =
        concentrate.yields[world::at(ctx.world.commodities()[c].input)] * params.yield;
    if (share <= 0) continue;
    if (!main) main = c;
    t.basket_value += share * received(ctx, c);
    t.reference_value += share * ctx.world.commodities()[c].reference_price;
    bound = std::min(bound, state.capacity[c] * ctx.snapshot.dt_years / share);
  }
  if (main_out != nullptr) *main_out = main;
  if (bound_out != nullptr) *bound_out = bound;
  return t;
}

Separator::Throughput Separator::throughput(const Context& ctx, const AgentState& state) const {
  std::optional<world::CommodityIndex> main;
  double bound = INFINITY;
  Throughput t = basket(ctx, state, &main, &bound);
  if (!main || !std::isfinite(bound)) return t;
  t.feed_per_tick = bound * utilisation(ctx.model, state, *main, t.basket_value,
                                        std::max(t.reference_value, 1e-9), params.supply_elasticity,
                                        params.unit_cost, 0.0, &price_response_);
  return t;
}

void Separator::produce(const Context& ctx, AgentState& state, world::RandomStream& random,
                        ByCommodity& output) {
  const bool out =
      outage(ctx, supply, params.outage_probability_per_year, params.outage_weeks, random);
  if (ctx.info.outputs.empty()) return;
  // Its unit cost is per unit of feed, so its margin is the basket's value from a unit of feed
  // over it. Without a concentrate to buy it runs as a miner does.
  const Throughput run = feed ? throughput(ctx, state) : Throughput{};
  const double value = feed ? run.basket_value : received(ctx, ctx.info.outputs[0]);
  remember_margin(ctx.model, supply, value, params.unit_cost);
  planned.assign(state.capacity.size(), 0.0);
  const double share = available(out, params.outage_share);
  if (share > 0 && !feed) {
    plan_by_utilisation(ctx, state, params.supply_elasticity, params.unit_cost, 0.0, planned);
    if (share < 1)
      for (double& units : planned)
        units *= share;
  } else if (share > 0) {
    const world::CommodityIndex f = *feed;
    const world::CommodityInfo& concentrate = ctx.world.commodities()[f];
    double processed = std::min(run.feed_per_tick * share, std::max(state.inventory[f], 0.0));
    // A production quota on any of its oxides limits the feed it separates.
    for (const world::CommodityIndex c : ctx.info.outputs) {
      const double per_feed =
          concentrate.yields[world::at(ctx.world.commodities()[c].input)] * params.yield;
      if (per_feed <= 0) continue;
      const double made = processed * per_feed;
      const double allowed = within_quota(ctx, c, made);
      if (allowed < made) processed = allowed / per_feed;
    }
    state.inventory[f] -= processed;
    for (const world::CommodityIndex c : ctx.info.outputs) {
      planned[c] = processed * concentrate.yields[world::at(ctx.world.commodities()[c].input)] *
                   params.yield;
    }
  }
  book_output(ctx.info, state, planned, output);
  maybe_invest(ctx, state, supply,
               {params.invest_price_ratio, params.build_years, params.build_delay_sigma}, random);
}

void Separator::decide(const Context& ctx, const AgentState& state,
                       std::vector<OrderRequest>& orders) const {
  // Its oxides are joint products: each bears the share of the unit cost that its value at
  // reference prices is of the basket's (the relative sales value method of joint-cost
  // accounting), so no oxide is sold below that share of cost however much of it the basket
  // brings (docs/model.md §7.6).
  const Throughput run = feed ? throughput(ctx, state) : Throughput{};
  const double cost_per_reference_usd =
      feed && params.unit_cost > 0 ? params.unit_cost / std::max(run.reference_value, 1e-9) : 0.0;
  sell_outputs(
      ctx, state, preference(ctx, {}),
      [&](world::CommodityIndex c) {
        return feed ? cost_per_reference_usd * ctx.world.commodities()[c].reference_price
                    : params.unit_cost;
      },
      orders);
  // It keeps target_cover_weeks of concentrate at its current run rate, and pays for it at most
  // a share of what the oxides in it are worth.
  if (!feed || run.feed_per_tick <= 0) return;
  const world::CommodityIndex f = *feed;
  const double cover = ctx.model.target_cover_weeks;
  const double need = run.feed_per_tick * (1 + cover) - state.inventory[f];
  const double price =
      std::min(bid_price(ctx.model, market_price(ctx, f), state.inventory[f] / run.feed_per_tick,
                         cover, 0.0, reference(ctx.world, f), INFINITY),
               ctx.model.feed_payable_share * run.basket_value);
  post_bounded(ctx, state, f, need, price, ctx.model.max_bid_multiple * reference(ctx.world, f),
               orders);
}

void Separator::fill_stocks(const Context& ctx, AgentState& state,
                            const CommodityFlags& set_by_scenario) const {
  fill_output_stocks(ctx, state, set_by_scenario);
  if (!feed) return;
  const world::CommodityIndex f = *feed;
  for (const world::CommodityIndex c : ctx.info.outputs) {
    const double weekly = state.capacity[c] * state.utilisation[c] * ctx.snapshot.dt_years;
    const double share =
        ctx.world.commodities()[f].yields[world::at(ctx.world.commodities()[c].input)] *
        params.yield;
    if (share > 0 && !set_by_scenario[f])
      state.inventory[f] =
          std::max(state.inventory[f], ctx.model.target_cover_weeks * weekly / share);
  }
}

}  // namespace reesim::agents
