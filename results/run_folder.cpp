#include "results/run_folder.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "results/atomic_file.h"
#include "results/pause_point.h"
#include "results/writers.h"

namespace reesim::results {
namespace {

namespace fs = std::filesystem;

// Sub-folders of a run folder that only its writer uses, each followed by the writer's pid: the
// new run while it is written, and the old run's files while they are replaced.
constexpr std::string_view kStagingPrefix = ".reesim-new-";
constexpr std::string_view kAsidePrefix = ".reesim-old-";

[[noreturn]] void fail(const std::string& what, const fs::path& path, int error) {
  throw std::runtime_error(what + " " + path.string() + ": " + std::strerror(error));
}

// Makes renames in `folder` durable; best effort, as AtomicFile's.
void sync_folder(const fs::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// `folder` without a trailing separator or '.', so that it has a name and a parent.
fs::path named(const fs::path& folder) {
  fs::path path = fs::absolute(folder).lexically_normal();
  if (path.filename().empty() && path.has_parent_path()) path = path.parent_path();
  return path;
}

// The pid written in the lock file `fd` by its holder; empty while it has not written it yet. A
// pid of no live process is a killed holder's, read before the new holder wrote its own.
std::string holder_pid(int fd) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    char text[32] = {};
    const ssize_t read = ::pread(fd, text, sizeof text - 1, 0);
    std::string pid(text, read > 0 ? static_cast<std::size_t>(read) : 0);
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' '))
      pid.pop_back();
    const long number = pid.empty() ? 0 : std::strtol(pid.c_str(), nullptr, 10);
    if (number > 0 && (::kill(static_cast<pid_t>(number), 0) == 0 || errno == EPERM)) return pid;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return {};
}

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

const std::vector<std::string>& own_entry_names() {
  // `.partial` is the checkpoint folder of experiment/checkpoints.h.
  static const std::vector<std::string> names = {
      std::string(kDigestFile),        std::string(kManifestFile),
      std::string(kTrialsFile),        std::string(kTrialSeriesFile),
      std::string(kSeriesFile),        std::string(kSummaryFile),
      std::string(kCovarianceFile),    std::string(kPointsFile),
      std::string(kUnitsFile),         std::string(kColumnsFile),
      std::string(kResultsFile),       std::string(kSensitivityFile),
      std::string(kCheckpointsFolder), "report.html",
      std::string(kActionsFile)};
  return names;
}

std::vector<std::string> own_entries(const fs::path& folder) {
  std::vector<std::string> found;
  for (const std::string& name : own_entry_names()) {
    std::error_code error;
    const fs::file_status status = fs::symlink_status(folder / name, error);
    if (error || !fs::exists(status)) continue;
    found.push_back(fs::is_directory(status) ? name + "/" : name);
  }
  return found;
}

fs::path lock_path_of(const fs::path& folder) {
  const fs::path path = named(folder);
  if (!path.has_parent_path() || path == path.parent_path()) return path / ".reesim.lock";
  // Appended piecewise: g++ 12 warns falsely (-Wrestrict) on "." + std::string.
  std::string name = ".";
  name += path.filename().string();
  name += ".lock";
  return path.parent_path() / name;
}

FolderLock::FolderLock(const fs::path& folder) : lock_path_(lock_path_of(folder)) {
  fs::create_directories(lock_path_.parent_path());
  // Another process may remove the lock file between our open and our flock: then the lock we
  // hold is on a file no longer at the path, and we start again.
  for (;;) {
    const int fd = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) fail("cannot open", lock_path_, errno);
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      if (error != EWOULDBLOCK) {
        ::close(fd);
        fail("cannot lock", lock_path_, error);
      }
      const std::string pid = holder_pid(fd);
      ::close(fd);
      throw FolderRefused(folder.string() + ": another reesim process" +
                          (pid.empty() ? "" : " (pid " + pid + ")") + " is writing to it (lock " +
                          lock_path_.string() + ")");
    }
    struct stat held {};
    struct stat named_now {};
    if (::fstat(fd, &held) == 0 && ::stat(lock_path_.c_str(), &named_now) == 0 &&
        held.st_dev == named_now.st_dev && held.st_ino == named_now.st_ino) {
      fd_ = fd;
      break;
    }
    ::close(fd);
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) != 0 ||
      ::pwrite(fd_, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
    const int error = errno;
    ::unlink(lock_path_.c_str());
    ::close(fd_);
    fail("cannot write", lock_path_, error);
  }
}

FolderLock::~FolderLock() {
  // Unlinked while still held, so no other process can lock this file meanwhile and then see it
  // vanish; one that opened it before is sent back to the path by the inode check above.
  ::unlink(lock_path_.c_str());
  ::close(fd_);
}

namespace {

// `folder`, once it is known to be a folder or nothing yet; throws FolderRefused when it names a
// file, a device or a symbolic link to nothing.
fs::path usable_folder(fs::path folder) {
  std::error_code error;
  const fs::file_status link = fs::symlink_status(folder, error);
  if (error || !fs::exists(link)) return folder;
  const fs::file_status target = fs::status(folder, error);
  if (fs::is_symlink(link) && !fs::exists(target))
    throw FolderRefused(folder.string() + ": is a symbolic link to " +
                        fs::read_symlink(folder, error).string() +
                        ", which does not exist; create that folder or choose another --out");
  if (!fs::is_directory(target))
    throw FolderRefused(folder.string() + ": is not a folder (" +
                        (fs::is_regular_file(target) ? "a file" : "a device, FIFO or socket") +
                        "); choose another --out");
  return folder;
}

}  // namespace

RunFolder::RunFolder(fs::path folder) : folder_(usable_folder(std::move(folder))), lock_(folder_) {
  std::error_code error;
  if (fs::is_directory(folder_, error)) {
    // Holding the lock, any staging folder is a killed writer's.
    for (const auto& entry : fs::directory_iterator(folder_)) {
      const std::string name = entry.path().filename().string();
      if (starts_with(name, kStagingPrefix) || starts_with(name, kAsidePrefix))
        fs::remove_all(entry.path());
    }
  }
  pause_point("locked");
}

void RunFolder::refuse_other_run() const {
  const std::vector<std::string> found = own_entries(folder_);
  if (found.empty()) return;
  std::string names;
  for (const std::string& name : found)
    names += (names.empty() ? "" : ", ") + name;
  throw FolderRefused(folder_.string() + ": holds another run's files (" + names +
                      "); pass --force to replace them, or choose another --out");
}

void RunFolder::write(const Results& results, const std::vector<ExtraFile>& extra) {
  const std::string pid = std::to_string(::getpid());
  const fs::path staging = folder_ / (std::string(kStagingPrefix) + pid);
  const fs::path aside = folder_ / (std::string(kAsidePrefix) + pid);
  fs::remove_all(staging);
  write_run_outputs(staging, results);  // creates folder_ too
  for (const ExtraFile& file : extra)
    write_file_atomically(staging / file.name, file.content);
  pause_point("staged");

  // The old run aside, `digest` first (own_entries lists it first): from here until the new
  // `digest` is in place the folder says it is incomplete.
  fs::create_directory(aside);
  for (std::string name : own_entries(folder_)) {
    if (name.back() == '/') name.pop_back();
    fs::rename(folder_ / name, aside / name);
  }
  sync_folder(folder_);
  pause_point("aside");
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(staging))
    names.push_back(entry.path().filename().string());
  for (const std::string& name : names)
    if (name != kDigestFile) fs::rename(staging / name, folder_ / name);
  pause_point("before-digest");
  fs::rename(staging / kDigestFile, folder_ / kDigestFile);
  sync_folder(folder_);
  fs::remove_all(aside);
  fs::remove(staging);
}

}  // namespace reesim::results
