#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "config/checks.h"
#include "config/field_path.h"
#include "config/loader.h"
#include "config/validate.h"

namespace reesim::config {
namespace {

using detail::at;
using detail::Reporter;

std::string format_double(double value) {
  std::ostringstream out;
  out.precision(17);
  out << value;
  return out.str();
}

void check_sweep(const Sweep& sweep, const Scenario* scenario, Reporter& r) {
  if (sweep.design() == DESIGN_UNSPECIFIED)
    r.error("sweep.design", "must be set (DESIGN_GRID, DESIGN_LHS, DESIGN_SOBOL, ...)");
  if (sweep.parameters().empty())
    r.error("sweep.parameters", "a sweep needs at least one parameter");
  const bool grid = sweep.design() == DESIGN_GRID;
  if (!grid && sweep.points() < 1) r.error("sweep.points", "must be at least 1");
  if (sweep.replicates() < 0) r.error("sweep.replicates", "must not be negative");
  std::set<std::string> paths;
  for (int i = 0; i < sweep.parameters_size(); ++i) {
    const SweepParameter& p = sweep.parameters(i);
    const std::string here = at("sweep.parameters", i);
    if (!paths.insert(p.path()).second) r.error(here + ".path", "is swept twice");
    if (p.values().empty()) {
      if (!(p.min() <= p.max())) r.error(here + ".max", "must not be below min");
      if (p.log_scale() && !(p.min() > 0)) r.error(here + ".min", "must be > 0 on a log scale");
      if ((grid || sweep.design() == DESIGN_MORRIS) && p.levels() < 2)
        r.error(here + ".levels", "must be at least 2 for this design");
    }
    if (!scenario) continue;
    Scenario probe = *scenario;
    const double sample = p.values().empty() ? p.min() : p.values(0);
    if (auto why = apply_override(probe, p.path(), format_double(sample)))
      r.error(here + ".path", *why);
  }
}

void check_references(const Experiment& e, const Scenario& scenario, Reporter& r) {
  std::set<std::string> metrics;
  std::set<std::string> scalars;
  for (const Metric& m : scenario.metrics()) {
    metrics.insert(m.id());
    for (const Scalar& s : m.scalars())
      scalars.insert(s.id());
  }
  for (int i = 0; i < e.outputs().metrics_size(); ++i)
    if (!metrics.count(e.outputs().metrics(i)))
      r.error(at("outputs.metrics", i), "unknown metric \"" + e.outputs().metrics(i) + "\"");
  for (int i = 0; i < e.checks_size(); ++i)
    if (!scalars.count(e.checks(i).scalar()))
      r.error(at("checks", i) + ".scalar", "unknown scalar \"" + e.checks(i).scalar() + "\"");
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
  if (e.has_sweep()) check_sweep(e.sweep(), scenario, r);
  for (int i = 0; i < e.outputs().quantiles_size(); ++i) {
    const double q = e.outputs().quantiles(i);
    if (!(q > 0 && q < 1)) r.error(at("outputs.quantiles", i), "must be in (0, 1)");
  }
  for (int i = 0; i < e.checks_size(); ++i)
    if (!(e.checks(i).min() <= e.checks(i).max()))
      r.error(at("checks", i) + ".max", "must not be below min");
  if (scenario) check_references(e, *scenario, r);
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
      validate_scenario(static_cast<const Scenario&>(*document->message), file, diagnostics);
      continue;
    }
    const auto& experiment = static_cast<const Experiment&>(*document->message);
    std::optional<Scenario> scenario;
    if (!experiment.scenario().empty()) {
      const std::string path = resolve_scenario_path(experiment, file);
      Diagnostics scenario_problems;
      scenario = load_scenario(path, scenario_problems);
      if (!scenario) {
        Reporter(file, diagnostics)
            .error("scenario",
                   "\"" + experiment.scenario() + "\" does not resolve to a valid scenario");
        diagnostics.append(scenario_problems);
      } else if (std::find(files.begin(), files.end(), path) == files.end() &&
                 !validate_scenario(*scenario, path, diagnostics)) {
        Reporter(file, diagnostics)
            .error("scenario", "\"" + experiment.scenario() + "\" has errors (listed above)");
      }
    }
    validate_experiment(experiment, file, scenario ? &*scenario : nullptr, diagnostics);
  }
  return diagnostics.size() == before;
}

}  // namespace reesim::config
