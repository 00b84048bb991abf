// reesim report: one self-contained HTML page about a finished run folder (DESIGN §5), and the
// `--report` of run, sweep, check and merge.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "app/commands.h"
#include "experiment/errors.h"
#include "report/report_folder.h"

namespace reesim::app {
namespace {

struct ReportArgs {
  std::string folder;
  std::string out;
};

int report(const ReportArgs& args) {
  const std::filesystem::path out = args.out.empty()
                                        ? std::filesystem::path(args.folder) / report::kReportFile
                                        : std::filesystem::path(args.out);
  try {
    report::write_report(args.folder, out);
  } catch (const experiment::InputError& e) {
    std::cerr << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "reesim report: " << e.what() << '\n';
    return kExitFailed;
  }
  std::cout << "report: " << out.string() << '\n';
  return kExitOk;
}

}  // namespace

void write_folder_report(const std::string& folder) {
  const std::filesystem::path out = std::filesystem::path(folder) / report::kReportFile;
  report::write_report(folder, out);
  std::cout << "report: " << out.string() << '\n';
}

void add_report_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<ReportArgs>();
  auto* command = app.add_subcommand(
      "report", "Write one self-contained HTML page about a finished run folder.");
  command->footer(
      "Reads DIR (a complete folder written by run, sweep, check --report or merge: its digest\n"
      "must match its results.pb) and writes one HTML file that loads nothing (styles, charts\n"
      "as inline SVG and one small script are in the page), readable from phone width up: what\n"
      "was run (experiment, scenario, seed, trials, version and commit, digest, overrides,\n"
      "included files), the calibration and series checks against their bands with pass/fail,\n"
      "a fan chart per recorded series (the quantile bands of series.csv and the median, with\n"
      "units; the first 5 trials' paths when the folder keeps trial series), the summary with\n"
      "95 % confidence intervals and, for a sweep, the sensitivity indices (from\n"
      "sensitivity.csv, else computed as 'reesim analyze' does for a Saltelli or Morris sweep;\n"
      "an index whose interval is wider than 0.2 or lies outside [0, 1] is flagged unresolved),\n"
      "main effects and the points table. run, sweep, check and merge write DIR/report.html\n"
      "after their outputs with --report. Exit 2 when DIR is not a complete run folder.");
  command->add_option("DIR", args->folder, "run folder, e.g. out/quickstart-2024")->required();
  command->add_option("--out", args->out, "HTML file to write (default: DIR/report.html)");
  command->callback([&action, args] { action = [args] { return report(*args); }; });
}

}  // namespace reesim::app
