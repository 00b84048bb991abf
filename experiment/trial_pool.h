// Internal to the experiment module: a fixed number of worker threads (a oneTBB arena) that runs
// trials, or any other independent tasks, in parallel. Whoever folds the results does so in job
// order afterwards, so nothing computed depends on the thread count (DESIGN §4). Not thread-safe:
// one caller at a time.
#pragma once

#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstdint>
#include <functional>

namespace reesim::experiment {

class TrialPool {
 public:
  // `threads` workers; 0 means one per core. More threads than cores is allowed (it tests
  // determinism under oversubscription).
  explicit TrialPool(int threads);
  TrialPool(const TrialPool&) = delete;
  TrialPool& operator=(const TrialPool&) = delete;

  [[nodiscard]] int threads() const { return threads_; }

  // Calls body(i) for every i in [0, count), in any order and on any worker, and returns when all
  // are done. The first exception thrown by a body is rethrown here.
  void for_each(std::int64_t count, const std::function<void(std::int64_t)>& body);
  // As for_each, while `alongside` runs once, as one more task of the same workers: a caller
  // folds the previous block's results in order while the next block's jobs run.
  void for_each_alongside(std::int64_t count, const std::function<void(std::int64_t)>& body,
                          const std::function<void()>& alongside);

 private:
  int threads_;
  tbb::global_control parallelism_;
  tbb::task_arena arena_;
};

// Jobs run between two foldings of results: enough to keep every worker busy.
[[nodiscard]] inline std::int64_t block_size(int threads) {
  return std::max<std::int64_t>(64, 16 * static_cast<std::int64_t>(threads));
}

}  // namespace reesim::experiment
