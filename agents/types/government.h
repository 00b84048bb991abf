// A nation's government (DESIGN §3): enacts its nation's policies by schedule, trigger or
// chance. It trades nothing; the policy engine reads its reaction delay for triggered policies.
#pragma once

#include <span>

#include "agents/agent.h"

namespace reesim::agents {

struct Government {
  struct Params {
    double reaction_days = 0;
  };

  [[nodiscard]] static const TypeSpec& spec();
  explicit Government(std::span<const double> values);

  Params params;
};

}  // namespace reesim::agents
