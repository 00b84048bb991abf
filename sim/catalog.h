// The registered agent and policy types as one catalogue, for resolving worlds (world/catalog.h).
// Immutable; thread-safe.
#pragma once

#include "world/catalog.h"

namespace reesim::sim {

// agents::agent_types() and policies::policy_types().
[[nodiscard]] const world::Catalog& catalog();

}  // namespace reesim::sim
