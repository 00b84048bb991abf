#include "experiment/sweep_plan.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "config/field_path.h"
#include "config/validate.h"
#include "experiment/errors.h"

namespace reesim::experiment {
namespace {

std::string number_text(double value) {
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

}  // namespace

SweepLayout make_layout(const Plan& plan) {
  const Experiment& e = plan.experiment;
  if (!e.has_sweep())
    throw InputError(plan.experiment_path +
                     ": sweep: the experiment declares no sweep; run it with 'reesim run'");
  if (const auto problems = sweep::design_problems(e.sweep()); !problems.empty())
    throw InputError(plan.experiment_path + ": sweep." + problems.front());
  SweepLayout layout;
  layout.replicates = e.sweep().replicates() > 0 ? e.sweep().replicates() : e.trials();
  if (layout.replicates < 1)
    throw InputError(plan.experiment_path + ": sweep.replicates: must be at least 1");
  layout.design = sweep::make_design(e.sweep(), e.seed());
  if (layout.points() > kMaxSweepJobs / layout.replicates)
    throw InputError(plan.experiment_path + ": sweep: " + std::to_string(layout.points()) +
                     " points x " + std::to_string(layout.replicates) +
                     " replicates is more than the " + std::to_string(kMaxSweepJobs) +
                     " jobs a sweep may have");
  return layout;
}

SweepLayout matrix_layout(Plan& plan, const std::vector<std::string>& paths,
                          std::vector<std::vector<double>> rows, std::int64_t replicates) {
  const std::string where = plan.experiment_path + ": design matrix: ";
  if (paths.empty()) throw InputError(where + "names no parameter");
  if (rows.empty()) throw InputError(where + "has no point");
  if (replicates < 1) throw InputError(where + "replicates must be at least 1");
  if (rows.size() > static_cast<std::size_t>(kMaxSweepJobs / replicates))
    throw InputError(where + std::to_string(rows.size()) + " points x " +
                     std::to_string(replicates) + " replicates is more than the " +
                     std::to_string(kMaxSweepJobs) + " jobs a sweep may have");
  for (std::size_t p = 0; p < rows.size(); ++p) {
    if (rows[p].size() != paths.size())
      throw InputError(where + "point " + std::to_string(p) + " has " +
                       std::to_string(rows[p].size()) + " values for " +
                       std::to_string(paths.size()) + " parameters");
    for (std::size_t i = 0; i < paths.size(); ++i)
      if (!std::isfinite(rows[p][i]))
        throw InputError(where + "point " + std::to_string(p) + ": " + paths[i] + " = " +
                         number_text(rows[p][i]) + ": not a finite number");
  }
  Scenario probe = plan.scenario;
  for (std::size_t i = 0; i < paths.size(); ++i)
    if (auto why = config::apply_number(probe, paths[i], rows.front()[i]))
      throw InputError(where + paths[i] + ": " + *why);

  Sweep& sweep = *plan.experiment.mutable_sweep();
  sweep.Clear();
  for (std::size_t i = 0; i < paths.size(); ++i) {
    SweepParameter& parameter = *sweep.add_parameters();
    parameter.set_path(paths[i]);
    for (const std::vector<double>& row : rows)
      parameter.add_values(row[i]);
  }
  sweep.set_points(static_cast<std::int64_t>(rows.size()));
  sweep.set_replicates(replicates);
  plan.experiment.set_trials(replicates);

  SweepLayout layout;
  layout.replicates = replicates;
  layout.design.dimensions = paths.size();
  layout.design.base = rows.size();
  layout.design.unit.assign(rows.size(), std::vector<double>(paths.size(), 0.0));
  layout.design.values = std::move(rows);
  return layout;
}

std::vector<std::string> swept_paths(const Experiment& experiment) {
  std::vector<std::string> paths;
  for (const SweepParameter& p : experiment.sweep().parameters())
    paths.push_back(p.path());
  return paths;
}

Scenario point_scenario(const Plan& plan, const SweepLayout& layout, std::int64_t point) {
  Scenario scenario = plan.scenario;
  const auto& values = layout.design.values.at(static_cast<std::size_t>(point));
  const std::string where = "sweep point " + std::to_string(point) + ": ";
  for (int i = 0; i < plan.experiment.sweep().parameters_size(); ++i) {
    const std::string& path = plan.experiment.sweep().parameters(i).path();
    const double value = values[static_cast<std::size_t>(i)];
    if (auto why = config::apply_number(scenario, path, value))
      throw std::runtime_error(where + path + " = " + number_text(value) + ": " + *why);
  }
  config::Diagnostics problems;
  if (!config::validate_scenario(scenario, plan.scenario_path, problems)) {
    std::string setting;
    for (int i = 0; i < plan.experiment.sweep().parameters_size(); ++i) {
      setting += i == 0 ? "" : ", ";
      setting += plan.experiment.sweep().parameters(i).path();
      setting += " = ";
      setting += number_text(values[static_cast<std::size_t>(i)]);
    }
    const config::Diagnostic& first = problems.items().front();
    throw std::runtime_error(where + "the scenario with " + setting +
                             " is invalid: " + first.field + ": " + first.message);
  }
  return scenario;
}

}  // namespace reesim::experiment
