// What scenarios may name: the registered agent and policy types and the model parameters, each
// with its parameters. The one place config/ and the command line reach the registrations, so
// that moving them touches only catalogue.cpp. Immutable static data; thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/param_spec.h"

namespace reesim::config {

// Every registered agent type, in registration order.
[[nodiscard]] std::span<const TypeSpec> registered_agent_types();

// Every registered policy type, in registration order.
[[nodiscard]] std::span<const TypeSpec> registered_policy_types();

// The model parameters as a type named "model", so that they are checked and described as an
// agent type's parameters are.
[[nodiscard]] const TypeSpec& model_type();

// The names of `types`, or of `type`'s parameters, in order (views into static data).
[[nodiscard]] std::vector<std::string_view> type_names(std::span<const TypeSpec> types);
[[nodiscard]] std::vector<std::string_view> param_names(const TypeSpec& type);

// Where the parameter's value comes from: its `source` when given, else what its doc line cites:
// "cal §N" (every section cited: "cal §6, §8"), "prior" when the doc calls it one, else "-".
[[nodiscard]] std::string param_source(const ParamSpec& param);

}  // namespace reesim::config
