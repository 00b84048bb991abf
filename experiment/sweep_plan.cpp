#include "experiment/sweep_plan.h"

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
