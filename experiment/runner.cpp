#include "experiment/runner.h"

#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <unistd.h>

#include <chrono>
#include <ctime>

#include "app/version.h"
#include "results/digest.h"
#include "results/series_table.h"
#include "results/statistics.h"
#include "sim/trial.h"

namespace reesim::experiment {
namespace {

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

std::string host_name() {
  char name[256] = {};
  return gethostname(name, sizeof name - 1) == 0 ? name : "unknown";
}

std::vector<double> quantile_levels(const Experiment& experiment) {
  if (!experiment.outputs().quantiles().empty())
    return {experiment.outputs().quantiles().begin(), experiment.outputs().quantiles().end()};
  return {0.05, 0.25, 0.5, 0.75, 0.95};
}

}  // namespace

Results run_plan(const Plan& plan, const RunOptions& options, RunStats* stats) {
  const auto started = std::chrono::steady_clock::now();
  Results results;
  RunManifest& manifest = *results.mutable_manifest();
  manifest.set_version(app::kVersion);
  manifest.set_git_commit(app::kGitCommit);
  manifest.set_compiler(app::kCompiler);
  manifest.set_compiler_flags(app::kCompilerFlags);
  *manifest.mutable_scenario() = plan.scenario;
  *manifest.mutable_experiment() = plan.experiment;
  manifest.set_scenario_sha256(plan.scenario_sha256);
  manifest.set_experiment_sha256(plan.experiment_sha256);
  manifest.set_seed(plan.experiment.seed());
  manifest.set_trials(plan.experiment.trials());
  manifest.set_shard("1/1");
  manifest.set_host(host_name());
  manifest.set_started(utc_now());

  const sim::World world(plan.scenario);
  const int threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  manifest.set_threads(threads);
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
  const std::int64_t block = std::max<std::int64_t>(64, 16 * threads);
  std::vector<sim::TrialOutput> outputs(static_cast<std::size_t>(std::min(block, trials)));
  std::int64_t decisions = 0;
  // More threads than cores is allowed (it tests determinism under oversubscription).
  tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism,
                                  static_cast<std::size_t>(threads));
  tbb::task_arena arena(threads);
  for (std::int64_t first = 0; first < trials; first += block) {
    const std::int64_t count = std::min(block, trials - first);
    arena.execute([&] {
      tbb::parallel_for(std::int64_t{0}, count, [&](std::int64_t i) {
        outputs[static_cast<std::size_t>(i)] =
            sim::run_trial(world, seed, static_cast<std::uint64_t>(first + i));
      });
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

  for (int s = 0; s < results.scalar_names_size(); ++s) {
    std::vector<double> column;
    column.reserve(static_cast<std::size_t>(results.trials_size()));
    for (const TrialResult& row : results.trials())
      column.push_back(row.scalars(s));
    *results.add_summary() = results::summarize_scalar(results.scalar_names(s), column);
  }
  if (plan.experiment.outputs().series())
    for (SeriesPoint& point : series.points(levels))
      *results.add_series() = std::move(point);
  manifest.set_digest(digest.hex());
  manifest.set_finished(utc_now());
  if (stats) {
    stats->seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    stats->decisions = decisions;
    stats->threads = threads;
  }
  return results;
}

}  // namespace reesim::experiment
