#include <cmath>
#include <iomanip>
#include <iostream>
#include <map>

#include "app/commands.h"
#include "experiment/plan.h"
#include "experiment/runner.h"

namespace reesim::app {
namespace {

struct CheckArgs {
  std::string path;
  int threads = 0;
};

std::string band(const Check& check) {
  std::ostringstream text;
  text << std::setprecision(4) << "[" << check.min() << ", " << check.max() << "]";
  return text.str();
}

int check(const CheckArgs& args) {
  config::Diagnostics diagnostics;
  const auto plan = experiment::load_plan(args.path, {}, diagnostics);
  if (!plan) {
    diagnostics.print(std::cerr);
    return kExitBadInput;
  }
  if (plan->experiment.has_sweep()) {
    std::cerr << plan->experiment_path << ": sweep: checks apply to a plain run; this experiment "
              << "declares a sweep\n";
    return kExitBadInput;
  }
  if (plan->experiment.checks().empty()) {
    std::cerr << plan->experiment_path << ": checks: the experiment declares no checks\n";
    return kExitBadInput;
  }
  const Results results = experiment::run_plan(*plan, {args.threads, {}});
  std::map<std::string, const ScalarSummary*> by_name;
  for (const ScalarSummary& s : results.summary())
    by_name[s.scalar()] = &s;

  int failed = 0;
  std::cout << std::left << std::setw(34) << "metric" << std::setw(8) << "stat" << std::setw(22)
            << "target band" << std::right << std::setw(14) << "measured"
            << "  result\n";
  for (const Check& c : plan->experiment.checks()) {
    const ScalarSummary& s = *by_name.at(c.scalar());
    const bool mean = c.statistic() == STATISTIC_MEAN;
    const double measured = mean ? s.mean() : s.p50();
    const bool pass = std::isfinite(measured) && measured >= c.min() && measured <= c.max();
    failed += pass ? 0 : 1;
    std::cout << std::left << std::setw(34) << c.scalar() << std::setw(8)
              << (mean ? "mean" : "median") << std::setw(22) << band(c) << std::right
              << std::setw(14) << std::setprecision(5) << measured << "  "
              << (pass ? "pass" : "FAIL") << '\n';
  }
  std::cout << plan->experiment.checks_size() - failed << " passed, " << failed << " failed ("
            << results.trials_size() << " trials)\n";
  return failed == 0 ? kExitOk : kExitFailed;
}

}  // namespace

void add_check_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<CheckArgs>();
  auto* command =
      app.add_subcommand("check", "Run a run folder's calibration checks; exit 0 iff all pass.");
  command->footer(
      "Runs the folder's experiment at its declared trials and seed, then compares the median\n"
      "(or mean) across trials of each checked scalar with its target band, printing one row per\n"
      "check: metric, statistic, band, measured value, pass/fail.");
  command->add_option("PATH", args->path, "run folder, e.g. runs/baseline-2024")->required();
  command->add_option("--threads", args->threads, "worker threads (default: all cores)")
      ->check(CLI::PositiveNumber);
  command->callback([&action, args] { action = [args] { return check(*args); }; });
}

}  // namespace reesim::app
