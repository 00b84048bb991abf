#include "experiment/plan.h"

#include <filesystem>

#include "config/field_path.h"
#include "config/includes.h"
#include "config/input_file.h"
#include "config/loader.h"
#include "config/validate.h"
#include "results/sha256.h"

namespace reesim::experiment {

namespace {

namespace fs = std::filesystem;

// `path` relative to `folder` (both relative to the working folder, or absolute).
std::string relative_to(const std::string& path, const fs::path& folder) {
  const auto normal = [](const fs::path& p) {
    std::error_code error;
    fs::path full = fs::absolute(p.empty() ? fs::path(".") : p, error).lexically_normal();
    return full.has_filename() ? full : full.parent_path();
  };
  const fs::path relative = normal(path).lexically_relative(normal(folder));
  return relative.empty() ? path : relative.generic_string();
}

}  // namespace

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
  auto scenario = config::resolve_scenario(plan.scenario_path, diagnostics);
  if (!scenario) return std::nullopt;
  for (const std::string& file : options.policy_files) {
    if (const auto policies = config::load_policy_file(file, diagnostics))
      config::add_policies(*scenario, *policies);
  }
  if (diagnostics.size() != before) return std::nullopt;
  if (!options.policy_files.empty() &&
      !config::validate_resolved(scenario->scenario, scenario->origins, "", diagnostics))
    return std::nullopt;
  plan.scenario_sha256 = results::sha256_hex(scenario->bytes);
  const fs::path folder = fs::path(plan.scenario_path).parent_path();
  for (const config::SourceFile& file : scenario->included) {
    IncludedFile& entry = plan.included_files.emplace_back();
    const bool added = file.included_by == "--add-policy";
    entry.set_path(added ? file.path : relative_to(file.path, folder));
    entry.set_sha256(results::sha256_hex(file.bytes));
    entry.set_included_by(added ? file.included_by : relative_to(file.included_by, folder));
  }
  plan.scenario = std::move(scenario->scenario);

  for (const Override& o : plan.experiment.overrides())
    (void)config::apply_override(plan.scenario, o.path(), o.value());  // checked by validation
  for (const std::string& setting : options.settings) {
    if (const auto bad = config::invalid_utf8_at(setting)) {
      diagnostics.at_file(
          "--set", "the setting is not valid UTF-8 (byte at offset " + std::to_string(*bad) + ")");
      continue;
    }
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
  if (options.replicates && plan.experiment.has_sweep())
    plan.experiment.mutable_sweep()->set_replicates(*options.replicates);
  if (options.trial_series) plan.experiment.mutable_outputs()->set_trial_series(true);
  if (plan.experiment.trials() < 1)
    diagnostics.at_field("--trials", "trials", "must be at least 1");
  if (const std::string problem = config::size_problem(plan.experiment); !problem.empty()) {
    const std::size_t colon = problem.find(": ");
    diagnostics.at_field(plan.experiment_path + " (with the command line's settings)",
                         problem.substr(0, colon), problem.substr(colon + 2));
  }
  config::validate_resolved(plan.scenario, scenario->origins, " (with overrides)", diagnostics);
  if (diagnostics.size() != before) return std::nullopt;
  return plan;
}

}  // namespace reesim::experiment
