#include "agents/rules.h"

#include <algorithm>
#include <cmath>

namespace reesim::agents {
namespace {

using market::Side;

// Price step per tick at a full inventory gap, the same for buyers and sellers so that a market
// at its inventory targets has no drift (prior; sets how fast prices clear imbalances).
constexpr double kPriceStep = 0.05;
constexpr double kUrgency = 0.3;          // extra bid per unit of smoothed unmet demand (prior)
constexpr double kMaxPriceMultiple = 12;  // no bid above 12x the reference price
// How fast a bidder reaches toward dearer origins while its bids go unfilled, and drifts back
// while they fill (prior). Unfilled bids raise the reach by up to 0.2 a week, so a buyer cut off
// from its cheap origin reaches a dear one within about two months, while its buffer lasts; filled
// bids lower it by 0.02 a week, so it stays where it is served: it settles where about 9 in 10 of
// the units it bids for are bought.
constexpr double kReachUp = 0.2;
constexpr double kReachDown = 0.02;

// The agent's main output: its first capacity.
int main_commodity(const world::AgentInfo& info) {
  return info.outputs.empty() ? -1 : info.outputs[0];
}

double reference(const world::World& world, int commodity) {
  return world.commodities()[static_cast<std::size_t>(commodity)].reference_price;
}

// Whether venue `v` is a home market of a jurisdiction the agent's sales prefer.
bool prefers(const world::World& world, const AgentState& state, int v) {
  const int jurisdiction = world.venues()[static_cast<std::size_t>(v)].jurisdiction;
  return jurisdiction != world::kGlobal && jurisdiction < 64 &&
         (state.prefer_mask >> static_cast<unsigned>(jurisdiction) & 1U) != 0;
}

// The landed cost per unit (price x (1 + tariff) + freight) a bidder of `nation` expects to pay
// on venue `v`: that of the cheapest origin open to it, moved toward the dearest as far as its
// unfilled bids have taught it to reach. A bid is a limit on landed cost (market/trade_rules.h):
// anchored on the bare venue price, as sellers' asks are, it could never reach an origin taxed
// by more than the bid's inventory and urgency terms add (about 35 %), a tariff would act as a
// ban, and freight worth a sixth of a concentrate's price would keep it from ever crossing
// (docs/model.md §7.6).
double landed_anchor(const AgentState& state, const Snapshot& snapshot, int v, int nation) {
  const auto venue = static_cast<std::size_t>(v);
  if (snapshot.landed_low.empty()) return snapshot.venue_price[venue];
  const double low = snapshot.low(v, nation);
  return low + state.reach[venue] * (snapshot.high(v, nation) - low);
}

// Splits `units` over the agent's venues of `commodity`, preferring better prices. `price_usd` is
// set against the agent's mean price over those venues; each venue gets the same price relative to
// its own level (venues can part ways, e.g. inside and outside China under export controls), and
// a seller never goes below `floor`. A buyer's level on a venue is the landed cost it faces there.
void post(const world::World& world, const world::AgentInfo& info, const AgentState& state,
          const Snapshot& snapshot, int commodity, Side side, double units, double price_usd,
          std::vector<OrderRequest>& orders, double floor = 0.0) {
  if (units <= 0) return;
  double total = 0;
  double level = 0;
  double weights[16];  // the first `count` are set below
  double basis[16];
  int venues[16];
  int count = 0;
  for (const int v : info.venues_of[static_cast<std::size_t>(commodity)]) {
    if (count == 16) break;
    const double price = snapshot.venue_price[static_cast<std::size_t>(v)];
    const double own = side == Side::kSell ? price : landed_anchor(state, snapshot, v, info.nation);
    // Sellers lean to dearer venues where their offers sell, buyers to cheaper ones where their
    // bids are filled.
    const double w = side == Side::kSell
                         ? price * state.sell_through[static_cast<std::size_t>(v)]
                         : state.buy_through[static_cast<std::size_t>(v)] / std::max(own, 1e-9);
    venues[count] = v;
    basis[count] = own;
    weights[count++] = w * w;
    total += w * w;
    level += price;
  }
  if (count == 0 || total <= 0) return;
  level /= count;
  // A seller with a mandate or alliance preference (AgentState::prefer_share) offers that share
  // first on the venues of the preferred jurisdictions, spread as above; the rest goes everywhere.
  double preferred_total = 0;
  if (side == Side::kSell && state.prefer_share > 0)
    for (int i = 0; i < count; ++i)
      if (prefers(world, state, venues[i])) preferred_total += weights[i];
  const double open = preferred_total > 0 ? 1.0 - state.prefer_share : 1.0;
  for (int i = 0; i < count; ++i) {
    const double price = std::max(price_usd * basis[i] / std::max(level, 1e-9), floor);
    double share = open * weights[i] / total;
    if (preferred_total > 0 && prefers(world, state, venues[i]))
      share += state.prefer_share * weights[i] / preferred_total;
    orders.push_back({venues[i], side, price, units * share});
  }
}

// Relative inventory gap in [-1, 1]: positive when holding less than the target.
double gap(double cover, double target) {
  return target > 0 ? std::clamp((target - cover) / target, -1.0, 1.0) : 0.0;
}

// A seller short of its target cover asks more, a long one less, never below its floor. Its
// stock includes this week's output, which is for sale: cover is counted net of one week.
double ask_price(double market_price, double cover_weeks, double floor) {
  const double step = kPriceStep * gap(cover_weeks - 1.0, kTargetCoverWeeks);
  return std::max(market_price * (1.0 + step), floor);
}

// A buyer short of its target cover bids more; unmet demand adds urgency. No bid goes above
// `max_multiple` times the reference price.
double bid_price(double market_price, double cover, double target, double urgency,
                 double reference_price, double max_multiple = kMaxPriceMultiple) {
  const double bid = market_price * (1.0 + kPriceStep * gap(cover, target) + kUrgency * urgency);
  return std::min(bid, max_multiple * reference_price);
}

// Share of the oxides' value a separator pays for concentrate at most (prior: the payable share
// of contained NdPr in concentrate prices, about a third, with room for a richer basket).
constexpr double kFeedPayable = 0.5;

void decide_producer(const world::World& world, const world::AgentInfo& info,
                     const AgentState& state, const Snapshot& snapshot,
                     std::vector<OrderRequest>& orders) {
  const double unit_cost = state.param(info, "unit_cost");
  // A separator's unit cost is per unit of feed and its oxides are joint products: each oxide
  // bears the share of it that its value at reference prices is of the basket's (the relative
  // sales value method of joint-cost accounting), so no oxide is sold below that share of cost
  // however much of it the basket brings (docs/model.md §7.6).
  const double cost_per_reference_usd =
      state.feed >= 0 && unit_cost > 0
          ? unit_cost /
                std::max(separator_basket(world, info, state, snapshot).reference_value, 1e-9)
          : 0.0;
  for (const int output : info.outputs) {
    const auto c = static_cast<std::size_t>(output);
    const double stock = state.inventory[c];
    if (stock <= 0) continue;
    const double weekly =
        std::max(state.capacity[c] * state.utilisation[c] * snapshot.dt_years, 1e-9);
    // With a price floor the producer sells at any price; a subsidy lowers its floor.
    const double cost = state.feed >= 0
                            ? cost_per_reference_usd * world.commodities()[c].reference_price
                            : unit_cost;
    const double floor =
        state.floor_usd[c] > 0 ? 0.0 : std::max(0.0, cost - state.incentive_usd[c]);
    const double price =
        ask_price(market_price(world, info, snapshot, output), stock / weekly, floor);
    post(world, info, state, snapshot, output, Side::kSell, stock, price, orders, floor);
  }
  // A separator keeps `kTargetCoverWeeks` of concentrate at its current run rate, and pays for it
  // at most a share of what the oxides in it are worth.
  if (state.feed < 0) return;
  const Throughput run = separator_throughput(world, info, state, snapshot);
  if (run.feed_per_tick <= 0) return;
  const auto f = static_cast<std::size_t>(state.feed);
  const double need = run.feed_per_tick * (1 + kTargetCoverWeeks) - state.inventory[f];
  const double price = std::min(bid_price(market_price(world, info, snapshot, state.feed),
                                          state.inventory[f] / run.feed_per_tick, kTargetCoverWeeks,
                                          0.0, reference(world, state.feed)),
                                kFeedPayable * run.basket_value);
  post(world, info, state, snapshot, state.feed, Side::kBuy, need, price, orders);
}

void decide_buyer(const world::World& world, const world::AgentInfo& info, const AgentState& state,
                  const Snapshot& snapshot, std::vector<OrderRequest>& orders) {
  const int commodity = main_commodity(info);
  if (commodity < 0) return;
  const double demand = weekly_demand(info, state, snapshot, commodity);
  const double buffer = state.param(info, "buffer_weeks");
  const double stock = state.inventory[static_cast<std::size_t>(commodity)];
  const double need = demand * (1 + buffer) - stock;
  // A buyer pays at most max_price_ratio times the reference: beyond it, it goes without and
  // curtails production rather than bid (cal §5: an Indian carmaker cut its EV target by two
  // thirds for want of magnets in 2025, while ex-China premiums stayed at 3-4x).
  const double price = bid_price(market_price(world, info, snapshot, commodity),
                                 stock / std::max(demand, 1e-9), buffer, state.shortage_memory,
                                 reference(world, commodity), state.param(info, "max_price_ratio"));
  post(world, info, state, snapshot, commodity, Side::kBuy, need, price, orders);
}

void decide_magnet_maker(const world::World& world, const world::AgentInfo& info,
                         const AgentState& state, const Snapshot& snapshot,
                         std::vector<OrderRequest>& orders) {
  const int magnet = main_commodity(info);
  if (magnet < 0) return;
  const double planned = magnet_plan(state, snapshot, magnet);
  // Inputs: keep `input_buffer_weeks` of planned use; their cost sets the magnets' floor.
  const double buffer = state.param(info, "input_buffer_weeks");
  const double conversion = state.param(info, "conversion_cost");
  const double magnet_price = market_price(world, info, snapshot, magnet);
  const double input_cost = magnet_input_cost(world, info, state, snapshot);
  // Inputs are tiny shares of a magnet's cost, so what they are worth to the maker can reach
  // many times their price; a maker pays at most max_input_price_ratio times the reference and
  // makes fewer magnets beyond it (cal §5: Europe paid 3-4x China's price for Dy and Tb in 2025).
  const double most = state.param(info, "max_input_price_ratio");
  for (std::size_t c = 0; c < world.commodities().size(); ++c) {
    const double per_unit = recipe(info, state, world.commodities()[c].input);
    if (per_unit <= 0) continue;
    const double market = market_price(world, info, snapshot, static_cast<int>(c));
    const double use = std::max(planned * per_unit, 1e-9);
    const double need = use * (1 + buffer) - state.inventory[c];
    const double cover_gap = gap(state.inventory[c] / use, buffer);
    double price = bid_price(market, state.inventory[c] / use, buffer, 0.0,
                             reference(world, static_cast<int>(c)), most);
    // Scarcity: below half its buffer a maker bids toward what the input is worth to it, the
    // magnet's price less the other inputs and conversion (its marginal value product).
    const double worth = (magnet_price - (input_cost - per_unit * market) - conversion) / per_unit;
    if (cover_gap > 0.5 && worth > price)
      price = std::min(price + (worth - price) * 2.0 * (cover_gap - 0.5),
                       most * reference(world, static_cast<int>(c)));
    post(world, info, state, snapshot, static_cast<int>(c), Side::kBuy, need, price, orders);
  }
  const double stock = state.inventory[static_cast<std::size_t>(magnet)];
  const double weekly = state.capacity[static_cast<std::size_t>(magnet)] *
                        state.utilisation[static_cast<std::size_t>(magnet)] * snapshot.dt_years;
  const double floor = std::max(0.0, input_cost + state.param(info, "conversion_cost") -
                                         state.incentive_usd[static_cast<std::size_t>(magnet)]);
  const double price =
      ask_price(market_price(world, info, snapshot, magnet), stock / std::max(weekly, 1e-9), floor);
  post(world, info, state, snapshot, magnet, Side::kSell, stock, price, orders, floor);
}

void decide_liquidity(const world::World& world, const world::AgentInfo& info,
                      const AgentState& state, const Snapshot& snapshot,
                      std::vector<OrderRequest>& orders) {
  const double half_spread = state.param(info, "half_spread");
  const double depth = state.param(info, "depth_units");
  const double weight = state.param(info, "reference_weight");
  for (const int v : info.venues) {
    const int c = world.venues()[static_cast<std::size_t>(v)].commodity;
    const double anchor = weight * reference(world, c) +
                          (1 - weight) * snapshot.venue_price[static_cast<std::size_t>(v)];
    orders.push_back({v, Side::kBuy, anchor * (1 - half_spread), depth});
    orders.push_back({v, Side::kSell, anchor * (1 + half_spread), depth});
  }
}

void decide_stockpile(const world::World& world, const world::AgentInfo& info,
                      const AgentState& state, const Snapshot& snapshot,
                      std::vector<OrderRequest>& orders) {
  if (!state.stockpile_enabled) return;
  const double shortage = snapshot.nation_shortage[static_cast<std::size_t>(info.nation)];
  // The policies in force set the purchase price and the release shortfall where they name
  // them; otherwise the agency's own parameters hold.
  const double buy_below = state.stockpile_buy_below > 0 ? state.stockpile_buy_below
                                                         : state.param(info, "buy_below_price");
  const double release_shortfall = std::isnan(state.stockpile_release_shortfall)
                                       ? state.param(info, "release_shortfall")
                                       : state.stockpile_release_shortfall;
  // Purchases stop when the agency's own budget or the policies' is spent (0: no own budget).
  const double own_budget = state.param(info, "budget_usd");
  double budget_left =
      std::min(own_budget > 0 ? std::max(0.0, own_budget - state.purchases_usd) : INFINITY,
               state.stockpile_budget_left);
  // The stockpile policy's release cap holds for the tick, over all the agency's venues; its
  // target stops purchases once the stock reaches it.
  double release_left = state.stockpile_max_release;
  for (const int v : info.venues) {
    const int c = world.venues()[static_cast<std::size_t>(v)].commodity;
    const double stock = state.inventory[static_cast<std::size_t>(c)];
    const double price = snapshot.venue_price[static_cast<std::size_t>(v)];
    if (shortage > release_shortfall && stock > 0) {
      const double units = std::min(stock * 0.25, release_left);
      release_left -= units;
      orders.push_back({v, Side::kSell, price * 0.98, units});
    } else if (price < buy_below && state.cash > 0 && budget_left > 0 &&
               stock < state.stockpile_target) {
      // A bid is a limit on landed cost: at most budget_left / buy_below units keep the
      // purchase within the budget whatever it fills at.
      const double units = std::min({state.cash / std::max(price, 1e-9), 0.02 * state.cash / price,
                                     state.stockpile_target - stock, budget_left / buy_below});
      budget_left -= units * buy_below;
      orders.push_back({v, Side::kBuy, buy_below, units});
    }
  }
}

}  // namespace

double market_price(const world::World& world, const world::AgentInfo& info,
                    const Snapshot& snapshot, int commodity) {
  const std::vector<int>& venues = info.venues_of[static_cast<std::size_t>(commodity)];
  if (venues.empty()) return reference(world, commodity);
  double sum = 0;
  for (const int v : venues)
    sum += snapshot.venue_price[static_cast<std::size_t>(v)];
  return sum / static_cast<int>(venues.size());
}

double recipe(const world::AgentInfo& info, const AgentState& state, world::Input input) {
  switch (input) {
    case world::Input::kNdPr:
      return state.param(info, "ndpr_per_t");
    case world::Input::kDy:
      return state.param(info, "dy_per_t");
    case world::Input::kTb:
      return state.param(info, "tb_per_t");
    case world::Input::kNone:
      break;
  }
  return 0;
}

double magnet_input_cost(const world::World& world, const world::AgentInfo& info,
                         const AgentState& state, const Snapshot& snapshot) {
  double cost = 0;
  for (std::size_t c = 0; c < world.commodities().size(); ++c) {
    const double per_unit = recipe(info, state, world.commodities()[c].input);
    if (per_unit > 0) cost += per_unit * market_price(world, info, snapshot, static_cast<int>(c));
  }
  return cost;
}

void learn_reach(const world::AgentInfo& info, AgentState& state) {
  for (const int venue : info.venues) {  // an agent bids only on the venues it lists
    const auto v = static_cast<std::size_t>(venue);
    if (state.wanted[v] <= 0) continue;
    const double share = std::min(state.bought[v] / state.wanted[v], 1.0);
    state.reach[v] =
        std::clamp(state.reach[v] + kReachUp * (1.0 - share) - kReachDown * share, 0.0, 1.0);
  }
}

double magnet_plan(const AgentState& state, const Snapshot& snapshot, int magnet) {
  // Demand pull: makers run at their usual utilisation, more when their magnet stock is below a
  // month of output and less above it.
  const auto m = static_cast<std::size_t>(magnet);
  const double usual = state.capacity[m] * state.utilisation[m] * snapshot.dt_years;
  if (usual <= 0) return 0.0;
  const double u =
      state.utilisation[m] * (1.0 + 0.5 * gap(state.inventory[m] / usual, kTargetCoverWeeks));
  return state.capacity[m] * snapshot.dt_years * std::clamp(u, 0.1, 1.0);
}

double weekly_demand(const world::AgentInfo& info, const AgentState& state,
                     const Snapshot& snapshot, int commodity) {
  const double base = state.capacity[static_cast<std::size_t>(commodity)] * snapshot.dt_years;
  const double growth = state.growth_factor(state.param(info, "demand_growth"), snapshot.years);
  return base * growth * (1.0 - state.substituted) * state.price_response;
}

void decide(const world::World& world, const world::AgentInfo& info, const AgentState& state,
            const Snapshot& snapshot, std::vector<OrderRequest>& orders) {
  switch (state.role) {
    case Role::kProducer:
      return decide_producer(world, info, state, snapshot, orders);
    case Role::kMagnetMaker:
      return decide_magnet_maker(world, info, state, snapshot, orders);
    case Role::kBuyer:
      return decide_buyer(world, info, state, snapshot, orders);
    case Role::kLiquidity:
      return decide_liquidity(world, info, state, snapshot, orders);
    case Role::kStockpile:
      return decide_stockpile(world, info, state, snapshot, orders);
    case Role::kGovernment:
      return;
  }
}

}  // namespace reesim::agents
