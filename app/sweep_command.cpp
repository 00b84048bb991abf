// reesim sweep: run a parameter sweep, or one shard of it (DESIGN §5, §7).
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/console.h"
#include "experiment/checkpoints.h"
#include "experiment/errors.h"
#include "experiment/plan.h"
#include "experiment/shard.h"
#include "experiment/sweep_runner.h"
#include "results/writers.h"

namespace reesim::app {
namespace {

namespace fs = std::filesystem;

struct SweepArgs {
  std::string path;
  std::string shard;
  std::string out;
  bool resume = false;
  int threads = 0;
  std::optional<std::uint64_t> seed;
  std::vector<std::string> settings;
  bool quiet = false;
};

// The shard to run: --shard, else the Slurm array task's, else 1/1; nullopt after a message.
std::optional<experiment::Shard> choose_shard(const SweepArgs& args) {
  const experiment::ShardParse parsed =
      args.shard.empty()
          ? experiment::shard_from_slurm([](const char* name) -> std::optional<std::string> {
              const char* value = std::getenv(name);
              return value ? std::optional<std::string>(value) : std::nullopt;
            })
          : experiment::parse_shard(args.shard);
  if (!parsed.error.empty()) {
    std::cerr << "reesim sweep: " << parsed.error << '\n';
    return std::nullopt;
  }
  return parsed.shard.value_or(experiment::Shard{});
}

std::string default_out(const experiment::Plan& plan, const experiment::Shard& shard) {
  const std::string folder = "out/" + plan.experiment.id();
  if (shard.count == 1) return folder;
  return folder + "/shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count);
}

int sweep(const SweepArgs& args) {
  const auto shard = choose_shard(args);
  if (!shard) return kExitBadInput;
  config::Diagnostics diagnostics;
  const auto plan =
      experiment::load_plan(args.path, {std::nullopt, args.seed, args.settings}, diagnostics);
  if (!plan) {
    diagnostics.print(std::cerr);
    return kExitBadInput;
  }
  if (!plan->experiment.has_sweep()) {
    std::cerr << plan->experiment_path << ": sweep: the experiment declares no sweep; run it with "
              << "'reesim run " << args.path << "'\n";
    return kExitBadInput;
  }
  const fs::path out = args.out.empty() ? default_out(*plan, *shard) : args.out;
  const experiment::CheckpointFolder checkpoints(out);
  if (!args.resume && checkpoints.unfinished()) {
    std::cerr << out.string() << ": holds an unfinished sweep (checkpoints in "
              << checkpoints.path().string() << "); pass --resume to continue it, or remove "
              << checkpoints.path().string() << " to start again\n";
    return kExitBadInput;
  }
  Progress progress(!args.quiet, "jobs");
  experiment::SweepStats stats;
  Results results;
  try {
    // A folder without `digest` is incomplete: say so while the sweep runs.
    std::error_code ignored;
    fs::remove(out / results::kDigestFile, ignored);
    results = experiment::run_sweep(
        *plan, {args.threads, *shard, out, args.resume, std::ref(progress), &std::cerr}, &stats);
    results::write_run_outputs(out, results);
    checkpoints.remove();
  } catch (const experiment::InputError& e) {
    std::cerr << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "reesim sweep: " << args.path << ": " << e.what() << '\n';
    return kExitFailed;
  }
  print_summary(results);
  std::cout << "sweep: " << Design_Name(plan->experiment.sweep().design()) << ", " << stats.points
            << " points x " << stats.replicates << " replicates; shard " << shard->text()
            << ": jobs [" << stats.jobs.first << ", " << stats.jobs.last << ") of "
            << stats.points * stats.replicates << '\n';
  if (stats.resumed_jobs > 0)
    std::cout << "resumed: " << stats.resumed_jobs << " jobs from " << stats.resumed_blocks
              << " checkpoints\n";
  std::cout << "trials: " << results.trials_size() - stats.resumed_jobs << " run in "
            << std::setprecision(3) << stats.seconds << " s on " << stats.threads << " threads\n"
            << "outputs: " << out.string() << '\n'
            << "digest: " << results.manifest().digest() << '\n';
  return kExitOk;
}

}  // namespace

void add_sweep_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<SweepArgs>();
  auto* command = app.add_subcommand(
      "sweep", "Run a parameter sweep (an experiment with `sweep`), or one shard of it.");
  command->footer(
      "The sweep's design (grid, LHS, Sobol, Saltelli, Morris) gives P points; each runs R\n"
      "replicates (sweep.replicates, else the experiment's trials). Job j = point * R + "
      "replicate;\n"
      "replicate r of every point is trial r under the same seed (common random numbers).\n"
      "Shard K/N (1-based) runs jobs [floor((K-1)J/N), floor(KJ/N)) of the J = P*R jobs. Without\n"
      "--shard, a Slurm array task runs shard SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN + 1 of\n"
      "SLURM_ARRAY_TASK_COUNT; otherwise the whole sweep (1/1).\n"
      "Writes the files of 'reesim run' (series.csv holds only its header: series are not\n"
      "aggregated across points) plus points.csv (per point: its swept values and each scalar's\n"
      "mean over its replicates), and prints 'digest: <hex>' of the shard's trials last.\n"
      "While it runs, each finished block of jobs is checkpointed atomically in OUT/.partial/;\n"
      "--resume continues a killed sweep from them and gives the same digest as an uninterrupted\n"
      "run. Checkpoints of another sweep (experiment, scenario, settings, seed, shard, reesim\n"
      "version) are refused, and an unfinished folder is refused without --resume (exit 2).\n"
      "Join shards with 'reesim merge'; rank parameters with 'reesim analyze'.");
  command->add_option("PATH", args->path, "experiment file or run folder")->required();
  command->add_option("--shard", args->shard,
                      "K/N: run the K-th of N shares of the jobs (default: from Slurm, else 1/1)");
  command->add_option("--out", args->out,
                      "output folder (default: out/<experiment id>, or "
                      "out/<experiment id>/shard-K-of-N)");
  command->add_flag("--resume", args->resume, "continue an interrupted sweep from its checkpoints");
  command->add_option("--threads", args->threads, "worker threads (default: all cores)")
      ->check(CLI::PositiveNumber);
  command->add_option("--seed", args->seed, "master seed (overrides the experiment)");
  command->add_option("--set", args->settings,
                      "field.path=value override of the scenario (repeatable)");
  command->add_flag("--quiet", args->quiet, "no progress on stderr");
  command->callback([&action, args] { action = [args] { return sweep(*args); }; });
}

}  // namespace reesim::app
