#include <cmath>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

#include "app/commands.h"
#include "app/options.h"
#include "experiment/checks.h"
#include "experiment/errors.h"
#include "experiment/plan.h"
#include "experiment/runner.h"
#include "experiment/series_checks.h"
#include "results/run_folder.h"
#include "results/writers.h"

namespace reesim::app {
namespace {

struct CheckArgs {
  std::string path;
  int threads = 0;
  std::string out;
  bool report = false;
  bool force = false;
};

std::string band(const Check& check) {
  std::ostringstream text;
  text << std::setprecision(4) << "[" << check.min() << ", " << check.max() << "]";
  return text.str();
}

std::string number(double value) {
  std::ostringstream text;
  text << std::setprecision(4) << value;
  return text.str();
}

std::string pair_band(double min, double max) {
  // Appended piecewise: g++ 12 warns falsely (-Wrestrict) on "[" + std::string.
  std::string text(1, '[');
  text.append(number(min)).append(", ").append(number(max)).append("]");
  return text;
}

// The series checks' table: one row per check with its worst yearly ratio, its highest peak
// ratio and its base level, and under a failing row why it fails. Returns the failures.
int print_series_checks(const Experiment& experiment, const Results& results) {
  std::cout << std::left << std::setw(24) << "series" << std::setw(11) << "years" << std::setw(14)
            << "ratio band" << std::setw(14) << "worst year" << std::setw(16) << "peak (max)"
            << std::right << std::setw(10) << "base"
            << "  " << std::left << std::setw(14) << "base band"
            << "result\n";
  int failed = 0;
  for (const SeriesCheck& c : experiment.series_checks()) {
    const experiment::SeriesCheckOutcome o = experiment::evaluate_series_check(c, results);
    failed += o.pass ? 0 : 1;
    const std::string worst =
        o.worst_year == 0 ? "-" : std::to_string(o.worst_year) + ": " + number(o.worst_year_ratio);
    const std::string peak =
        o.peak_date.empty() ? "-" : number(o.peak_ratio) + " (" + number(c.max_peak_ratio()) + ")";
    std::string base_band = "-";
    if (c.has_base_min() || c.has_base_max())
      base_band = pair_band(c.has_base_min() ? c.base_min() : -HUGE_VAL,
                            c.has_base_max() ? c.base_max() : HUGE_VAL);
    std::cout << std::left << std::setw(24) << experiment::series_label(c) << std::setw(11)
              << (c.from_year() == c.to_year()
                      ? std::to_string(c.from_year())
                      : std::to_string(c.from_year()) + "-" + std::to_string(c.to_year()))
              << std::setw(14) << pair_band(c.min_ratio(), c.max_ratio()) << std::setw(14) << worst
              << std::setw(16) << peak << std::right << std::setw(10) << number(o.base_level)
              << "  " << std::left << std::setw(14) << base_band << (o.pass ? "pass" : "FAIL")
              << '\n';
    for (const std::string& why : o.failures)
      std::cout << "    " << why << '\n';
  }
  return failed;
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
  if (plan->experiment.checks().empty() && plan->experiment.series_checks().empty()) {
    std::cerr << plan->experiment_path
              << ": checks: the experiment declares no checks and no series checks\n";
    return kExitBadInput;
  }
  // Its outputs, when asked for, go into a folder as run writes one (one run per folder).
  const bool writes = args.report || !args.out.empty();
  const std::string out = args.out.empty() ? "out/" + plan->experiment.id() : args.out;
  std::optional<results::RunFolder> folder;
  if (writes) {
    try {
      folder.emplace(out);
      if (!args.force) folder->refuse_other_run();
    } catch (const results::FolderRefused& e) {
      std::cerr << "reesim check: " << e.what() << '\n';
      return kExitBadInput;
    } catch (const std::exception& e) {
      std::cerr << "reesim check: " << e.what() << '\n';
      return kExitFailed;
    }
  }
  Results results;
  try {
    results = experiment::run_plan(*plan, {args.threads, {}});
  } catch (const experiment::InputError& e) {
    std::cerr << "reesim check: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "reesim check: " << args.path << ": " << e.what() << '\n';
    return kExitFailed;
  }
  if (writes) {
    try {
      folder->write(results);
      if (args.report) write_folder_report(out);
    } catch (const std::exception& e) {
      std::cerr << "reesim check: " << e.what() << '\n';
      return kExitFailed;
    }
  }

  int failed = 0;
  if (!plan->experiment.checks().empty()) {
    std::cout << std::left << std::setw(34) << "metric" << std::setw(8) << "stat" << std::setw(22)
              << "target band" << std::right << std::setw(14) << "measured"
              << "  result\n";
    for (const Check& c : plan->experiment.checks()) {
      const experiment::CheckOutcome o = experiment::evaluate_check(c, results);
      failed += o.pass ? 0 : 1;
      std::cout << std::left << std::setw(34) << c.scalar() << std::setw(8)
                << experiment::statistic_name(c) << std::setw(22) << band(c) << std::right
                << std::setw(14) << std::setprecision(5) << o.measured << "  "
                << (o.pass ? "pass" : "FAIL") << '\n';
    }
  }
  if (!plan->experiment.series_checks().empty()) {
    if (!plan->experiment.checks().empty()) std::cout << '\n';
    failed += print_series_checks(plan->experiment, results);
  }
  const int total = plan->experiment.checks_size() + plan->experiment.series_checks_size();
  std::cout << total - failed << " passed, " << failed << " failed (" << results.trials_size()
            << " trials)\n";
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
      "check: metric, statistic, band, measured value, pass/fail. Then one row per series check\n"
      "(SeriesCheck in proto/experiment.proto): the series, its years and ratio band, the year\n"
      "whose median of weekly cross-trial medians over the base level lies farthest outside the\n"
      "band (or nearest its edge) with that ratio, the highest weekly peak quantile over the base\n"
      "level (its limit in brackets), the base level and its band, pass/fail, and under a failing\n"
      "row why it fails. Exits 1 when any check fails.");
  command->add_option("PATH", args->path, "run folder, e.g. runs/baseline-2024")->required();
  command->add_option("--threads", args->threads, "worker threads (default: all cores)")
      ->check(in_range("--threads", 1, kMaxThreads));
  command->add_option("--out", args->out,
                      "also write the run's outputs here (with --report: default "
                      "out/<experiment id>)");
  command->add_flag("--report", args->report,
                    "also write the run's outputs and OUT/report.html, the checks in it");
  command->add_flag("--force", args->force, kForceHelp);
  command->callback([&action, args] { action = [args] { return check(*args); }; });
}

}  // namespace reesim::app
