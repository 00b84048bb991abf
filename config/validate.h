// Semantic validation of scenarios and experiments: every problem is reported (not only the
// first) as `file: field.path: message`. Thread-safe (no shared state).
#pragma once

#include <string>
#include <vector>

#include "config/diagnostics.h"
#include "experiment.pb.h"
#include "scenario.pb.h"

namespace reesim::config {

// Checks references, uniqueness, ranges and dates of a scenario. Returns true when clean.
bool validate_scenario(const Scenario& scenario, const std::string& file, Diagnostics& diagnostics);

// Checks an experiment; `scenario` is the scenario it refers to, already loaded, or nullptr when
// it could not be resolved (references into it are then not checked). Returns true when clean.
bool validate_experiment(const Experiment& experiment, const std::string& file,
                         const Scenario* scenario, Diagnostics& diagnostics);

// The scenario path an experiment refers to, resolved against the experiment file's folder.
[[nodiscard]] std::string resolve_scenario_path(const Experiment& experiment,
                                                const std::string& experiment_file);

// Loads and validates each file; for an experiment also its scenario. Returns true when every
// file is clean.
bool validate_files(const std::vector<std::string>& files, Diagnostics& diagnostics);

}  // namespace reesim::config
