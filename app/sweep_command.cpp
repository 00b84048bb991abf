// reesim sweep: run a parameter sweep, or one shard of it (DESIGN §5, §7).
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/console.h"
#include "app/options.h"
#include "experiment/checkpoints.h"
#include "experiment/errors.h"
#include "experiment/plan.h"
#include "experiment/shard.h"
#include "experiment/sweep_runner.h"
#include "results/run_folder.h"
#include "results/writers.h"

#ifdef REESIM_WITH_MPI
#include <algorithm>

#include "app/mpi_job.h"
#include "experiment/merge.h"
#endif

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
  std::vector<std::string> policy_files;
  std::optional<std::int64_t> replicates;
  bool force = false;
  bool quiet = false;
  int progress_interval = Progress::kDefaultProgressInterval;
  bool mpi = false;
  bool report = false;
  bool trial_series = false;
  std::string max_output_size;  // empty: experiment::kDefaultMaxOutputBytes
};

// The sweep options every shard shares: --max-output-size.
std::uint64_t max_output_bytes(const SweepArgs& args) {
  return args.max_output_size.empty() ? experiment::kDefaultMaxOutputBytes
                                      : parse_byte_size(args.max_output_size).value();
}

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

// The plan of the sweep `args` names; nullopt after a message on `errors`.
std::optional<experiment::Plan> load_sweep(const SweepArgs& args, std::ostream& errors) {
  config::Diagnostics diagnostics;
  auto plan = experiment::load_plan(args.path,
                                    {std::nullopt, args.seed, args.settings, args.trial_series,
                                     args.policy_files, args.replicates},
                                    diagnostics);
  if (!plan) {
    diagnostics.print(errors);
    return std::nullopt;
  }
  if (!plan->experiment.has_sweep()) {
    errors << plan->experiment_path << ": sweep: the experiment declares no sweep; run it with "
           << "'reesim run " << args.path << "'\n";
    return std::nullopt;
  }
  return plan;
}

// Why a folder holding the checkpoints of an unfinished sweep is refused without --resume.
std::string unfinished(const fs::path& out, const experiment::CheckpointFolder& checkpoints) {
  return out.string() + ": holds an unfinished sweep (checkpoints in " +
         checkpoints.path().string() + "); pass --resume to continue it, or remove " +
         checkpoints.path().string() + " to start again";
}

// What ran, on stdout: the summary table, the sweep and its share of the jobs (`split`, e.g.
// "shard 2/3"), the trials run, where (`threads`, e.g. "4 threads"), and the digest last.
void print_sweep(const experiment::Plan& plan, const Results& results,
                 const experiment::SweepStats& stats, const std::string& split,
                 const std::string& threads, const fs::path& out) {
  print_summary(results);
  std::cout << "sweep: " << Design_Name(plan.experiment.sweep().design()) << ", " << stats.points
            << " points x " << stats.replicates << " replicates; " << split << ": jobs ["
            << stats.jobs.first << ", " << stats.jobs.last << ") of "
            << stats.points * stats.replicates << '\n';
  if (stats.resumed_jobs > 0)
    std::cout << "resumed: " << stats.resumed_jobs << " jobs from " << stats.resumed_blocks
              << " checkpoints\n";
  std::cout << "trials: " << results.trials_size() - stats.resumed_jobs << " run in "
            << std::setprecision(3) << stats.seconds << " s on " << threads << '\n'
            << "outputs: " << out.string() << '\n'
            << "digest: " << results.manifest().digest() << '\n';
}

int sweep(const SweepArgs& args) {
  const auto shard = choose_shard(args);
  if (!shard) return kExitBadInput;
  const auto plan = load_sweep(args, std::cerr);
  if (!plan) return kExitBadInput;
  const fs::path out = args.out.empty() ? default_out(*plan, *shard) : args.out;
  std::optional<results::RunFolder> folder;
  const experiment::CheckpointFolder checkpoints(out);
  try {
    folder.emplace(out);
    if (!args.resume && checkpoints.unfinished()) {
      std::cerr << unfinished(out, checkpoints) << '\n';
      return kExitBadInput;
    }
    // A resumed sweep continues its own folder: the run it replaces was accepted when it began.
    if (!args.force && !(args.resume && checkpoints.unfinished())) folder->refuse_other_run();
  } catch (const results::FolderRefused& e) {
    std::cerr << "reesim sweep: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "reesim sweep: " << e.what() << '\n';
    return kExitFailed;
  }
  Progress progress(!args.quiet, "jobs", std::chrono::seconds(args.progress_interval));
  experiment::SweepStats stats;
  Results results;
  try {
    experiment::SweepOptions options{args.threads,       *shard,    out, args.resume,
                                     std::ref(progress), &std::cerr};
    options.max_output_bytes = max_output_bytes(args);
    results = experiment::run_sweep(*plan, options, &stats);
    folder->write(results);  // the checkpoints, among the folder's own entries, go with the old run
    checkpoints.remove();
    if (args.report) write_folder_report(out.string());
  } catch (const experiment::InputError& e) {
    std::cerr << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "reesim sweep: " << args.path << ": " << e.what() << '\n';
    return kExitFailed;
  }
  print_sweep(*plan, results, stats, "shard " + shard->text(),
              std::to_string(stats.threads) + " threads", out);
  return kExitOk;
}

#ifdef REESIM_WITH_MPI

// Where rank `shard` of an MPI sweep writing to `out` keeps its checkpoints.
fs::path rank_folder(const fs::path& out, const experiment::Shard& shard) {
  return out / ".mpi" /
         ("shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count));
}

// This rank's share of an MPI sweep: shard rank+1 of N, checkpointed in its rank folder; nothing
// to run when `run` is false (another rank could not start).
RankReport run_rank(const SweepArgs& args, const experiment::Plan& plan, const MpiJob& job,
                    const fs::path& out, bool run) {
  RankReport report;
  if (!run) return report;
  const experiment::Shard shard{job.rank() + 1, job.size()};
  const int threads = args.threads > 0 ? args.threads : job.default_threads();
  Progress progress(!args.quiet && job.rank() == 0, "jobs",
                    std::chrono::seconds(args.progress_interval));
  std::ostringstream notes;  // about discarded checkpoints
  try {
    experiment::SweepOptions options{
        threads, shard, rank_folder(out, shard), args.resume, std::ref(progress), &notes};
    options.max_output_bytes = max_output_bytes(args);
    report.results = experiment::run_sweep(plan, options, &report.stats);
  } catch (const experiment::InputError& e) {
    report = {kExitBadInput, e.what(), {}, {}};
  } catch (const std::exception& e) {
    report = {kExitFailed, "reesim sweep: " + args.path + ": " + e.what(), {}, {}};
  }
  // The notes, each line naming the rank, in one write (which mpirun passes on in one piece).
  std::istringstream lines(notes.str());
  std::string text;
  for (std::string line; std::getline(lines, line);)
    text += "rank " + std::to_string(job.rank()) + ": " + line + '\n';
  std::cerr << text;
  return report;
}

// `reesim sweep --mpi`: rank r of an MPI job of N ranks runs shard r+1 of N (checkpointed in
// OUT/.mpi/shard-K-of-N); rank 0 gathers the shards' results, merges them as `reesim merge` does
// (so the digest is the unsharded sweep's), writes the outputs and prints the report. Every rank
// exits with the status of the first rank that failed, whose message rank 0 prints.
int sweep_mpi(const SweepArgs& args) {
  const MpiJob job;
  const bool root = job.rank() == 0;
  const experiment::Shard shard{job.rank() + 1, job.size()};

  // Start: every rank loads the plan and checks its checkpoint folder; none runs unless all can.
  RankReport setup;
  std::ostringstream errors;
  const auto plan = load_sweep(args, errors);
  fs::path out;
  if (!plan) {
    setup = {kExitBadInput, errors.str(), {}, {}};
  } else {
    out = args.out.empty() ? default_out(*plan, experiment::Shard{}) : args.out;
    const experiment::CheckpointFolder checkpoints(rank_folder(out, shard));
    if (!args.resume && checkpoints.unfinished())
      setup = {kExitBadInput, unfinished(out, checkpoints), {}, {}};
  }
  std::optional<results::RunFolder> folder;  // rank 0's: it writes the outputs
  if (root && setup.status == 0) {
    try {
      folder.emplace(out);
      const bool resumed =
          args.resume && experiment::CheckpointFolder(rank_folder(out, shard)).unfinished();
      if (!args.force && !resumed) folder->refuse_other_run();
    } catch (const results::FolderRefused& e) {
      setup = {kExitBadInput, std::string("reesim sweep: ") + e.what(), {}, {}};
    } catch (const std::exception& e) {
      setup = {kExitFailed, std::string("reesim sweep: ") + e.what(), {}, {}};
    }
  }
  const bool all_ready = job.max_status(setup.status) == 0;
  std::vector<RankReport> reports =
      job.gather(setup.status != 0 ? std::move(setup) : run_rank(args, *plan, job, out, all_ready));

  int status = kExitOk;
  Results merged;
  experiment::SweepStats stats;
  if (root) {
    const auto failed = std::find_if(reports.begin(), reports.end(),
                                     [](const RankReport& r) { return r.status != 0; });
    if (failed != reports.end()) {
      const auto rank = failed - reports.begin();
      // In one write, which mpirun passes on in one piece.
      std::string message = failed->message;
      while (!message.empty() && message.back() == '\n')
        message.pop_back();
      std::cerr << (rank == 0 ? "" : "rank " + std::to_string(rank) + ": ") + message + '\n';
      status = failed->status;
    } else {
      try {
        std::vector<experiment::ShardResult> shards;
        for (std::size_t r = 0; r < reports.size(); ++r)
          shards.push_back({"rank " + std::to_string(r), std::move(reports[r].results)});
        merged = experiment::merge_shards(std::move(shards));
        folder->write(merged);
        if (args.report) write_folder_report(out.string());
      } catch (const experiment::InputError& e) {
        std::cerr << e.what() << '\n';
        status = kExitBadInput;
      } catch (const std::exception& e) {
        std::cerr << "reesim sweep: " << args.path << ": " << e.what() << '\n';
        status = kExitFailed;
      }
      stats.points = reports.front().stats.points;
      stats.replicates = reports.front().stats.replicates;
      stats.jobs = {0, stats.points * stats.replicates};
      for (const RankReport& r : reports) {
        stats.resumed_jobs += r.stats.resumed_jobs;
        stats.resumed_blocks += r.stats.resumed_blocks;
        stats.threads += r.stats.threads;
        stats.seconds = std::max(stats.seconds, r.stats.seconds);
      }
    }
  }
  status = job.broadcast(status);
  if (status != kExitOk) return status;

  // Done: the checkpoints go (each rank's own, then, once all are gone, the folder).
  std::error_code ignored;
  fs::remove_all(rank_folder(out, shard), ignored);
  job.barrier();
  if (!root) return kExitOk;
  fs::remove(out / ".mpi", ignored);
  print_sweep(
      *plan, merged, stats, "shard 1/1 merged from " + std::to_string(job.size()) + " MPI ranks",
      std::to_string(stats.threads) + " threads in " + std::to_string(job.size()) + " MPI ranks",
      out);
  return kExitOk;
}

#endif  // REESIM_WITH_MPI

// `reesim sweep --mpi`, or why this build cannot.
int sweep_mpi_or_refuse(const SweepArgs& args) {
#ifdef REESIM_WITH_MPI
  return sweep_mpi(args);
#else
  (void)args;
  std::cerr << "reesim sweep: --mpi: reesim was built without MPI (configure with "
               "-DREESIM_MPI=ON)\n";
  return kExitBadInput;
#endif
}

}  // namespace

void add_sweep_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<SweepArgs>();
  auto* command = app.add_subcommand(
      "sweep", "Run a parameter sweep (an experiment with `sweep`), or one shard of it.");
  command->footer(
      "The sweep's design (grid, LHS, Sobol, Saltelli, Morris) gives P points; each runs R\n"
      "replicates (--replicates, else sweep.replicates, else the experiment's trials; the "
      "manifest\n"
      "records the experiment as run). Job j = point * R + "
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
      "run. Checkpoints of another sweep (experiment, scenario, settings, --add-policy files,\n"
      "seed, shard, reesim version) are refused, and an unfinished folder is refused without\n"
      "--resume (exit 2). Every shard of a sweep needs the same --add-policy files.\n"
      "--trial-series (or outputs { trial_series: true }) also writes trial_series.csv, every\n"
      "trial's series (tidy: point,trial,metric,key,date,value), in trial_series.csv only (not in\n"
      "results.pb, as they grow with points x replicates); the line of their size is printed on\n"
      "stderr before the jobs start, and a shard whose series would take more than\n"
      "--max-output-size is refused (exit 2). Each shard writes its own trials' rows; 'reesim\n"
      "merge' joins them in shard order. The digest is the same with or without them.\n"
      "Join shards with 'reesim merge'; rank parameters with 'reesim analyze'.\n"
      "--mpi (builds with -DREESIM_MPI=ON): 'mpirun -np N build/reesim sweep PATH --mpi' runs\n"
      "shard r+1/N on rank r (not the Slurm array's; checkpointed in OUT/.mpi/shard-K-of-N, so\n"
      "--resume needs the same N), gathers the shards' results to rank 0 and merges them as\n"
      "'reesim merge' does: rank 0 writes OUT (default out/<experiment id>; manifest shard\n"
      "\"1/1\", merged_shards N) and prints 'digest: <hex>' of the whole sweep last; the other\n"
      "ranks print nothing on stdout. If any rank fails, rank 0 prints its message and every\n"
      "rank exits with its status.\n" +
      std::string(kOutputFolderHelp) +
      "\nA resumed sweep (--resume with checkpoints in OUT/.partial/) continues its own folder "
      "and\n"
      "needs no --force.");
  command->add_option("PATH", args->path, "experiment file or run folder")->required();
  auto* shard = command->add_option(
      "--shard", args->shard,
      "K/N: run the K-th of N shares of the jobs (default: from Slurm, else 1/1)");
  command
      ->add_flag("--mpi", args->mpi,
                 "split the sweep over the ranks of an MPI job (mpirun -np N reesim sweep ... "
                 "--mpi); needs a build configured with -DREESIM_MPI=ON")
      ->excludes(shard);
  command->add_option("--out", args->out,
                      "output folder (default: out/<experiment id>, or "
                      "out/<experiment id>/shard-K-of-N)");
  command->add_flag("--resume", args->resume, "continue an interrupted sweep from its checkpoints");
  command
      ->add_option("--threads", args->threads,
                   "worker threads (default: all cores; with --mpi, per rank: its cores "
                   "shared with the node's other ranks)")
      ->check(in_range("--threads", 1, kMaxThreads));
  command->add_option("--seed", args->seed, "master seed (overrides the experiment)")
      ->check(unsigned_64("--seed"));
  command
      ->add_option("--replicates", args->replicates,
                   "replicates per point (overrides sweep.replicates; e.g. 1 for a quick smoke "
                   "run)")
      ->check(at_least("--replicates", 1));
  command->add_option("--set", args->settings,
                      "field.path=value override of the scenario (repeatable)");
  command->add_option("--add-policy", args->policy_files,
                      "policy file to add to the scenario, or to replace its policy of that id, "
                      "as for 'reesim run' (repeatable)");
  command->add_flag("--trial-series", args->trial_series,
                    "keep every trial's series: trial_series.csv (outputs.trial_series)");
  command
      ->add_option("--max-output-size", args->max_output_size,
                   "most disk space --trial-series may take per shard, e.g. 512MiB or 4GiB "
                   "(default 1GiB)")
      ->check(byte_size("--max-output-size"));
  command->add_flag("--force", args->force, kForceHelp);
  command->add_flag("--quiet", args->quiet, "no progress on stderr");
  command->add_flag("--report", args->report,
                    "also write OUT/report.html, as 'reesim report OUT' does");
  command->add_option("--progress-interval", args->progress_interval, kProgressIntervalHelp)
      ->check(at_least("--progress-interval", 1));
  command->callback([&action, args] {
    action = [args] { return args->mpi ? sweep_mpi_or_refuse(*args) : sweep(*args); };
  });
}

}  // namespace reesim::app
