// A scratch folder for the fuzz targets whose readers take file names: one per process under
// $TMPDIR (or /tmp), emptied when the process exits normally. Not thread-safe (libFuzzer runs one
// input at a time).
#pragma once

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <system_error>

namespace reesim::fuzz {

class ScratchFolder {
 public:
  // Creates $TMPDIR/reesim-fuzz-<name>-<pid>.
  explicit ScratchFolder(std::string_view name) {
    std::error_code error;
    std::filesystem::path base = std::filesystem::temp_directory_path(error);
    if (error) base = "/tmp";
    path_ = base / ("reesim-fuzz-" + std::string(name) + "-" + std::to_string(::getpid()));
    std::filesystem::create_directories(path_);
  }
  ~ScratchFolder() {
    std::error_code error;
    std::filesystem::remove_all(path_, error);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  // Writes `bytes` to `relative` (its folders created), replacing any earlier content.
  std::filesystem::path write(const std::filesystem::path& relative, std::string_view bytes) const {
    const std::filesystem::path file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return file;
  }

  // Removes everything inside the folder, keeping the folder.
  void clear() const {
    for (const auto& entry : std::filesystem::directory_iterator(path_))
      std::filesystem::remove_all(entry.path());
  }

 private:
  std::filesystem::path path_;
};

}  // namespace reesim::fuzz
