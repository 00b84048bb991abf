#include "experiment/runner.h"

#include <chrono>

#include "experiment/errors.h"
#include "experiment/manifest.h"
#include "experiment/trial_pool.h"
#include "results/aggregates.h"
#include "results/digest.h"
#include "results/series_table.h"
#include "sim/trial.h"

namespace reesim::experiment {

Results run_plan(const Plan& plan, const RunOptions& options, RunStats* stats) {
  if (plan.experiment.has_sweep())
    throw InputError(plan.experiment_path +
                     ": sweep: the experiment declares a sweep; run it with 'reesim sweep'");
  const auto started = std::chrono::steady_clock::now();
  TrialPool pool(options.threads);
  Results results;
  *results.mutable_manifest() = start_manifest(plan, pool.threads());
  RunManifest& manifest = *results.mutable_manifest();

  const sim::World world(plan.scenario);
  for (const sim::SampledParameter& p : world.sampled_parameters())
    results.add_parameter_names(p.name);
  for (const std::string& name : sim::scalar_names(world))
    results.add_scalar_names(name);
  const std::vector<double> levels = quantile_levels(plan.experiment);
  for (const double q : levels)
    results.add_quantiles(q);

  std::vector<std::string> dates;
  for (const Date& d : world.tick_dates())
    dates.push_back(d.iso());
  results::SeriesAccumulator series(sim::series_names(world), dates);
  results::RunDigest digest;

  const std::int64_t trials = plan.experiment.trials();
  const std::uint64_t seed = plan.experiment.seed();
  // Blocks of trials run in parallel; each block is folded in trial order before the next.
  const std::int64_t block = block_size(pool.threads());
  std::vector<sim::TrialOutput> outputs(static_cast<std::size_t>(std::min(block, trials)));
  std::int64_t decisions = 0;
  for (std::int64_t first = 0; first < trials; first += block) {
    const std::int64_t count = std::min(block, trials - first);
    pool.for_each(count, [&](std::int64_t i) {
      outputs[static_cast<std::size_t>(i)] =
          sim::run_trial(world, seed, static_cast<std::uint64_t>(first + i));
    });
    for (std::int64_t i = 0; i < count; ++i) {
      sim::TrialOutput& out = outputs[static_cast<std::size_t>(i)];
      TrialResult& row = *results.add_trials();
      row.set_trial(first + i);
      row.set_point(0);
      row.mutable_parameters()->Assign(out.parameters.begin(), out.parameters.end());
      row.mutable_scalars()->Assign(out.scalars.begin(), out.scalars.end());
      digest.add(row);
      series.add_trial(out.series);
      decisions += out.decisions;
      out = {};
    }
    if (options.progress) options.progress(first + count, trials);
  }

  results::fill_scalar_aggregates(results);
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
