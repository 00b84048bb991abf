// The registered agent types (DESIGN §3) and their typed parameters, as validation and the
// catalogue (`reesim describe`) read them; the components themselves are in agents/registry.h.
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
