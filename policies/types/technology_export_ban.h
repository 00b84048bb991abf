// A technology export ban (DESIGN §3; cal §8): the enacting nation withholds processing know-how
// and equipment, so capacity outside it takes longer to build.
#pragma once

#include <span>

#include "policies/policy.h"

namespace reesim::policies {

struct TechnologyExportBan {
  struct Params {
    double build_time_factor = 0;
  };

  [[nodiscard]] static const TypeSpec& spec();
  TechnologyExportBan(std::span<const double> values, const world::World& world,
                      const world::PolicyInfo& info);

  // Agents of covered nations other than the enacting one build slower (the largest factor in
  // force holds).
  void shape(const Env& env, world::PolicyView& view) const;

  Params params;
};

}  // namespace reesim::policies
