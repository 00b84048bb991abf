#include "experiment/plan.h"

#include <filesystem>

#include "config/field_path.h"
#include "config/input_file.h"
#include "config/loader.h"
#include "config/validate.h"
#include "results/sha256.h"

namespace reesim::experiment {

std::vector<double> quantile_levels(const Experiment& experiment) {
  return config::recorded_quantiles(experiment);
}

std::string experiment_file(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    return (std::filesystem::path(path) / "experiment.textproto").string();
  return path;
}

std::optional<Plan> load_plan(const std::string& path, const PlanOptions& options,
                              config::Diagnostics& diagnostics) {
  Plan plan;
  plan.experiment_path = experiment_file(path);
  const std::size_t before = diagnostics.size();
  if (!config::validate_files({plan.experiment_path}, diagnostics)) return std::nullopt;
  auto document = config::load_document(plan.experiment_path, diagnostics);
  if (!document || document->kind != config::DocumentKind::kExperiment) {
    if (diagnostics.size() == before)
      diagnostics.at_file(plan.experiment_path,
                          "is a scenario; run takes an experiment file or a run folder");
    return std::nullopt;
  }
  plan.experiment = static_cast<const Experiment&>(*document->message);
  plan.experiment_sha256 = results::sha256_hex(document->bytes);
  plan.scenario_path = config::resolve_scenario_path(plan.experiment, plan.experiment_path);
  auto scenario_bytes = config::read_input_file(plan.scenario_path, diagnostics);
  auto scenario = config::load_scenario(plan.scenario_path, diagnostics);
  if (!scenario || !scenario_bytes) return std::nullopt;
  plan.scenario_sha256 = results::sha256_hex(*scenario_bytes);
  plan.scenario = std::move(*scenario);

  for (const Override& o : plan.experiment.overrides())
    (void)config::apply_override(plan.scenario, o.path(), o.value());  // checked by validation
  for (const std::string& setting : options.settings) {
    const auto assignment = config::split_assignment(setting);
    if (!assignment) {
      diagnostics.at_file("--set " + setting, "expected field.path=value");
      continue;
    }
    if (auto why = config::apply_override(plan.scenario, assignment->first, assignment->second))
      diagnostics.at_field("--set", assignment->first, *why);
    else
      *plan.experiment.add_overrides() = [&] {
        Override o;
        o.set_path(assignment->first);
        o.set_value(assignment->second);
        return o;
      }();
  }
  if (options.trials) plan.experiment.set_trials(*options.trials);
  if (options.seed) plan.experiment.set_seed(*options.seed);
  if (options.trial_series) plan.experiment.mutable_outputs()->set_trial_series(true);
  if (plan.experiment.trials() < 1)
    diagnostics.at_field("--trials", "trials", "must be at least 1");
  config::validate_scenario(plan.scenario, plan.scenario_path + " (with overrides)", diagnostics);
  if (diagnostics.size() != before) return std::nullopt;
  return plan;
}

}  // namespace reesim::experiment
