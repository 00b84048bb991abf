// Shards of a sweep (DESIGN §7): shard K of N runs a contiguous share of the sweep's jobs, so that
// N machines (e.g. a Slurm job array) run the whole sweep and `reesim merge` joins their results
// in job order. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace reesim::experiment {

// Most shards a sweep may be split into (--shard K/N, SLURM_ARRAY_TASK_COUNT): above Slurm's
// largest job array (4,000,001 tasks is its hard limit; clusters allow far fewer).
inline constexpr std::int64_t kMaxShards = 4'000'001;

// Shard `index` of `count`, 1-based: 1 <= index <= count.
struct Shard {
  std::int64_t index = 1;
  std::int64_t count = 1;

  // "K/N", as RunManifest.shard writes it.
  [[nodiscard]] std::string text() const;
  friend bool operator==(const Shard&, const Shard&) = default;
};

// Jobs [first, last) of a sweep.
struct JobRange {
  std::int64_t first = 0;
  std::int64_t last = 0;

  [[nodiscard]] std::int64_t size() const { return last - first; }
  [[nodiscard]] bool empty() const { return last <= first; }
  friend bool operator==(const JobRange&, const JobRange&) = default;
};

// The jobs of `shard` among `jobs` jobs: [floor((K-1)*J/N), floor(K*J/N)). The N shards' ranges
// are disjoint, in order, cover [0, J) exactly and differ in size by at most one job (a shard is
// empty when N > J). Exact for any J, N >= 1 (computed in 128 bits).
[[nodiscard]] JobRange shard_jobs(std::int64_t jobs, const Shard& shard);

// A shard read from text, or why it could not be.
struct ShardParse {
  std::optional<Shard> shard;  // nullopt: not given (error empty) or malformed (error set)
  std::string error;           // one line, empty when fine
};

// Parses "K/N" (decimal integers, 1 <= K <= N).
[[nodiscard]] ShardParse parse_shard(std::string_view text);

// The shard of a Slurm array task, from the environment variables `lookup` returns (nullopt for
// an unset variable): K = SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN + 1 (SLURM_ARRAY_TASK_MIN is
// 0 when unset), N = SLURM_ARRAY_TASK_COUNT. No shard and no error when SLURM_ARRAY_TASK_ID is
// unset; an error naming the variable when a value is not an integer, COUNT is missing, below 1
// or above kMaxShards, SLURM_ARRAY_TASK_MAX (when set) disagrees with MIN and COUNT, or K falls
// outside 1..N (computed without overflow for any 64-bit values) (e.g. an array with a step,
// --array=0-9:2, whose task ids are not consecutive: pass --shard then).
[[nodiscard]] ShardParse shard_from_slurm(
    const std::function<std::optional<std::string>(const char* name)>& lookup);

}  // namespace reesim::experiment
