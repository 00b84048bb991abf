// A production quota (DESIGN §3; cal §1: China's mining and separation quotas): the output of
// covered commodities by the producers it reaches (named, or the enacting nation's miners,
// separators and PSUs) is capped per calendar year, released evenly over the year and shared
// among them by capacity; with enforcement below 1 that share of the excess is produced anyway
// (docs/model.md §7.4).
#pragma once

#include <span>
#include <vector>

#include "policies/policy.h"
#include "world/random.h"

namespace reesim::policies {

struct ProductionQuota {
  struct Params {
    double units_per_year = 0;
    double enforcement = 0;
  };

  [[nodiscard]] static const TypeSpec& spec();
  ProductionQuota(std::span<const double> values, const world::World& world,
                  const world::PolicyInfo& info);

  static constexpr bool kCapsOutput = true;
  // Releases this tick's allowance (units_per_year × tick_days / 365), the pool starting empty
  // each calendar year.
  void on_tick(const Env& env, world::RandomStream& random, bool& terms_changed);
  // Writes each reached producer's cap this tick: the pool's allowance by its share of the
  // reached capacity of the commodity.
  void cap_output(const Env& env, const Capacities& capacity, world::PolicyView& view);
  // Draws what a capped producer made within its cap from the pool.
  void record_output(const Env& env, world::AgentIndex agent, world::CommodityIndex commodity,
                     double units);

  Params params;
  int year = -1;
  world::ByIndex<world::CommodityIndex, double> pool;  // allowance left, by commodity
  std::vector<double> cap;  // this tick's cap, by (agent, commodity); INFINITY: none
};

}  // namespace reesim::policies
