#include "app/recorded_inputs.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <vector>

namespace reesim::app {
namespace {

namespace fs = std::filesystem;

struct RecordedFile {
  std::string sha256;
  std::string path;
};

// The lines of a record ("<64 hex>  PATH" each): nullopt when the file is absent; `malformed`
// set after a one-line message on stderr naming the file and line.
std::optional<std::vector<RecordedFile>> read_record(const fs::path& file, bool& malformed) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::vector<RecordedFile> recorded;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    bool hex = line.size() > 66 && line.compare(64, 2, "  ") == 0;
    for (std::size_t i = 0; hex && i < 64; ++i)
      hex = (line[i] >= '0' && line[i] <= '9') || (line[i] >= 'a' && line[i] <= 'f');
    if (!hex) {
      std::cerr << file.string() << ":" << number
                << ": expected '<64 lower-case hex digits>  <path>', got '" << line << "'\n";
      malformed = true;
      return std::vector<RecordedFile>{};
    }
    recorded.push_back({line.substr(0, 64), line.substr(66)});
  }
  return recorded;
}

// A file read now: its path as recorded and its SHA-256.
struct ReadFile {
  std::string path;
  std::string sha256;
};

// Each difference between `now` and `recorded` (from `record`) in words, one per file: changed,
// not recorded, or recorded but no longer read.
std::vector<std::string> differences(const std::vector<ReadFile>& now,
                                     const std::vector<RecordedFile>& recorded,
                                     const std::string& record) {
  std::vector<std::string> changed;
  for (const ReadFile& file : now) {
    const auto found = std::find_if(recorded.begin(), recorded.end(),
                                    [&](const RecordedFile& r) { return r.path == file.path; });
    if (found == recorded.end())
      changed.push_back(file.path + " (sha256 " + file.sha256 + ", not in " + record + ")");
    else if (found->sha256 != file.sha256)
      changed.push_back(file.path + " (sha256 " + file.sha256 + ", recorded " + found->sha256 +
                        " in " + record + ")");
  }
  for (const RecordedFile& r : recorded)
    if (std::none_of(now.begin(), now.end(), [&](const ReadFile& f) { return f.path == r.path; }))
      changed.push_back(r.path + " (recorded in " + record + ", no longer read)");
  return changed;
}

// One line on stdout for each included file whose SHA-256 differs from the folder's record (or
// that is included but not recorded, or recorded but no longer included). Adds them to `changes`.
void compare_included_files(const fs::path& folder, const experiment::Plan& plan,
                            InputChanges& changes) {
  const fs::path file = folder / kExpectedIncludesFile;
  const auto recorded = read_record(file, changes.malformed);
  if (changes.malformed) return;
  const std::string record = file.string();
  if (!recorded) {
    if (!plan.included_files.empty()) {
      changes.complete = false;
      std::cout << "note: " << folder.string()
                << " records no SHA-256 of the files its scenario includes ("
                << kExpectedIncludesFile
                << "), so a changed one is not named; record them with scripts/record-digests.sh "
                << folder.string() << '\n';
    }
    return;
  }
  for (const IncludedFile& included : plan.included_files) {
    const auto found = std::find_if(recorded->begin(), recorded->end(), [&](const RecordedFile& r) {
      return r.path == included.path();
    });
    if (found == recorded->end())
      std::cout << "included file not recorded: " << included.path() << " (sha256 "
                << included.sha256() << ") is not in " << record << '\n';
    else if (found->sha256 != included.sha256())
      std::cout << "included file changed: " << included.path() << ": sha256 " << included.sha256()
                << ", recorded " << found->sha256 << " in " << record << '\n';
  }
  for (const RecordedFile& r : *recorded) {
    const bool included = std::any_of(plan.included_files.begin(), plan.included_files.end(),
                                      [&](const IncludedFile& f) { return f.path() == r.path; });
    if (!included)
      std::cout << "included file no longer included: " << r.path << " (recorded in " << record
                << ")\n";
  }
  std::vector<ReadFile> now;
  for (const IncludedFile& included : plan.included_files)
    now.push_back({included.path(), included.sha256()});
  for (std::string& changed : differences(now, *recorded, record))
    changes.changed.push_back(std::move(changed));
}

}  // namespace

InputChanges compare_recorded_inputs(const fs::path& folder, const experiment::Plan& plan) {
  InputChanges changes;
  compare_included_files(folder, plan, changes);
  if (changes.malformed) return changes;
  const fs::path file = folder / kExpectedInputsFile;
  const auto recorded = read_record(file, changes.malformed);
  if (changes.malformed) return changes;
  if (!recorded) {
    changes.complete = false;
    return changes;
  }
  // The experiment is the folder's experiment.textproto; the scenario is named as the experiment
  // names it, relative to the same folder.
  const std::vector<ReadFile> now = {
      {fs::path(plan.experiment_path).filename().string(), plan.experiment_sha256},
      {plan.experiment.scenario(), plan.scenario_sha256}};
  std::vector<std::string> own = differences(now, *recorded, file.string());
  changes.changed.insert(changes.changed.begin(), own.begin(), own.end());
  return changes;
}

std::string mismatch_cause(const fs::path& folder, const InputChanges& changes) {
  if (!changes.changed.empty()) {
    std::string line = "inputs changed: ";
    for (std::size_t i = 0; i < changes.changed.size(); ++i)
      line += (i == 0 ? "" : "; ") + changes.changed[i];
    return line;
  }
  if (!changes.complete)
    return "note: " + folder.string() + " records no SHA-256 of all its inputs (" +
           std::string(kExpectedInputsFile) + ", and " + std::string(kExpectedIncludesFile) +
           " for a scenario with includes), so a changed input is not told from a changed " +
           "model; record them with scripts/record-digests.sh " + folder.string();
  return "model changed: the experiment, the scenario and its included files are those "
         "recorded in " +
         (folder / kExpectedInputsFile).string() + ", so the build gives other results";
}

}  // namespace reesim::app
