// One run per output folder (DESIGN §6). A RunFolder locks its folder against a second writer,
// refuses a folder that holds another run's files unless told to replace them, and writes a run
// as a whole: every file goes first into a staging folder inside the run folder, and only once
// all are on disk do the old run's files move aside and the new ones move into place, `digest`
// last. At every moment the folder is the old run (its `digest` with its files), the new run, or
// a folder without `digest` (incomplete, as every reader treats it); a run killed before that
// last step leaves the old run untouched. Files that are not reesim's are never touched.
// Tests stop a writer at each of these steps with the hook of results/pause_point.h.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "results.pb.h"

namespace reesim::results {

// A folder a command may not write into: another process holds its lock, or it holds another
// run's files. what() is one line naming the folder and the pid or the files.
class FolderRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The names reesim writes into a run folder (the writers', analyze's sensitivity.csv, and the
// checkpoint folder `.partial` of an unfinished sweep), in the order a message lists them.
[[nodiscard]] const std::vector<std::string>& own_entry_names();

// The entries of `folder` that are reesim's own (own_entry_names), in that order; a folder name is
// given with a trailing '/'. Empty when the folder does not exist.
[[nodiscard]] std::vector<std::string> own_entries(const std::filesystem::path& folder);

// An exclusive lock on writing into a folder: flock on a lock file beside it, `.<name>.lock` in
// its parent (created, with the parent, if needed), which holds the owner's pid and is removed
// when the lock is released. Released on destruction, or by the system when the process dies.
// Not thread-safe; one lock per folder per process.
class FolderLock {
 public:
  // Throws FolderRefused "FOLDER: another reesim process (pid N) is writing to it" when another
  // process holds the lock, std::runtime_error on an I/O failure.
  explicit FolderLock(const std::filesystem::path& folder);
  ~FolderLock();
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

  [[nodiscard]] const std::filesystem::path& lock_path() const { return lock_path_; }

 private:
  std::filesystem::path lock_path_;
  int fd_ = -1;
};

// The lock file of `folder`: `.<name>.lock` beside it.
[[nodiscard]] std::filesystem::path lock_path_of(const std::filesystem::path& folder);

// A file written with a run's outputs besides those of write_run_outputs: a name from
// own_entry_names() and its bytes.
struct ExtraFile {
  std::string name;
  std::string content;
};

class RunFolder {
 public:
  // Throws FolderRefused when `folder` exists but is not a folder (a file, a device such as
  // /dev/null) or is a symbolic link to nothing; otherwise locks `folder` (FolderLock) and
  // removes the staging leftovers of a writer that was killed.
  // Touches no run file.
  explicit RunFolder(std::filesystem::path folder);

  // Throws FolderRefused "FOLDER: holds another run's files (NAMES); pass --force to replace them,
  // or choose another --out" when the folder holds any of reesim's own entries. Call before the
  // run unless the run may replace them (--force, or a resumed sweep continuing its folder).
  void refuse_other_run() const;

  // Writes `results` as write_run_outputs does, into a staging folder, then replaces the folder's
  // own entries (all of them: a stale sensitivity.csv or points.csv goes too) by the new files,
  // `digest` last, with `extra` files among them. Throws as write_run_outputs; on an error before
  // the swap the folder is as it was. Call once.
  void write(const Results& results, const std::vector<ExtraFile>& extra = {});

  [[nodiscard]] const std::filesystem::path& path() const { return folder_; }

 private:
  std::filesystem::path folder_;
  FolderLock lock_;
};

}  // namespace reesim::results
