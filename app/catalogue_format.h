// What `reesim describe` prints: the catalogue of what a scenario can say, as plain values, and
// its text, JSON and Markdown forms. Plain values and pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

namespace reesim::app {

// One parameter of an agent type, a policy type or the model.
struct ParamEntry {
  std::string name;
  std::string unit;
  double default_value = 0;
  double min = 0;
  double max = 0;      // +infinity when unbounded
  std::string source;  // "cal §N", "prior", a paper, or "-"
  std::string doc;
};

// A registered agent or policy type, or the model ("model").
struct TypeEntry {
  std::string name;
  std::string doc;
  std::vector<ParamEntry> params;
};

// A value of an enum a scenario names (MetricKind, ScalarKind).
struct KindEntry {
  std::string name;
  std::string doc;  // empty when undocumented
};

// A setting of a policy type that a scenario's `levers` section may let an external government
// move (reesim serve, docs/gateway.md): one of the type's parameters, or its on/off switch.
struct LeverEntry {
  std::string policy_type;
  std::string param;  // empty: the on/off switch
  std::string unit;   // the parameter's; "on/off" for the switch
  double min = 0;     // a lever's bounds [min, max] lie within these; the switch: 0 and 1
  double max = 0;     // +infinity when unbounded
  std::string doc;
};

struct Catalogue {
  std::vector<TypeEntry> agent_types;
  std::vector<TypeEntry> policy_types;
  std::vector<ParamEntry> model_params;
  std::string model_doc;
  std::vector<KindEntry> metric_kinds;
  std::vector<KindEntry> scalar_kinds;
  std::vector<LeverEntry> levers;
  std::string levers_doc;
};

// The sections and their names, wrapped, with how to see one entry.
[[nodiscard]] std::string format_index(const Catalogue& catalogue);

// Every entry of `catalogue` in full: a type's doc and its parameter table (name, unit, default,
// range, source, doc), the model parameters' table, the kinds with their docs, the levers' table
// (policy type, parameter, unit, bounds, doc).
[[nodiscard]] std::string format_text(const Catalogue& catalogue);

// The catalogue as one JSON object (format documented in `reesim describe --help`):
//   {"agent_types": [{"name", "doc", "params": [{"name", "unit", "default", "min", "max",
//    "source", "doc"}]}], "policy_types": [...], "model_params": [{"name", ...}],
//    "metric_kinds": [{"name", "doc"}], "scalar_kinds": [...],
//    "levers": [{"policy_type", "param", "unit", "min", "max", "doc"}]}
// Numbers are JSON numbers, an infinite bound the string "inf" (or "-inf").
[[nodiscard]] std::string format_json(const Catalogue& catalogue);

// The catalogue as a Markdown document with one table per type (docs/catalogue.md).
[[nodiscard]] std::string format_markdown(const Catalogue& catalogue);

// The shortest text that reads back as `value`; "inf" and "-inf" for infinities.
[[nodiscard]] std::string number_text(double value);

}  // namespace reesim::app
