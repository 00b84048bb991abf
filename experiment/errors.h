// The errors of the experiment module. InputError means "bad input" (exit code 2) rather than "the
// run failed" (exit code 1): a sweep's checkpoints or shards that do not belong together, a result
// folder that is incomplete or of the wrong kind. Its message is one line naming the file or
// folder, the place and what is wrong. Stopped means a run was asked to stop (RunOptions::stop)
// and returned no results.
#pragma once

#include <atomic>
#include <stdexcept>
#include <string>

namespace reesim::experiment {

class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message) : std::runtime_error(message) {}
};

class Stopped : public std::runtime_error {
 public:
  explicit Stopped(const std::string& message) : std::runtime_error(message) {}
};

// Whether `stop` (may be null: never) asks a run to stop.
[[nodiscard]] inline bool stop_requested(const std::atomic<bool>* stop) {
  return stop != nullptr && stop->load(std::memory_order_relaxed);
}

}  // namespace reesim::experiment
