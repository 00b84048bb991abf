// A stockpile policy (DESIGN §3; cal §7): switches the enacting nation's stockpile agencies on
// and sets their purchase price, release shortfall, target, release cap and budget (0 leaves the
// agency's own; with several in force the loosest terms hold).
#pragma once

#include <cmath>
#include <span>
#include <vector>

#include "policies/policy.h"

namespace reesim::policies {

struct StockpilePolicy {
  struct Params {
    double buy_below_price = 0;
    double release_shortfall = 0;
    double target_units = 0;
    double budget_usd = 0;
    double max_release_per_tick = 0;
    double release_above_price = 0;
  };

  [[nodiscard]] static const TypeSpec& spec();
  StockpilePolicy(std::span<const double> values, const world::World& world,
                  const world::PolicyInfo& info);

  // Every tick, in force or not: what the policy has left to spend (`purchases`: USD each agent
  // has spent buying so far).
  void every_tick(const Env& env, const world::ByIndex<world::AgentIndex, double>& purchases,
                  world::PolicyView& view);
  void shape(const Env& env, world::PolicyView& view) const;

  Params params;
  // The enacting nation's stockpile agencies, in index order: a large world's other agents are
  // not visited.
  std::vector<world::AgentIndex> agencies;
  // The agencies' purchases (USD) when the policy came into force (NaN while it is not), from
  // which its budget is counted.
  double purchases_at_start = NAN;
};

}  // namespace reesim::policies
