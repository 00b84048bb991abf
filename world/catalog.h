// The registered component types a world is resolved against (DESIGN §2, "Components"). The
// registries live above the world description (agents/registry.h, policies/registry.h); the
// trial's layer hands them down (sim/catalog.h), so the world never includes what reads it.
// Immutable; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "core/param_spec.h"

namespace reesim::world {

// What other components may rely on an agent type to be (TypeSpec::traits bits).
enum AgentTrait : std::uint32_t {
  kSells = 1U << 0,            // sells what it makes: domestic measures and alliance terms reach it
  kEndUser = 1U << 1,          // uses what it buys: its demand and shortfall count for its nation
  kStockpileAgency = 1U << 2,  // stockpile policies govern it; it buys with public money
  kRecycles = 1U << 3,         // recycling mandates bind it
  kQuotes = 1U << 4,           // quotes on its venues without making the commodity
  kPrimaryProducer = 1U << 5,  // mines or separates: production quotas cap its output
};

struct Catalog {
  std::span<const TypeSpec> agent_types;
  std::span<const TypeSpec> policy_types;

  // The index of the type called `name` in agent_types / policy_types, or -1.
  [[nodiscard]] int agent_type(std::string_view name) const { return index_of(agent_types, name); }
  [[nodiscard]] int policy_type(std::string_view name) const {
    return index_of(policy_types, name);
  }

 private:
  static int index_of(std::span<const TypeSpec> types, std::string_view name) {
    for (std::size_t i = 0; i < types.size(); ++i)
      if (types[i].name == name) return static_cast<int>(i);
    return -1;
  }
};

}  // namespace reesim::world
