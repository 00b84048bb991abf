// Reads an input file defensively: refuses what is missing, unreadable, not a regular file, too
// large, or not text, with a diagnostic naming the file, instead of crashing or hanging.
// Thread-safe (no shared state).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "config/diagnostics.h"

namespace reesim::config {

// Largest input file accepted, in bytes (16 MiB). Real scenarios are a few hundred KiB.
inline constexpr std::size_t kMaxInputBytes = std::size_t{16} << 20;

// Deepest nesting of messages ({ ... } or [ ... ]) accepted in an input file. The schemas nest
// at most a handful of levels; anything deeper is a malformed or hostile file.
inline constexpr int kMaxNesting = 32;

// The file's bytes, or nullopt with a diagnostic added. Device files, FIFOs and directories are
// refused before they are opened for reading, so reading never blocks.
[[nodiscard]] std::optional<std::string> read_input_file(const std::string& path,
                                                         Diagnostics& diagnostics);

// Checks that `text` is UTF-8 without NUL or other control bytes (tab, CR, LF allowed); adds a
// located diagnostic at the first offending byte and returns false otherwise.
bool check_text(const std::string& path, std::string_view text, Diagnostics& diagnostics);

}  // namespace reesim::config
