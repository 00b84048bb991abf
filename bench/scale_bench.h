// How a trial's cost grows with the world's size, behind `reesim bench scale` (bench/README.md).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace reesim::bench {

struct ScaleBenchOptions {
  std::string path = "runs/baseline-2024";      // experiment file or run folder: the world to split
  std::vector<int> sizes = {100, 1000, 10000};  // agents wanted in each world, ascending
  int trials = 4;                               // trials per size (their median prices compared)
  // Timed rounds: each times every size once, in ascending turn. A size reports its fastest
  // round, which a busy machine's pauses and slow spells move least, and its cost relative to
  // the first size is fastest against fastest (also given: the median over rounds of the ratio
  // within a round).
  int rounds = 1;
  std::uint64_t seed = 1;  // the firms' shares (bench/scale_world.h)
  int threads = 0;         // threads of the parallel run; 0: every core oneTBB sees
  // Times the parallel run is made on 1 and on `threads` threads, in turn; the fastest of each
  // is reported, so that a busy machine's pauses weigh less.
  int parallel_repeats = 1;
  // Agent types split into firms; empty: every type that splits (splits_into_firms). Splitting
  // one type at a time shows which one's prices move with the firms.
  std::vector<std::string> split_types;
};

// For each size: splits the experiment's world into firms (split_world), runs `trials` trials
// one after another on one thread (the experiment's seed, trials 0..trials-1), `rounds` times
// over the sizes, and prints scale.rounds, then one `key value` per line with N the world's
// actual agent count:
//   scale.agents_N.most_firms_per_agent, scale.agents_N.ticks_per_s, scale.agents_N.decisions_per_s
//   (of the fastest round), scale.agents_N.orders_per_tick, scale.agents_N.peak_rss_mib (the
//   process's peak after the size's first round),
//   scale.agents_N.relative_cost_per_agent_tick (wall time per agent-tick over the first size's,
//   fastest round against fastest), scale.agents_N.relative_cost_median_round (the median over
//   rounds of that ratio within one round),
//   scale.agents_N.max_price_deviation (largest |median price / first size's − 1| over the
//   venues, median across trials of each venue's mean price) and its venue;
// then one trial of the largest world with its per-agent steps and its books' matching in
// parallel (sim::TrialOptions), on 1 and on `threads` threads, `parallel_repeats` times each:
// scale.parallel.agents, scale.parallel.threads, scale.parallel.repeats,
// scale.parallel.seconds_threads_1, scale.parallel.seconds_threads_all (the fastest of each),
// scale.parallel.speedup, and scale.parallel.identical (1 when every run gives the output of the
// first on 1 thread bit for bit). Returns 0, or 2 with the place when the
// experiment does not load.
int run_scale_bench(const ScaleBenchOptions& options, std::ostream& out, std::ostream& err);

}  // namespace reesim::bench
