// Replay of a recorded game (DESIGN §9): the actions a `reesim serve` run recorded in actions.pb
// decide again for the agents the clients played, and the governments' lever moves move the same
// policies at the same ticks, with no client, so that `reesim reproduce
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
  // record whose agent or nation the world lacks, or whose orders or lever moves are invalid
  // (messages.h to_requests, levers.h to_moves).
  Replay(const world::World& world, ActionLog log);
  Replay(const Replay&) = delete;
  Replay& operator=(const Replay&) = delete;

  // The decider of trial `trial`: it applies the actions recorded as applied there, and leaves
  // every other decision to the built-in rules and every other policy to its activation.
  [[nodiscard]] std::unique_ptr<sim::ExternalDecisions> trial(std::uint64_t trial) const;

  struct Applied {
    world::AgentIndex agent{};
    std::vector<agents::OrderRequest> orders;
  };
  // The actions applied at (trial, tick), in record order (empty when none).
  [[nodiscard]] const std::vector<Applied>& at(std::uint64_t trial, int tick) const;
  // The governments' moves applied at (trial, tick), in record order (empty when none).
  [[nodiscard]] const std::vector<sim::PolicyMove>& moves_at(std::uint64_t trial, int tick) const;

 private:
  void add_moves(const world::World& world, const RecordedAction& action, const std::string& where);

  std::map<std::pair<std::uint64_t, int>, std::vector<Applied>> applied_;
  std::map<std::pair<std::uint64_t, int>, std::vector<sim::PolicyMove>> moves_;
};

// Reads actions.pb (an ActionLog). Throws std::runtime_error "PATH: ..." when it cannot be read
// or parsed.
[[nodiscard]] ActionLog read_action_log(const std::string& path);

}  // namespace reesim::gateway
