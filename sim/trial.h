// One trial of the world (DESIGN §2): seed the streams, build the state, run the tick loop,
// record metrics. A trial owns all its mutable state and reads only the shared, immutable
// World, so trials may run concurrently on different threads.
#pragma once

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
};

// Names of the per-trial scalars (each metric's scalars, in scenario order).
[[nodiscard]] std::vector<std::string> scalar_names(const world::World& world);
// Names of the recorded series (metrics with `series: true`, in scenario order).
[[nodiscard]] std::vector<std::string> series_names(const world::World& world);

// Runs trial `trial` under master seed `seed`. Deterministic: the same world, seed and trial
// give bit-identical output on any thread.
[[nodiscard]] TrialOutput run_trial(const world::World& world, std::uint64_t seed,
                                    std::uint64_t trial);
// As above, with `external` deciding for the agents it plays (sim/external.h) each tick.
[[nodiscard]] TrialOutput run_trial(const world::World& world, std::uint64_t seed,
                                    std::uint64_t trial, ExternalDecisions& external);

}  // namespace reesim::sim
