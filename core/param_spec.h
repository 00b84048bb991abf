// Self-describing parameters (STYLE §5): every agent and policy parameter has a name, a unit, a
// doc line, a default and a valid range, so that an experiment can set it by path and a bad value
// is refused with its name. Plain data; thread-safe.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string_view>

namespace reesim {

inline constexpr double kUnbounded = std::numeric_limits<double>::infinity();

struct ParamSpec {
  std::string_view name;  // as written in scenario files, snake_case
  std::string_view unit;  // e.g. "USD/kg", "fraction", "days", "t/yr"
  std::string_view doc;   // one line: meaning and, where it comes from data, the source
  double default_value;   // used when a scenario does not set the parameter
  double min;             // inclusive lower bound
  double max;             // inclusive upper bound (kUnbounded for none)
  // Where the value comes from: a row of docs/calibration.md ("cal §8"), a paper, or "prior"
  // (a judgement to be given a distribution). Empty: the doc line names it.
  std::string_view source = {};
};

// A registered agent or policy type and its parameters.
struct TypeSpec {
  std::string_view name;
  std::string_view doc;
  std::span<const ParamSpec> params;
  std::uint32_t traits = 0;  // what other components may rely on (world::AgentTrait bits)

  // The parameter called `param`, or nullptr.
  [[nodiscard]] const ParamSpec* find(std::string_view param) const {
    for (const ParamSpec& spec : params)
      if (spec.name == param) return &spec;
    return nullptr;
  }
};

// The type called `name` in `types`, or nullptr.
[[nodiscard]] inline const TypeSpec* find_type(std::span<const TypeSpec> types,
                                               std::string_view name) {
  for (const TypeSpec& type : types)
    if (type.name == name) return &type;
  return nullptr;
}

}  // namespace reesim
