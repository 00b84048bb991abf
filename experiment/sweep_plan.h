// The jobs of a sweep plan (proto/experiment.proto, message Sweep): the design's points, each run
// for R replicates. Job j is replicate j % R of point j / R (point-major), and replicate r of
// every point is trial r under the plan's seed: common random numbers across points (DESIGN §4).
// Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "config/validate.h"
#include "experiment/plan.h"
#include "scenario.pb.h"
#include "sweep/design.h"

namespace reesim::experiment {

// The most jobs (points x replicates) a sweep may have: validation's bound (config/validate.h).
inline constexpr std::int64_t kMaxSweepJobs = config::kMaxSweepJobs;

struct SweepLayout {
  sweep::SweepDesign design;    // the points, from make_design(sweep, seed)
  std::int64_t replicates = 1;  // R: sweep.replicates, or the experiment's trials when unset

  [[nodiscard]] std::int64_t points() const { return static_cast<std::int64_t>(design.size()); }
  [[nodiscard]] std::int64_t jobs() const { return points() * replicates; }
  [[nodiscard]] std::int64_t point_of(std::int64_t job) const { return job / replicates; }
  [[nodiscard]] std::int64_t replicate_of(std::int64_t job) const { return job % replicates; }
};

// The layout of `plan`'s sweep. Throws InputError (experiment/errors.h) naming the experiment
// file when the plan has no sweep, its design cannot be built or it has more than kMaxSweepJobs
// jobs.
[[nodiscard]] SweepLayout make_layout(const Plan& plan);

// The layout of a design matrix made elsewhere (e.g. by a sensitivity-analysis library): point p
// sets each of `paths` to rows[p] (one value per path, in order) and runs `replicates` replicates.
// Makes `paths` the sweep of `plan` (design unset, each parameter's `values` its column, so the
// manifest records what ran) and the plan's trials `replicates`. Throws InputError naming the path
// or the row when there are no paths or rows, a row's length differs from the paths', a value is
// not finite, replicates < 1, or a path is one `--set` would refuse (checked on the first row).
[[nodiscard]] SweepLayout matrix_layout(Plan& plan, const std::vector<std::string>& paths,
                                        std::vector<std::vector<double>> rows,
                                        std::int64_t replicates);

// The field paths of the swept parameters, in the sweep's order.
[[nodiscard]] std::vector<std::string> swept_paths(const Experiment& experiment);

// The plan's scenario with point `point`'s values applied (config::apply_number) after the
// experiment's overrides and --set. Throws std::runtime_error naming the point, the path and the
// value when a value is refused or makes the scenario invalid.
[[nodiscard]] Scenario point_scenario(const Plan& plan, const SweepLayout& layout,
                                      std::int64_t point);

}  // namespace reesim::experiment
