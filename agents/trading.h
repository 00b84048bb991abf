// How agents of every type price and place orders (docs/model.md §7.2, §7.6): market prices over
// an agent's venues, inventory-gap pricing for asks and bids, the split of an order over venues,
// and what agents learn from a tick's trading. Pure functions; thread-safe for distinct agents.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "agents/agent.h"

namespace reesim::agents {

// The small pricing rules below are defined here, inline: every agent type calls them several
// times a tick.

// The commodity's reference price, USD/unit.
[[nodiscard]] inline double reference(const world::World& world, world::CommodityIndex commodity) {
  return world.commodities()[commodity].reference_price;
}

// The mean price over the agent's venues of `commodity`, USD/unit, or the reference price when
// it trades on none.
[[nodiscard]] inline double market_price(const Context& ctx, world::CommodityIndex commodity) {
  const std::span<const world::VenueIndex> venues = ctx.info.venues_of[commodity];
  if (venues.empty()) return reference(ctx.world, commodity);
  // One venue (most agents, most commodities): the sum's one step, without the division by 1.
  if (venues.size() == 1) return 0.0 + ctx.snapshot.venue_price[venues[0]];
  double sum = 0;
  for (const world::VenueIndex v : venues)
    sum += ctx.snapshot.venue_price[v];
  return sum / static_cast<int>(venues.size());
}

// Relative inventory gap in [-1, 1]: positive when holding less than the target.
[[nodiscard]] inline double gap(double cover, double target) {
  return target > 0 ? std::clamp((target - cover) / target, -1.0, 1.0) : 0.0;
}

// A seller that would keep less than its target cover once a unit is sold asks more for it, one
// that would keep more asks less, never below its floor.
[[nodiscard]] inline double ask_price(const ModelParams& model, double market_price,
                                      double cover_kept_weeks, double floor) {
  const double step = model.price_step * gap(cover_kept_weeks, model.target_cover_weeks);
  return std::max(market_price * (1.0 + step), floor);
}

// A buyer short of its target cover bids more; unmet demand adds urgency. No bid goes above
// `max_multiple` times the reference price.
[[nodiscard]] inline double bid_price(const ModelParams& model, double market_price, double cover,
                                      double target, double urgency, double reference_price,
                                      double max_multiple) {
  const double bid =
      market_price * (1.0 + model.price_step * gap(cover, target) + model.bid_urgency * urgency);
  return std::min(bid, max_multiple * reference_price);
}

// A seller's preference for some home markets: the share of its offers made first on venues
// whose jurisdiction is a nation in `mask` (bit per nation).
struct Preference {
  double share = 0;
  std::uint64_t mask = 0;
};

// A seller's own preference (a mandate) widened by the alliance terms in force.
[[nodiscard]] inline Preference preference(const Context& ctx, Preference own) {
  if (ctx.effects.alliance_mask == 0) return own;
  return {std::max(own.share, ctx.effects.alliance_share), own.mask | ctx.effects.alliance_mask};
}

// post()s a bid of `price_usd` held down to `bound`, its agent's bound on price, and marks the
// orders as at their bound (OrderRequest::at_bound) when it was held down.
void post_bounded(const Context& ctx, const AgentState& state, world::CommodityIndex commodity,
                  double units, double price_usd, double bound, std::vector<OrderRequest>& orders);

// Splits `units` over the agent's venues of `commodity`, preferring better prices. `price_usd` is
// set against the agent's mean price over those venues; each venue gets the same price relative to
// its own level (venues can part ways, e.g. inside and outside China under export controls), and
// a seller never goes below `floor`. A buyer's level on a venue is the landed cost it faces there.
void post(const Context& ctx, const AgentState& state, world::CommodityIndex commodity,
          market::Side side, double units, double price_usd, std::vector<OrderRequest>& orders,
          double floor = 0.0, Preference preferred = {});

// Like post(), for `tranches` orders of `units_each` at `prices_usd[0..tranches)`, split over the
// venues once: a supply or demand curve in the books.
void post_curve(const Context& ctx, const AgentState& state, world::CommodityIndex commodity,
                market::Side side, double units_each, const double* prices_usd, int tranches,
                std::vector<OrderRequest>& orders, double floor = 0.0, Preference preferred = {});

// Tranches of a seller's supply curve.
inline constexpr int kAskTranches = 4;

// A seller offers its `stock` as a supply curve (docs/model.md §7.6): kAskTranches equal tranches,
// each at the ask for the cover, in weeks of its `weekly` output, that it keeps once that tranche
// and the cheaper ones are sold (taken at the tranche's middle), never below `floor`. The more it
// holds, the more it offers cheaply; whatever it holds, the last units cost most. Each seller's
// curve then sums to the curve of one seller holding their stocks, however a sector is split into
// firms, where a single price per seller let the most overstocked firm set the price.
void offer_stock(const Context& ctx, const AgentState& state, world::CommodityIndex commodity,
                 double stock, double weekly, double floor, Preference preferred,
                 std::vector<OrderRequest>& orders);

// After a tick's trading: moves the agent's reach on each venue where it bid (TradingRecord::reach)
// up in proportion to the share of its bid left unfilled and down in proportion to the share
// filled, smooths the shares of its offers sold and bids filled on each venue, and keeps the
// units of its first output sold (AgentState::sold_units). Reads only the agent's own state.
void learn_from_trading(const ModelParams& model, AgentState& state);

}  // namespace reesim::agents
