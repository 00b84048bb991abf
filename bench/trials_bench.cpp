#include "bench/trials_bench.h"

#include <benchmark/benchmark.h>
#include <tbb/info.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <ostream>
#include <vector>

#include "bench/measures.h"
#include "config/diagnostics.h"
#include "experiment/plan.h"
#include "experiment/runner.h"

namespace reesim::bench {
namespace {

// Keeps each repetition's wall time per run (seconds) by benchmark name, and shows Google
// Benchmark's usual table on the given stream.
class CollectingReporter final : public benchmark::ConsoleReporter {
 public:
  explicit CollectingReporter(std::ostream& table) : ConsoleReporter(OO_Tabular) {
    SetOutputStream(&table);
    SetErrorStream(&table);
  }

  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.run_type != Run::RT_Iteration || run.error_occurred) continue;
      seconds[run.run_name.function_name].push_back(run.GetAdjustedRealTime());
    }
    ConsoleReporter::ReportRuns(runs);
  }

  std::map<std::string, std::vector<double>> seconds;
};

}  // namespace

int run_trials_bench(const TrialsBenchOptions& options, std::ostream& out, std::ostream& err) {
  const int all = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  const std::int64_t trials = options.trials > 0 ? options.trials : 64 * std::int64_t{all};
  config::Diagnostics diagnostics;
  const auto plan = experiment::load_plan(options.path, {trials, std::nullopt, {}}, diagnostics);
  if (!plan) {
    diagnostics.print(err);
    return 2;
  }

  const auto measure = [&plan](int threads) {
    return [&plan, threads](benchmark::State& state) {
      for (auto _ : state) {
        const Results results = experiment::run_plan(*plan, {threads, {}});
        benchmark::DoNotOptimize(results.trials_size());
      }
      state.SetItemsProcessed(state.iterations() * plan->experiment.trials());
    };
  };
  const std::string one = "trials/threads:1";
  const std::string many = "trials/threads:" + std::to_string(all);
  const auto add = [&](const std::string& name, int threads) {
    benchmark::RegisterBenchmark(name.c_str(), measure(threads))
        ->Unit(benchmark::kSecond)
        ->UseRealTime()
        ->Iterations(1);
  };
  // The runs alternate (one thread, all threads, one, ...) rather than finishing every
  // repetition of one count first, so that a shared machine's slow and fast spells fall on both
  // counts alike instead of skewing their ratio, the parallel efficiency.
  for (int r = 0; r < std::max(options.repetitions, 1); ++r) {
    add(one, 1);
    if (all > 1) add(many, all);
  }
  CollectingReporter reporter(err);
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::ClearRegisteredBenchmarks();

  const auto rate = [&](const std::string& name) {
    const auto it = reporter.seconds.find(name);
    return it == reporter.seconds.end() || it->second.empty()
               ? 0.0
               : static_cast<double>(trials) / median(it->second);
  };
  const double rate_one = rate(one);
  const double rate_all = all == 1 ? rate_one : rate(many);
  char line[512];
  std::snprintf(line, sizeof line,
                "trials.per_s.threads_1 %.2f\ntrials.per_s.threads_all %.2f\n"
                "trials.threads_all %d\ntrials.parallel_efficiency %.3f\n"
                "trials.peak_rss_mib %.1f\ntrials.seconds_per_trial %.5f\n",
                rate_one, rate_all, all, rate_all / (all * rate_one), peak_rss_mib(),
                1.0 / rate_one);
  out << line;
  return 0;
}

}  // namespace reesim::bench
