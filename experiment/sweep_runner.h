// The sweep runner (DESIGN §4, §7): runs a sweep plan's jobs (sweep_plan.h), or one shard's, in
// parallel under oneTBB and folds them in job order, so the trials, aggregates and digest are
// identical for any thread count, and the shards' trials, concatenated, are the whole sweep's.
// Each point's world is built when its first job runs and dropped after its last, so only the
// points of the block in flight are held. With a checkpoint folder, every finished block is
// checkpointed (checkpoints.h) and a resumed sweep runs only the jobs its checkpoints lack.
// Thread-safe to call; uses its own arena.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <ostream>

#include "experiment/output_size.h"
#include "experiment/plan.h"
#include "experiment/runner.h"
#include "experiment/shard.h"
#include "experiment/sweep_plan.h"
#include "results.pb.h"

namespace reesim::experiment {

struct SweepOptions {
  int threads = 0;  // 0: all cores
  Shard shard;      // the share of the jobs to run; 1/1 for all
  // The output folder whose `.partial/` holds checkpoints; empty: no checkpoints.
  std::filesystem::path checkpoints;
  // Continue from the checkpoints found there. Without it, a folder holding checkpoints is
  // refused (InputError: pass --resume or remove it).
  bool resume = false;
  // Called after each folded block with (jobs run so far, jobs to run): resumed jobs count in
  // neither.
  std::function<void(std::int64_t, std::int64_t)> progress;
  // Where notes about discarded checkpoints go; nowhere when null.
  std::ostream* notes = nullptr;
  // As RunOptions::stop: jobs not yet begun are not run and run_sweep throws Stopped once those
  // under way have finished; the blocks checkpointed before stay, so --resume continues.
  const std::atomic<bool>* stop = nullptr;
  // With outputs.trial_series: the most bytes the shard's trial_series.csv may take
  // (estimate_trial_series, output_size.h); a shard estimated above it is refused (InputError)
  // before any job runs.
  std::uint64_t max_output_bytes = kDefaultMaxOutputBytes;
};

struct SweepStats : RunStats {
  std::int64_t points = 0;          // of the design
  std::int64_t replicates = 0;      // per point
  JobRange jobs;                    // the shard's
  std::int64_t resumed_jobs = 0;    // jobs loaded from checkpoints rather than run
  std::int64_t resumed_blocks = 0;  // checkpoints loaded
};

// Runs the shard's jobs of `plan`'s sweep and returns its results: trials in job ((point,
// replicate)) order, each TrialResult's parameters being the point's swept values then the
// trial's sampled parameters, and its series hash; summaries and covariance over the shard's
// trials; no aggregated series; with outputs.trial_series, every trial's series in job order
// (Results.trial_series and tick_dates, also checkpointed; the line of their size goes to
// `notes` first, and a shard past max_output_bytes is refused); manifest.shard "K/N",
// manifest.trials the replicates, digest of the shard's trials (the same with or without
// per-trial series). Throws InputError for a plan without a sweep, unusable checkpoints,
// std::runtime_error when a point's scenario is refused or a checkpoint cannot be written. Does
// not remove the checkpoints: call CheckpointFolder::remove() once the outputs are written.
[[nodiscard]] Results run_sweep(const Plan& plan, const SweepOptions& options,
                                SweepStats* stats = nullptr);

// As run_sweep, over the points of `layout` instead of those of the plan's design: a design
// matrix made elsewhere (e.g. a sensitivity-analysis library), whose columns are the plan's
// Sweep.parameters in order. The plan's sweep gives the paths; its design is not built.
[[nodiscard]] Results run_sweep(const Plan& plan, const SweepLayout& layout,
                                const SweepOptions& options, SweepStats* stats = nullptr);

// The identity a sweep's checkpoints carry (SweepCheckpoint without jobs): version and git commit
// of this binary, the plan's file digests, a digest of its resolved experiment and scenario, its
// seed and `shard`.
[[nodiscard]] SweepCheckpoint checkpoint_identity(const Plan& plan, const Shard& shard);

}  // namespace reesim::experiment
