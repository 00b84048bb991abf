// The `reesim` subcommands (DESIGN §5). Each `add_*` registers a subcommand on the CLI11 app and
// stores, in `run`, the action to call once the command line is parsed. Actions return the exit
// code: 0 ok, 1 a run failed, 2 bad input or usage.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace reesim::app {

using Action = std::function<int()>;

void add_validate_command(CLI::App& app, Action& run);
void add_run_command(CLI::App& app, Action& run);
void add_check_command(CLI::App& app, Action& run);
void add_reproduce_command(CLI::App& app, Action& run);
void add_bench_command(CLI::App& app, Action& run);
void add_sweep_command(CLI::App& app, Action& run);
void add_merge_command(CLI::App& app, Action& run);
void add_analyze_command(CLI::App& app, Action& run);
void add_describe_command(CLI::App& app, Action& run);
void add_report_command(CLI::App& app, Action& run);
void add_serve_command(CLI::App& app, Action& run);

// `--report`: writes FOLDER/report.html from the finished run folder FOLDER and prints
// "report: <file>". Throws as report::write_report (experiment::InputError, std::runtime_error).
void write_folder_report(const std::string& folder);

// --force of the commands that write an output folder, and what their help says about it.
inline constexpr const char* kForceHelp =
    "replace the run in the output folder (only reesim's own files; other files stay)";
inline constexpr const char* kOutputFolderHelp =
    "The output folder holds one run. One holding another run's files (digest, "
    "manifest.textproto,\n"
    "trials.csv, trial_series.csv, series.csv, summary.csv, covariance.csv, points.csv,\n"
    "results.pb, sensitivity.csv, .partial/) is refused (exit 2, naming them) unless --force,\n"
    "which replaces those and leaves every other file alone. The new run is written into\n"
    "OUT/.reesim-new-<pid>/ and moved into place once complete, digest last: a run killed before\n"
    "then leaves the old run whole. A second process writing to the same folder is refused\n"
    "(exit 2, naming its pid; the lock is the file .<folder name>.lock beside the folder).";

// --progress-interval of the commands that run trials.
inline constexpr const char* kProgressIntervalHelp =
    "seconds between progress lines when stderr is not a terminal (a log file; default 30)";

// Exit codes.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitBadInput = 2;

}  // namespace reesim::app
