// A run plan: an experiment and its scenario, loaded, validated and with overrides applied
// (STYLE §6: a run is data — seed, trials, overrides and outputs travel together).
// Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/diagnostics.h"
#include "experiment.pb.h"
#include "results.pb.h"
#include "scenario.pb.h"

namespace reesim::experiment {

struct Plan {
  std::string experiment_path;    // the experiment file
  std::string scenario_path;      // its scenario file
  std::string experiment_sha256;  // of the files as read
  std::string scenario_sha256;    // of the scenario file alone, not of the files it includes
  Experiment experiment;          // with command-line settings applied
  // Merged from the scenario file, its includes and --add-policy files, with the experiment's
  // overrides and --set applied: what the trials simulate.
  Scenario scenario;
  // The files besides the scenario file that `scenario` was merged from, each with its SHA-256
  // (RunManifest.included_files): its includes, then the --add-policy files.
  std::vector<IncludedFile> included_files;
};

// Command-line settings that change an experiment.
struct PlanOptions {
  std::optional<std::int64_t> trials;
  std::optional<std::uint64_t> seed;
  std::vector<std::string> settings;  // "field.path=value", applied to the scenario after overrides
  bool trial_series = false;          // keep every trial's series (sets outputs.trial_series)
  // Policy files (config::load_policy_file) added to the scenario, in order, before the
  // experiment's overrides and `settings`: a policy whose id the scenario has replaces it. The
  // experiment file itself is validated against the scenario without them, so only `settings`
  // may refer to a policy they add.
  std::vector<std::string> policy_files = {};
  // A sweep's replicates per point (sets sweep.replicates; ignored without a sweep).
  std::optional<std::int64_t> replicates = std::nullopt;
};

// The quantile levels of series and summaries: the experiment's outputs.quantiles, else 0.05,
// 0.25, 0.5, 0.75 and 0.95.
[[nodiscard]] std::vector<double> quantile_levels(const Experiment& experiment);

// The experiment file a PATH names: PATH itself, or PATH/experiment.textproto for a folder.
[[nodiscard]] std::string experiment_file(const std::string& path);

// Loads, validates and resolves PATH (its scenario's includes merged, config/includes.h);
// nullopt with diagnostics (file and place) otherwise.
[[nodiscard]] std::optional<Plan> load_plan(const std::string& path, const PlanOptions& options,
                                            config::Diagnostics& diagnostics);

}  // namespace reesim::experiment
