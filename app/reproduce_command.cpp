// reesim reproduce: re-run a published run folder and compare it with the results recorded in the
// folder (DESIGN §4, §5), naming the first differing trial and column, or series and date, when
// they disagree (trial_diff.h).
#include <stdlib.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <google/protobuf/text_format.h>

#include "app/commands.h"
#include "app/options.h"
#include "app/recorded_inputs.h"
#include "app/trial_diff.h"
#include "experiment/errors.h"
#include "experiment/plan.h"
#include "experiment/runner.h"
#include "experiment/shard.h"
#include "experiment/sweep_runner.h"
#include "gateway/replay.h"
#include "results/csv_tables.h"
#include "results/run_folder.h"
#include "results/writers.h"
#include "sim/catalog.h"
#include "sim/external.h"

namespace reesim::app {
namespace {

namespace fs = std::filesystem;

struct ReproduceArgs {
  std::string path;
  int threads = 0;
  std::string out;
  bool force = false;
  std::string shard;  // "K/N": one shard of a sweep folder; empty: the whole run
};

std::optional<std::string> read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The digest in `file` (one line of 64 hex digits); nullopt after a one-line message on stderr.
std::optional<std::string> read_expected_digest(const fs::path& folder) {
  const fs::path file = folder / kExpectedDigestFile;
  std::error_code error;
  if (!fs::exists(file, error)) {
    std::cerr << file.string() << ": no such file: the folder has no recorded digest; record it "
              << "with scripts/record-digests.sh " << folder.string() << '\n';
    return std::nullopt;
  }
  const auto text = read_text(file);
  if (!text) {
    std::cerr << file.string() << ": cannot open\n";
    return std::nullopt;
  }
  std::string digest = text->substr(0, text->find('\n'));
  while (!digest.empty() && std::isspace(static_cast<unsigned char>(digest.back())))
    digest.pop_back();
  bool hex = digest.size() == 64;
  for (const char c : digest)
    hex = hex && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  if (!hex) {
    std::cerr << file.string() << ":1: expected one line of 64 lower-case hex digits, got '"
              << digest << "'\n";
    return std::nullopt;
  }
  return digest;
}

// Explains a digest mismatch from the recorded trials (and series), when the folder has them.
std::string explain_mismatch(const fs::path& folder, const Results& results) {
  const fs::path file = folder / kExpectedTrialsFile;
  const auto recorded = read_text(file);
  if (!recorded) return "no " + file.string() + " to name the first differing trial";
  const CsvTable expected_trials = parse_csv(*recorded);
  const CsvTable actual_trials = parse_csv(results::trials_csv(results));
  RecordedTrials tables{&expected_trials, &actual_trials};
  tables.parameters = results.parameter_names_size();
  tables.sweep = results.manifest().experiment().has_sweep();
  CsvTable expected_series;
  CsvTable actual_series;
  if (results.manifest().experiment().outputs().trial_series()) {
    if (const auto series = read_text(folder / kExpectedSeriesFile)) {
      expected_series = parse_csv(*series);
      actual_series = parse_csv(results::trial_series_csv(results));
      tables.expected_series = &expected_series;
      tables.actual_series = &actual_series;
    }
  }
  const std::string difference = first_difference(tables);
  if (!difference.empty()) return difference;
  return "every trial equals " + file.string() + " but the digest does not; the two files were " +
         "recorded from different runs: re-record them with scripts/record-digests.sh";
}

// Compares one shard's trials with their rows of the folder's expected_trials.csv (every column:
// parameters, scalars and series hash, as the text reesim writes); empty when they agree, else
// the first difference in words.
std::string shard_difference(const fs::path& folder, const Results& results) {
  const fs::path file = folder / kExpectedTrialsFile;
  const auto recorded = read_text(file);
  if (!recorded) return "no " + file.string() + " to compare the shard's trials with";
  const CsvTable all = parse_csv(*recorded);
  const CsvTable actual = parse_csv(results::trials_csv(results));
  if (all.empty() || actual.empty()) return file.string() + ": no header";
  // The recorded rows of the shard's trials, in the shard's order, by (point, trial).
  std::map<std::pair<std::string, std::string>, std::size_t> row_of;
  for (std::size_t r = 1; r < all.size(); ++r)
    if (all[r].size() >= 2) row_of[{all[r][1], all[r][0]}] = r;
  CsvTable expected = {all.front()};
  for (std::size_t r = 1; r < actual.size(); ++r) {
    const auto found =
        actual[r].size() >= 2 ? row_of.find({actual[r][1], actual[r][0]}) : row_of.end();
    if (found == row_of.end())
      return "point " + actual[r][1] + ", trial " + actual[r][0] + " is not in " + file.string();
    expected.push_back(all[found->second]);
  }
  RecordedTrials tables{&expected, &actual};
  tables.parameters = results.parameter_names_size();
  tables.sweep = true;
  return first_difference(tables);
}

// A fresh, empty folder under the system's temporary folder, removed with this object.
class TemporaryFolder {
 public:
  TemporaryFolder() {
    std::string name = (fs::temp_directory_path() / "reesim-reproduce-XXXXXX").string();
    if (::mkdtemp(name.data()) == nullptr)
      throw std::runtime_error(name + ": cannot create a temporary folder");
    path_ = name;
  }
  ~TemporaryFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;

  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Whether `folder` is an output folder (reesim run's, sweep's or merge's: a manifest and a digest)
// rather than a run folder (an experiment and its recorded expected_digest).
bool is_output_folder(const fs::path& folder) {
  std::error_code error;
  return fs::is_regular_file(folder / results::kManifestFile, error) &&
         fs::is_regular_file(folder / results::kDigestFile, error) &&
         !fs::is_regular_file(folder / "experiment.textproto", error);
}

// The differences between the build that made `recorded` and the one that made `now`, e.g.
// "commit 1a2b3c -> 4d5e6f"; empty when version, commit, compiler and flags agree.
std::string build_changes(const RunManifest& recorded, const RunManifest& now) {
  std::string changes;
  auto compare = [&](const char* what, const std::string& was, const std::string& is) {
    if (was == is) return;
    changes += (changes.empty() ? "" : ", ") + std::string(what) + " " + was + " -> " + is;
  };
  compare("version", recorded.version(), now.version());
  compare("commit", recorded.git_commit(), now.git_commit());
  compare("compiler", recorded.compiler(), now.compiler());
  compare("flags", recorded.compiler_flags(), now.compiler_flags());
  return changes;
}

// reproduce OUTDIR: re-runs an output folder from its manifest, the experiment and scenario as
// they were run (overrides and command-line settings applied), and compares the digest with its
// own. The inputs come from the manifest, so a different digest means a different model: the
// build that made it is named beside this one's.
int reproduce_output(const ReproduceArgs& args) {
  const fs::path folder = args.path;
  const auto text = read_text(folder / results::kManifestFile);
  RunManifest recorded;
  if (!text || !google::protobuf::TextFormat::ParseFromString(*text, &recorded) ||
      !recorded.has_experiment() || !recorded.has_scenario() || recorded.digest().empty()) {
    std::cerr << (folder / results::kManifestFile).string()
              << ": not a manifest reesim wrote (no experiment, scenario or digest)\n";
    return kExitBadInput;
  }
  if (recorded.shard() != "1/1") {
    std::cerr << (folder / results::kManifestFile).string() << ": shard: " << recorded.shard()
              << " is one shard of a sweep; reproduce the merged folder ('reesim merge') or the "
              << "whole sweep\n";
    return kExitBadInput;
  }
  experiment::Plan plan;
  plan.experiment_path = (folder / results::kManifestFile).string();
  plan.scenario_path = (folder / results::kManifestFile).string();
  plan.experiment_sha256 = recorded.experiment_sha256();
  plan.scenario_sha256 = recorded.scenario_sha256();
  plan.experiment = recorded.experiment();
  plan.scenario = recorded.scenario();
  plan.included_files.assign(recorded.included_files().begin(), recorded.included_files().end());
  Results results;
  try {
    if (plan.experiment.has_sweep()) {
      experiment::SweepOptions options;
      options.threads = args.threads;
      results = experiment::run_sweep(plan, options);
    } else {
      // A game served by `reesim serve`: its recorded actions play the clients' agents again.
      std::optional<world::World> world;
      std::optional<gateway::Replay> replay;
      experiment::RunOptions options{args.threads, {}};
      const fs::path actions = folder / results::kActionsFile;
      if (fs::exists(actions)) {
        world.emplace(plan.scenario, sim::catalog());
        try {
          replay.emplace(*world, gateway::read_action_log(actions.string()));
        } catch (const std::exception& e) {  // unreadable, or not this scenario's game
          std::cerr << actions.string() << ": " << e.what() << '\n';
          return kExitBadInput;
        }
        options.external = [&](std::uint64_t trial) { return replay->trial(trial); };
      }
      results = experiment::run_plan(plan, options);
    }
  } catch (const experiment::InputError& e) {
    std::cerr << "reesim reproduce: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "reesim reproduce: " << args.path << ": " << e.what() << '\n';
    return kExitFailed;
  }
  const std::string& digest = results.manifest().digest();
  std::cout << "reproduce " << args.path << ": " << results.trials_size() << " trials, seed "
            << plan.experiment.seed() << ", from its manifest\n";
  const bool match = digest == recorded.digest();
  if (match) {
    std::cout << "match\n";
  } else {
    const std::string changes = build_changes(recorded, results.manifest());
    std::cout << "mismatch: "
              << (changes.empty()
                      ? "the same inputs and the same build give another digest: a run that is "
                        "not reproducible; please report it"
                      : "the model changed (the inputs are the manifest's, as run): " + changes)
              << '\n'
              << "recorded digest: " << recorded.digest() << '\n';
  }
  std::cout << "digest: " << digest << '\n';
  return match ? kExitOk : kExitFailed;
}

int reproduce(const ReproduceArgs& args) {
  const fs::path folder = args.path;
  std::error_code error;
  if (fs::is_directory(folder, error) && is_output_folder(folder)) return reproduce_output(args);
  if (!fs::is_directory(folder, error)) {
    std::cerr << args.path << ": is not a run folder (a folder holding experiment.textproto and "
              << kExpectedDigestFile << ")\n";
    return kExitBadInput;
  }
  const auto expected = read_expected_digest(folder);
  if (!expected) return kExitBadInput;
  config::Diagnostics diagnostics;
  auto plan = experiment::load_plan(args.path, {}, diagnostics);
  if (!plan) {
    diagnostics.print(std::cerr);
    return kExitBadInput;
  }
  const InputChanges inputs = compare_recorded_inputs(folder, *plan);
  if (inputs.malformed) return kExitBadInput;
  std::optional<experiment::Shard> shard;
  if (!args.shard.empty()) {
    const experiment::ShardParse parsed = experiment::parse_shard(args.shard);
    if (!parsed.shard) {
      std::cerr << "reesim reproduce: --shard: " << parsed.error << '\n';
      return kExitBadInput;
    }
    if (!plan->experiment.has_sweep()) {
      std::cerr << "reesim reproduce: " << args.path << ": --shard needs a sweep's folder; this "
                << "experiment has no sweep\n";
      return kExitBadInput;
    }
    shard = parsed.shard;
  }
  // With recorded per-trial series, keep the re-run's too, to name a differing series and date
  // (a sweep keeps none).
  if (!plan->experiment.has_sweep() && fs::is_regular_file(folder / kExpectedSeriesFile, error))
    plan->experiment.mutable_outputs()->set_trial_series(true);
  std::optional<results::RunFolder> out_folder;  // with --out
  try {
    if (!args.out.empty()) {
      out_folder.emplace(args.out);
      if (!args.force) out_folder->refuse_other_run();
    }
  } catch (const results::FolderRefused& e) {
    std::cerr << "reesim reproduce: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "reesim reproduce: " << e.what() << '\n';
    return kExitFailed;
  }
  Results results;
  try {
    if (plan->experiment.has_sweep()) {
      experiment::SweepOptions options;
      options.threads = args.threads;
      if (shard) options.shard = *shard;
      results = experiment::run_sweep(*plan, options);
    } else {
      results = experiment::run_plan(*plan, {args.threads, {}});
    }
    if (out_folder) {
      out_folder->write(results);
    } else {
      const TemporaryFolder temporary;
      results::write_run_outputs(temporary.path(), results);
    }
  } catch (const experiment::InputError& e) {
    std::cerr << "reesim reproduce: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "reesim reproduce: " << args.path << ": " << e.what() << '\n';
    return kExitFailed;
  }
  const std::string& digest = results.manifest().digest();
  std::cout << "reproduce " << args.path << ": " << results.trials_size() << " trials, seed "
            << plan->experiment.seed() << '\n';
  if (!args.out.empty()) std::cout << "outputs: " << args.out << '\n';
  if (shard) {
    // The recorded digest covers the whole sweep; a shard is checked trial by trial.
    const std::string difference = results.trials_size() == 0
                                       ? "shard " + shard->text() + " holds no trials"
                                       : shard_difference(folder, results);
    if (difference.empty())
      std::cout << "match: shard " << shard->text() << "'s " << results.trials_size()
                << " trials equal their rows of " << (folder / kExpectedTrialsFile).string()
                << '\n';
    else
      std::cout << "mismatch: " << difference << '\n' << mismatch_cause(folder, inputs) << '\n';
    std::cout << "digest: " << digest << '\n';
    return difference.empty() ? kExitOk : kExitFailed;
  }
  const bool match = digest == *expected;
  if (match) {
    std::cout << "match\n";
  } else {
    std::cout << "mismatch: " << explain_mismatch(folder, results) << '\n'
              << mismatch_cause(folder, inputs) << '\n'
              << "expected digest: " << *expected << " (" << (folder / kExpectedDigestFile).string()
              << ")\n";
  }
  std::cout << "digest: " << digest << '\n';
  return match ? kExitOk : kExitFailed;
}

}  // namespace

void add_reproduce_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<ReproduceArgs>();
  auto* command = app.add_subcommand(
      "reproduce", "Re-run a published run folder and compare it with its recorded digest.");
  command->footer(
      "PATH may also be an output folder of 'reesim run', 'sweep' or 'merge' (manifest.textproto\n"
      "and digest, no experiment.textproto): it is re-run from its manifest, the experiment and\n"
      "scenario as they were run, and compared with its own digest; on a mismatch the model\n"
      "changed, and the build that wrote the folder is named beside this one. A folder of\n"
      "'reesim serve' holds actions.pb: the clients' recorded actions are replayed, no client\n"
      "needed.\n"
      "Runs the folder's experiment at its declared trials and seed (a sweep as 'reesim sweep'\n"
      "runs it, unsharded) and compares the run digest with the one recorded in the folder:\n"
      "  PATH/expected_digest      one line: the run digest, 64 lower-case hex digits, as printed\n"
      "                            by 'reesim run' ('digest: <hex>') and written to its 'digest'\n"
      "                            file, then a newline\n"
      "  PATH/expected_trials.csv  the recorded run's trials.csv; when the digests differ, its\n"
      "                            rows are compared with the new run's to name the first\n"
      "                            differing trial (point and trial in a sweep), column\n"
      "                            (parameter, scalar or series_sha256) and both values\n"
      "  PATH/expected_series.csv  optional, not for a sweep: the recorded run's trial_series.csv\n"
      "                            ('reesim run --trial-series'); with it the re-run keeps its\n"
      "                            series too, and a trial whose series differ is named by the\n"
      "                            earliest date at which one differs, the series and both\n"
      "                            values, e.g. 'mismatch: trial 3, series price_ndpr,\n"
      "                            2024-03-04: expected 61.5, got 61.25'\n"
      "  PATH/expected_includes    only for a scenario with includes: '<sha256>  <path>' per\n"
      "                            included file (as the manifest's included_files); before\n"
      "                            the run, a file whose SHA-256 now differs is reported as\n"
      "                            'included file changed: PATH: sha256 NEW, recorded OLD ...'\n"
      "  PATH/expected_inputs      '<sha256>  <path>' for experiment.textproto and the scenario\n"
      "                            file it names; on a mismatch the line after 'mismatch: ...'\n"
      "                            says why: 'inputs changed: FILE (sha256 NEW, recorded OLD in\n"
      "                            ...)' for each changed input (included files too), or 'model\n"
      "                            changed: ...' when every input is as recorded\n"
      "In the first differing trial a parameter is named before its series, and its series\n"
      "before its scalars. Prints 'match' and exits 0 when the digests agree; otherwise prints\n"
      "'mismatch: ...' and exits 1. Exits 2 when the folder has no expected_digest or its input "
      "is\n"
      "invalid. The last line is 'digest: <hex>'. --shard K/N (a sweep's folder) re-runs one\n"
      "shard and compares each of its trials with its row of expected_trials.csv instead of the\n"
      "digest ('match: shard K/N's T trials equal their rows of ...'), for a quick check of a\n"
      "large sweep; the last line is then the shard's digest. Outputs are written to a temporary "
      "folder,\n"
      "removed afterwards, unless --out is given. Record (or, after a model change, re-record)\n"
      "the files with\n"
      "  scripts/record-digests.sh [runs/NAME...]\n"
      "--out: " +
      std::string(kOutputFolderHelp));
  command->add_option("PATH", args->path, "run folder, e.g. runs/baseline-2024")->required();
  command->add_option("--threads", args->threads, "worker threads (default: all cores)")
      ->check(in_range("--threads", 1, kMaxThreads));
  command->add_option("--out", args->out, "keep the run's outputs in this folder");
  command->add_flag("--force", args->force, kForceHelp);
  command->add_option("--shard", args->shard,
                      "K/N: a sweep folder only: re-run shard K of N and compare each of its "
                      "trials with its row of expected_trials.csv (every column, the series hash "
                      "included); the digest printed is the shard's");
  command->callback([&action, args] { action = [args] { return reproduce(*args); }; });
}

}  // namespace reesim::app
