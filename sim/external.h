// Decisions taken outside the model (DESIGN §2, §9): the gateway's clients, or a recorded game
// replayed, decide for some agents in place of their built-in rules. The trial asks once per tick,
// after every agent's built-in decision and before any order enters a book, through the same
// narrow interface the rules use: a read-only view in, orders in economic units out. Governments
// playing at the gateway move policies the scenario declares as levers, from the next tick on.
#pragma once

#include <cstdint>
#include <vector>

#include "agents/registry.h"
#include "core/model_params.h"
#include "policies/engine.h"
#include "world/policy_view.h"
#include "world/world.h"

namespace reesim::sim {

// What an external decider may read at a tick's decision point. Valid during the call only.
struct TickView {
  const world::World& world;
  std::uint64_t trial = 0;
  const agents::Snapshot& snapshot;  // snapshot.tick is the tick
  const ModelParams& model;
  const world::ByIndex<world::AgentIndex, agents::Agent>& agents;
  const world::PolicyView& effects;  // by agent
  // By policy: 1 while the policy is in force.
  const world::ByIndex<world::PolicyIndex, std::uint8_t>& in_force;
  // The policies' parameters in force (current_param()).
  const policies::PolicyEngine& policies;
};

// Orders by agent, as the built-in rules left them for this tick.
using OrdersByAgent = world::ByIndex<world::AgentIndex, std::vector<agents::OrderRequest>>;

// A government's move of a policy (a scenario lever): from the next tick, parameter `param` of
// `policy` takes `value`, or, with `param` -1, the policy is in force (value 1) or not (0).
struct PolicyMove {
  world::PolicyIndex policy{};
  int param = -1;  // index in the policy type's parameters; -1: the on/off switch
  double value = 0;
};

// One trial's external decider; the trial calls it from its own thread only.
class ExternalDecisions {
 public:
  virtual ~ExternalDecisions() = default;
  // Replaces the orders of the agents it decides for this tick (it leaves the others alone; an
  // agent it leaves alone keeps its built-in rule's orders), and appends the governments' policy
  // moves, which the trial applies in order from the next tick.
  virtual void decide(const TickView& view, OrdersByAgent& orders,
                      std::vector<PolicyMove>& moves) = 0;
  // Once, after the last tick, with the trial's scalars (scalar_names() order).
  virtual void finish(std::uint64_t trial, const std::vector<double>& scalars) = 0;
};

}  // namespace reesim::sim
