// What the run-like commands print: progress on stderr while it is a terminal, and the summary
// table of a result on stdout. Not thread-safe: call from the command's thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "results.pb.h"

namespace reesim::app {

// Progress on stderr unless silenced: items done, rate and time left. On a terminal, one line
// redrawn in place, e.g. "120/480 jobs  35.2 jobs/s  ETA 10 s"; otherwise (a log file, a Slurm
// job's output) a line "progress: 120/480 jobs, 35.2 jobs/s, ETA 10 s", flushed, at most once per
// `interval` (the first after one interval). Callable as the runners' progress callback.
class Progress {
 public:
  // `unit`: what is counted, plural ("trials", "jobs").
  Progress(bool enabled, std::string unit,
           std::chrono::seconds interval = std::chrono::seconds(kDefaultProgressInterval));

  void operator()(std::int64_t done, std::int64_t total);

  // Seconds between progress lines when stderr is not a terminal (--progress-interval).
  static constexpr int kDefaultProgressInterval = 30;

 private:
  bool enabled_;
  bool terminal_;
  std::string unit_;
  std::chrono::steady_clock::duration interval_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_line_ = start_;
};

// The summary table: one row per scalar with its mean, p05, p50 and p95.
void print_summary(const Results& results);

}  // namespace reesim::app
