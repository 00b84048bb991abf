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

// Length of the well-formed UTF-8 sequence starting at text[i] (1 to 4), or 0 when the bytes
// there are not one: a stray continuation byte, a truncated sequence, an overlong form, a UTF-16
// surrogate (U+D800..U+DFFF) or a code point above U+10FFFF.
[[nodiscard]] std::size_t utf8_length(std::string_view text, std::size_t i);

// The offset of the first byte of `text` that does not start a well-formed UTF-8 sequence;
// nullopt when all of it is UTF-8.
[[nodiscard]] std::optional<std::size_t> invalid_utf8_at(std::string_view text);

// Checks that `text` is UTF-8 without NUL or other control bytes (tab, CR, LF allowed); adds a
// located diagnostic at the first offending byte and returns false otherwise.
bool check_text(const std::string& path, std::string_view text, Diagnostics& diagnostics);

}  // namespace reesim::config
