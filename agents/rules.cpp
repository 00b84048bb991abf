#include "agents/rules.h"

#include <algorithm>
#include <cmath>

namespace reesim::agents {
namespace {

using market::Side;

constexpr double kTargetCoverWeeks = 4;   // producers aim to hold about a month of output
constexpr double kAskSensitivity = 0.08;  // price move per tick per unit of cover gap (prior)
constexpr double kBidPremium = 0.02;      // buyers start 2 % above the last price (prior)
constexpr double kUrgency = 0.6;          // extra bid per unit of smoothed shortage (prior)
constexpr double kMaxPriceMultiple = 12;  // no bid above 12x the reference price

// The agent's main output: its first capacity.
int main_commodity(const sim::World& world, const sim::AgentInfo& info) {
  const auto& caps = info.source->capacities();
  return caps.empty() ? -1 : world.commodity_index(caps[0].commodity());
}

double reference(const sim::World& world, int commodity) {
  return world.commodities()[static_cast<std::size_t>(commodity)].reference_price;
}

// Splits `units` over the agent's venues of `commodity`, preferring better prices.
void post(const sim::World& world, const sim::AgentInfo& info, const Snapshot& snapshot,
          int commodity, Side side, double units, double price_usd,
          std::vector<OrderRequest>& orders) {
  if (units <= 0) return;
  double total = 0;
  double weights[16] = {};
  int venues[16] = {};
  int count = 0;
  for (const int v : info.venues) {
    if (world.venues()[static_cast<std::size_t>(v)].commodity != commodity || count == 16) continue;
    const double price = snapshot.venue_price[static_cast<std::size_t>(v)];
    // Sellers lean to dearer venues, buyers to cheaper ones.
    const double w = side == Side::kSell ? price : 1.0 / std::max(price, 1e-9);
    venues[count] = v;
    weights[count++] = w * w;
    total += w * w;
  }
  for (int i = 0; i < count; ++i)
    orders.push_back({venues[i], side, price_usd, units * weights[i] / total});
}

// The price a holder of `cover_weeks` of output asks, relative to the market.
double ask_price(double market_price, double cover_weeks, double floor) {
  const double gap = (kTargetCoverWeeks - cover_weeks) / kTargetCoverWeeks;
  const double ask = market_price * (1.0 + kAskSensitivity * std::clamp(gap, -1.0, 1.0));
  return std::max(ask, floor);
}

double bid_price(double market_price, double shortage, double reference_price) {
  const double bid = market_price * (1.0 + kBidPremium + kUrgency * shortage);
  return std::min(bid, kMaxPriceMultiple * reference_price);
}

// Mean price over the agent's venues of a commodity.
double market_price(const sim::World& world, const sim::AgentInfo& info, const Snapshot& snapshot,
                    int commodity) {
  double sum = 0;
  int count = 0;
  for (const int v : info.venues) {
    if (world.venues()[static_cast<std::size_t>(v)].commodity != commodity) continue;
    sum += snapshot.venue_price[static_cast<std::size_t>(v)];
    ++count;
  }
  return count ? sum / count : reference(world, commodity);
}

void decide_producer(const sim::World& world, const sim::AgentInfo& info, const AgentState& state,
                     const Snapshot& snapshot, std::vector<OrderRequest>& orders) {
  const double unit_cost = state.param(info, "unit_cost");
  for (std::size_t c = 0; c < state.capacity.size(); ++c) {
    const double stock = state.inventory[c];
    if (stock <= 0) continue;
    const int commodity = static_cast<int>(c);
    const double weekly = std::max(state.capacity[c] * snapshot.dt_years, 1e-9);
    // With a floor or a subsidy the producer can sell below its cost.
    const double floor =
        std::max(0.0, unit_cost - state.incentive_usd[c]) * (state.floor_usd[c] > 0 ? 0.0 : 1.0);
    const double price =
        ask_price(market_price(world, info, snapshot, commodity), stock / weekly, floor);
    post(world, info, snapshot, commodity, Side::kSell, stock, price, orders);
  }
}

void decide_buyer(const sim::World& world, const sim::AgentInfo& info, const AgentState& state,
                  const Snapshot& snapshot, std::vector<OrderRequest>& orders) {
  const int commodity = main_commodity(world, info);
  if (commodity < 0) return;
  const double demand = weekly_demand(info, state, snapshot, commodity);
  const double target = state.param(info, "buffer_weeks") * demand;
  const double need = demand + target - state.inventory[static_cast<std::size_t>(commodity)];
  const double price = bid_price(market_price(world, info, snapshot, commodity),
                                 state.shortage_memory, reference(world, commodity));
  post(world, info, snapshot, commodity, Side::kBuy, need, price, orders);
}

// Recipe of a magnet maker: units of each input per unit of magnet.
double recipe(const sim::AgentInfo& info, const AgentState& state, sim::Input input) {
  switch (input) {
    case sim::Input::kNdPr:
      return state.param(info, "ndpr_per_t");
    case sim::Input::kDy:
      return state.param(info, "dy_per_t");
    case sim::Input::kTb:
      return state.param(info, "tb_per_t");
    case sim::Input::kNone:
      break;
  }
  return 0;
}

void decide_magnet_maker(const sim::World& world, const sim::AgentInfo& info,
                         const AgentState& state, const Snapshot& snapshot,
                         std::vector<OrderRequest>& orders) {
  const int magnet = main_commodity(world, info);
  if (magnet < 0) return;
  const double planned = state.capacity[static_cast<std::size_t>(magnet)] * snapshot.dt_years;
  double input_cost = 0;
  for (const int v : info.venues) {
    const int c = world.venues()[static_cast<std::size_t>(v)].commodity;
    const double per_unit =
        recipe(info, state, world.commodities()[static_cast<std::size_t>(c)].input);
    if (per_unit <= 0) continue;
    input_cost += per_unit * snapshot.venue_price[static_cast<std::size_t>(v)];
  }
  // Inputs: keep `input_buffer_weeks` of planned use.
  const double buffer = state.param(info, "input_buffer_weeks");
  for (std::size_t c = 0; c < world.commodities().size(); ++c) {
    const double per_unit = recipe(info, state, world.commodities()[c].input);
    if (per_unit <= 0) continue;
    const double use = planned * per_unit;
    const double need = use * (1 + buffer) - state.inventory[c];
    const double cover = state.inventory[c] / std::max(use * buffer, 1e-9);
    const double price =
        bid_price(market_price(world, info, snapshot, static_cast<int>(c)),
                  std::clamp(1.0 - cover, 0.0, 1.0), reference(world, static_cast<int>(c)));
    post(world, info, snapshot, static_cast<int>(c), Side::kBuy, need, price, orders);
  }
  // Magnets: sell at least at input cost plus conversion.
  const double stock = state.inventory[static_cast<std::size_t>(magnet)];
  const double floor = std::max(0.0, input_cost + state.param(info, "conversion_cost") -
                                         state.incentive_usd[static_cast<std::size_t>(magnet)]);
  const double price = ask_price(market_price(world, info, snapshot, magnet),
                                 stock / std::max(planned, 1e-9), floor * 0.9);
  post(world, info, snapshot, magnet, Side::kSell, stock, price, orders);
}

void decide_liquidity(const sim::World& world, const sim::AgentInfo& info, const AgentState& state,
                      const Snapshot& snapshot, std::vector<OrderRequest>& orders) {
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

void decide_stockpile(const sim::World& world, const sim::AgentInfo& info, const AgentState& state,
                      const Snapshot& snapshot, std::vector<OrderRequest>& orders) {
  if (!state.stockpile_enabled) return;
  const double shortage = snapshot.nation_shortage[static_cast<std::size_t>(info.nation)];
  for (const int v : info.venues) {
    const int c = world.venues()[static_cast<std::size_t>(v)].commodity;
    const double stock = state.inventory[static_cast<std::size_t>(c)];
    const double price = snapshot.venue_price[static_cast<std::size_t>(v)];
    if (shortage > state.param(info, "release_shortfall") && stock > 0) {
      orders.push_back({v, Side::kSell, price * 0.98, stock * 0.25});
    } else if (price < state.param(info, "buy_below_price") && state.cash > 0) {
      const double units = std::min(state.cash / std::max(price, 1e-9), 0.02 * state.cash / price);
      orders.push_back({v, Side::kBuy, state.param(info, "buy_below_price"), units});
    }
  }
}

}  // namespace

double weekly_demand(const sim::AgentInfo& info, const AgentState& state, const Snapshot& snapshot,
                     int commodity) {
  const double base = state.capacity[static_cast<std::size_t>(commodity)] * snapshot.dt_years;
  const double growth = std::pow(1.0 + state.param(info, "demand_growth"), snapshot.years);
  return base * growth * (1.0 - state.substituted);
}

void decide(const sim::World& world, const sim::AgentInfo& info, const AgentState& state,
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
