#include "experiment/sweep_runner.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "core/version.h"
#include "experiment/checkpoints.h"
#include "experiment/errors.h"
#include "experiment/manifest.h"
#include "experiment/memory.h"
#include "experiment/output_selection.h"
#include "experiment/sweep_plan.h"
#include "experiment/trial_pool.h"
#include "results/aggregates.h"
#include "results/digest.h"
#include "results/series_table.h"
#include "results/sha256.h"
#include "results/units.h"
#include "results/writers.h"
#include "sim/catalog.h"
#include "sim/trial.h"
#include "sweep/design.h"

namespace reesim::experiment {
namespace {

using WorldPtr = std::unique_ptr<const world::World>;

std::vector<std::string> sampled_names(const world::World& world) {
  std::vector<std::string> names;
  for (const world::SampledParameter& p : world.sampled_parameters())
    names.push_back(p.name);
  return names;
}

// The world's tick dates, ISO 8601.
std::vector<std::string> iso_dates(const world::World& world) {
  std::vector<std::string> dates;
  for (const Date& d : world.tick_dates())
    dates.push_back(d.iso());
  return dates;
}

// Runs the jobs of one shard, block by block, and keeps their rows in job order.
class SweepJobs {
 public:
  SweepJobs(const Plan& plan, const SweepLayout& layout, const JobRange& range, TrialPool& pool)
      : plan_(plan),
        layout_(layout),
        range_(range),
        pool_(pool),
        rows_(static_cast<std::size_t>(range.size())),
        done_(static_cast<std::size_t>(range.size()), false),
        cursor_(range.first),
        keep_series_(plan.experiment.outputs().trial_series()) {
    // The names come from the shard's first point (point 0 for an empty shard); every other
    // point's world must agree with them.
    const std::int64_t first_point = range.empty() ? 0 : layout.point_of(range.first);
    WorldPtr world = build(first_point);
    sampled_ = sampled_names(*world);
    selection_.emplace(*world, plan.experiment.outputs());
    scalars_ = selection_->scalar_names();
    series_ = selection_->series_names();
    dates_ = iso_dates(*world);
    if (keep_series_) series_rows_.resize(rows_.size());
    worlds_.emplace(first_point, std::move(world));
  }

  [[nodiscard]] const std::vector<std::string>& sampled() const { return sampled_; }
  [[nodiscard]] const std::vector<std::string>& scalars() const { return scalars_; }
  // The series each trial records, "metric" or "metric|key", and their tick dates (ISO 8601).
  [[nodiscard]] const std::vector<std::string>& series() const { return series_; }
  [[nodiscard]] const std::vector<std::string>& dates() const { return dates_; }
  [[nodiscard]] std::int64_t done() const { return done_count_; }
  [[nodiscard]] std::int64_t decisions() const { return decisions_; }

  // Takes the trials of a checkpoint (already checked to lie in the range, in job order), and
  // with per-trial series kept, their series. Throws std::runtime_error for a checkpoint that
  // holds another number of series than its jobs record.
  void take(SweepCheckpoint& block) {
    const auto per_job = static_cast<std::int64_t>(series_.size());
    if (keep_series_ &&
        block.trial_series_size() != (block.last_job() - block.first_job()) * per_job)
      throw std::runtime_error("checkpoint of jobs [" + std::to_string(block.first_job()) + ", " +
                               std::to_string(block.last_job()) + ") holds " +
                               std::to_string(block.trial_series_size()) + " series, not " +
                               std::to_string(per_job) + " per job");
    for (std::int64_t job = block.first_job(); job < block.last_job(); ++job) {
      const auto i = static_cast<std::size_t>(job - range_.first);
      const auto k = static_cast<int>(job - block.first_job());
      rows_[i] = std::move(*block.mutable_trials(k));
      if (keep_series_)
        for (std::int64_t s = 0; s < per_job; ++s)
          series_rows_[i].push_back(
              std::move(*block.mutable_trial_series(static_cast<int>(k * per_job + s))));
      done_[i] = true;
      ++done_count_;
    }
  }

  // The next block of at most `size` jobs not done yet, or an empty range when all are. Blocks
  // are handed out in job order, so the search resumes where the previous one stopped.
  [[nodiscard]] JobRange next_block(std::int64_t size) {
    while (cursor_ < range_.last && done_[static_cast<std::size_t>(cursor_ - range_.first)])
      ++cursor_;
    std::int64_t last = cursor_;
    while (last < range_.last && last - cursor_ < size &&
           !done_[static_cast<std::size_t>(last - range_.first)])
      ++last;
    return {cursor_, last};
  }

  // Runs the jobs of `block` and returns them as a checkpoint body (first_job, last_job, trials).
  // Throws Stopped, leaving the block undone, when `stop` asks for it.
  SweepCheckpoint run(const JobRange& block, const std::atomic<bool>* stop) {
    prepare_worlds(block);
    std::vector<const world::World*> world_of(static_cast<std::size_t>(block.size()));
    for (std::int64_t job = block.first; job < block.last; ++job)
      world_of[static_cast<std::size_t>(job - block.first)] =
          worlds_.at(layout_.point_of(job)).get();
    std::vector<sim::TrialOutput> outputs(static_cast<std::size_t>(block.size()));
    std::vector<std::string> series_hashes(outputs.size());
    const std::uint64_t seed = plan_.experiment.seed();
    pool_.for_each(block.size(), [&](std::int64_t i) {
      if (stop_requested(stop)) return;
      const auto replicate = static_cast<std::uint64_t>(layout_.replicate_of(block.first + i));
      const auto at = static_cast<std::size_t>(i);
      outputs[at] = sim::run_trial(*world_of[at], seed, replicate);
      selection_->apply(outputs[at]);
      series_hashes[at] = results::series_sha256(outputs[at].series);
    });
    if (stop_requested(stop))
      throw Stopped("stopped after " + std::to_string(done_count_) + " of " +
                    std::to_string(range_.size()) + " jobs");
    SweepCheckpoint checkpoint;
    checkpoint.set_first_job(block.first);
    checkpoint.set_last_job(block.last);
    for (std::int64_t job = block.first; job < block.last; ++job) {
      sim::TrialOutput& out = outputs[static_cast<std::size_t>(job - block.first)];
      const std::int64_t point = layout_.point_of(job);
      TrialResult& row = *checkpoint.add_trials();
      row.set_point(point);
      row.set_trial(layout_.replicate_of(job));
      const auto& swept = layout_.design.values[static_cast<std::size_t>(point)];
      row.mutable_parameters()->Reserve(static_cast<int>(swept.size() + out.parameters.size()));
      row.mutable_parameters()->Add(swept.begin(), swept.end());
      row.mutable_parameters()->Add(out.parameters.begin(), out.parameters.end());
      row.mutable_scalars()->Assign(out.scalars.begin(), out.scalars.end());
      row.set_series_sha256(std::move(series_hashes[static_cast<std::size_t>(job - block.first)]));
      if (keep_series_)
        for (TrialSeries& kept :
             results::trial_series_rows(point, row.trial(), series_, out.series))
          *checkpoint.add_trial_series() = std::move(kept);
      decisions_ += out.decisions;
    }
    return checkpoint;
  }

  // Moves every row, in job order, into `results`, and every kept series into its
  // trial_series.
  void move_rows_into(Results& results) {
    results.mutable_trials()->Reserve(static_cast<int>(rows_.size()));
    for (TrialResult& row : rows_)
      *results.add_trials() = std::move(row);
    rows_.clear();
    for (std::vector<TrialSeries>& job : series_rows_)
      for (TrialSeries& row : job)
        *results.add_trial_series() = std::move(row);
    series_rows_.clear();
  }

 private:
  WorldPtr build(std::int64_t point) const {
    return std::make_unique<const world::World>(point_scenario(plan_, layout_, point),
                                                sim::catalog());
  }

  // Holds a world for every point of `block`, building the missing ones in parallel, and drops
  // the worlds of points before it.
  void prepare_worlds(const JobRange& block) {
    const std::int64_t first = layout_.point_of(block.first);
    const std::int64_t last = layout_.point_of(block.last - 1);
    std::erase_if(worlds_, [&](const auto& entry) { return entry.first < first; });
    std::vector<std::int64_t> missing;
    for (std::int64_t p = first; p <= last; ++p)
      if (!worlds_.contains(p)) missing.push_back(p);
    std::vector<WorldPtr> built(missing.size());
    pool_.for_each(static_cast<std::int64_t>(missing.size()), [&](std::int64_t i) {
      built[static_cast<std::size_t>(i)] = build(missing[static_cast<std::size_t>(i)]);
    });
    for (std::size_t i = 0; i < missing.size(); ++i) {
      const OutputSelection selection(*built[i], plan_.experiment.outputs());
      if (sampled_names(*built[i]) != sampled_ || selection.scalar_names() != scalars_)
        throw std::runtime_error("sweep point " + std::to_string(missing[i]) +
                                 " samples other parameters or records other scalars than "
                                 "the sweep's first point; sweep values that keep the "
                                 "scenario's shape");
      // Kept series share one header of dates: every point's must be the first point's.
      if (keep_series_ && (selection.series_names() != series_ || iso_dates(*built[i]) != dates_))
        throw std::runtime_error("sweep point " + std::to_string(missing[i]) +
                                 " records other series or dates than the sweep's first point, "
                                 "so its per-trial series (outputs.trial_series) cannot be kept");
      worlds_.emplace(missing[i], std::move(built[i]));
    }
  }

  const Plan& plan_;
  const SweepLayout& layout_;
  JobRange range_;
  TrialPool& pool_;
  std::vector<TrialResult> rows_;  // by job - range.first
  std::vector<bool> done_;
  std::int64_t cursor_;  // every job before it is done
  std::int64_t done_count_ = 0;
  std::int64_t decisions_ = 0;
  bool keep_series_;                                   // outputs.trial_series
  std::vector<std::vector<TrialSeries>> series_rows_;  // by job - range.first, when kept
  std::vector<std::string> sampled_;
  std::vector<std::string> scalars_;
  std::vector<std::string> series_;
  std::vector<std::string> dates_;
  std::optional<OutputSelection> selection_;  // from the first point's world; the same for all
  std::map<std::int64_t, WorldPtr> worlds_;
};

}  // namespace

SweepCheckpoint checkpoint_identity(const Plan& plan, const Shard& shard) {
  SweepCheckpoint identity;
  identity.set_version(kVersion);
  identity.set_git_commit(kGitCommit);
  identity.set_experiment_sha256(plan.experiment_sha256);
  identity.set_scenario_sha256(plan.scenario_sha256);
  const std::string experiment = results::deterministic_bytes(plan.experiment);
  const std::string scenario = results::deterministic_bytes(plan.scenario);
  // Lengths first, so that no two pairs of encodings hash alike.
  identity.set_plan_sha256(results::sha256_hex(std::to_string(experiment.size()) + ":" +
                                               std::to_string(scenario.size()) + ":" + experiment +
                                               scenario));
  identity.set_seed(plan.experiment.seed());
  identity.set_shard(shard.text());
  return identity;
}

Results run_sweep(const Plan& plan, const SweepOptions& options, SweepStats* stats) {
  // Every shard builds the whole design: refused before it is built when it cannot fit.
  const std::uint64_t design =
      design_bytes(static_cast<std::int64_t>(sweep::design_points(plan.experiment.sweep())),
                   plan.experiment.sweep().parameters_size());
  require_memory({.fixed_bytes = design}, plan.experiment_path + ": the sweep's design");
  return run_sweep(plan, make_layout(plan), options, stats);
}

Results run_sweep(const Plan& plan, const SweepLayout& layout, const SweepOptions& options,
                  SweepStats* stats) {
  const auto started = std::chrono::steady_clock::now();
  // More shards than jobs leaves some shards empty, and a set of shards that cannot all be merged.
  if (options.shard.count > std::max<std::int64_t>(layout.jobs(), 1))
    throw InputError(plan.experiment_path + ": --shard " + options.shard.text() +
                     ": the sweep has " + std::to_string(layout.jobs()) + " jobs (" +
                     std::to_string(layout.points()) + " points x " +
                     std::to_string(layout.replicates) + " replicates), so N must be at most " +
                     std::to_string(layout.jobs()));
  const JobRange range = shard_jobs(layout.jobs(), options.shard);
  const SweepCheckpoint identity = checkpoint_identity(plan, options.shard);
  std::optional<CheckpointFolder> checkpoints;
  if (!options.checkpoints.empty()) checkpoints.emplace(options.checkpoints);
  if (checkpoints && !options.resume && checkpoints->unfinished())
    throw InputError(options.checkpoints.string() + ": holds an unfinished sweep (" +
                     checkpoints->path().string() + "); pass --resume to continue it, or remove " +
                     checkpoints->path().string() + " to start again");

  TrialPool pool(options.threads);
  Results results;
  *results.mutable_manifest() = start_manifest(plan, pool.threads());
  RunManifest& manifest = *results.mutable_manifest();
  manifest.set_trials(layout.replicates);
  manifest.set_shard(options.shard.text());

  SweepJobs jobs(plan, layout, range, pool);
  for (const std::string& path : swept_paths(plan.experiment))
    results.add_parameter_names(path);
  for (const std::string& name : jobs.sampled())
    results.add_parameter_names(name);
  for (const std::string& name : jobs.scalars())
    results.add_scalar_names(name);
  for (const double level : quantile_levels(plan.experiment))  // series.csv's columns
    results.add_quantiles(level);

  // The design this shard holds: the plan's, or the matrix made elsewhere that replaces it.
  const std::uint64_t design = design_bytes(
      static_cast<std::int64_t>(layout.design.values.size()),
      layout.design.values.empty() ? 0 : static_cast<std::int64_t>(layout.design.values[0].size()));
  const bool keep_series = plan.experiment.outputs().trial_series();
  if (keep_series)
    for (const std::string& date : jobs.dates())
      results.add_tick_dates(date);
  const RunShape shape{.trials = range.size(),
                       .parameters = results.parameter_names_size(),
                       .scalars = results.scalar_names_size(),
                       .series = static_cast<std::int64_t>(jobs.series().size()),
                       .ticks = static_cast<std::int64_t>(jobs.dates().size()),
                       .keep_series = keep_series,
                       .fixed_bytes = design};
  const std::string what = plan.experiment_path + ": shard " + options.shard.text() + " (" +
                           std::to_string(range.size()) + " jobs)";
  // As a run: the series' size first, then what cannot fit in memory, then the disk limit. A
  // sweep's series go to trial_series.csv only (results/writers.h), so results.pb adds nothing.
  TrialSeriesSize series_size;
  if (keep_series) {
    series_size = estimate_trial_series(range.size(), jobs.series(), shape.ticks);
    series_size.results = 0;
    if (options.notes)
      *options.notes << describe_trial_series(range.size(), jobs.series().size(), shape.ticks,
                                              series_size)
                     << std::endl;
  }
  require_memory(shape, what);
  if (keep_series) require_output_size(series_size, options.max_output_bytes, what);
  if (const std::string warning = memory_warning(shape, what); options.notes && !warning.empty())
    *options.notes << warning << '\n';

  std::int64_t resumed_blocks = 0;
  if (checkpoints && options.resume) {
    std::ostringstream discarded;
    auto blocks = checkpoints->load(identity, range, layout.replicates,
                                    options.notes ? *options.notes : discarded);
    for (SweepCheckpoint& block : blocks)
      jobs.take(block);
    resumed_blocks = static_cast<std::int64_t>(blocks.size());
  }
  const std::int64_t resumed = jobs.done();

  const std::int64_t size = block_size(pool.threads());
  for (JobRange block = jobs.next_block(size); !block.empty(); block = jobs.next_block(size)) {
    SweepCheckpoint done = jobs.run(block, options.stop);
    if (checkpoints) {
      SweepCheckpoint saved = identity;
      saved.MergeFrom(done);
      checkpoints->save(saved);
    }
    jobs.take(done);
    if (options.progress) options.progress(jobs.done() - resumed, range.size() - resumed);
  }

  jobs.move_rows_into(results);
  manifest.set_digest(results::run_digest(results));
  results::fill_scalar_aggregates(results);
  results::fill_units(results);
  manifest.set_finished(utc_now());
  if (stats) {
    stats->seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    stats->decisions = jobs.decisions();
    stats->threads = pool.threads();
    stats->resumed_jobs = resumed;
    stats->resumed_blocks = resumed_blocks;
    stats->points = layout.points();
    stats->replicates = layout.replicates;
    stats->jobs = range;
  }
  return results;
}

}  // namespace reesim::experiment
