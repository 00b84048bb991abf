#include "policies/types/technology_export_ban.h"

#include <algorithm>

#include "core/param_binding.h"

namespace reesim::policies {
namespace {

constexpr ParamBinding<TechnologyExportBan::Params> kParams[] = {
    {{"build_time_factor", "ratio",
      "multiplier on capacity build times outside the enacting nation (cal §8 lead times)", 1.5,
      1.0, 10.0},
     &TechnologyExportBan::Params::build_time_factor},
};
constexpr auto kSpecs = specs_of(kParams);
static_assert(std::size(kParams) * sizeof(double) == sizeof(TechnologyExportBan::Params));

}  // namespace

const TypeSpec& TechnologyExportBan::spec() {
  static const TypeSpec kSpec{"technology_export_ban",
                              "slows capacity building outside the enacting nation", kSpecs};
  return kSpec;
}

TechnologyExportBan::TechnologyExportBan(std::span<const double> values, const world::World&,
                                         const world::PolicyInfo&)
    : params(bind_params<Params>(kParams, values)) {}

void TechnologyExportBan::shape(const Env& env, world::PolicyView& view) const {
  for (const world::AgentIndex i : view.indices()) {
    const world::NationIndex nation = env.world.agents()[i].nation;
    if (nation != env.info.enacted_by && env.info.covers_destination(nation))
      view[i].build_time_factor = std::max(view[i].build_time_factor, params.build_time_factor);
  }
}

}  // namespace reesim::policies
