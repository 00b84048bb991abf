// One trial of the world (DESIGN §2): seed the streams, build the state, run the tick loop,
// record metrics. A trial owns all its mutable state and reads only the shared, immutable
// World, so trials may run concurrently on different threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "world/world.h"

namespace reesim::sim {

class ExternalDecisions;

// What a trial produces.
struct TrialOutput {
  std::vector<double> parameters;           // World::sampled_parameters() order
  std::vector<double> scalars;              // scalar_names() order
  std::vector<std::vector<double>> series;  // series_names() order, one value per tick
  std::int64_t decisions = 0;               // agent decisions taken (for throughput figures)
  std::int64_t orders = 0;                  // orders the agents placed (the same)
};

// Names of the per-trial scalars (each metric's scalars, in scenario order).
[[nodiscard]] std::vector<std::string> scalar_names(const world::World& world);
// Names of the recorded series (metrics with `series: true`, in scenario order).
[[nodiscard]] std::vector<std::string> series_names(const world::World& world);

// From this many agents on, a trial runs its agents' production, decisions, consumption and
// learning, and its books' matching, in parallel (TrialOptions).
inline constexpr std::size_t kParallelAgents = 512;

// From this many agents on, a trial's orders enter the books venue by venue (TrialOptions).
inline constexpr std::size_t kByVenueAgents = 512;

// How a trial spreads its own work over threads.
struct TrialOptions {
  // From this many agents on, the agents' production and decisions (with their orders'
  // conversion to lots and ticks), consumption and learning from trades run in parallel under
  // oneTBB, within the threads the caller allows, and so does the matching of the books that read
  // no quota; fewer run one after another. Each of those steps writes only its own agent's or
  // book's state; what they add to shared totals is added afterwards in agent order, and trades
  // are settled in the seeded order of entry, so the results are bit-identical whichever way
  // they run. 0: never in parallel.
  std::size_t parallel_agents = kParallelAgents;
  // From this many agents on, or whenever the steps above run in parallel, a tick's orders enter
  // the books venue by venue: each book takes all its orders of the tick, in their seeded order,
  // before the next, and the trades are settled afterwards in the order they would have been
  // made entering the orders in turn (faster for a large world, whose books do not all fit in
  // cache). Fewer: the orders enter in turn, each matched as it comes. The same trades, settled
  // in the same order, either way. 0: only when in parallel.
  std::size_t by_venue_agents = kByVenueAgents;
};

// Runs trial `trial` under master seed `seed`. Deterministic: the same world, seed and trial
// give bit-identical output on any thread, with any options.
[[nodiscard]] TrialOutput run_trial(const world::World& world, std::uint64_t seed,
                                    std::uint64_t trial, const TrialOptions& options = {});
// As above, with `external` deciding for the agents it plays (sim/external.h) each tick.
[[nodiscard]] TrialOutput run_trial(const world::World& world, std::uint64_t seed,
                                    std::uint64_t trial, ExternalDecisions& external);

}  // namespace reesim::sim
