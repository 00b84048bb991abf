// The decision rules of every agent type (DESIGN §3), as pure functions of the world
// description, the agent's own state, the snapshot and the agent's random stream. The economic
// reasoning and sources of each rule are in docs/model.md ("Submodels"). Thread-safe for
// distinct agents.
#pragma once

#include <vector>

#include "agents/state.h"
#include "world/random.h"
#include "world/world.h"

namespace reesim::agents {

// Producers and makers aim to hold about a month of output (prior).
inline constexpr double kTargetCoverWeeks = 4;

// The mean price over the agent's venues of `commodity`, USD/unit, or the reference price when
// it trades on none.
[[nodiscard]] double market_price(const world::World& world, const world::AgentInfo& info,
                                  const Snapshot& snapshot, int commodity);

// Orders the agent sends this tick (appended to `orders`).
void decide(const world::World& world, const world::AgentInfo& info, const AgentState& state,
            const Snapshot& snapshot, std::vector<OrderRequest>& orders);

// Production at the start of the tick: outages, price-responsive utilisation, recipes,
// capacity coming on line and investment. Adds units made to `output`, by commodity, only at
// the agent's outputs (info.outputs).
void produce(const world::World& world, const world::AgentInfo& info, AgentState& state,
             const Snapshot& snapshot, world::RandomStream& random, std::vector<double>& output);

// Consumption at the end of the tick: a buyer uses its demand from inventory and records
// what it could not get; substitution follows sustained high prices.
void consume(const world::World& world, const world::AgentInfo& info, AgentState& state,
             const Snapshot& snapshot);

// Sets the starting stocks the scenario leaves unset (`set_by_scenario`, by commodity) to the
// holder's targets, so that a trial starts in its usual state.
void initial_inventory(const world::World& world, const world::AgentInfo& info, AgentState& state,
                       const Snapshot& snapshot, std::vector<bool>& set_by_scenario);

// How much concentrate a separator wants to process this tick (units) and what the oxides in
// one unit of it are worth to the separator now (USD).
struct Throughput {
  double feed_per_tick = 0;
  double basket_value = 0;     // what the oxides from a unit of feed fetch now, USD
  double reference_value = 0;  // and at reference prices
};
[[nodiscard]] Throughput separator_throughput(const world::World& world,
                                              const world::AgentInfo& info, const AgentState& state,
                                              const Snapshot& snapshot);
// The basket alone (feed_per_tick 0); `main` and `bound`, when given, receive the first output
// with a positive yield (-1 if none) and the feed a tick the capacities allow.
[[nodiscard]] Throughput separator_basket(const world::World& world, const world::AgentInfo& info,
                                          const AgentState& state, const Snapshot& snapshot,
                                          int* main = nullptr, double* bound = nullptr);

// Units of each recipe input per unit of magnet for a magnet maker (0 for other inputs).
[[nodiscard]] double recipe(const world::AgentInfo& info, const AgentState& state,
                            world::Input input);

// What the inputs of one unit of magnet cost a magnet maker at its venues' last prices (USD).
[[nodiscard]] double magnet_input_cost(const world::World& world, const world::AgentInfo& info,
                                       const AgentState& state, const Snapshot& snapshot);

// After a tick's trading, moves the agent's reach on each venue where it bid (AgentState::reach):
// up in proportion to the share of its bid left unfilled, down in proportion to the share filled.
void learn_reach(const world::AgentInfo& info, AgentState& state);

// The magnets a maker plans to make this tick, in units.
[[nodiscard]] double magnet_plan(const AgentState& state, const Snapshot& snapshot, int magnet);

// A buyer's demand this tick, in units.
[[nodiscard]] double weekly_demand(const world::AgentInfo& info, const AgentState& state,
                                   const Snapshot& snapshot, int commodity);

}  // namespace reesim::agents
