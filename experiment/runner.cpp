#include "experiment/runner.h"

#include <array>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "experiment/errors.h"
#include "experiment/manifest.h"
#include "experiment/memory.h"
#include "experiment/output_selection.h"
#include "experiment/trial_pool.h"
#include "results/aggregates.h"
#include "results/digest.h"
#include "results/series_table.h"
#include "results/units.h"
#include "sim/catalog.h"
#include "sim/external.h"
#include "sim/trial.h"

namespace reesim::experiment {
namespace {

// A finished trial and its series hash, taken on the trial's worker so that the fold, which runs
// beside the next block's trials, does not hash.
struct FinishedTrial {
  sim::TrialOutput output;
  std::string series_sha256;
};

}  // namespace

Results run_plan(const Plan& plan, const RunOptions& options, RunStats* stats) {
  if (plan.experiment.has_sweep())
    throw InputError(plan.experiment_path +
                     ": sweep: the experiment declares a sweep; run it with 'reesim sweep'");
  const auto started = std::chrono::steady_clock::now();
  TrialPool pool(options.threads);
  Results results;
  *results.mutable_manifest() = start_manifest(plan, pool.threads());
  RunManifest& manifest = *results.mutable_manifest();

  const world::World world(plan.scenario, sim::catalog());
  const OutputSelection selection(world, plan.experiment.outputs());
  for (const world::SampledParameter& p : world.sampled_parameters())
    results.add_parameter_names(p.name);
  for (const std::string& name : selection.scalar_names())
    results.add_scalar_names(name);
  const std::vector<double> levels = quantile_levels(plan.experiment);
  for (const double q : levels)
    results.add_quantiles(q);

  std::vector<std::string> dates;
  for (const Date& d : world.tick_dates())
    dates.push_back(d.iso());
  const std::vector<std::string>& series_names = selection.series_names();
  const bool keep_series = plan.experiment.outputs().trial_series();
  if (keep_series)
    for (const std::string& date : dates)
      results.add_tick_dates(date);
  const std::int64_t trials = plan.experiment.trials();
  const RunShape shape{.trials = trials,
                       .parameters = results.parameter_names_size(),
                       .scalars = results.scalar_names_size(),
                       .series = static_cast<std::int64_t>(series_names.size()),
                       .ticks = static_cast<std::int64_t>(dates.size()),
                       .keep_series = keep_series};
  const std::string what = plan.experiment_path + ": " + std::to_string(trials) + " trials";
  // The series' size first, then what cannot fit in memory at all, then what passes the disk
  // limit.
  const TrialSeriesSize size =
      keep_series ? estimate_trial_series(trials, series_names, shape.ticks) : TrialSeriesSize{};
  if (keep_series && options.notes)
    *options.notes << describe_trial_series(trials, series_names.size(), shape.ticks, size)
                   << std::endl;
  require_memory(shape, what);
  if (keep_series) require_output_size(size, options.max_output_bytes, what);
  if (const std::string warning = memory_warning(shape, what); options.notes && !warning.empty())
    *options.notes << warning << std::endl;
  results::SeriesAccumulator series(series_names, dates);
  results::RunDigest digest;

  const std::uint64_t seed = plan.experiment.seed();
  // Blocks of trials run in parallel. Each block is folded in trial order, by one task that
  // runs beside the next block's trials (two buffers take turns), so that no worker waits on
  // the fold; the last block is folded on its own.
  const std::int64_t block = block_size(pool.threads());
  const auto buffer = static_cast<std::size_t>(std::min(block, trials));
  std::array<std::vector<FinishedTrial>, 2> outputs{std::vector<FinishedTrial>(buffer),
                                                    std::vector<FinishedTrial>(buffer)};
  std::int64_t decisions = 0;
  const auto fold = [&](std::vector<FinishedTrial>& done, std::int64_t first, std::int64_t count) {
    for (std::int64_t i = 0; i < count; ++i) {
      FinishedTrial& finished = done[static_cast<std::size_t>(i)];
      sim::TrialOutput& out = finished.output;
      TrialResult& row = *results.add_trials();
      row.set_trial(first + i);
      row.set_point(0);
      row.mutable_parameters()->Assign(out.parameters.begin(), out.parameters.end());
      row.mutable_scalars()->Assign(out.scalars.begin(), out.scalars.end());
      row.set_series_sha256(std::move(finished.series_sha256));
      digest.add(row);
      series.add_trial(out.series);
      if (keep_series)
        for (TrialSeries& kept : results::trial_series_rows(0, first + i, series_names, out.series))
          *results.add_trial_series() = std::move(kept);
      decisions += out.decisions;
      finished = {};
    }
  };
  std::size_t turn = 0;           // the buffer the next block runs into
  std::int64_t folded_first = 0;  // the block waiting to be folded, in the other buffer
  std::int64_t folded_count = 0;
  for (std::int64_t first = 0; first < trials; first += block, turn ^= 1) {
    const std::int64_t count = std::min(block, trials - first);
    std::vector<FinishedTrial>& running = outputs[turn];
    std::vector<FinishedTrial>& waiting = outputs[turn ^ 1];
    pool.for_each_alongside(
        count,
        [&](std::int64_t i) {
          if (stop_requested(options.stop)) return;
          FinishedTrial& finished = running[static_cast<std::size_t>(i)];
          const auto trial = static_cast<std::uint64_t>(first + i);
          const std::unique_ptr<sim::ExternalDecisions> external =
              options.external ? options.external(trial) : nullptr;
          finished.output = external ? sim::run_trial(world, seed, trial, *external)
                                     : sim::run_trial(world, seed, trial);
          selection.apply(finished.output);
          finished.series_sha256 = results::series_sha256(finished.output.series);
        },
        [&] { fold(waiting, folded_first, folded_count); });
    if (stop_requested(options.stop))
      throw Stopped("stopped after " + std::to_string(first) + " of " + std::to_string(trials) +
                    " trials");
    folded_first = first;
    folded_count = count;
    if (options.progress) options.progress(first + count, trials);
  }
  fold(outputs[turn ^ 1], folded_first, folded_count);

  results::fill_scalar_aggregates(results);
  results::fill_units(results);
  if (plan.experiment.outputs().series())
    for (SeriesPoint& point : series.points(levels))
      *results.add_series() = std::move(point);
  manifest.set_digest(digest.hex());
  manifest.set_finished(utc_now());
  if (stats) {
    stats->seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    stats->decisions = decisions;
    stats->threads = pool.threads();
  }
  return results;
}

}  // namespace reesim::experiment
