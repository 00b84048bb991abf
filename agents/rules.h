// The decision rules of every agent type (DESIGN §3), as pure functions of the world
// description, the agent's own state, the snapshot and the agent's random stream. The economic
// reasoning and sources of each rule are in docs/model.md ("Submodels"). Thread-safe for
// distinct agents.
#pragma once

#include <vector>

#include "agents/state.h"
#include "sim/random.h"
#include "sim/world.h"

namespace reesim::agents {

// Orders the agent sends this tick (appended to `orders`).
void decide(const sim::World& world, const sim::AgentInfo& info, const AgentState& state,
            const Snapshot& snapshot, std::vector<OrderRequest>& orders);

// Production at the start of the tick: outages, price-responsive utilisation, recipes,
// capacity coming on line and investment. Returns units of output by commodity in `output`.
void produce(const sim::World& world, const sim::AgentInfo& info, AgentState& state,
             const Snapshot& snapshot, sim::RandomStream& random, std::vector<double>& output);

// Consumption at the end of the tick: a buyer uses its demand from inventory and records
// what it could not get; substitution follows sustained high prices.
void consume(const sim::World& world, const sim::AgentInfo& info, AgentState& state,
             const Snapshot& snapshot);

// A buyer's demand this tick, in units.
[[nodiscard]] double weekly_demand(const sim::AgentInfo& info, const AgentState& state,
                                   const Snapshot& snapshot, int commodity);

}  // namespace reesim::agents
