// Checkpoints of a running sweep (proto/results.proto, message SweepCheckpoint): each finished
// block of jobs is written to OUT/.partial/block-<first job, 12 digits>.pb through an AtomicFile
// (temporary name, fsync, rename), so a sweep killed at any moment leaves only whole checkpoints
// under final names (and perhaps a `*.tmp.<pid>` temporary, which a resume deletes).
// `reesim sweep --resume` loads them and runs only the jobs they lack; the folder is removed once
// the sweep's outputs are written. Not thread-safe: one sweep per output folder at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "experiment/shard.h"
#include "results.pb.h"

namespace reesim::experiment {

// The sub-folder of a sweep's output folder that holds its checkpoints.
inline constexpr const char* kCheckpointFolder = ".partial";

class CheckpointFolder {
 public:
  // The checkpoints of the sweep writing to `out_dir` (in out_dir/.partial); touches nothing.
  explicit CheckpointFolder(const std::filesystem::path& out_dir);

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  // Whether the folder exists and holds anything: an unfinished sweep.
  [[nodiscard]] bool unfinished() const;

  // Loads the checkpoints of the sweep `identity` describes (every SweepCheckpoint field but
  // first_job, last_job and trials) within jobs `range` of a sweep of `replicates` replicates per
  // point, in job order. Deletes leftover temporaries, and checkpoints that cannot be read, whose
  // content does not match the checksum they carry (content_sha256), or that do
  // not hold the jobs their name and header promise (each trial with its 32-byte series hash,
  // which the digest covers), each with a one-line note on `notes` (their jobs are run again).
  // Throws InputError naming the file, the field that differs and both values when a readable
  // checkpoint belongs to another sweep (version, git commit, experiment or scenario file, seed,
  // shard or settings), and std::runtime_error on an I/O failure.
  [[nodiscard]] std::vector<SweepCheckpoint> load(const SweepCheckpoint& identity,
                                                  const JobRange& range, std::int64_t replicates,
                                                  std::ostream& notes) const;

  // Writes `block` atomically (creating the folder if needed) as block-<first_job>.pb, with the
  // checksum of its content (content_sha256) set.
  void save(const SweepCheckpoint& block) const;

  // Removes the folder and everything in it (nothing when absent).
  void remove() const;

 private:
  std::filesystem::path out_dir_;
  std::filesystem::path path_;
};

}  // namespace reesim::experiment
