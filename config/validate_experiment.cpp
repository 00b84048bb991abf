#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <set>

#include "config/checks.h"
#include "config/field_path.h"
#include "config/includes.h"
#include "config/loader.h"
#include "config/suggest.h"
#include "config/validate.h"
#include "sweep/design.h"

namespace reesim::config {
namespace {

using detail::at;
using detail::Reporter;

std::string format_number(double value) {
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

// The values a sweep parameter's path is probed with: its explicit values, else min and max.
std::vector<std::pair<std::string, double>> probe_values(const SweepParameter& p,
                                                         const std::string& here) {
  std::vector<std::pair<std::string, double>> probes;
  if (!p.values().empty()) {
    for (int j = 0; j < p.values_size(); ++j)
      probes.emplace_back(at(here + ".values", j), p.values(j));
  } else {
    probes.emplace_back(here + ".min", p.min());
    if (p.max() != p.min()) probes.emplace_back(here + ".max", p.max());
  }
  return probes;
}

// The design's own checks (sweep/design.h), then each path: it must name a numeric field of the
// scenario, and the scenario (with the experiment's overrides) must stay valid at the ends of the
// parameter's range. `scenario` is null when it could not be loaded or the overrides failed.
void check_sweep(const Sweep& sweep, const Scenario* scenario, Reporter& r) {
  const std::vector<std::string> design = sweep::design_problems(sweep);
  for (const std::string& problem : design) {
    const std::size_t colon = problem.find(": ");
    if (colon == std::string::npos)
      r.error("sweep", problem);
    else
      r.error("sweep." + problem.substr(0, colon), problem.substr(colon + 2));
  }
  Diagnostics base;
  // The range is probed only when the design is sound (a reversed range is reported once).
  const bool probe_range = design.empty() && scenario && validate_scenario(*scenario, "", base);
  std::set<std::string> paths;
  for (int i = 0; i < sweep.parameters_size(); ++i) {
    const SweepParameter& p = sweep.parameters(i);
    const std::string here = at("sweep.parameters", i);
    if (p.path().empty()) {
      r.error(here + ".path", "must name a scenario field");
      continue;
    }
    if (!paths.insert(p.path()).second) r.error(here + ".path", "is swept twice");
    if (!scenario) continue;
    for (const auto& [field, value] : probe_values(p, here)) {
      if (!std::isfinite(value)) break;  // reported by design_problems
      Scenario probe = *scenario;
      if (auto why = apply_number(probe, p.path(), value)) {
        r.error(here + ".path", *why);
        break;
      }
      Diagnostics problems;
      if (probe_range && !validate_scenario(probe, "", problems)) {
        const Diagnostic& d = problems.items().front();
        r.error(field, "the scenario with " + p.path() + " = " + format_number(value) +
                           " is invalid: " + d.field + ": " + d.message);
        break;
      }
    }
  }
}

// Checks what the experiment refers to in `scenario`; returns the scenario with the overrides
// applied, or nullopt when an override was refused.
std::optional<Scenario> check_references(const Experiment& e, const Scenario& scenario,
                                         Reporter& r) {
  std::vector<std::string_view> metrics;  // views into `scenario`, in its order
  std::vector<std::string_view> scalars;
  for (const Metric& m : scenario.metrics()) {
    metrics.push_back(m.id());
    for (const Scalar& s : m.scalars())
      scalars.push_back(s.id());
  }
  const auto require = [&r](const std::vector<std::string_view>& ids, const std::string& field,
                            const char* kind, const std::string& id) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end())
      r.error(field, std::string("unknown ") + kind + " \"" + id + "\"" + suggest(id, ids, false));
  };
  for (int i = 0; i < e.outputs().metrics_size(); ++i)
    require(metrics, at("outputs.metrics", i), "metric", e.outputs().metrics(i));
  for (int i = 0; i < e.checks_size(); ++i)
    require(scalars, at("checks", i) + ".scalar", "scalar", e.checks(i).scalar());
  Scenario probe = scenario;
  bool applied = true;
  for (int i = 0; i < e.overrides_size(); ++i) {
    if (auto why = apply_override(probe, e.overrides(i).path(), e.overrides(i).value())) {
      r.error(at("overrides", i), *why);
      applied = false;
    }
  }
  // Overrides may set values the scenario's own checks refuse (a parameter out of range).
  Diagnostics before;
  Diagnostics after;
  if (applied && e.overrides_size() > 0 && validate_scenario(scenario, "", before) &&
      !validate_scenario(probe, "", after)) {
    for (const Diagnostic& d : after.items())
      r.error("overrides", "the scenario with overrides is invalid: " + d.field + ": " + d.message);
  }
  if (!applied) return std::nullopt;
  return probe;
}

}  // namespace

bool validate_experiment(const Experiment& e, const std::string& file, const Scenario* scenario,
                         Diagnostics& diagnostics) {
  Reporter r(file, diagnostics);
  if (e.id().empty()) r.error("id", "must not be empty");
  if (e.scenario().empty()) r.error("scenario", "must name the scenario file");
  if (e.trials() < 1) r.error("trials", "must be at least 1, got " + std::to_string(e.trials()));
  for (int i = 0; i < e.overrides_size(); ++i)
    if (e.overrides(i).path().empty()) r.error(at("overrides", i) + ".path", "must not be empty");
  for (int i = 0; i < e.outputs().quantiles_size(); ++i) {
    const double q = e.outputs().quantiles(i);
    if (!(q > 0 && q < 1)) r.error(at("outputs.quantiles", i), "must be in (0, 1)");
  }
  for (int i = 0; i < e.checks_size(); ++i)
    if (!(e.checks(i).min() <= e.checks(i).max()))
      r.error(at("checks", i) + ".max", "must not be below min");
  std::optional<Scenario> resolved;
  if (scenario) resolved = check_references(e, *scenario, r);
  if (e.has_sweep() && e.outputs().trial_series())
    r.error("outputs.trial_series",
            "a sweep does not keep per-trial series (the digest covers "
            "them through each trial's series hash)");
  if (e.has_sweep()) check_sweep(e.sweep(), resolved ? &*resolved : nullptr, r);
  return r.errors() == 0;
}

std::string resolve_scenario_path(const Experiment& experiment,
                                  const std::string& experiment_file) {
  const std::filesystem::path folder = std::filesystem::path(experiment_file).parent_path();
  return (folder / experiment.scenario()).lexically_normal().string();
}

bool validate_files(const std::vector<std::string>& files, Diagnostics& diagnostics) {
  const std::size_t before = diagnostics.size();
  for (const std::string& file : files) {
    auto document = load_document(file, diagnostics);
    if (!document) continue;
    if (document->kind == DocumentKind::kScenario) {
      if (const auto resolved = resolve_scenario(std::move(*document), diagnostics))
        validate_resolved(resolved->scenario, resolved->origins, "", diagnostics);
      continue;
    }
    const auto& experiment = static_cast<const Experiment&>(*document->message);
    std::optional<ResolvedScenario> scenario;
    if (!experiment.scenario().empty()) {
      const std::string path = resolve_scenario_path(experiment, file);
      Diagnostics scenario_problems;
      scenario = resolve_scenario(path, scenario_problems);
      if (!scenario) {
        Reporter(file, diagnostics)
            .error("scenario",
                   "\"" + experiment.scenario() + "\" does not resolve to a valid scenario");
        diagnostics.append(scenario_problems);
      } else if (std::find(files.begin(), files.end(), path) == files.end() &&
                 !validate_resolved(scenario->scenario, scenario->origins, "", diagnostics)) {
        Reporter(file, diagnostics)
            .error("scenario", "\"" + experiment.scenario() + "\" has errors (listed above)");
      }
    }
    validate_experiment(experiment, file, scenario ? &scenario->scenario : nullptr, diagnostics);
  }
  return diagnostics.size() == before;
}

}  // namespace reesim::config
