// reesim merge: join the shards of a sweep into the result of the whole sweep (DESIGN §5, §7).
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/console.h"
#include "experiment/errors.h"
#include "experiment/merge.h"
#include "experiment/result_folder.h"
#include "experiment/shard.h"
#include "results/run_folder.h"
#include "results/writers.h"

namespace reesim::app {
namespace {

struct MergeArgs {
  std::vector<std::string> folders;
  std::string out;
  bool report = false;
  bool force = false;
};

int merge(const MergeArgs& args) {
  std::optional<results::RunFolder> out;
  try {
    out.emplace(args.out);
    if (!args.force) out->refuse_other_run();
  } catch (const results::FolderRefused& e) {
    std::cerr << "reesim merge: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "reesim merge: " << e.what() << '\n';
    return kExitFailed;
  }
  Results merged;
  std::vector<results::ExtraFile> extra;
  try {
    std::vector<experiment::ShardResult> shards;
    std::map<std::int64_t, std::filesystem::path> by_shard;  // folders in shard order
    for (const std::string& folder : args.folders) {
      shards.push_back({folder, experiment::read_result_folder(folder)});
      if (const auto shard =
              experiment::parse_shard(shards.back().results.manifest().shard()).shard)
        by_shard.emplace(shard->index, folder);
    }
    merged = experiment::merge_shards(std::move(shards));
    // The shards' per-trial series stay in their trial_series.csv (a sweep's results.pb holds
    // none): joined as files, in shard order.
    if (merged.manifest().experiment().outputs().trial_series() && merged.trial_series().empty()) {
      std::vector<std::filesystem::path> folders;
      for (const auto& [index, folder] : by_shard)
        folders.push_back(folder);
      extra.push_back(
          {std::string(results::kTrialSeriesFile), experiment::join_trial_series_csv(folders)});
    }
  } catch (const experiment::InputError& e) {
    std::cerr << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "reesim merge: " << e.what() << '\n';
    return kExitFailed;
  }
  try {
    out->write(merged, extra);
    if (args.report) write_folder_report(args.out);
  } catch (const std::exception& e) {
    std::cerr << "reesim merge: " << e.what() << '\n';
    return kExitFailed;
  }
  print_summary(merged);
  std::cout << "merged: " << merged.manifest().merged_shards() << " shards, "
            << merged.trials_size() << " trials\n"
            << "outputs: " << args.out << '\n'
            << "digest: " << merged.manifest().digest() << '\n';
  return kExitOk;
}

}  // namespace

void add_merge_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<MergeArgs>();
  auto* command = app.add_subcommand(
      "merge", "Merge the shards of a sweep into the result of the whole sweep.");
  command->footer(
      "Reads each shard folder's results.pb (a folder without its digest file did not finish and\n"
      "is refused), checks that the shards belong to one sweep (same reesim version and git\n"
      "commit, experiment and scenario, settings, seed and N) and that shards 1..N are each given\n"
      "once, concatenates their trials in job order and recomputes summary.csv, covariance.csv "
      "and\n"
      "points.csv. Shards run with --trial-series have their trial_series.csv files joined in\n"
      "shard order (the header once), byte for byte the unsharded sweep's.\n"
      "The merged manifest says shard \"1/1\" and merged_shards N. Prints\n"
      "'digest: <hex>' last: the digest of the sweep run in one piece. Exit 2, with one line "
      "naming\n"
      "the folder, when the shards do not fit together.\n" +
      std::string(kOutputFolderHelp));
  command->add_option("DIR", args->folders, "shard output folders, in any order")->required();
  command->add_option("--out", args->out, "merged output folder")->required();
  command->add_flag("--report", args->report,
                    "also write OUT/report.html, as 'reesim report OUT' does");
  command->add_flag("--force", args->force, kForceHelp);
  command->callback([&action, args] { action = [args] { return merge(*args); }; });
}

}  // namespace reesim::app
