#include <iomanip>
#include <iostream>

#include "app/commands.h"
#include "app/console.h"
#include "app/options.h"
#include "experiment/errors.h"
#include "experiment/plan.h"
#include "experiment/runner.h"
#include "results/run_folder.h"
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
  std::vector<std::string> policy_files;
  bool trial_series = false;
  std::string max_output_size;  // empty: experiment::kDefaultMaxOutputBytes
  bool force = false;
  bool quiet = false;
  bool report = false;
  int progress_interval = Progress::kDefaultProgressInterval;
};

int run(const RunArgs& args) {
  config::Diagnostics diagnostics;
  const auto plan = experiment::load_plan(
      args.path, {args.trials, args.seed, args.settings, args.trial_series, args.policy_files},
      diagnostics);
  if (!plan) {
    diagnostics.print(std::cerr);
    return kExitBadInput;
  }
  if (plan->experiment.has_sweep()) {
    std::cerr << plan->experiment_path << ": sweep: the experiment declares a sweep; run it with "
              << "'reesim sweep " << args.path << "'\n";
    return kExitBadInput;
  }
  const std::string out = args.out.empty() ? "out/" + plan->experiment.id() : args.out;
  std::optional<results::RunFolder> folder;
  try {
    folder.emplace(out);
    if (!args.force) folder->refuse_other_run();
  } catch (const results::FolderRefused& e) {
    std::cerr << "reesim run: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "reesim run: " << e.what() << '\n';
    return kExitFailed;
  }
  Progress progress(!args.quiet, "trials", std::chrono::seconds(args.progress_interval));
  experiment::RunStats stats;
  Results results;
  try {
    results = experiment::run_plan(
        *plan,
        {.threads = args.threads,
         .progress = std::ref(progress),
         .notes = args.quiet ? nullptr : &std::cerr,
         .max_output_bytes = args.max_output_size.empty()
                                 ? experiment::kDefaultMaxOutputBytes
                                 : parse_byte_size(args.max_output_size).value()},
        &stats);
  } catch (const experiment::InputError& e) {  // e.g. more trials than memory can hold
    std::cerr << "reesim run: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "reesim run: " << args.path << ": " << e.what() << '\n';
    return kExitFailed;
  }
  try {
    folder->write(results);
    if (args.report) write_folder_report(out);
  } catch (const std::exception& e) {
    std::cerr << "reesim run: " << e.what() << '\n';
    return kExitFailed;
  }
  print_summary(results);
  if (!results.trial_series().empty() && !results::trial_series_in_results(results.ByteSizeLong()))
    std::cout << "trial series: in trial_series.csv only (results.pb with them would pass "
                 "protobuf's 2 GiB limit)\n";
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
      "Writes manifest.textproto, trials.csv, series.csv, summary.csv, covariance.csv, results.pb\n"
      "and digest into the output folder, as a whole (below), prints a summary and, last,\n"
      "'digest: <hex>': SHA-256 over every trial's results (parameters, scalars and, through a\n"
      "hash per trial, series) in trial order, identical for\n"
      "any --threads. --trial-series also writes trial_series.csv, every trial's series (tidy:\n"
      "point,trial,metric,key,date,value); the size they will take is printed before the trials\n"
      "start, and a run whose series would take more than --max-output-size is refused (exit 2).\n"
      "An experiment with a sweep is refused (exit 2):\n"
      "run it with 'reesim sweep'. --set takes a field path into the scenario, e.g.\n"
      "  --set 'policies[cn_licensing].params[approval_probability].value=0.3'\n"
      "--add-policy FILE adds the policy in FILE to the scenario (one reesim.Policy in text\n"
      "format, or a '# proto-message: reesim.Scenario' fragment holding only policies { ... });\n"
      "one with the id of a scenario policy replaces it. Added in order and validated with the\n"
      "scenario, before --set (which may change them; the experiment's own overrides are\n"
      "checked against the scenario without them); the manifest lists each file with its\n"
      "SHA-256 in included_files, as it does the scenario's includes.\n" +
      std::string(kOutputFolderHelp));
  command->add_option("PATH", args->path, "experiment file or run folder")->required();
  command->add_option("--trials", args->trials, "number of trials (overrides the experiment)");
  command->add_option("--seed", args->seed, "master seed (overrides the experiment)")
      ->check(unsigned_64("--seed"));
  command->add_option("--threads", args->threads, "worker threads (default: all cores)")
      ->check(in_range("--threads", 1, kMaxThreads));
  command->add_option("--out", args->out, "output folder (default: out/<experiment id>)");
  command->add_option("--set", args->settings,
                      "field.path=value override of the scenario (repeatable)");
  command->add_option("--add-policy", args->policy_files,
                      "policy file to add to the scenario, or to replace its policy of that id "
                      "(repeatable)");
  command->add_flag("--trial-series", args->trial_series,
                    "keep every trial's series: trial_series.csv (outputs.trial_series)");
  command
      ->add_option("--max-output-size", args->max_output_size,
                   "most disk space --trial-series may take, e.g. 512MiB or 4GiB (default 1GiB)")
      ->check(byte_size("--max-output-size"));
  command->add_flag("--force", args->force, kForceHelp);
  command->add_flag("--quiet", args->quiet, "no progress on stderr");
  command->add_flag("--report", args->report,
                    "also write OUT/report.html, as 'reesim report OUT' does");
  command->add_option("--progress-interval", args->progress_interval, kProgressIntervalHelp)
      ->check(at_least("--progress-interval", 1));
  command->callback([&action, args] { action = [args] { return run(*args); }; });
}

}  // namespace reesim::app
