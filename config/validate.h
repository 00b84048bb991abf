// Semantic validation of scenarios and experiments: every problem is reported (not only the
// first) as `file: field.path: message`. Thread-safe (no shared state).
#pragma once

#include <string>
#include <vector>

#include "config/diagnostics.h"
#include "experiment.pb.h"
#include "scenario.pb.h"

namespace reesim::config {

// Most trials of a run (Experiment.trials, --trials), and most jobs (points x replicates) of a
// sweep over all its shards: bounds on what one output folder and one merge can hold
// (docs/limits.md). Whether a run fits the machine's memory is estimated before it starts
// (experiment/memory.h).
inline constexpr std::int64_t kMaxTrials = 100'000'000;
inline constexpr std::int64_t kMaxSweepJobs = 1'000'000'000;

// What makes the experiment too large: "trials: ..." or "sweep.replicates: ..." (field path,
// ": ", the sentence); empty when its trials and its sweep's points x replicates are within
// kMaxTrials and kMaxSweepJobs. A sweep whose design is malformed is left to the design's checks.
[[nodiscard]] std::string size_problem(const Experiment& experiment);

// Checks references, uniqueness, ranges and dates of a scenario. Returns true when clean.
bool validate_scenario(const Scenario& scenario, const std::string& file, Diagnostics& diagnostics);

// Checks an experiment; `scenario` is the scenario it refers to, already loaded, or nullptr when
// it could not be resolved (references into it are then not checked). Returns true when clean.
bool validate_experiment(const Experiment& experiment, const std::string& file,
                         const Scenario* scenario, Diagnostics& diagnostics);

// The quantile levels a run records for series and summaries: the experiment's
// outputs.quantiles, else 0.05, 0.25, 0.5, 0.75 and 0.95.
[[nodiscard]] std::vector<double> recorded_quantiles(const Experiment& experiment);

// Whether `level` is one of `levels` (the levels as read from text, compared to 1e-12).
[[nodiscard]] bool has_quantile(const std::vector<double>& levels, double level);

// The scenario path an experiment refers to, resolved against the experiment file's folder.
[[nodiscard]] std::string resolve_scenario_path(const Experiment& experiment,
                                                const std::string& experiment_file);

// Loads and validates each file; for an experiment also its scenario. Returns true when every
// file is clean.
bool validate_files(const std::vector<std::string>& files, Diagnostics& diagnostics);

}  // namespace reesim::config
