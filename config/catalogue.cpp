#include "config/catalogue.h"

#include "agents/catalog.h"
#include "core/model_params.h"
#include "policies/catalog.h"

namespace reesim::config {

std::span<const TypeSpec> registered_agent_types() {
  return agents::agent_types();
}

std::span<const TypeSpec> registered_policy_types() {
  return policies::policy_types();
}

const TypeSpec& model_type() {
  static const TypeSpec model{
      "model", "behavioural constants of the agents' rules and the policy engine", model_params()};
  return model;
}

std::vector<std::string_view> type_names(std::span<const TypeSpec> types) {
  std::vector<std::string_view> names;
  for (const TypeSpec& type : types)
    names.push_back(type.name);
  return names;
}

std::vector<std::string_view> param_names(const TypeSpec& type) {
  std::vector<std::string_view> names;
  for (const ParamSpec& param : type.params)
    names.push_back(param.name);
  return names;
}

}  // namespace reesim::config
