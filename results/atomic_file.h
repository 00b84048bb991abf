// Writing an output file so that a killed run never leaves a half-written file under its final
// name (DESIGN §6): the content goes to a temporary file in the same folder, which is flushed,
// synced to disk and then renamed over the final name in one step.
#pragma once

#include <filesystem>
#include <fstream>
#include <ostream>
#include <string_view>

namespace reesim::results {

// One file being written. The temporary is `<final>.tmp.<pid>` in the final file's folder (the
// same file system, so the rename is atomic); two AtomicFiles for the same final path in one
// process would share it, so do not open two at once. A process killed outright (SIGKILL) may
// leave its temporary behind, never a partial final file. Not thread-safe; distinct objects may
// be used from distinct threads.
class AtomicFile {
 public:
  // Creates (or truncates) the temporary for `final_path`. Throws std::runtime_error naming the
  // temporary and the system's error text when it cannot be created (missing folder, no
  // permission, ...).
  explicit AtomicFile(std::filesystem::path final_path);

  // Removes the temporary unless commit() succeeded; never throws.
  ~AtomicFile();

  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // The stream to write the content to; owned by this object, valid until commit() or
  // destruction.
  [[nodiscard]] std::ostream& stream() { return stream_; }

  // Flushes and closes the stream, fsyncs the temporary, renames it over the final name (replacing
  // any file there) and fsyncs the folder so the rename survives a power loss. Throws
  // std::runtime_error naming the path and the system's error text if any write or step failed;
  // the temporary is then removed by the destructor and the final name is untouched. Call once.
  void commit();

  [[nodiscard]] const std::filesystem::path& final_path() const { return final_path_; }
  [[nodiscard]] const std::filesystem::path& temporary_path() const { return temporary_path_; }

 private:
  std::filesystem::path final_path_;
  std::filesystem::path temporary_path_;
  std::ofstream stream_;
  bool committed_ = false;
};

// Writes `content` to `path` through an AtomicFile: afterwards `path` holds exactly `content`, or
// (on error, with std::runtime_error thrown) is as it was before.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace reesim::results
