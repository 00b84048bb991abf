#include "experiment/checkpoints.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>

#include "experiment/errors.h"
#include "experiment/result_folder.h"
#include "results/atomic_file.h"
#include "results/digest.h"
#include "results/sha256.h"
#include "results/writers.h"

namespace reesim::experiment {
namespace {

namespace fs = std::filesystem;

static_assert(std::string_view(kCheckpointFolder) == results::kCheckpointsFolder,
              "a run folder's own entries (results/run_folder.h) include the checkpoints");

constexpr std::string_view kPrefix = "block-";
constexpr std::string_view kSuffix = ".pb";

std::string block_name(std::int64_t first_job) {
  char name[48];
  std::snprintf(name, sizeof name, "block-%012lld.pb", static_cast<long long>(first_job));
  return name;
}

bool is_block_name(const std::string& name) {
  return name.size() > kPrefix.size() + kSuffix.size() && name.starts_with(kPrefix) &&
         name.ends_with(kSuffix);
}

// The first header field in which `found` differs from `wanted`, in words; empty when none.
std::string header_difference(const SweepCheckpoint& found, const SweepCheckpoint& wanted) {
  const auto differ = [](const std::string& what, const std::string& theirs,
                         const std::string& ours) {
    return what + " " + theirs + ", this sweep's is " + ours;
  };
  if (found.version() != wanted.version() || found.git_commit() != wanted.git_commit())
    return differ("written by reesim", found.version() + " (" + found.git_commit() + ")",
                  wanted.version() + " (" + wanted.git_commit() + ")");
  if (found.experiment_sha256() != wanted.experiment_sha256())
    return differ("experiment file sha256", found.experiment_sha256(), wanted.experiment_sha256());
  if (found.scenario_sha256() != wanted.scenario_sha256())
    return differ("scenario file sha256", found.scenario_sha256(), wanted.scenario_sha256());
  if (found.seed() != wanted.seed())
    return differ("seed", std::to_string(found.seed()), std::to_string(wanted.seed()));
  if (found.shard() != wanted.shard()) return differ("shard", found.shard(), wanted.shard());
  if (found.plan_sha256() != wanted.plan_sha256())
    return differ("settings (overrides, --set) sha256", found.plan_sha256(), wanted.plan_sha256());
  return {};
}

// Why a readable checkpoint of this sweep cannot be used; empty when it can.
std::string content_problem(const SweepCheckpoint& block, const std::string& name,
                            const JobRange& range, std::int64_t replicates,
                            std::int64_t covered_until) {
  if (name != block_name(block.first_job())) return "its name does not match its first job";
  if (block.first_job() < range.first || block.last_job() > range.last ||
      block.first_job() >= block.last_job())
    return "its jobs lie outside this shard's";
  if (block.trials_size() != block.last_job() - block.first_job())
    return "it holds " + std::to_string(block.trials_size()) + " trials for " +
           std::to_string(block.last_job() - block.first_job()) + " jobs";
  if (block.first_job() < covered_until) return "its jobs overlap another checkpoint's";
  for (std::int64_t job = block.first_job(); job < block.last_job(); ++job) {
    const TrialResult& trial = block.trials(static_cast<int>(job - block.first_job()));
    if (trial.point() != job / replicates || trial.trial() != job % replicates)
      return "job " + std::to_string(job) + " holds the wrong trial";
    if (trial.series_sha256().size() != results::kSeriesHashBytes)
      return "job " + std::to_string(job) + " holds no series hash";
  }
  return {};
}

// SHA-256 (hex) of `block`'s deterministic encoding with content_sha256 empty.
std::string content_sha256(SweepCheckpoint block) {
  block.clear_content_sha256();
  return results::sha256_hex(results::deterministic_bytes(block));
}

// Whether the checksum `block` carries is that of its content as parsed: a flipped bit anywhere
// in the file changes the content (or the checksum) or fails to parse.
bool checksum_matches(const SweepCheckpoint& block) {
  return !block.content_sha256().empty() && block.content_sha256() == content_sha256(block);
}

}  // namespace

CheckpointFolder::CheckpointFolder(const fs::path& out_dir)
    : out_dir_(out_dir), path_(out_dir / kCheckpointFolder) {}

bool CheckpointFolder::unfinished() const {
  std::error_code error;
  return fs::is_directory(path_, error) && !fs::is_empty(path_, error);
}

std::vector<SweepCheckpoint> CheckpointFolder::load(const SweepCheckpoint& identity,
                                                    const JobRange& range, std::int64_t replicates,
                                                    std::ostream& notes) const {
  std::error_code error;
  if (!fs::is_directory(path_, error)) return {};
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(path_)) {
    const std::string name = entry.path().filename().string();
    if (name.find(".tmp.") != std::string::npos) {
      fs::remove(entry.path());  // a checkpoint being written when the sweep was killed
    } else {
      names.push_back(name);
    }
  }
  std::sort(names.begin(), names.end());  // block names sort in job order
  std::vector<SweepCheckpoint> blocks;
  std::int64_t covered_until = range.first;
  for (const std::string& name : names) {
    const fs::path file = path_ / name;
    const auto discard = [&](const std::string& why) {
      notes << file.string() << ": " << why << "; its jobs will be run again\n";
      fs::remove(file);
    };
    if (!is_block_name(name)) {
      discard("not a checkpoint");
      continue;
    }
    SweepCheckpoint block;
    const auto bytes = read_bytes(file);
    if (!bytes || !block.ParseFromString(*bytes)) {
      discard("cannot be read as a checkpoint");
      continue;
    }
    if (!checksum_matches(block)) {
      discard(block.content_sha256().empty()
                  ? "warning: it carries no checksum of its content"
                  : "warning: its content does not match its checksum (the file is corrupt)");
      continue;
    }
    if (const std::string difference = header_difference(block, identity); !difference.empty())
      throw InputError(file.string() + ": a checkpoint of another sweep (" + difference +
                       "); resume with the same inputs, or remove " + path_.string());
    if (const std::string problem = content_problem(block, name, range, replicates, covered_until);
        !problem.empty()) {
      discard(problem);
      continue;
    }
    covered_until = block.last_job();
    blocks.push_back(std::move(block));
  }
  return blocks;
}

void CheckpointFolder::save(const SweepCheckpoint& block) const {
  fs::create_directories(path_);
  SweepCheckpoint sealed = block;
  sealed.set_content_sha256(content_sha256(block));
  results::write_file_atomically(path_ / block_name(block.first_job()),
                                 results::deterministic_bytes(sealed));
}

void CheckpointFolder::remove() const {
  std::error_code error;
  fs::remove_all(path_, error);
  if (error) throw std::runtime_error("cannot remove " + path_.string() + ": " + error.message());
}

}  // namespace reesim::experiment
