#include <iostream>

#include "app/commands.h"

namespace reesim::app {
namespace {

// Registers a documented subcommand that is not implemented yet.
CLI::App* add_pending(CLI::App& app, Action& run, const std::string& name,
                      const std::string& description) {
  auto* command = app.add_subcommand(name, description + "\n(not available yet)");
  command->callback([&run, name] {
    run = [name] {
      std::cerr << "reesim " << name << ": not available yet\n";
      return kExitFailed;
    };
  });
  return command;
}

}  // namespace

void add_pending_commands(CLI::App& app, Action& run) {
  // Option values are parsed for usage errors only; the actions ignore them until implemented.
  static std::string path, out, shard;
  static std::vector<std::string> dirs;
  static bool resume = false;

  auto* sweep = add_pending(app, run, "sweep", "Run a parameter sweep, or one shard of it.");
  sweep->add_option("PATH", path, "experiment file or run folder")->required();
  sweep->add_option("--shard", shard, "K/N: run the K-th of N shares (default from Slurm)");
  sweep->add_option("--out", out, "output folder");
  sweep->add_flag("--resume", resume, "continue an interrupted sweep");

  auto* merge = add_pending(app, run, "merge", "Merge sweep shards into one result.");
  merge->add_option("DIR", dirs, "shard output folders")->required();
  merge->add_option("--out", out, "merged output folder")->required();

  add_pending(app, run, "analyze", "Sobol and Morris sensitivity indices of a sweep.")
      ->add_option("DIR", path, "sweep output folder")
      ->required();
}

}  // namespace reesim::app
