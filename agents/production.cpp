#include <algorithm>
#include <cmath>

#include "agents/rules.h"

namespace reesim::agents {
namespace {

constexpr double kMemory = 0.9;             // weight of the past in smoothed signals (weekly)
constexpr double kInvestStep = 0.10;        // a build adds 10 % of current capacity (prior)
constexpr double kSubstitutionRate = 0.01;  // share of demand substituted per week once started

double utilisation(const sim::AgentInfo& info, const AgentState& state, double price_ratio) {
  // Short-run supply response: utilisation follows the price over cost with the agent's
  // elasticity (cal §4: no published elasticities, a prior), within [0.2, 1].
  const double elasticity = state.param(info, "supply_elasticity");
  return std::clamp(std::pow(std::max(price_ratio, 1e-3), elasticity) * 0.9, 0.2, 1.0);
}

void bring_builds_online(AgentState& state, int tick) {
  auto ready = [tick](const Build& b) { return b.ready <= tick; };
  for (const Build& b : state.builds)
    if (ready(b)) state.capacity[static_cast<std::size_t>(b.commodity)] += b.per_year;
  state.builds.erase(std::remove_if(state.builds.begin(), state.builds.end(), ready),
                     state.builds.end());
}

void maybe_invest(const sim::AgentInfo& info, AgentState& state, const Snapshot& snapshot,
                  sim::RandomStream& random, int commodity) {
  const double trigger = state.param(info, "invest_price_ratio");
  if (trigger <= 0 || state.price_ratio_memory < trigger || !state.builds.empty()) return;
  const double years =
      state.param(info, "build_years") * state.build_time_factor * std::exp(0.3 * random.normal());
  const int ready = snapshot.tick + static_cast<int>(std::lround(years / snapshot.dt_years));
  state.builds.push_back(
      {commodity, kInvestStep * state.capacity[static_cast<std::size_t>(commodity)], ready});
}

void produce_raw(const sim::World& world, const sim::AgentInfo& info, AgentState& state,
                 const Snapshot& snapshot, sim::RandomStream& random, std::vector<double>& output) {
  const double outage_p =
      1.0 - std::pow(1.0 - state.param(info, "outage_probability_per_year"), snapshot.dt_years);
  if (snapshot.tick >= state.outage_until && random.bernoulli(outage_p))
    state.outage_until =
        snapshot.tick + 1 + static_cast<int>(random.exponential(state.param(info, "outage_weeks")));
  const bool out = snapshot.tick < state.outage_until;
  const double unit_cost = std::max(state.param(info, "unit_cost"), 1e-9);
  int main = -1;
  for (std::size_t c = 0; c < state.capacity.size(); ++c) {
    if (state.capacity[c] <= 0) continue;
    if (main < 0) main = static_cast<int>(c);
    double price = 0;
    int venues = 0;
    for (const int v : info.venues)
      if (world.venues()[static_cast<std::size_t>(v)].commodity == static_cast<int>(c)) {
        price += snapshot.venue_price[static_cast<std::size_t>(v)];
        ++venues;
      }
    price = venues ? price / venues : world.commodities()[c].reference_price;
    const double received = std::max(price, state.floor_usd[c]) + state.incentive_usd[c];
    const double ratio = received / unit_cost;
    if (static_cast<int>(c) == main)
      state.price_ratio_memory = kMemory * state.price_ratio_memory + (1 - kMemory) * ratio;
    const double units =
        out ? 0.0 : state.capacity[c] * snapshot.dt_years * utilisation(info, state, ratio);
    state.inventory[c] += units;
    output[c] += units;
  }
  if (main >= 0) maybe_invest(info, state, snapshot, random, main);
}

void produce_magnets(const sim::World& world, const sim::AgentInfo& info, AgentState& state,
                     const Snapshot& snapshot, std::vector<double>& output) {
  const auto& caps = info.source->capacities();
  if (caps.empty()) return;
  const auto magnet = static_cast<std::size_t>(world.commodity_index(caps[0].commodity()));
  double units = state.capacity[magnet] * snapshot.dt_years;
  const char* names[] = {"", "ndpr_per_t", "dy_per_t", "tb_per_t"};
  for (std::size_t c = 0; c < world.commodities().size(); ++c) {
    const auto input = static_cast<int>(world.commodities()[c].input);
    if (input == 0) continue;
    const double per_unit = state.param(info, names[input]);
    if (per_unit > 0) units = std::min(units, state.inventory[c] / per_unit);
  }
  units = std::max(units, 0.0);
  for (std::size_t c = 0; c < world.commodities().size(); ++c) {
    const auto input = static_cast<int>(world.commodities()[c].input);
    if (input != 0) state.inventory[c] -= units * state.param(info, names[input]);
  }
  state.inventory[magnet] += units;
  output[magnet] += units;
  state.produced = units;
}

}  // namespace

void produce(const sim::World& world, const sim::AgentInfo& info, AgentState& state,
             const Snapshot& snapshot, sim::RandomStream& random, std::vector<double>& output) {
  bring_builds_online(state, snapshot.tick);
  if (state.role == Role::kProducer) produce_raw(world, info, state, snapshot, random, output);
  if (state.role == Role::kMagnetMaker) produce_magnets(world, info, state, snapshot, output);
}

void consume(const sim::World& world, const sim::AgentInfo& info, AgentState& state,
             const Snapshot& snapshot) {
  if (state.role != Role::kBuyer || info.source->capacities().empty()) return;
  const int commodity = world.commodity_index(info.source->capacities(0).commodity());
  const auto c = static_cast<std::size_t>(commodity);
  state.demand = weekly_demand(info, state, snapshot, commodity);
  const double used = std::min(state.demand, std::max(state.inventory[c], 0.0));
  state.inventory[c] -= used;
  state.unmet = state.demand - used;
  const double share = state.demand > 0 ? state.unmet / state.demand : 0.0;
  state.shortage_memory = kMemory * state.shortage_memory + (1 - kMemory) * share;

  // Substitution (cal §7): after prices stay above the threshold for the lag, a growing share
  // of demand moves to ferrite, iron-nitride or reduced-Nd designs, up to a ceiling.
  double price = 0;
  int venues = 0;
  for (const int v : info.venues)
    if (world.venues()[static_cast<std::size_t>(v)].commodity == commodity) {
      price += snapshot.venue_price[static_cast<std::size_t>(v)];
      ++venues;
    }
  price = venues ? price / venues : world.commodities()[c].reference_price;
  const double threshold =
      state.param(info, "substitution_price_ratio") * world.commodities()[c].reference_price;
  state.high_price_weeks = price > threshold ? state.high_price_weeks + 1 : 0;
  if (state.high_price_weeks > state.param(info, "substitution_lag_weeks"))
    state.substituted = std::min(state.substituted + kSubstitutionRate,
                                 state.param(info, "substitution_max_share"));
}

}  // namespace reesim::agents
