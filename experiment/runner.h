// The Monte Carlo runner (DESIGN §2, §4): runs a plan's trials in parallel under oneTBB and
// folds their results in trial order, so every output — per-trial rows, summaries, series
// quantiles and the digest — is identical for any thread count. Each trial's series enter the
// digest through their hash (results/digest.h), taken on the trial's worker. Memory holds the
// per-trial scalars and one block of trials' series at a time, or every trial's series when the
// experiment keeps them (outputs.trial_series). Thread-safe to call; uses its own arena.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>

#include "experiment/output_size.h"
#include "experiment/plan.h"
#include "results.pb.h"

namespace reesim::sim {
class ExternalDecisions;
}

namespace reesim::experiment {

struct RunOptions {
  int threads = 0;  // 0: all cores
  // Called after each folded block with (trials done, trials in all); may print progress.
  std::function<void(std::int64_t, std::int64_t)> progress;
  // When set, another thread may store true to stop the run: trials not yet begun are not run,
  // and run_plan throws Stopped once the trials under way have finished (a trial is not cut
  // short). Null: the run cannot be stopped.
  const std::atomic<bool>* stop = nullptr;
  // Where a warning goes before the trials start (a run whose results will hold more than half
  // of the machine's memory; the size of the per-trial series it keeps); nowhere when null.
  std::ostream* notes = nullptr;
  // When set, called on a trial's worker before the trial for the decider of the agents played
  // from outside (the gateway's clients, or a recorded game; sim/external.h), or null for none.
  std::function<std::unique_ptr<sim::ExternalDecisions>(std::uint64_t trial)> external = {};
  // With outputs.trial_series: the most bytes the per-trial series may take on disk
  // (estimate_trial_series, output_size.h); a run estimated above it is refused (InputError)
  // before its trials start, and the estimate is printed to `notes` first.
  std::uint64_t max_output_bytes = kDefaultMaxOutputBytes;
};

struct RunStats {
  double seconds = 0;
  std::int64_t decisions = 0;  // agent decisions over all trials
  int threads = 0;
};

// Runs every trial of `plan` and returns the results with the manifest filled, digest included;
// with outputs.trial_series, also every trial's series (Results.trial_series and tick_dates).
// A plan with a sweep is refused (InputError): sweeps run with run_sweep (sweep_runner.h). Throws
// Stopped when options.stop asked it to stop.
[[nodiscard]] Results run_plan(const Plan& plan, const RunOptions& options,
                               RunStats* stats = nullptr);

}  // namespace reesim::experiment
