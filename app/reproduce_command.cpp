// reesim reproduce: re-run a published run folder and compare it with the results recorded in the
// folder (DESIGN §4, §5), naming the first differing trial and column when they disagree.
#include <stdlib.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "app/commands.h"
#include "experiment/plan.h"
#include "experiment/runner.h"
#include "experiment/sweep_runner.h"
#include "results/csv_tables.h"
#include "results/writers.h"

namespace reesim::app {
namespace {

namespace fs = std::filesystem;

// The recorded results of a run folder, written by scripts/record-digests.sh.
constexpr std::string_view kExpectedDigestFile = "expected_digest";
constexpr std::string_view kExpectedTrialsFile = "expected_trials.csv";

struct ReproduceArgs {
  std::string path;
  int threads = 0;
  std::string out;
};

using Table = std::vector<std::vector<std::string>>;

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

// Splits RFC 4180 CSV text into rows of unquoted fields.
Table parse_csv(std::string_view text) {
  Table rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (!field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

// The trial a trials.csv row holds, in words: "trial T", or "point P, trial T" in a sweep.
std::string row_name(const std::vector<std::string>& row, bool sweep) {
  std::string name = sweep && row.size() > 1 ? "point " + row[1] + ", " : "";
  return name.append("trial ").append(row.front());
}

// The first difference between the recorded and the new trials.csv, in words; empty when none.
// Numbers are in shortest round-trip form, so equal text means equal bits.
std::string first_difference(const Table& expected, const Table& actual, bool sweep) {
  if (expected.empty() || actual.empty()) return "one of the trial tables is empty";
  const auto& names = expected.front();
  if (names != actual.front()) {
    for (std::size_t c = 0; c < names.size() && c < actual.front().size(); ++c)
      if (names[c] != actual.front()[c])
        return "column " + std::to_string(c + 1) + " is '" + names[c] + "' in " +
               std::string(kExpectedTrialsFile) + " but '" + actual.front()[c] + "' in the run";
    return std::string(kExpectedTrialsFile) + " has " + std::to_string(names.size()) +
           " columns, the run " + std::to_string(actual.front().size());
  }
  for (std::size_t r = 1; r < expected.size() && r < actual.size(); ++r) {
    for (std::size_t c = 0; c < names.size(); ++c) {
      const std::string want = c < expected[r].size() ? expected[r][c] : "";
      const std::string got = c < actual[r].size() ? actual[r][c] : "";
      if (want != got)
        return row_name(expected[r], sweep) + ", " + names[c] + ": expected " + want + ", got " +
               got;
    }
  }
  if (expected.size() != actual.size())
    return std::string(kExpectedTrialsFile) + " has " + std::to_string(expected.size() - 1) +
           " trials, the run " + std::to_string(actual.size() - 1);
  return {};
}

// Explains a digest mismatch from the recorded trials, when the folder has them.
std::string explain_mismatch(const fs::path& folder, const Results& results) {
  const fs::path file = folder / kExpectedTrialsFile;
  const auto recorded = read_text(file);
  if (!recorded) return "no " + file.string() + " to name the first differing trial";
  const bool sweep = results.manifest().experiment().has_sweep();
  const std::string difference =
      first_difference(parse_csv(*recorded), parse_csv(results::trials_csv(results)), sweep);
  if (!difference.empty()) return difference;
  return "every trial equals " + file.string() + " but the digest does not; the two files were " +
         "recorded from different runs: re-record them with scripts/record-digests.sh";
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

int reproduce(const ReproduceArgs& args) {
  const fs::path folder = args.path;
  std::error_code error;
  if (!fs::is_directory(folder, error)) {
    std::cerr << args.path << ": is not a run folder (a folder holding experiment.textproto and "
              << kExpectedDigestFile << ")\n";
    return kExitBadInput;
  }
  const auto expected = read_expected_digest(folder);
  if (!expected) return kExitBadInput;
  config::Diagnostics diagnostics;
  const auto plan = experiment::load_plan(args.path, {}, diagnostics);
  if (!plan) {
    diagnostics.print(std::cerr);
    return kExitBadInput;
  }
  Results results;
  try {
    if (plan->experiment.has_sweep()) {
      experiment::SweepOptions options;
      options.threads = args.threads;
      results = experiment::run_sweep(*plan, options);
    } else {
      results = experiment::run_plan(*plan, {args.threads, {}});
    }
    std::optional<TemporaryFolder> temporary;
    if (args.out.empty()) temporary.emplace();
    results::write_run_outputs(temporary ? temporary->path() : fs::path(args.out), results);
  } catch (const std::exception& e) {
    std::cerr << "reesim reproduce: " << args.path << ": " << e.what() << '\n';
    return kExitFailed;
  }
  const std::string& digest = results.manifest().digest();
  std::cout << "reproduce " << args.path << ": " << results.trials_size() << " trials, seed "
            << plan->experiment.seed() << '\n';
  if (!args.out.empty()) std::cout << "outputs: " << args.out << '\n';
  const bool match = digest == *expected;
  if (match) {
    std::cout << "match\n";
  } else {
    std::cout << "mismatch: " << explain_mismatch(folder, results) << '\n'
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
      "Runs the folder's experiment at its declared trials and seed (a sweep as 'reesim sweep'\n"
      "runs it, unsharded) and compares the run digest with the one recorded in the folder:\n"
      "  PATH/expected_digest      one line: the run digest, 64 lower-case hex digits, as printed\n"
      "                            by 'reesim run' ('digest: <hex>') and written to its 'digest'\n"
      "                            file, then a newline\n"
      "  PATH/expected_trials.csv  the recorded run's trials.csv; when the digests differ, its\n"
      "                            rows are compared with the new run's to name the first\n"
      "                            differing trial (point and trial in a sweep), column\n"
      "                            (parameter or scalar) and both values\n"
      "Prints 'match' and exits 0 when the digests agree; otherwise prints 'mismatch: ...' and\n"
      "exits 1. Exits 2 when the folder has no expected_digest or its input is invalid. The last\n"
      "line is 'digest: <hex>'. Outputs are written to a temporary folder, removed afterwards,\n"
      "unless --out is given. Record (or, after a model change, re-record) both files with\n"
      "  scripts/record-digests.sh [runs/NAME...]");
  command->add_option("PATH", args->path, "run folder, e.g. runs/baseline-2024")->required();
  command->add_option("--threads", args->threads, "worker threads (default: all cores)")
      ->check(CLI::PositiveNumber);
  command->add_option("--out", args->out, "keep the run's outputs in this folder");
  command->callback([&action, args] { action = [args] { return reproduce(*args); }; });
}

}  // namespace reesim::app
