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

// `--report`: writes FOLDER/report.html from the finished run folder FOLDER and prints
// "report: <file>". Throws as report::write_report (experiment::InputError, std::runtime_error).
void write_folder_report(const std::string& folder);

// Exit codes.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitBadInput = 2;

}  // namespace reesim::app
