// The registered policy types (DESIGN §3) and their typed parameters. Scenarios name policy
// instances by type; `reesim validate` checks their parameters against this catalogue.
// Immutable static data; thread-safe.
#pragma once

#include <span>
#include <string_view>

#include "core/param_spec.h"

namespace reesim::policies {

// Every registered policy type, in a fixed order.
[[nodiscard]] std::span<const TypeSpec> policy_types();

// The policy type called `name`, or nullptr.
[[nodiscard]] const TypeSpec* find_policy_type(std::string_view name);

}  // namespace reesim::policies
