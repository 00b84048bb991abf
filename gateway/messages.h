// The gateway's messages built from the model and back (proto/gateway.proto): what a client is
// told of the world (Welcome), what it sees each tick (Observation), and its orders turned into
// the requests built-in rules return (agents::OrderRequest), which the trial then converts to
// ticks and lots. Pure functions of their arguments; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "agents/agent.h"
#include "gateway.pb.h"
#include "gateway/levers.h"
#include "sim/external.h"
#include "world/world.h"

namespace reesim::gateway {

// What a Welcome says of the run besides the world.
struct RunInfo {
  std::int64_t trials = 0;
  std::uint64_t seed = 0;
  std::uint32_t tick_timeout_ms = 0;
};

// The Welcome of a client playing `agents` (indices, in the order it asked for them) and, when
// `government` is set, that nation's government, which holds `levers`.
[[nodiscard]] Welcome make_welcome(const world::World& world, const RunInfo& run,
                                   const std::vector<world::AgentIndex>& agents,
                                   std::optional<world::NationIndex> government = std::nullopt,
                                   const std::vector<ResolvedLever>& levers = {});

// The Observation of a client playing `agents`, and holding `levers` as a government, at the
// view's tick.
[[nodiscard]] Observation make_observation(const sim::TickView& view,
                                           const std::vector<world::AgentIndex>& agents,
                                           const std::vector<ResolvedLever>& levers = {});

// Agent `agent`'s orders in `orders` as order requests, or nullopt with `error` set to one line
// saying why when one names a venue the agent does not trade on, has no side, or a price or size
// that is not a positive finite number.
[[nodiscard]] std::optional<std::vector<agents::OrderRequest>> to_requests(
    const world::World& world, world::AgentIndex agent,
    const google::protobuf::RepeatedPtrField<Order>& orders, std::string& error);

}  // namespace reesim::gateway
