// A served trial (DESIGN §9): each tick, every client playing sends its Observation and the trial
// waits for their Actions, which replace the built-in rules' orders of the agents they play. A
// client that misses the deadline gets its agents' built-in rules for that tick. At the tick where
// a client is found gone, the trial waits up to LockstepOptions::rejoin_wait for a client asking
// for the same role, which then plays from that tick (it gets its Observation); if none comes,
// the agents get their built-in rules for the rest of the trial. All of it is recorded, as is
// every Action applied, so that replay.h reproduces the game. Used by one trial at a time (serve
// runs trials in turn).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

#include "gateway.pb.h"
#include "gateway/server.h"
#include "sim/external.h"

namespace reesim::gateway {

// What a served run's clients did, in the order it happened. Thread-safe.
class ActionRecorder {
 public:
  void add(RecordedAction action);
  // The log so far, serialized (actions.pb).
  [[nodiscard]] std::string bytes() const;
  [[nodiscard]] ActionLog log() const;

 private:
  mutable std::mutex mutex_;
  ActionLog log_;
};

struct LockstepOptions {
  // How long a tick waits for the Actions (none: until each client answers or goes; its idle
  // timeout bounds the wait).
  std::optional<std::chrono::milliseconds> tick_timeout;
  std::int64_t trials = 0;  // trials in the run: the last TrialEnd says so
  // How long a trial waits, at the tick where a client is found gone, for a client asking for
  // the same role to take its place (0: it falls back at once).
  std::chrono::milliseconds rejoin_wait{0};
};

// The decider of one served trial.
[[nodiscard]] std::unique_ptr<sim::ExternalDecisions> lockstep_trial(const world::World& world,
                                                                     Server& server,
                                                                     ActionRecorder& recorder,
                                                                     const LockstepOptions& options,
                                                                     std::uint64_t trial);

}  // namespace reesim::gateway
