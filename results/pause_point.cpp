#include "results/pause_point.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

namespace reesim::results {

void pause_point(std::string_view point) {
  const char* setting = std::getenv(kPauseVariable);
  if (setting == nullptr) return;
  const std::string_view text(setting);
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || text.substr(0, colon) != point) return;
  const std::filesystem::path go(text.substr(colon + 1));
  const std::filesystem::path reached = go.string() + ".reached";
  {
    // Written under another name and renamed, so that a test that sees FILE.reached reads a pid.
    const std::filesystem::path writing = reached.string() + ".tmp";
    std::ofstream(writing) << ::getpid() << '\n';
    std::error_code error;
    std::filesystem::rename(writing, reached, error);
  }
  std::error_code error;
  while (!std::filesystem::exists(go, error))
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

}  // namespace reesim::results
