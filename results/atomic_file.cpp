#include "results/atomic_file.h"

#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

namespace reesim::results {
namespace {

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path, int error) {
  throw std::runtime_error(what + " " + path.string() + ": " + std::strerror(error));
}

// fsync through a descriptor of our own: std::ofstream does not expose its descriptor, and fsync
// applies to the file, not to the descriptor it is called on.
void sync_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail("cannot open", path, errno);
  const bool synced = ::fsync(fd) == 0;
  const int error = errno;
  ::close(fd);
  if (!synced) fail("cannot sync", path, error);
}

// The error of a failed buffered write: std::ofstream keeps no errno of its own, so a full disk
// (ENOSPC at the write that failed) would read as the EIO default. Less than 1 MiB left on the
// file system is taken as the cause.
int write_error(const std::filesystem::path& path) {
  const int error = errno != 0 ? errno : EIO;
  if (error != EIO) return error;
  struct statvfs space {};
  const std::filesystem::path folder = path.parent_path().empty() ? "." : path.parent_path();
  if (::statvfs(folder.c_str(), &space) == 0 &&
      static_cast<unsigned long long>(space.f_bavail) * space.f_frsize < (1ULL << 20))
    return ENOSPC;
  return error;
}

// Makes a rename durable. Best effort: some file systems refuse fsync on a folder (EINVAL), and
// the rename is already atomic for readers without it.
void sync_folder(const std::filesystem::path& folder) {
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path final_path)
    : final_path_(std::move(final_path)),
      temporary_path_(final_path_.string() + ".tmp." + std::to_string(::getpid())) {
  errno = 0;
  stream_.open(temporary_path_, std::ios::binary | std::ios::trunc);
  if (!stream_) fail("cannot create", temporary_path_, errno != 0 ? errno : EIO);
}

AtomicFile::~AtomicFile() {
  if (committed_) return;
  stream_.close();
  std::error_code ignored;
  std::filesystem::remove(temporary_path_, ignored);
}

void AtomicFile::commit() {
  if (committed_)
    throw std::logic_error("AtomicFile::commit called twice for " + final_path_.string());
  errno = 0;
  stream_.flush();
  stream_.close();
  if (stream_.fail()) fail("cannot write", temporary_path_, write_error(temporary_path_));
  sync_file(temporary_path_);
  if (std::rename(temporary_path_.c_str(), final_path_.c_str()) != 0) {
    fail("cannot rename " + temporary_path_.string() + " to", final_path_, errno);
  }
  committed_ = true;
  sync_folder(final_path_.parent_path());
}

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  AtomicFile file(path);
  file.stream().write(content.data(), static_cast<std::streamsize>(content.size()));
  file.commit();
}

}  // namespace reesim::results
