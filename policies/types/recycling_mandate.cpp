#include "policies/types/recycling_mandate.h"

#include <algorithm>

#include "core/param_binding.h"
#include "world/catalog.h"

namespace reesim::policies {
namespace {

constexpr ParamBinding<RecyclingMandate::Params> kParams[] = {
    {{"share_target", "fraction", "recycled share of magnet feed required (cal §7: EU 25 %)", 0.25,
      0.0, 1.0},
     &RecyclingMandate::Params::share_target},
    {{"ramp_years", "years", "years to reach the target from activation", 10.0, 0.0, 50.0},
     &RecyclingMandate::Params::ramp_years},
};
constexpr auto kSpecs = specs_of(kParams);
static_assert(std::size(kParams) * sizeof(double) == sizeof(RecyclingMandate::Params));

}  // namespace

const TypeSpec& RecyclingMandate::spec() {
  static const TypeSpec kSpec{"recycling_mandate",
                              "a share of magnet feed must come from recycling", kSpecs};
  return kSpec;
}

RecyclingMandate::RecyclingMandate(std::span<const double> values, const world::World& world,
                                   const world::PolicyInfo& info)
    : params(bind_params<Params>(kParams, values)) {
  // The recyclers it names, else the enacting nation's.
  for (const world::AgentIndex i : world.agents().indices())
    if ((world.agents()[i].spec->traits & world::kRecycles) != 0 &&
        policy_reaches(world, info, i, world::kRecycles))
      recyclers.push_back(i);
}

void RecyclingMandate::every_tick(const Env& env, const world::ByIndex<world::AgentIndex, double>&,
                                  world::PolicyView& view) {
  if (!env.activity.active) return;
  const double ramp = params.ramp_years;
  const double years = (env.tick - env.activity.start) * env.world.tick_days() / 365.0;
  const double required =
      params.share_target * (ramp > 0 ? std::clamp(years / ramp, 0.0, 1.0) : 1.0);
  for (const world::AgentIndex i : recyclers)
    view[i].mandated_recovery = std::max(view[i].mandated_recovery, required);
}

}  // namespace reesim::policies
