// The registered agent types (DESIGN §2, "Components"): one explicit list, AgentKind, of the
// components in agents/types/, each holding its typed parameters, its own state and the hooks
// that apply to it (start, fill_stocks, produce, decide, consume). Dispatch is by std::visit on
// the value held in each agent: no per-agent heap allocation and no switch over roles.
//
// Adding a type: write agents/types/NAME.h/.cpp (copy liquidity_provider), add it to AgentKind
// below, to the source list in agents/CMakeLists.txt, and a test in tests/agents/.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include "agents/agent.h"
#include "agents/catalog.h"
#include "agents/types/government.h"
#include "agents/types/liquidity_provider.h"
#include "agents/types/magnet_buyer.h"
#include "agents/types/magnet_maker.h"
#include "agents/types/miner.h"
#include "agents/types/psu.h"
#include "agents/types/recycler.h"
#include "agents/types/separator.h"
#include "agents/types/stockpile.h"
#include "agents/types/trader.h"
#include "world/random.h"

namespace reesim::agents {

// Every agent type, in catalogue order (agent_types()).
using AgentKind = std::variant<Government, Psu, Miner, Separator, MagnetMaker, MagnetBuyer,
                               Recycler, Stockpile, LiquidityProvider, Trader, SectorBuyer>;

// The buyer rules an agent follows (a magnet or a sector buyer's), nullptr for other types.
[[nodiscard]] inline const MagnetBuyer* buyer_rules(const AgentKind& kind) {
  if (const auto* magnets = std::get_if<MagnetBuyer>(&kind)) return magnets;
  return std::get_if<SectorBuyer>(&kind);
}

// One agent during a trial: the state every type shares and its type's own.
struct Agent : AgentState {
  AgentKind kind;
};

// The agent `info` describes at the start of trial `trial`: its parameters, capacities and
// stocks drawn from its own "params" stream, and the stocks the scenario leaves unset at its
// targets, so that a trial starts in its usual state (ODD "Initialization").
[[nodiscard]] Agent make_agent(const world::World& world, const world::AgentInfo& info,
                               const ModelParams& model, std::uint64_t seed, std::uint64_t trial);

// Production at the start of the tick: builds awarded or finished come on line, then the type's
// own production (outages, utilisation, recipes, investment). Adds units made to `output`, by
// commodity, only at the agent's outputs.
void produce(const Context& ctx, Agent& agent, world::RandomStream& random, ByCommodity& output);
// The orders the agent sends this tick (appended to `orders`).
void decide(const Context& ctx, const Agent& agent, std::vector<OrderRequest>& orders);
// Consumption at the end of the tick.
void consume(const Context& ctx, Agent& agent);

}  // namespace reesim::agents
