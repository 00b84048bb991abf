// Checks of the command line's numeric options that say what is wrong in one plain sentence
// (CLI11's own range checks print the whole range of the option's type).
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

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

}  // namespace reesim::app
