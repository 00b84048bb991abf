#include "agents/trading.h"

#include <algorithm>
#include <optional>

namespace reesim::agents {
namespace {

using market::Side;

// Whether venue `v` is a home market of a jurisdiction in `mask`.
bool prefers(const world::World& world, std::uint64_t mask, world::VenueIndex v) {
  const std::optional<world::NationIndex> jurisdiction = world.venues()[v].jurisdiction;
  return jurisdiction && jurisdiction->value() < 64 &&
         (mask >> static_cast<unsigned>(jurisdiction->value()) & 1U) != 0;
}

// The landed cost per unit (price x (1 + tariff) + freight) a bidder of `nation` expects to pay
// on venue `v`: that of the cheapest origin open to it, moved toward the dearest as far as its
// unfilled bids have taught it to reach. A bid is a limit on landed cost (market/trade_rules.h):
// anchored on the bare venue price, as sellers' asks are, it could never reach an origin taxed
// by more than the bid's inventory and urgency terms add (about 35 %), a tariff would act as a
// ban, and freight worth a sixth of a concentrate's price would keep it from ever crossing
// (docs/model.md §7.6).
double landed_anchor(const AgentState& state, const Snapshot& snapshot, world::VenueIndex v,
                     world::NationIndex nation) {
  if (snapshot.landed_low.empty()) return snapshot.venue_price[v];
  const double low = snapshot.low(v, nation);
  return low + state.trading[v].reach * (snapshot.high(v, nation) - low);
}

}  // namespace

void offer_stock(const Context& ctx, const AgentState& state, world::CommodityIndex commodity,
                 double stock, double weekly, double floor, Preference preferred,
                 std::vector<OrderRequest>& orders) {
  if (stock <= 0) return;
  const double market = market_price(ctx, commodity);
  double prices[kAskTranches];
  for (int k = 0; k < kAskTranches; ++k) {
    const double kept = stock * (1.0 - (k + 0.5) / kAskTranches) / weekly;
    prices[k] = ask_price(ctx.model, market, kept, floor);
  }
  post_curve(ctx, state, commodity, Side::kSell, stock / kAskTranches, prices, kAskTranches, orders,
             floor, preferred);
}

void post_bounded(const Context& ctx, const AgentState& state, world::CommodityIndex commodity,
                  double units, double price_usd, double bound, std::vector<OrderRequest>& orders) {
  const std::size_t first = orders.size();
  post(ctx, state, commodity, market::Side::kBuy, units, std::min(price_usd, bound), orders);
  if (price_usd > bound)
    for (std::size_t k = first; k < orders.size(); ++k)
      orders[k].at_bound = true;
}

void post(const Context& ctx, const AgentState& state, world::CommodityIndex commodity, Side side,
          double units, double price_usd, std::vector<OrderRequest>& orders, double floor,
          Preference preferred) {
  post_curve(ctx, state, commodity, side, units, &price_usd, 1, orders, floor, preferred);
}

void post_curve(const Context& ctx, const AgentState& state, world::CommodityIndex commodity,
                Side side, double units_each, const double* prices_usd, int tranches,
                std::vector<OrderRequest>& orders, double floor, Preference preferred) {
  if (units_each <= 0 || tranches <= 0) return;
  const Snapshot& snapshot = ctx.snapshot;
  double total = 0;
  double level = 0;
  double weights[16];  // the first `count` are set below
  double basis[16];
  world::VenueIndex venues[16];
  int count = 0;
  for (const world::VenueIndex v : ctx.info.venues_of[commodity]) {
    if (count == 16) break;
    const double price = snapshot.venue_price[v];
    const double own =
        side == Side::kSell ? price : landed_anchor(state, snapshot, v, ctx.info.nation);
    // Sellers lean to dearer venues where their offers sell, buyers to cheaper ones where their
    // bids are filled.
    const double w = side == Side::kSell ? price * state.trading[v].sell_through
                                         : state.trading[v].buy_through / std::max(own, 1e-9);
    venues[count] = v;
    basis[count] = own;
    weights[count++] = w * w;
    total += w * w;
    level += price;
  }
  if (count == 0 || total <= 0) return;
  level /= count;
  // Every quote is pulled toward the commodity's normal price (docs/model.md §7.6): on each venue
  // by a fraction price_anchor_rate of that venue's distance from it each tick, so an inventory
  // gap that persists holds prices at a level set by its size rather than compounding without
  // limit, and a premium one venue holds over another without a barrier between them fades.
  const double normal = snapshot.normal_price.empty() ? 0.0 : snapshot.normal_price[commodity];
  // A seller with a mandate or alliance preference offers that share first on the venues of the
  // preferred jurisdictions, spread as above; the rest goes everywhere.
  double preferred_total = 0;
  if (side == Side::kSell && preferred.share > 0)
    for (int i = 0; i < count; ++i)
      if (prefers(ctx.world, preferred.mask, venues[i])) preferred_total += weights[i];
  const double open = preferred_total > 0 ? 1.0 - preferred.share : 1.0;
  double pull[16];
  double shares[16];
  for (int i = 0; i < count; ++i) {
    pull[i] = 1.0;
    if (normal > 0) {
      const double venue = std::max(snapshot.venue_price[venues[i]], 1e-9);
      pull[i] = 1.0 + ctx.model.price_anchor_rate * (normal / venue - 1.0);
    }
    shares[i] = open * weights[i] / total;
    if (preferred_total > 0 && prefers(ctx.world, preferred.mask, venues[i]))
      shares[i] += preferred.share * weights[i] / preferred_total;
  }
  // Tranche by tranche, each over every venue: a tranche's limit is set against the mean level
  // and scaled to the venue's own, as a single order's is.
  for (int k = 0; k < tranches; ++k)
    for (int i = 0; i < count; ++i) {
      double price = prices_usd[k] * basis[i] / std::max(level, 1e-9);
      if (normal > 0) price *= pull[i];
      price = std::max(price, floor);
      orders.push_back({venues[i], side, price, units_each * shares[i]});
    }
}

void learn_from_trading(const ModelParams& model, AgentState& state) {
  state.sold_units = state.trading.output_sold();
  // Traders remember which venues their offers sell and their bids fill on (smoothed; never
  // quite zero, so a venue that reopens is found again).
  const double rate = model.venue_learning_rate;
  auto update = [&](double& tried, double& done, double& through) {
    if (tried <= 0) return;
    const double share = std::min(done / tried, 1.0);
    through = std::max(model.venue_floor, (1 - rate) * through + rate * share);
    tried = 0;
    done = 0;
  };
  // An agent trades only on the venues it lists, so only their records are visited (each
  // record on its own: the order does not matter).
  for (TradingRecord& r : state.trading.records()) {
    if (r.wanted > 0) {
      const double share = std::min(r.bought / r.wanted, 1.0);
      r.reach =
          std::clamp(r.reach + model.reach_up * (1.0 - share) - model.reach_down * share, 0.0, 1.0);
    }
    update(r.offered, r.sold, r.sell_through);
    update(r.wanted, r.bought, r.buy_through);
  }
}

}  // namespace reesim::agents
