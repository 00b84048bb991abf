// Typed parameters (STYLE §14): a type's parameters are fields of a plain struct, each bound to
// its ParamSpec once, so that rules read `params.unit_cost` and a name is looked up only at load
// time. Immutable static data; thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <span>

#include "core/param_spec.h"

namespace reesim {

// A parameter and the field of `Params` it sets.
template <typename Params>
struct ParamBinding {
  ParamSpec spec;
  double Params::*field;
};

// The specs of `bindings`, in their order, as a constant table.
template <typename Params, std::size_t N>
constexpr std::array<ParamSpec, N> specs_of(const ParamBinding<Params> (&bindings)[N]) {
  std::array<ParamSpec, N> out{};
  for (std::size_t i = 0; i < N; ++i)
    out[i] = bindings[i].spec;
  return out;
}

// `values` (aligned with `bindings`; a missing value takes its default) as typed fields. Fields
// no binding sets keep the struct's own initialisers.
template <typename Params>
[[nodiscard]] Params bind_params(std::span<const ParamBinding<Params>> bindings,
                                 std::span<const double> values) {
  Params params{};
  for (std::size_t i = 0; i < bindings.size(); ++i)
    params.*bindings[i].field = i < values.size() ? values[i] : bindings[i].spec.default_value;
  return params;
}

}  // namespace reesim
