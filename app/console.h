// What the run-like commands print: progress on stderr while it is a terminal, and the summary
// table of a result on stdout. Not thread-safe: call from the command's thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "results.pb.h"

namespace reesim::app {

// Progress on stderr while it is a terminal and not silenced: items done, rate and time left,
// e.g. "120/480 jobs  35.2 jobs/s  ETA 10 s". Callable as the runners' progress callback.
class Progress {
 public:
  // `unit`: what is counted, plural ("trials", "jobs").
  Progress(bool enabled, std::string unit);

  void operator()(std::int64_t done, std::int64_t total);

 private:
  bool enabled_;
  std::string unit_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// The summary table: one row per scalar with its mean, p05, p50 and p95.
void print_summary(const Results& results);

}  // namespace reesim::app
