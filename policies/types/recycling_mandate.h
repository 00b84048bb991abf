// A recycling mandate (DESIGN §3; cal §7: the EU's 25 % target): the covered recyclers (those the
// policy names, or else the enacting nation's) must recover at least share_target of end-of-life
// content, reached linearly over ramp_years from activation.
#pragma once

#include <span>
#include <vector>

#include "policies/policy.h"

namespace reesim::policies {

struct RecyclingMandate {
  struct Params {
    double share_target = 0;
    double ramp_years = 0;
  };

  [[nodiscard]] static const TypeSpec& spec();
  RecyclingMandate(std::span<const double> values, const world::World& world,
                   const world::PolicyInfo& info);

  // Every tick while in force: the ramp moves.
  void every_tick(const Env& env, const world::ByIndex<world::AgentIndex, double>& purchases,
                  world::PolicyView& view);

  // The recyclers it reaches, in index order: the only rows every_tick() sets (the engine clears
  // them each tick before).
  [[nodiscard]] const std::vector<world::AgentIndex>& mandated_agents() const { return recyclers; }

  Params params;
  // The recyclers it reaches, in index order: a large world's other agents are not visited.
  std::vector<world::AgentIndex> recyclers;
};

}  // namespace reesim::policies
