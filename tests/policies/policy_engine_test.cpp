// The policy engine's hand on agents, read directly: which agents a domestic measure reaches.
#include <catch2/catch.hpp>

#include <string_view>
#include <utility>
#include <vector>

#include "agents/state.h"
#include "policies/engine.h"
#include "tests/policies/world_runner.h"
#include "tests/policies/worlds.h"

using reesim::agents::AgentState;
using reesim::agents::Role;
using reesim::policies::PolicyEngine;
using reesim::testing::kSeed;
using reesim::testing::WorldRunner;
namespace worlds = reesim::testing::worlds;

namespace {

// Each agent of `world` in its role, with no stock, capacity or policy fields set.
std::vector<AgentState> blank_agents(const reesim::world::World& world) {
  std::vector<AgentState> agents;
  const std::size_t commodities = world.commodities().size();
  for (const reesim::world::AgentInfo& info : world.agents()) {
    AgentState a;
    a.role = reesim::agents::role_of(info.type);
    a.inventory.assign(commodities, 0.0);
    a.capacity.assign(commodities, 0.0);
    a.utilisation.assign(commodities, 0.9);
    a.floor_usd.assign(commodities, 0.0);
    a.incentive_usd.assign(commodities, 0.0);
    agents.push_back(std::move(a));
  }
  return agents;
}

}  // namespace

TEST_CASE("An incentive naming no agents awards capacity to the nation's producers only",
          "[policies][production_incentive][engine]") {
  // China's scheme covers every Chinese agent; its magnet buyers make nothing and must not
  // receive a capacity award (a buyer's "capacity" is its demand).
  constexpr std::string_view kChinaScheme = R"txt(
    policies {
      id: "cn_scheme" type: "production_incentive" enacted_by: "CN"
      params { name: "max_units_per_year" value { fixed: 100000 } }
      params { name: "build_years" value { fixed: 1 } }
    }
  )txt";
  WorldRunner runner({worlds::kOxideTrade, kChinaScheme});
  const reesim::world::World& world = runner.world();
  PolicyEngine engine(world, kSeed, 0);
  std::vector<AgentState> agents = blank_agents(world);
  const std::vector<double> no_metrics(static_cast<std::size_t>(world.scenario().metrics_size()));

  engine.begin_tick(0, no_metrics);
  engine.apply_to_agents(agents, 0);

  for (std::size_t a = 0; a < agents.size(); ++a) {
    const reesim::world::AgentInfo& info = world.agents()[a];
    INFO("agent " << info.id);
    const bool chinese_producer =
        info.nation == world.nation_index("CN") && agents[a].role == Role::kProducer;
    CHECK(agents[a].builds.size() == (chinese_producer ? 1U : 0U));
  }
}
