// The Monte Carlo throughput benchmark behind `reesim bench trials` (Google Benchmark).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

namespace reesim::bench {

struct TrialsBenchOptions {
  std::string path = "runs/india-self-reliance-2035";  // experiment file or run folder
  std::int64_t trials = 0;  // trials per measured run; 0: 64 per thread of the all-cores run
  int threads = 0;          // threads of the all-cores run; 0: every core oneTBB sees
  int repetitions = 3;      // measured runs per thread count; the median is reported
  bool per_core = false;    // also time the one-thread run pinned to each core in turn
};

// Runs the experiment's trials (with its seed, outputs not written) on one thread and on
// `threads` threads, `repetitions` times each under Google Benchmark, and prints to `out`:
//   trials.per_s.threads_1 N, trials.per_s.threads_all N, trials.threads_all T,
//   trials.parallel_efficiency X  (rate on T threads / (T × rate on 1 thread)),
//   trials.peak_rss_mib N         (the process's peak resident memory),
//   trials.seconds_per_trial X    (1 thread)
// and with `per_core`, the one-thread run pinned to each core the process may use, in turn with
// the others:
//   trials.per_s.cpu_K N                   (one thread on core K)
//   trials.parallel_efficiency_per_core X  (rate on T threads / the sum of the T fastest cores'
//                                           rates), which a machine whose cores run at
//                                           different speeds does not skew
// Google Benchmark's own table goes to `err`. Returns 0, or 2 with the place when the
// experiment does not load.
int run_trials_bench(const TrialsBenchOptions& options, std::ostream& out, std::ostream& err);

}  // namespace reesim::bench
