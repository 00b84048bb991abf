// reesim: agent-based Monte Carlo simulator of the rare-earth supply chain under geopolitics.
#include <iostream>

#include "app/commands.h"
#include "core/version.h"

int main(int argc, char** argv) {
  using namespace reesim::app;
  CLI::App app{
      "reesim: agent-based Monte Carlo simulator of the rare-earth supply chain under "
      "geopolitics.\n"
      "Exit codes: 0 ok, 1 a run failed, 2 bad input or usage.",
      "reesim"};
  app.set_version_flag("--version",
                       std::string(reesim::kVersion) + " (" + reesim::kGitCommit + ")");
  app.require_subcommand(1);
  app.fallthrough(false);

  Action action;
  add_validate_command(app, action);
  add_run_command(app, action);
  add_check_command(app, action);
  add_sweep_command(app, action);
  add_merge_command(app, action);
  add_analyze_command(app, action);
  add_reproduce_command(app, action);
  add_describe_command(app, action);
  add_report_command(app, action);
  add_bench_command(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "reesim: " << e.what() << "\nRun 'reesim --help' or 'reesim COMMAND --help'.\n";
    return kExitBadInput;
  }
  return action ? action() : kExitBadInput;
}
