// A scenario's levers (its `levers` section, docs/gateway.md) as the gateway uses them: resolved
// once against the world into policy and parameter indices, and a government's moves checked
// against them and turned into the trial's policy moves. Pure functions of their arguments;
// thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gateway.pb.h"
#include "sim/external.h"
#include "world/world.h"

namespace reesim::gateway {

// One lever of the scenario, resolved.
struct ResolvedLever {
  std::string id;
  world::NationIndex nation{};  // the government that may move it
  world::PolicyIndex policy{};
  int param = -1;  // index in the policy type's parameters; -1: the on/off switch
  double min = 0;  // bounds, inclusive; 0 and 1 for a switch
  double max = 1;
};

// The scenario's levers in scenario order (a validated scenario names known policies and
// parameters; a lever that does not resolve throws std::invalid_argument).
[[nodiscard]] std::vector<ResolvedLever> resolve_levers(const world::World& world);

// The levers `nation`'s government may move, in scenario order.
[[nodiscard]] std::vector<ResolvedLever> levers_of(const world::World& world,
                                                   world::NationIndex nation);

// The value lever `lever` has in force now: a parameter's, or 1 while a switched policy is in
// force and 0 otherwise.
[[nodiscard]] double lever_value(const sim::TickView& view, const ResolvedLever& lever);

// `moves` of the government holding `levers` as the trial's policy moves, or nullopt with `error`
// set to one line when one names a lever it does not hold, or a value that is not finite, is out
// of the lever's bounds, or for a switch is neither 0 nor 1.
[[nodiscard]] std::optional<std::vector<sim::PolicyMove>> to_moves(
    const std::vector<ResolvedLever>& levers,
    const google::protobuf::RepeatedPtrField<LeverMove>& moves, std::string& error);

}  // namespace reesim::gateway
