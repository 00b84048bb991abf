#include "gateway/lockstep.h"

#include <atomic>
#include <map>
#include <vector>

#include "gateway/messages.h"
#include "sim/trial.h"

namespace reesim::gateway {

void ActionRecorder::add(RecordedAction action) {
  const std::lock_guard lock(mutex_);
  *log_.add_actions() = std::move(action);
}

std::string ActionRecorder::bytes() const {
  const std::lock_guard lock(mutex_);
  return log_.SerializeAsString();
}

ActionLog ActionRecorder::log() const {
  const std::lock_guard lock(mutex_);
  return log_;
}

namespace {

class LockstepTrial final : public sim::ExternalDecisions {
 public:
  LockstepTrial(const world::World& world, Server& server, ActionRecorder& recorder,
                const LockstepOptions& options, std::uint64_t trial)
      : world_(world), server_(server), recorder_(recorder), options_(options), trial_(trial) {}

  void decide(const sim::TickView& view, sim::OrdersByAgent& orders,
              std::vector<sim::PolicyMove>& moves) override {
    const int tick = view.snapshot.tick;
    if (tick == 0) seats_ = server_.seats();  // the clients seated now play this trial
    std::vector<int> playing;
    for (Seat& seat : seats_)
      if (seat.plays()) playing.push_back(seat.client);
    if (playing.empty()) return;
    server_.expect(trial_, tick, playing);
    for (const Seat& seat : seats_) {
      if (!seat.plays()) continue;
      Frame frame;
      *frame.mutable_observation() = make_observation(view, seat.agents, seat.levers);
      server_.send(seat.client, frame);
    }
    server_.await_actions(tick_deadline());
    rejoin(view);
    // Seats in client order, so that two governments' moves apply in a reproducible order.
    for (Seat& seat : seats_)
      if (seat.plays()) apply(view, seat, orders, moves);
  }

  void finish(std::uint64_t trial, const std::vector<double>& scalars) override {
    Frame frame;
    TrialEnd& end = *frame.mutable_trial_end();
    end.set_trial(trial);
    for (const std::string& name : sim::scalar_names(world_))
      end.add_scalar_names(name);
    end.mutable_scalars()->Assign(scalars.begin(), scalars.end());
    end.set_last(trial + 1 >= static_cast<std::uint64_t>(options_.trials));
    for (const Seat& seat : server_.seats())
      server_.send(seat.client, frame);
  }

 private:
  using Clock = std::chrono::steady_clock;

  [[nodiscard]] std::optional<Clock::time_point> tick_deadline() const {
    if (!options_.tick_timeout) return std::nullopt;
    return Clock::now() + *options_.tick_timeout;
  }

  // Gives each seat whose client has gone without answering up to rejoin_wait for a client asking
  // for the same role; one that comes takes the seat, gets this tick's Observation and is awaited
  // like the others. Bounded in time: each seat's wait ends rejoin_wait after it was first found
  // gone at this tick, however often a client comes and goes again.
  void rejoin(const sim::TickView& view) {
    const int tick = view.snapshot.tick;
    std::map<int, Clock::time_point> until;  // by seat position: when its wait runs out
    for (;;) {
      bool seated = false;
      for (std::size_t k = 0; k < seats_.size(); ++k) {
        Seat& seat = seats_[k];
        if (!seat.plays() || server_.connected(seat.client) || server_.answered(seat.client))
          continue;
        const auto wait =
            until.try_emplace(static_cast<int>(k), Clock::now() + options_.rejoin_wait).first;
        const std::optional<Seat> back = server_.await_rejoin(seat, wait->second);
        if (!back) continue;  // apply() records the disconnect
        seat.client = back->client;
        seat.name = back->name;
        record(seat, tick, RecordedAction::OUTCOME_REJOINED);
        server_.expect_also(seat.client);
        Frame frame;
        *frame.mutable_observation() = make_observation(view, seat.agents, seat.levers);
        server_.send(seat.client, frame);
        seated = true;
      }
      if (!seated) return;
      server_.await_actions(tick_deadline());
    }
  }

  // Records `outcome` for each agent `seat` plays and for its government, with the government's
  // `levers` moves.
  void record(const Seat& seat, int tick, RecordedAction::Outcome outcome,
              const google::protobuf::RepeatedPtrField<LeverMove>& levers = {}) {
    for (const world::AgentIndex a : seat.agents) {
      RecordedAction action;
      action.set_trial(trial_);
      action.set_tick(tick);
      action.set_agent(world_.agents()[a].id);
      action.set_outcome(outcome);
      action.set_client(seat.name);
      recorder_.add(std::move(action));
    }
    if (seat.government) record_government(seat, tick, outcome, levers);
  }

  void record_government(const Seat& seat, int tick, RecordedAction::Outcome outcome,
                         const google::protobuf::RepeatedPtrField<LeverMove>& levers) {
    RecordedAction action;
    action.set_trial(trial_);
    action.set_tick(tick);
    action.set_government(world_.nations()[world::at(*seat.government)]);
    action.set_outcome(outcome);
    *action.mutable_levers() = levers;
    action.set_client(seat.name);
    recorder_.add(std::move(action));
  }

  // Closes `seat`'s client for a broken rule: it plays nothing more.
  void reject(Seat& seat, int tick, const Action& action, Error::Code code,
              const std::string& error) {
    record(seat, tick, RecordedAction::OUTCOME_REJECTED, action.levers());
    server_.drop(seat.client, code, error);
    seat.agents.clear();
    seat.government.reset();
  }

  // Applies `seat`'s Action, or records why its agents keep their rules and its policies stay.
  void apply(const sim::TickView& view, Seat& seat, sim::OrdersByAgent& orders,
             std::vector<sim::PolicyMove>& moves) {
    const int tick = view.snapshot.tick;
    std::optional<Action> action = server_.take_action(seat.client);
    if (!action) {
      if (server_.connected(seat.client)) {
        record(seat, tick, RecordedAction::OUTCOME_DEADLINE);
      } else {
        record(seat, tick, RecordedAction::OUTCOME_DISCONNECTED);
        seat.agents.clear();  // the built-in rules for the rest of the trial
        seat.government.reset();
      }
      return;
    }
    // The whole Action is checked before any of it applies.
    std::vector<std::pair<world::AgentIndex, std::vector<agents::OrderRequest>>> decided;
    std::string error;
    for (const AgentOrders& given : action->agents()) {
      std::optional<world::AgentIndex> agent;
      for (const world::AgentIndex a : seat.agents)
        if (view.world.agents()[a].id == given.agent()) agent = a;
      if (!agent) {
        error = "agent '" + given.agent() + "' is not one this client plays";
        break;
      }
      auto requests = to_requests(view.world, *agent, given.orders(), error);
      if (!requests) break;
      decided.emplace_back(*agent, std::move(*requests));
    }
    if (!error.empty()) return reject(seat, tick, *action, Error::CODE_BAD_ACTION, error);
    std::optional<std::vector<sim::PolicyMove>> moved;
    if (seat.government)
      moved = to_moves(seat.levers, action->levers(), error);
    else if (action->levers_size() > 0)
      error = "lever moves from a client that plays no government";
    if (!error.empty()) return reject(seat, tick, *action, Error::CODE_BAD_LEVER, error);
    for (int k = 0; k < action->agents_size(); ++k) {
      const auto& [agent, requests] = decided[static_cast<std::size_t>(k)];
      orders[agent] = requests;
      RecordedAction recorded;
      recorded.set_trial(trial_);
      recorded.set_tick(tick);
      recorded.set_agent(action->agents(k).agent());
      recorded.set_outcome(RecordedAction::OUTCOME_APPLIED);
      *recorded.mutable_orders() = action->agents(k).orders();
      recorded.set_client(seat.name);
      recorder_.add(std::move(recorded));
    }
    if (seat.government) {
      moves.insert(moves.end(), moved->begin(), moved->end());
      record_government(seat, tick, RecordedAction::OUTCOME_APPLIED, action->levers());
    }
  }

  const world::World& world_;
  Server& server_;
  ActionRecorder& recorder_;
  LockstepOptions options_;
  std::uint64_t trial_;
  std::vector<Seat> seats_;
};

}  // namespace

std::unique_ptr<sim::ExternalDecisions> lockstep_trial(const world::World& world, Server& server,
                                                       ActionRecorder& recorder,
                                                       const LockstepOptions& options,
                                                       std::uint64_t trial) {
  return std::make_unique<LockstepTrial>(world, server, recorder, options, trial);
}

}  // namespace reesim::gateway
