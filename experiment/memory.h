// An estimate, before a run starts, of the memory its results will hold, so that a run that cannot
// fit is refused (exit 2) at once instead of growing until the machine kills it. Pure functions
// but for physical_memory_bytes(); thread-safe.
#pragma once

#include <cstdint>
#include <string>

namespace reesim::experiment {

// What one run holds in memory until its outputs are written: every trial's row, and with
// per-trial series every value of every series.
struct RunShape {
  std::int64_t trials = 0;        // trials (jobs) this process runs
  std::int64_t parameters = 0;    // sampled (and swept) parameters per trial
  std::int64_t scalars = 0;       // scalar metrics per trial
  std::int64_t series = 0;        // series per trial (kept only with `keep_series`)
  std::int64_t ticks = 0;         // dates per series
  bool keep_series = false;       // outputs.trial_series
  std::uint64_t fixed_bytes = 0;  // held whatever the trials: a sweep's design
};

// Bytes a sweep design of `points` points over `parameters` parameters holds (unit coordinates
// and values, sweep/design.h).
[[nodiscard]] std::uint64_t design_bytes(std::int64_t points, std::int64_t parameters);

// Bytes the results of a run of `shape` need at their peak (the rows, while their outputs are
// written): an upper estimate, within a small factor.
[[nodiscard]] std::uint64_t estimate_result_bytes(const RunShape& shape);

// This machine's physical memory in bytes (0 when unknown).
[[nodiscard]] std::uint64_t physical_memory_bytes();

// "12.3 GiB", "512 MiB", "3.5 KiB", "100 bytes".
[[nodiscard]] std::string describe_bytes(std::uint64_t bytes);

// Throws InputError ("… needs about 40 GiB of memory for its results, more than this machine's
// 23 GiB; …") when the estimate exceeds `available` bytes (physical_memory_bytes() by default;
// nothing is checked when it is 0). `what` names the run in the message ("runs/x: 1000000
// trials").
void require_memory(const RunShape& shape, const std::string& what,
                    std::uint64_t available = physical_memory_bytes());

// "warning: … needs about 14 GiB of memory for its results, 61 % of this machine's 23 GiB"
// when the estimate exceeds half of `available` bytes but fits; empty otherwise.
[[nodiscard]] std::string memory_warning(const RunShape& shape, const std::string& what,
                                         std::uint64_t available = physical_memory_bytes());

}  // namespace reesim::experiment
