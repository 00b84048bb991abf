#include "bench/trials_bench.h"

#include <benchmark/benchmark.h>
#include <pthread.h>
#include <sched.h>
#include <tbb/info.h>

#include <algorithm>
#include <cstdio>
#include <functional>
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

// Pins the calling thread to one core for its lifetime and then gives it back the cores it had;
// a negative core leaves the thread alone. A one-thread run executes its trials on the calling
// thread, so the pin places the whole run.
class PinToCore {
 public:
  explicit PinToCore(int core) {
    if (core < 0 || pthread_getaffinity_np(pthread_self(), sizeof before_, &before_) != 0) return;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(core, &one);
    pinned_ = pthread_setaffinity_np(pthread_self(), sizeof one, &one) == 0;
  }
  ~PinToCore() {
    if (pinned_) pthread_setaffinity_np(pthread_self(), sizeof before_, &before_);
  }
  PinToCore(const PinToCore&) = delete;
  PinToCore& operator=(const PinToCore&) = delete;

  [[nodiscard]] bool pinned() const { return pinned_; }

 private:
  cpu_set_t before_{};
  bool pinned_ = false;
};

// The cores the process may run on, ascending.
std::vector<int> usable_cores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  std::vector<int> cores;
  if (sched_getaffinity(0, sizeof set, &set) != 0) return cores;
  for (int core = 0; core < CPU_SETSIZE; ++core)
    if (CPU_ISSET(core, &set)) cores.push_back(core);
  return cores;
}

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

  const auto measure = [&plan](int threads, int core) {
    return [&plan, threads, core](benchmark::State& state) {
      const PinToCore pin(core);
      if (core >= 0 && !pin.pinned()) {
        // Reported as no rate rather than as an unpinned run under the core's name.
        state.SkipWithError(("cannot pin a thread to core " + std::to_string(core)).c_str());
        return;
      }
      for (auto _ : state) {
        const Results results = experiment::run_plan(*plan, {threads, {}});
        benchmark::DoNotOptimize(results.trials_size());
      }
      state.SetItemsProcessed(state.iterations() * plan->experiment.trials());
    };
  };
  const std::string one = "trials/threads:1";
  const std::string many = "trials/threads:" + std::to_string(all);
  const auto add = [&](const std::string& name, int threads, int core = -1) {
    benchmark::RegisterBenchmark(name.c_str(), measure(threads, core))
        ->Unit(benchmark::kSecond)
        ->UseRealTime()
        ->Iterations(1);
  };
  // The runs alternate (one thread, all threads, one, ...) rather than finishing every
  // repetition of one count first, so that a shared machine's slow and fast spells fall on both
  // counts alike instead of skewing their ratio, the parallel efficiency.
  // The pinned runs come after the all-core run, so that oneTBB's workers, which take the
  // cores of the thread that starts them, are started by an unpinned thread.
  const std::vector<int> cores = options.per_core ? usable_cores() : std::vector<int>{};
  const auto pinned = [](int core) { return "trials/threads:1/cpu:" + std::to_string(core); };
  for (int r = 0; r < std::max(options.repetitions, 1); ++r) {
    add(one, 1);
    if (all > 1) add(many, all);
    for (const int core : cores)
      add(pinned(core), 1, core);
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
  if (!cores.empty()) {
    std::vector<double> rates;
    for (const int core : cores) {
      rates.push_back(rate(pinned(core)));
      std::snprintf(line, sizeof line, "trials.per_s.cpu_%d %.2f\n", core, rates.back());
      out << line;
    }
    std::sort(rates.begin(), rates.end(), std::greater<>());
    // The T fastest cores' rates, T the all-core run's threads; with more threads than cores,
    // each core's rate counts once.
    double fastest = 0;
    for (std::size_t k = 0; k < rates.size() && k < static_cast<std::size_t>(all); ++k)
      fastest += rates[k];
    std::snprintf(line, sizeof line, "trials.parallel_efficiency_per_core %.3f\n",
                  fastest > 0 ? rate_all / fastest : 0.0);
    out << line;
  }
  return 0;
}

}  // namespace reesim::bench
