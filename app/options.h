// Checks of the command line's numeric options that say what is wrong in one plain sentence
// (CLI11's own range checks print the whole range of the option's type).
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reesim::app {

// A check that option `name` is a whole number of at least `min`; otherwise parsing fails with a
// usage error (exit 2) saying so: "--threads must be at least 1, got 0", "--threads must be a
// whole number, got 'two'".
[[nodiscard]] CLI::Validator at_least(std::string name, std::int64_t min);

// A check that option `name` is a whole number in [min, max]; otherwise a usage error (exit 2):
// "--threads must be at most 1024, got 10000000", "--threads must be at least 1, got 0".
[[nodiscard]] CLI::Validator in_range(std::string name, std::int64_t min, std::int64_t max);

// Most worker threads any command takes (--threads): far above the cores of one machine, far
// below what would exhaust memory or oneTBB's arena setup (docs/limits.md).
inline constexpr std::int64_t kMaxThreads = 1024;

// A check that option `name` is a whole number from 0 to 2^64 - 1 (a seed); otherwise a usage
// error: "--seed must be a whole number from 0 to 18446744073709551615, got -1".
[[nodiscard]] CLI::Validator unsigned_64(std::string name);

// A size in bytes as a person writes it: a whole number of bytes, or with a binary unit K, M, G
// or T (also KiB, MiB, GiB, TiB; 1K = 1024 bytes), e.g. "512MiB", "2G"; nullopt otherwise, or
// past 2^64 - 1 bytes.
[[nodiscard]] std::optional<std::uint64_t> parse_byte_size(std::string_view text);

// A check that option `name` is such a size and at least 1 byte; otherwise a usage error:
// "--max-output-size must be a size such as 512MiB or 2GiB, got 'lots'".
[[nodiscard]] CLI::Validator byte_size(std::string name);

}  // namespace reesim::app
