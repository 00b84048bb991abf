#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iomanip>
#include <iostream>

#include "app/commands.h"
#include "experiment/plan.h"
#include "experiment/runner.h"
#include "results/writers.h"

namespace reesim::app {
namespace {

struct RunArgs {
  std::string path;
  std::optional<std::int64_t> trials;
  std::optional<std::uint64_t> seed;
  int threads = 0;
  std::string out;
  std::vector<std::string> settings;
  bool quiet = false;
};

// Progress on stderr while it is a terminal: trials done, rate and time left.
class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled && ::isatty(STDERR_FILENO) != 0) {}

  void operator()(std::int64_t done, std::int64_t total) {
    if (!enabled_) return;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
    const double left = rate > 0 ? static_cast<double>(total - done) / rate : 0.0;
    std::fprintf(stderr, "\r%lld/%lld trials  %.1f trials/s  ETA %.0f s   ",
                 static_cast<long long>(done), static_cast<long long>(total), rate, left);
    if (done == total) std::fputc('\n', stderr);
  }

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

void print_summary(const Results& results) {
  std::cout << std::left << std::setw(36) << "scalar" << std::right << std::setw(14) << "mean"
            << std::setw(14) << "p05" << std::setw(14) << "p50" << std::setw(14) << "p95" << '\n';
  for (const ScalarSummary& s : results.summary())
    std::cout << std::left << std::setw(36) << s.scalar() << std::right << std::setprecision(6)
              << std::setw(14) << s.mean() << std::setw(14) << s.p05() << std::setw(14) << s.p50()
              << std::setw(14) << s.p95() << '\n';
}

int run(const RunArgs& args) {
  config::Diagnostics diagnostics;
  const auto plan =
      experiment::load_plan(args.path, {args.trials, args.seed, args.settings}, diagnostics);
  if (!plan) {
    diagnostics.print(std::cerr);
    return kExitBadInput;
  }
  Progress progress(!args.quiet);
  experiment::RunStats stats;
  Results results;
  try {
    results = experiment::run_plan(*plan, {args.threads, std::ref(progress)}, &stats);
  } catch (const std::exception& e) {
    std::cerr << "reesim run: " << args.path << ": " << e.what() << '\n';
    return kExitFailed;
  }
  const std::string out = args.out.empty() ? "out/" + plan->experiment.id() : args.out;
  try {
    results::write_run_outputs(out, results);
  } catch (const std::exception& e) {
    std::cerr << "reesim run: " << e.what() << '\n';
    return kExitFailed;
  }
  print_summary(results);
  std::cout << "trials: " << results.trials_size() << " in " << std::setprecision(3)
            << stats.seconds << " s on " << stats.threads << " threads\n"
            << "outputs: " << out << '\n'
            << "digest: " << results.manifest().digest() << '\n';
  return kExitOk;
}

}  // namespace

void add_run_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<RunArgs>();
  auto* command =
      app.add_subcommand("run", "Run an experiment: PATH is an experiment file or a run folder.");
  command->footer(
      "Writes manifest.textproto, trials.csv, series.csv, summary.csv, results.pb and digest into\n"
      "the output folder (each written to a temporary name, then renamed), prints a summary and,\n"
      "last, 'digest: <hex>': SHA-256 over every trial's results in trial order, identical for\n"
      "any --threads. --set takes a field path into the scenario, e.g.\n"
      "  --set 'policies[cn_licensing].params[approval_probability].value=0.3'");
  command->add_option("PATH", args->path, "experiment file or run folder")->required();
  command->add_option("--trials", args->trials, "number of trials (overrides the experiment)");
  command->add_option("--seed", args->seed, "master seed (overrides the experiment)");
  command->add_option("--threads", args->threads, "worker threads (default: all cores)")
      ->check(CLI::PositiveNumber);
  command->add_option("--out", args->out, "output folder (default: out/<experiment id>)");
  command->add_option("--set", args->settings,
                      "field.path=value override of the scenario (repeatable)");
  command->add_flag("--quiet", args->quiet, "no progress on stderr");
  command->callback([&action, args] { action = [args] { return run(*args); }; });
}

}  // namespace reesim::app
