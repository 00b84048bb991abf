// The registered agent types (DESIGN §3) and their typed parameters. Scenarios name agent
// instances by type; `reesim validate` checks their parameters against this catalogue.
// Immutable static data; thread-safe.
#pragma once

#include <span>
#include <string_view>

#include "core/param_spec.h"

namespace reesim::agents {

// Every registered agent type, in a fixed order.
[[nodiscard]] std::span<const TypeSpec> agent_types();

// The agent type called `name`, or nullptr.
[[nodiscard]] const TypeSpec* find_agent_type(std::string_view name);

}  // namespace reesim::agents
