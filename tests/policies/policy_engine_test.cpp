// The policy engine's hand on agents, read directly: which agents a domestic measure reaches.
#include <catch2/catch.hpp>

#include <string_view>
#include <vector>

#include "core/model_params.h"
#include "policies/engine.h"
#include "tests/policies/world_runner.h"
#include "tests/policies/worlds.h"
#include "world/catalog.h"
#include "world/policy_view.h"

using reesim::policies::PolicyEngine;
using reesim::testing::kSeed;
using reesim::testing::WorldRunner;
namespace worlds = reesim::testing::worlds;

namespace {

// A policy view with a row for each agent of `world`, as the trial holds it.
reesim::world::PolicyView blank_view(const reesim::world::World& world) {
  reesim::world::PolicyView view(world.agents().size(), {});
  for (reesim::world::AgentEffects& row : view) {
    row.floor_usd.assign(world.commodities().size(), 0.0);
    row.incentive_usd.assign(world.commodities().size(), 0.0);
  }
  return view;
}

// The model parameters at their defaults.
reesim::ModelParams default_model() {
  return reesim::resolve_model_params({});
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
  PolicyEngine engine(world, default_model(), kSeed, 0);
  reesim::world::PolicyView view = blank_view(world);
  const std::vector<double> no_metrics(static_cast<std::size_t>(world.scenario().metrics_size()));

  engine.begin_tick(0, no_metrics);
  engine.update_view(view, 0);

  for (const reesim::world::AgentIndex a : view.indices()) {
    const reesim::world::AgentInfo& info = world.agents()[a];
    INFO("agent " << info.id);
    const bool chinese_producer =
        info.nation == world.nation_index("CN") && (info.spec->traits & reesim::world::kSells) != 0;
    CHECK(view[a].awards.size() == (chinese_producer ? 1U : 0U));
  }
}
