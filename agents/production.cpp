#include <algorithm>
#include <cmath>

#include "agents/rules.h"

namespace reesim::agents {
namespace {

constexpr double kMemory = 0.9;             // weight of the past in smoothed signals (weekly)
constexpr double kInvestStep = 0.10;        // a build adds 10 % of current capacity (prior)
constexpr double kSubstitutionRate = 0.01;  // share of demand substituted per week once started
// Weights of the past in a buyer's price memories: a 13-week and a 156-week exponential average,
// the horizons of its short-run ("within a quarter") and long-run ("over years") elasticities
// (prior; cal §4 gives no published elasticities).
constexpr double kShortPriceMemory = 1.0 - 1.0 / 13.0;
constexpr double kLongPriceMemory = 1.0 - 1.0 / 156.0;

// What a producer receives per unit of `commodity`: the market, or the floor, plus subsidies.
double received(const world::World& world, const world::AgentInfo& info, const AgentState& state,
                const Snapshot& snapshot, std::size_t commodity) {
  return std::max(market_price(world, info, snapshot, static_cast<int>(commodity)),
                  state.floor_usd[commodity]) +
         state.incentive_usd[commodity];
}

// Short-run supply response (cal §4: no published elasticities, a prior): utilisation at the
// reference price is the scenario's figure and moves with price to the agent's elasticity; a
// producer paid less than its cash cost halves its output.
double utilisation(const world::AgentInfo& info, const AgentState& state, std::size_t commodity,
                   double received, double reference) {
  const double elasticity = state.param(info, "supply_elasticity");
  double u =
      state.utilisation[commodity] * std::pow(std::max(received / reference, 1e-3), elasticity);
  if (received < state.param(info, "unit_cost")) u *= 0.5;
  // A PSU's mandate keeps it at its target utilisation whatever the price (cal §6).
  return std::clamp(std::max(u, state.min_utilisation), 0.05, 1.0);
}

// Price response of demand, a partial-adjustment form: demand moves with the long-run price level
// (its ratio to the reference) to the long-run elasticity, and with the quarter's departure from
// that level to the short-run elasticity, so a brief spike cuts demand little and a lasting one
// more. Thrift and quantity cuts only: switching technology is substitution (consume). Set after
// this tick's use, it shapes next tick's demand and bids alike.
void update_price_response(const world::AgentInfo& info, AgentState& state, double ratio) {
  state.price_short = kShortPriceMemory * state.price_short + (1 - kShortPriceMemory) * ratio;
  state.price_long = kLongPriceMemory * state.price_long + (1 - kLongPriceMemory) * ratio;
  const double short_run = state.param(info, "short_run_elasticity");
  const double long_run = state.param(info, "long_run_elasticity");
  double response = 1;
  if (short_run != 0) response *= std::pow(state.price_short / state.price_long, short_run);
  if (long_run != 0) response *= std::pow(state.price_long, long_run);
  state.price_response = response;
}

void bring_builds_online(AgentState& state, int tick) {
  auto ready = [tick](const Build& b) { return b.ready <= tick; };
  for (const Build& b : state.builds)
    if (ready(b)) state.capacity[static_cast<std::size_t>(b.commodity)] += b.per_year;
  state.builds.erase(std::remove_if(state.builds.begin(), state.builds.end(), ready),
                     state.builds.end());
}

// Endogenous investment (cal §8 lead times). While the smoothed margin (price_ratio_memory)
// stays at or above the trigger, the agent starts a build each year: kInvestStep of each of its
// capacities (a separator's oxides are joint products, so all grow together; a build of one
// oxide alone would not raise throughput while another binds), so capacity can grow by up to
// about 10 %/yr (prior, set against demand growth, cal §3: +8 %/yr), whatever the lead time: a
// mine's builds overlap for years, a magnet plant's for about two.
// Under capital support the state pays a share of the build's capital cost: the margin over cash
// cost that must repay capital (invest_price_ratio − 1) shrinks in proportion, and the build
// takes the scheme's construction time (prior).
void maybe_invest(const world::AgentInfo& info, AgentState& state, const Snapshot& snapshot,
                  world::RandomStream& random) {
  const double ratio = state.param(info, "invest_price_ratio");
  const bool supported = state.capex_share > 0;
  const double trigger = supported ? 1 + (ratio - 1) * (1 - state.capex_share) : ratio;
  const int ticks_per_year = static_cast<int>(std::lround(1.0 / snapshot.dt_years));
  if (ratio <= 0 || state.price_ratio_memory < trigger || info.outputs.empty() ||
      snapshot.tick - state.last_build_tick < ticks_per_year)
    return;
  const double build_years =
      supported ? state.supported_build_years : state.param(info, "build_years");
  const double years = build_years * state.build_time_factor *
                       std::exp(state.param(info, "build_delay_sigma") * random.normal());
  const int ready = snapshot.tick + static_cast<int>(std::lround(years / snapshot.dt_years));
  state.last_build_tick = snapshot.tick;
  for (auto it = info.outputs.begin(); it != info.outputs.end(); ++it) {
    const int made = *it;
    const double per_year = kInvestStep * state.capacity[static_cast<std::size_t>(made)];
    if (per_year <= 0 || std::find(info.outputs.begin(), it, made) != it) continue;
    state.builds.push_back({made, per_year, ready});
    if (supported && made == info.outputs[0]) state.supported_capacity += per_year;
  }
}

// A PSU commits its mission budget once, at the start: capacity of budget / capex units a year
// of its main output, ready after a log-normal delay around build_years (cal §8), reached only
// with success_probability (GMDC's pilot may never reach production, cal §6). The money is public
// and spent when committed, whether or not the project succeeds.
void start_mission(const world::AgentInfo& info, AgentState& state, const Snapshot& snapshot,
                   world::RandomStream& random) {
  if (!state.psu || state.mission_started || info.outputs.empty()) return;
  state.mission_started = true;
  const double budget = state.param(info, "mission_budget_usd");
  const double capex = state.param(info, "capex_usd_per_unit_year");
  if (budget <= 0 || capex <= 0) return;
  state.public_spent += budget;
  const double years = state.param(info, "build_years") * state.build_time_factor *
                       std::exp(state.param(info, "build_delay_sigma") * random.normal());
  if (!random.bernoulli(state.param(info, "success_probability"))) return;
  const int ready = snapshot.tick + static_cast<int>(std::lround(years / snapshot.dt_years));
  state.builds.push_back({info.outputs[0], budget / capex, ready});
}

// A recycler recovers a share of the content reaching end of life in its nation's magnets
// (cal §7: under 1 % today, perhaps a quarter of magnet needs in a decade). The share grows at
// growth_per_year scaled by the price it receives over the reference (dearer oxide pays for more
// collection), never below what a recycling mandate in force requires; its plant grows with it,
// so its capacity bounds output in proportion.
void recycle(const world::World& world, const world::AgentInfo& info, AgentState& state,
             const Snapshot& snapshot, bool out, std::vector<double>& planned) {
  const double start = std::max(state.param(info, "recovery_rate"), 1e-9);
  for (const int made : info.outputs) {
    const auto c = static_cast<std::size_t>(made);
    const world::CommodityInfo& oxide = world.commodities()[c];
    const double price = received(world, info, state, snapshot, c);
    const double pull = price / std::max(oxide.reference_price, 1e-9);
    if (made == info.outputs[0])
      state.recovery = std::min(
          1.0, std::max(state.recovery *
                            (1.0 + state.param(info, "growth_per_year") * pull * snapshot.dt_years),
                        state.mandated_recovery));
    if (out || price < state.param(info, "unit_cost")) continue;
    const auto input = static_cast<std::size_t>(oxide.input);
    const double feed =
        snapshot.end_of_life.empty()
            ? 0.0
            : snapshot.end_of_life[static_cast<std::size_t>(info.nation) * world::kInputs + input];
    const double plant = state.capacity[c] * snapshot.dt_years * state.recovery / start;
    planned[c] = std::min(state.recovery * feed, plant);
  }
}

void separate(const world::World& world, const world::AgentInfo& info, AgentState& state,
              const Snapshot& snapshot, bool out, std::vector<double>& planned) {
  if (out) return;
  const auto f = static_cast<std::size_t>(state.feed);
  const world::CommodityInfo& feed = world.commodities()[f];
  const double processed =
      std::min(separator_throughput(world, info, state, snapshot).feed_per_tick,
               std::max(state.inventory[f], 0.0));
  state.inventory[f] -= processed;
  const double yield = state.param(info, "yield");
  for (const int made : info.outputs) {
    const auto c = static_cast<std::size_t>(made);
    planned[c] =
        processed * feed.yields[static_cast<std::size_t>(world.commodities()[c].input)] * yield;
  }
}

void produce_raw(const world::World& world, const world::AgentInfo& info, AgentState& state,
                 const Snapshot& snapshot, world::RandomStream& random,
                 std::vector<double>& output) {
  const double outage_p = state.per_tick_probability(
      state.param(info, "outage_probability_per_year"), snapshot.dt_years);
  if (snapshot.tick >= state.outage_until && random.bernoulli(outage_p))
    state.outage_until =
        snapshot.tick + 1 + static_cast<int>(random.exponential(state.param(info, "outage_weeks")));
  const bool out = snapshot.tick < state.outage_until;
  if (info.outputs.empty()) return;
  const auto main = static_cast<std::size_t>(info.outputs[0]);
  // A separator's unit cost is per unit of feed, so its margin is the basket's value from a unit
  // of feed over it; other producers' is their main output's price over its unit cost.
  const double value = state.feed >= 0 ? separator_basket(world, info, state, snapshot).basket_value
                                       : received(world, info, state, snapshot, main);
  state.price_ratio_memory = kMemory * state.price_ratio_memory +
                             (1 - kMemory) * value / std::max(state.param(info, "unit_cost"), 1e-9);

  std::vector<double>& planned = state.planned;
  planned.assign(state.capacity.size(), 0.0);
  if (state.feed >= 0) {
    separate(world, info, state, snapshot, out, planned);
  } else if (state.recycler) {
    recycle(world, info, state, snapshot, out, planned);
  } else if (!out) {
    for (const int made : info.outputs) {
      const auto c = static_cast<std::size_t>(made);
      const double reference = std::max(world.commodities()[c].reference_price, 1e-9);
      planned[c] =
          state.capacity[c] * snapshot.dt_years *
          utilisation(info, state, c, received(world, info, state, snapshot, c), reference);
    }
  }
  for (const int made : info.outputs) {
    const auto c = static_cast<std::size_t>(made);
    state.inventory[c] += planned[c];
    output[c] += planned[c];
  }
  start_mission(info, state, snapshot, random);
  maybe_invest(info, state, snapshot, random);
}

// A magnet maker's margin is the magnet's received price over its unit cost at today's input
// prices (inputs by recipe plus conversion), smoothed as a producer's; it invests as producers do.
void produce_magnets(const world::World& world, const world::AgentInfo& info, AgentState& state,
                     const Snapshot& snapshot, world::RandomStream& random,
                     std::vector<double>& output) {
  if (info.outputs.empty()) return;
  const auto magnet = static_cast<std::size_t>(info.outputs[0]);
  const double unit_cost =
      magnet_input_cost(world, info, state, snapshot) + state.param(info, "conversion_cost");
  state.price_ratio_memory =
      kMemory * state.price_ratio_memory +
      (1 - kMemory) * received(world, info, state, snapshot, magnet) / std::max(unit_cost, 1e-9);
  maybe_invest(info, state, snapshot, random);
  double units = magnet_plan(state, snapshot, static_cast<int>(magnet));
  for (std::size_t c = 0; c < world.commodities().size(); ++c) {
    const double per_unit = recipe(info, state, world.commodities()[c].input);
    if (per_unit > 0) units = std::min(units, std::max(state.inventory[c], 0.0) / per_unit);
  }
  units = std::max(units, 0.0);
  for (std::size_t c = 0; c < world.commodities().size(); ++c)
    state.inventory[c] -= units * recipe(info, state, world.commodities()[c].input);
  state.inventory[magnet] += units;
  output[magnet] += units;
  state.produced = units;
}

}  // namespace

// A separator processes concentrate into all its oxides jointly (calibration.md §2): how much it
// runs follows the value of the whole basket against its value at reference prices, and each
// oxide's capacity bounds the concentrate that can go through.
Throughput separator_throughput(const world::World& world, const world::AgentInfo& info,
                                const AgentState& state, const Snapshot& snapshot) {
  int main = -1;
  double bound = INFINITY;
  Throughput t = separator_basket(world, info, state, snapshot, &main, &bound);
  if (main < 0 || !std::isfinite(bound)) return t;
  t.feed_per_tick = bound * utilisation(info, state, static_cast<std::size_t>(main), t.basket_value,
                                        std::max(t.reference_value, 1e-9));
  return t;
}

// The basket's value per unit of feed, now and at reference prices; `main` and `bound`, when
// given, receive the first output with a positive share (-1 if none) and the feed per tick the
// capacities allow.
Throughput separator_basket(const world::World& world, const world::AgentInfo& info,
                            const AgentState& state, const Snapshot& snapshot, int* main_out,
                            double* bound_out) {
  Throughput t;
  if (state.feed < 0) return t;
  const world::CommodityInfo& feed = world.commodities()[static_cast<std::size_t>(state.feed)];
  const double yield = state.param(info, "yield");
  double bound = INFINITY;
  int main = -1;
  for (const int output : info.outputs) {
    const auto c = static_cast<std::size_t>(output);
    const double share =
        feed.yields[static_cast<std::size_t>(world.commodities()[c].input)] * yield;
    if (share <= 0) continue;
    if (main < 0) main = output;
    t.basket_value += share * received(world, info, state, snapshot, c);
    t.reference_value += share * world.commodities()[c].reference_price;
    bound = std::min(bound, state.capacity[c] * snapshot.dt_years / share);
  }
  if (main_out != nullptr) *main_out = main;
  if (bound_out != nullptr) *bound_out = bound;
  return t;
}

void produce(const world::World& world, const world::AgentInfo& info, AgentState& state,
             const Snapshot& snapshot, world::RandomStream& random, std::vector<double>& output) {
  bring_builds_online(state, snapshot.tick);
  if (state.role == Role::kProducer) produce_raw(world, info, state, snapshot, random, output);
  if (state.role == Role::kMagnetMaker)
    produce_magnets(world, info, state, snapshot, random, output);
}

void consume(const world::World& world, const world::AgentInfo& info, AgentState& state,
             const Snapshot& snapshot) {
  if (state.role != Role::kBuyer || info.outputs.empty()) return;
  const int commodity = info.outputs[0];  // a buyer's one "capacity" is its demand
  const auto c = static_cast<std::size_t>(commodity);
  state.demand = weekly_demand(info, state, snapshot, commodity);
  const double used = std::min(state.demand, std::max(state.inventory[c], 0.0));
  state.inventory[c] -= used;
  state.unmet = state.demand - used;
  const double share = state.demand > 0 ? state.unmet / state.demand : 0.0;
  state.shortage_memory = kMemory * state.shortage_memory + (1 - kMemory) * share;

  // Substitution (cal §7): after prices stay above the threshold for the lag, a growing share
  // of demand moves to ferrite, iron-nitride or reduced-Nd designs, up to a ceiling.
  const double price = market_price(world, info, snapshot, commodity);
  const double threshold =
      state.param(info, "substitution_price_ratio") * world.commodities()[c].reference_price;
  state.high_price_weeks = price > threshold ? state.high_price_weeks + 1 : 0;
  update_price_response(info, state,
                        price / std::max(world.commodities()[c].reference_price, 1e-9));
  if (state.high_price_weeks > state.param(info, "substitution_lag_weeks"))
    state.substituted = std::min(state.substituted + kSubstitutionRate,
                                 state.param(info, "substitution_max_share"));
}

}  // namespace reesim::agents
