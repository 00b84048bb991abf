// Calibration checks (Experiment.checks, experiment.proto): a scalar's median or mean across
// trials against its target band, read from a run's summary (Results.summary). `reesim check`
// prints them; `reesim report` shows them. Plain functions; thread-safe.
#pragma once

#include <limits>
#include <string>

#include "experiment.pb.h"
#include "results.pb.h"

namespace reesim::experiment {

// What one check found.
struct CheckOutcome {
  // The scalar's median (or mean) across trials, in its unit; NaN when the results do not hold
  // the scalar or it has no finite value.
  double measured = std::numeric_limits<double>::quiet_NaN();
  // Measured is finite and inside [check.min, check.max].
  bool pass = false;
};

// Evaluates `check` on `results`' summary: the ScalarSummary named check.scalar, its p50
// (STATISTIC_MEDIAN or unset) or mean (STATISTIC_MEAN), against the band.
[[nodiscard]] CheckOutcome evaluate_check(const Check& check, const Results& results);

// "mean" for STATISTIC_MEAN, else "median".
[[nodiscard]] std::string statistic_name(const Check& check);

}  // namespace reesim::experiment
