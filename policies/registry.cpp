#include "policies/registry.h"

#include <array>
#include <utility>

namespace reesim::policies {
namespace {

constexpr std::size_t kTypeCount = std::variant_size_v<PolicyKind>;

template <std::size_t... I>
std::array<TypeSpec, kTypeCount> type_specs(std::index_sequence<I...>) {
  return {std::variant_alternative_t<I, PolicyKind>::spec()...};
}

using Factory = PolicyKind (*)(std::span<const double>, const world::World&,
                               const world::PolicyInfo&);
template <std::size_t... I>
constexpr std::array<Factory, kTypeCount> factories(std::index_sequence<I...>) {
  return {
      [](std::span<const double> values, const world::World& world, const world::PolicyInfo& info) {
        return PolicyKind(std::in_place_index<I>, values, world, info);
      }...};
}
constexpr auto kFactories = factories(std::make_index_sequence<kTypeCount>{});

}  // namespace

std::span<const TypeSpec> policy_types() {
  static const std::array<TypeSpec, kTypeCount> kTypes =
      type_specs(std::make_index_sequence<kTypeCount>{});
  return kTypes;
}

const TypeSpec* find_policy_type(std::string_view name) {
  return find_type(policy_types(), name);
}

PolicyKind make_policy(const world::World& world, const world::PolicyInfo& info,
                       std::span<const double> values) {
  return kFactories[static_cast<std::size_t>(info.type_index)](values, world, info);
}

}  // namespace reesim::policies
