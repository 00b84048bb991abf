#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "config/checks.h"
#include "config/field_path.h"
#include "config/includes.h"
#include "config/loader.h"
#include "config/suggest.h"
#include "config/validate.h"
#include "core/calendar.h"
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
                           " is invalid: " + field_named_by_id(probe, d.field) + ": " + d.message);
        break;
      }
    }
  }
}

// What the experiment reads from its own outputs must be among them: with outputs.metrics set, a
// check's scalar and a series check's metric belong to a kept metric (a dropped one would be read
// as missing). Unknown names are reported by the callers.
void check_kept_outputs(const Experiment& e, const Scenario& scenario, Reporter& r) {
  const auto& kept = e.outputs().metrics();
  if (kept.empty()) return;
  const auto dropped = [&kept](const std::string& metric) {
    return std::find(kept.begin(), kept.end(), metric) == kept.end();
  };
  for (int i = 0; i < e.checks_size(); ++i)
    for (const Metric& m : scenario.metrics())
      for (const Scalar& s : m.scalars())
        if (s.id() == e.checks(i).scalar() && dropped(m.id()))
          r.error(at("checks", i) + ".scalar",
                  "scalar \"" + s.id() + "\" is not recorded: outputs.metrics drops its metric \"" +
                      m.id() + "\" (add it there)");
  for (int i = 0; i < e.series_checks_size(); ++i) {
    const std::string& metric = e.series_checks(i).metric();
    const bool declared = std::any_of(scenario.metrics().begin(), scenario.metrics().end(),
                                      [&metric](const Metric& m) { return m.id() == metric; });
    if (declared && dropped(metric))
      r.error(at("series_checks", i) + ".metric",
              "metric \"" + metric + "\" is not recorded: outputs.metrics drops it (add it there)");
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
  check_kept_outputs(e, scenario, r);
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
      r.error("overrides", "the scenario with overrides is invalid: " +
                               field_named_by_id(probe, d.field) + ": " + d.message);
  }
  if (!applied) return std::nullopt;
  return probe;
}

// A number as a person would write it, e.g. "0.95" (6 significant digits).
std::string short_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

std::string list_numbers(const std::vector<double>& values) {
  std::string text;
  for (const double v : values)
    text += (text.empty() ? "" : ", ") + short_number(v);
  return text;
}

// What series checks say by themselves: dates, years, bands and the quantiles they read.
void check_series_bands(const Experiment& e, Reporter& r) {
  if (e.series_checks().empty()) return;
  if (!e.outputs().series())
    r.error("outputs.series", "must be true for series_checks (they read the series' quantiles)");
  if (e.has_sweep())
    r.error("series_checks", "apply to a plain run; a sweep does not aggregate series");
  const std::vector<double> levels = recorded_quantiles(e);
  if (!has_quantile(levels, 0.5))
    r.error("outputs.quantiles", "must include 0.5 for series_checks (they read the median), got " +
                                     list_numbers(levels));
  for (int i = 0; i < e.series_checks_size(); ++i) {
    const SeriesCheck& c = e.series_checks(i);
    const std::string here = at("series_checks", i);
    if (c.metric().empty()) r.error(here + ".metric", "must name a metric with series");
    r.date(here + ".base_from", c.base_from(), true);
    r.date(here + ".base_to", c.base_to(), true);
    const auto base_from = parse_iso_date(c.base_from());
    const auto base_to = parse_iso_date(c.base_to());
    if (base_from && base_to && *base_to < *base_from)
      r.error(here + ".base_to", "must not be before base_from (" + c.base_from() + ")");
    for (const auto& [field, year] :
         {std::pair{".from_year", c.from_year()}, std::pair{".to_year", c.to_year()}})
      if (year < 1900 || year > 2200)
        r.error(here + field, "must be a calendar year in 1900..2200, got " + std::to_string(year));
    if (c.from_year() > c.to_year())
      r.error(here + ".to_year", "must not be before from_year (" + std::to_string(c.to_year()) +
                                     " < " + std::to_string(c.from_year()) + ")");
    if (!(std::isfinite(c.min_ratio()) && c.min_ratio() >= 0))
      r.error(here + ".min_ratio",
              "must be a finite number >= 0, got " + short_number(c.min_ratio()));
    if (!(std::isfinite(c.max_ratio()) && c.max_ratio() > 0))
      r.error(here + ".max_ratio",
              "must be a finite number > 0, got " + short_number(c.max_ratio()));
    else if (c.min_ratio() > c.max_ratio())
      r.error(here + ".max_ratio", "must not be below min_ratio (" + short_number(c.max_ratio()) +
                                       " < " + short_number(c.min_ratio()) + ")");
    if (!has_quantile(levels, c.peak_quantile()))
      r.error(here + ".peak_quantile", short_number(c.peak_quantile()) +
                                           " is not one of the recorded quantiles (outputs."
                                           "quantiles): " +
                                           list_numbers(levels));
    if (!(std::isfinite(c.max_peak_ratio()) && c.max_peak_ratio() > 0))
      r.error(here + ".max_peak_ratio",
              "must be a finite number > 0, got " + short_number(c.max_peak_ratio()));
    if (c.has_base_min() && !std::isfinite(c.base_min()))
      r.error(here + ".base_min", "must be a finite number");
    if (c.has_base_max() && !std::isfinite(c.base_max()))
      r.error(here + ".base_max", "must be a finite number");
    if (c.has_base_min() && c.has_base_max() && c.base_min() > c.base_max())
      r.error(here + ".base_max", "must not be below base_min (" + short_number(c.base_max()) +
                                      " < " + short_number(c.base_min()) + ")");
  }
}

// What series checks refer to in the scenario (with the overrides applied where they could be):
// a metric that records its series, and years and a base period inside the calendar.
void check_series_references(const Experiment& e, const Scenario& scenario, Reporter& r) {
  std::vector<std::string_view> metrics;
  for (const Metric& m : scenario.metrics())
    metrics.push_back(m.id());
  const auto start = parse_iso_date(scenario.calendar().start());
  const auto end = parse_iso_date(scenario.calendar().end());
  const std::string calendar = scenario.calendar().start() + " to " + scenario.calendar().end();
  for (int i = 0; i < e.series_checks_size(); ++i) {
    const SeriesCheck& c = e.series_checks(i);
    const std::string here = at("series_checks", i);
    if (!c.metric().empty()) {
      const auto m = std::find_if(scenario.metrics().begin(), scenario.metrics().end(),
                                  [&c](const Metric& each) { return each.id() == c.metric(); });
      if (m == scenario.metrics().end())
        r.error(here + ".metric",
                "unknown metric \"" + c.metric() + "\"" + suggest(c.metric(), metrics, false));
      else if (!m->series())
        r.error(here + ".metric", "metric \"" + c.metric() +
                                      "\" records no series (set series: true on it in the "
                                      "scenario)");
    }
    if (!start || !end) continue;  // the scenario's own validation reports its calendar
    for (const auto& [field, year] :
         {std::pair{".from_year", c.from_year()}, std::pair{".to_year", c.to_year()}})
      if (year >= 1900 && year <= 2200 && (year < start->year || year > end->year))
        r.error(here + field,
                std::to_string(year) + " is outside the scenario's calendar (" + calendar + ")");
    for (const auto& [field, text] :
         {std::pair{".base_from", &c.base_from()}, std::pair{".base_to", &c.base_to()}}) {
      const auto date = parse_iso_date(*text);
      if (date && (*date < *start || *date > *end))
        r.error(here + field,
                "\"" + *text + "\" is outside the scenario's calendar (" + calendar + ")");
    }
  }
}

}  // namespace

std::vector<double> recorded_quantiles(const Experiment& experiment) {
  if (!experiment.outputs().quantiles().empty())
    return {experiment.outputs().quantiles().begin(), experiment.outputs().quantiles().end()};
  return {0.05, 0.25, 0.5, 0.75, 0.95};
}

bool has_quantile(const std::vector<double>& levels, double level) {
  return std::any_of(levels.begin(), levels.end(),
                     [level](double q) { return std::abs(q - level) <= 1e-12; });
}

std::string size_problem(const Experiment& e) {
  if (e.trials() > kMaxTrials)
    return "trials: must be at most " + std::to_string(kMaxTrials) + ", got " +
           std::to_string(e.trials());
  if (!e.has_sweep()) return {};
  const auto points = static_cast<std::int64_t>(sweep::design_points(e.sweep()));
  const std::int64_t replicates = e.sweep().replicates() > 0 ? e.sweep().replicates() : e.trials();
  if (points > 0 && replicates > 0 && replicates > kMaxSweepJobs / points)
    return std::string(e.sweep().replicates() > 0 ? "sweep.replicates" : "trials") + ": " +
           std::to_string(points) + " points x " + std::to_string(replicates) +
           " replicates is more than the " + std::to_string(kMaxSweepJobs) +
           " jobs a sweep may have";
  return {};
}

bool validate_experiment(const Experiment& e, const std::string& file, const Scenario* scenario,
                         Diagnostics& diagnostics) {
  Reporter r(file, diagnostics);
  r.fields(e);
  r.id("id", e.id());
  if (e.scenario().empty()) r.error("scenario", "must name the scenario file");
  if (e.trials() < 1) r.error("trials", "must be at least 1, got " + std::to_string(e.trials()));
  if (const std::string problem = size_problem(e); !problem.empty()) {
    const std::size_t colon = problem.find(": ");
    r.error(problem.substr(0, colon), problem.substr(colon + 2));
  }
  for (int i = 0; i < e.overrides_size(); ++i)
    if (e.overrides(i).path().empty()) r.error(at("overrides", i) + ".path", "must not be empty");
  for (int i = 0; i < e.outputs().quantiles_size(); ++i) {
    const double q = e.outputs().quantiles(i);
    if (!(q > 0 && q < 1)) r.error(at("outputs.quantiles", i), "must be in (0, 1)");
  }
  for (int i = 0; i < e.checks_size(); ++i)  // a NaN or infinite end is reported by fields()
    if (std::isfinite(e.checks(i).min()) && std::isfinite(e.checks(i).max()) &&
        e.checks(i).min() > e.checks(i).max())
      r.error(at("checks", i) + ".max", "must not be below min");
  check_series_bands(e, r);
  std::optional<Scenario> resolved;
  if (scenario) resolved = check_references(e, *scenario, r);
  if (scenario) check_series_references(e, resolved ? *resolved : *scenario, r);
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
