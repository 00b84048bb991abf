#include <algorithm>

#include "agents/rules.h"

namespace reesim::agents {
// The world starts in its usual state (ODD "Initialization"): every stock the scenario does not
// set explicitly begins at the holder's target, so that the first weeks are not a scramble to
// fill empty warehouses.
void initial_inventory(const world::World& world, const world::AgentInfo& info, AgentState& state,
                       const Snapshot& snapshot, std::vector<bool>& set_by_scenario) {
  auto fill = [&](std::size_t c, double units) {
    if (!set_by_scenario[c]) state.inventory[c] = std::max(state.inventory[c], units);
  };
  switch (state.role) {
    case Role::kProducer:
      for (const int output : info.outputs) {
        const auto c = static_cast<std::size_t>(output);
        const double weekly = state.capacity[c] * state.utilisation[c] * snapshot.dt_years;
        fill(c, kTargetCoverWeeks * weekly);
        if (state.feed >= 0) {
          const auto f = static_cast<std::size_t>(state.feed);
          const double share = world.commodities()[f]
                                   .yields[static_cast<std::size_t>(world.commodities()[c].input)] *
                               state.param(info, "yield");
          if (share > 0) fill(f, kTargetCoverWeeks * weekly / share);
        }
      }
      break;
    case Role::kMagnetMaker:
      if (!info.outputs.empty()) {
        const auto m = static_cast<std::size_t>(info.outputs[0]);
        const double weekly = state.capacity[m] * state.utilisation[m] * snapshot.dt_years;
        fill(m, kTargetCoverWeeks * weekly);
        for (std::size_t c = 0; c < world.commodities().size(); ++c)
          fill(c, state.param(info, "input_buffer_weeks") * weekly *
                      recipe(info, state, world.commodities()[c].input));
      }
      break;
    case Role::kBuyer:
      if (!info.outputs.empty())
        fill(static_cast<std::size_t>(info.outputs[0]),
             state.param(info, "buffer_weeks") *
                 weekly_demand(info, state, snapshot, info.outputs[0]));
      break;
    case Role::kLiquidity:
    case Role::kStockpile:
    case Role::kGovernment:
      break;
  }
}

}  // namespace reesim::agents
