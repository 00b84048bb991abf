// Replay of a recorded game (DESIGN §9): the actions a `reesim serve` run recorded in actions.pb
// decide again for the agents the clients played, with no client, so that `reesim reproduce
// OUTDIR` gets the run's digest. Built once; shared read-only by trials on any thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "gateway.pb.h"
#include "sim/external.h"
#include "world/world.h"

namespace reesim::gateway {

class Replay {
 public:
  // Indexes `log` against `world`. Throws std::invalid_argument "action N: ..." naming the first
  // record whose agent the world lacks or whose orders are invalid (messages.h to_requests).
  Replay(const world::World& world, ActionLog log);
  Replay(const Replay&) = delete;
  Replay& operator=(const Replay&) = delete;

  // The decider of trial `trial`: it applies the actions recorded as applied there, and leaves
  // every other decision to the built-in rules.
  [[nodiscard]] std::unique_ptr<sim::ExternalDecisions> trial(std::uint64_t trial) const;

  struct Applied {
    world::AgentIndex agent{};
    std::vector<agents::OrderRequest> orders;
  };
  // The actions applied at (trial, tick), in record order (empty when none).
  [[nodiscard]] const std::vector<Applied>& at(std::uint64_t trial, int tick) const;

 private:
  std::map<std::pair<std::uint64_t, int>, std::vector<Applied>> applied_;
};

// Reads actions.pb (an ActionLog). Throws std::runtime_error "PATH: ..." when it cannot be read
// or parsed.
[[nodiscard]] ActionLog read_action_log(const std::string& path);

}  // namespace reesim::gateway
