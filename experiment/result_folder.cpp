#include "experiment/result_folder.h"

#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "experiment/checkpoints.h"
#include "experiment/errors.h"
#include "results/digest.h"
#include "results/writers.h"

namespace reesim::experiment {
namespace {

namespace fs = std::filesystem;

}  // namespace

Results read_result_folder(const fs::path& dir) {
  const std::string name = dir.string();
  std::error_code error;
  if (!fs::is_directory(dir, error))
    throw InputError(name + ": is not a run folder (a folder written by reesim run or sweep)");
  if (CheckpointFolder(dir).unfinished())
    throw InputError(name + ": holds an unfinished sweep (" + kCheckpointFolder +
                     "/); finish it with 'reesim sweep --resume'");
  const fs::path digest_file = dir / results::kDigestFile;
  const auto digest_text = read_bytes(digest_file);
  if (!digest_text)
    throw InputError(name + ": has no " + std::string(results::kDigestFile) +
                     " file: its run did not finish (or is still running)");
  const std::string digest = digest_text->substr(0, digest_text->find('\n'));
  const fs::path results_file = dir / results::kResultsFile;
  const auto bytes = read_bytes(results_file);
  Results results;
  if (!bytes || !results.ParseFromString(*bytes))
    throw InputError(results_file.string() + ": cannot be read as a reesim.Results message");
  std::string actual;
  try {
    actual = results::run_digest(results);
  } catch (const std::invalid_argument& e) {  // a trial without its series hash
    throw InputError(results_file.string() + ": " + e.what());
  }
  if (actual != digest || results.manifest().digest() != digest)
    throw InputError(results_file.string() + ": its trials' digest " + actual +
                     " is not the folder's digest " + digest);
  return results;
}

std::string join_trial_series_csv(const std::vector<fs::path>& folders) {
  std::string joined;
  std::string header;
  for (const fs::path& folder : folders) {
    const fs::path file = folder / results::kTrialSeriesFile;
    const auto text = read_bytes(file);
    if (!text)
      throw InputError(file.string() + ": no such file: the shard kept no per-trial series; " +
                       "re-run it with --trial-series");
    // The header line with its newline.
    const std::size_t end = text->find('\n');
    const std::string first = text->substr(0, end == std::string::npos ? text->size() : end + 1);
    if (&folder == &folders.front()) {
      header = first;
      joined = *text;
    } else if (first != header) {
      throw InputError(file.string() + ":1: its header is not that of " +
                       (folders.front() / results::kTrialSeriesFile).string());
    } else {
      joined.append(*text, first.size());
    }
  }
  return joined;
}

std::optional<std::string> read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

}  // namespace reesim::experiment
