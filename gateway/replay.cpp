#include "gateway/replay.h"

#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "gateway/levers.h"
#include "gateway/messages.h"

namespace reesim::gateway {
namespace {

class ReplayedTrial final : public sim::ExternalDecisions {
 public:
  ReplayedTrial(const Replay& replay, std::uint64_t trial) : replay_(replay), trial_(trial) {}

  void decide(const sim::TickView& view, sim::OrdersByAgent& orders,
              std::vector<sim::PolicyMove>& moves) override {
    for (const Replay::Applied& applied : replay_.at(trial_, view.snapshot.tick))
      orders[applied.agent] = applied.orders;
    const std::vector<sim::PolicyMove>& moved = replay_.moves_at(trial_, view.snapshot.tick);
    moves.insert(moves.end(), moved.begin(), moved.end());
  }
  void finish(std::uint64_t, const std::vector<double>&) override {}

 private:
  const Replay& replay_;
  std::uint64_t trial_;
};

}  // namespace

Replay::Replay(const world::World& world, ActionLog log) {
  std::map<std::string, world::AgentIndex> index;
  for (const world::AgentIndex a : world.agents().indices())
    index.emplace(world.agents()[a].id, a);
  for (int k = 0; k < log.actions_size(); ++k) {
    const RecordedAction& action = log.actions(k);
    if (action.outcome() != RecordedAction::OUTCOME_APPLIED) continue;
    const std::string where = "action " + std::to_string(k) + ": ";
    if (action.tick() < 0 || action.tick() >= world.ticks())
      throw std::invalid_argument(where + "tick " + std::to_string(action.tick()) +
                                  " is outside the calendar");
    if (!action.government().empty()) {
      add_moves(world, action, where);
      continue;
    }
    const auto found = index.find(action.agent());
    if (found == index.end())
      throw std::invalid_argument(where + "the scenario has no agent '" + action.agent() + "'");
    std::string error;
    auto orders = to_requests(world, found->second, action.orders(), error);
    if (!orders) throw std::invalid_argument(where + error);
    applied_[{action.trial(), action.tick()}].push_back({found->second, std::move(*orders)});
  }
}

void Replay::add_moves(const world::World& world, const RecordedAction& action,
                       const std::string& where) {
  std::optional<world::NationIndex> nation;
  for (const world::NationIndex n : world.nation_indices())
    if (world.nations()[world::at(n)] == action.government()) nation = n;
  if (!nation)
    throw std::invalid_argument(where + "the scenario has no nation '" + action.government() + "'");
  std::string error;
  auto moves = to_moves(levers_of(world, *nation), action.levers(), error);
  if (!moves) throw std::invalid_argument(where + error);
  std::vector<sim::PolicyMove>& at = moves_[{action.trial(), action.tick()}];
  at.insert(at.end(), moves->begin(), moves->end());
}

const std::vector<sim::PolicyMove>& Replay::moves_at(std::uint64_t trial, int tick) const {
  static const std::vector<sim::PolicyMove> kNone;
  const auto found = moves_.find({trial, tick});
  return found == moves_.end() ? kNone : found->second;
}

std::unique_ptr<sim::ExternalDecisions> Replay::trial(std::uint64_t trial) const {
  return std::make_unique<ReplayedTrial>(*this, trial);
}

const std::vector<Replay::Applied>& Replay::at(std::uint64_t trial, int tick) const {
  static const std::vector<Applied> kNone;
  const auto found = applied_.find({trial, tick});
  return found == applied_.end() ? kNone : found->second;
}

ActionLog read_action_log(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  ActionLog log;
  if (!log.ParseFromString(bytes.str()))
    throw std::runtime_error(path + ": not an action log (gateway.ActionLog)");
  return log;
}

}  // namespace reesim::gateway
