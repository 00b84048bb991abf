// A client that disconnects during a served trial (gateway/lockstep.h, `reesim serve --wait`): a
// new connection asking for the same role within the wait plays on from the tick where the trial
// waited, and the game replays exactly; a wait that runs out leaves the agents to their built-in
// rules for the rest of the trial, recorded; a Hello for a role nobody left is handled as at any
// other time. Loopback only; every client loop is bounded in frames and each read in time. No
// assertion depends on how fast the machine is: each client acts only after the previous one has
// finished, and the waits are long enough (30 s) or never met.
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "gateway/client.h"
#include "gateway/lockstep.h"
#include "gateway/replay.h"
#include "gateway/server.h"
#include "sim/trial.h"
#include "tests/gateway/test_world.h"

using reesim::gateway::BlockingClient;
using reesim::gateway::Error;
using reesim::gateway::Frame;
using reesim::gateway::RecordedAction;

namespace {

constexpr std::uint64_t kSeed = 7;
constexpr int kQuitTick = 5;

// Sends a Hello for `agents` as `name`; the reply (nullopt when none came).
std::optional<Frame> join(BlockingClient& client, std::initializer_list<std::string> agents,
                          const std::string& name) {
  client.send(reesim::gateway::hello(agents, "", name));
  return client.receive();
}

// Connects and asks for lp_0 as `name`, as a client coming back does: while the server refuses
// the role as taken (it may not have seen the previous connection close yet), it tries again on
// a new connection, at most 100 times 20 ms apart. The connection, and the last reply in `reply`.
std::unique_ptr<BlockingClient> come_back(std::uint16_t port, const std::string& name,
                                          std::optional<Frame>& reply) {
  for (int attempt = 0;; ++attempt) {
    auto client = std::make_unique<BlockingClient>(port, 30000);
    reply = join(*client, {"lp_0"}, name);
    const bool taken = reply && reply->has_error() && reply->error().code() == Error::CODE_ROLE;
    if (!taken || attempt == 99) return client;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

// The Action offering 10 kg of lp_0's oxide at 90 USD at `tick`.
Frame ask(std::int64_t tick) {
  Frame reply;
  reply.mutable_action()->set_tick(static_cast<std::int32_t>(tick));
  auto* orders = reply.mutable_action()->add_agents();
  orders->set_agent("lp_0");
  auto* order = orders->add_orders();
  order->set_venue(0);
  order->set_side(reesim::gateway::SIDE_SELL);
  order->set_price_usd(90);
  order->set_units(10);
  return reply;
}

// What a client saw while playing lp_0.
struct Played {
  int first_tick = -1;  // the tick of its first Observation
  int answered = 0;     // Observations answered
  bool ended = false;   // it got the last TrialEnd
};

// Answers every Observation with ask() until the Observation of tick `stop` (received, not
// answered) or the last TrialEnd; at most `ticks` + 1 frames.
Played play(BlockingClient& client, int stop, int ticks) {
  Played played;
  for (int frames = 0; frames < ticks + 1; ++frames) {
    const auto frame = client.receive();
    if (!frame) break;
    if (frame->has_trial_end()) {
      played.ended = frame->trial_end().last();
      break;
    }
    if (!frame->has_observation()) break;
    const int tick = frame->observation().tick();
    if (played.first_tick < 0) played.first_tick = tick;
    if (tick == stop) break;
    if (!client.send(ask(tick))) break;
    ++played.answered;
  }
  return played;
}

// Serves one trial of `world` with `wait` for a client to come back, while `clients` plays on
// its own thread; the trial's output and the actions recorded.
template <typename Clients>
std::pair<reesim::sim::TrialOutput, reesim::gateway::ActionLog> serve(
    const reesim::world::World& world, std::chrono::milliseconds wait, Clients clients) {
  reesim::gateway::Server server(world, {1, kSeed, 0}, {});
  std::thread playing([&] { clients(server.port()); });
  reesim::gateway::ActionRecorder recorder;
  reesim::sim::TrialOutput served;
  const bool seated = server.wait_for_clients(1, std::chrono::seconds(30));
  if (seated) {
    reesim::gateway::LockstepOptions options;
    options.trials = 1;
    options.rejoin_wait = wait;
    const auto decider = reesim::gateway::lockstep_trial(world, server, recorder, options, 0);
    served = reesim::sim::run_trial(world, kSeed, 0, *decider);
  }
  server.close_all(Frame());  // ends the loops of clients still reading
  playing.join();
  REQUIRE(seated);
  return {served, recorder.log()};
}

// The trial with lp_0's asks applied at ticks [0, `until`) and its built-in rule after them.
reesim::sim::TrialOutput asked_until(const reesim::world::World& world, int until) {
  reesim::gateway::ActionLog log;
  for (int tick = 0; tick < until; ++tick) {
    RecordedAction& action = *log.add_actions();
    action.set_tick(tick);
    action.set_agent("lp_0");
    action.set_outcome(RecordedAction::OUTCOME_APPLIED);
    *action.mutable_orders() = ask(tick).action().agents(0).orders();
  }
  const reesim::gateway::Replay replay(world, log);
  return reesim::sim::run_trial(world, kSeed, 0, *replay.trial(0));
}

reesim::sim::TrialOutput replayed(const reesim::world::World& world,
                                  const reesim::gateway::ActionLog& log) {
  const reesim::gateway::Replay replay(world, log);
  return reesim::sim::run_trial(world, kSeed, 0, *replay.trial(0));
}

}  // namespace

TEST_CASE("A client that comes back within the wait plays on from that tick and replays",
          "[gateway][rejoin]") {
  const auto world = reesim::testing::gateway_world(2);
  const int ticks = world->ticks();
  Played first;
  Played second;
  std::optional<Frame> welcomed;
  const auto [served, log] = serve(*world, std::chrono::seconds(30), [&](std::uint16_t port) {
    {
      BlockingClient client(port, 30000);
      if (!join(client, {"lp_0"}, "first")) return;
      first = play(client, kQuitTick, ticks);
    }  // disconnects, owing the Action of tick kQuitTick
    const auto client = come_back(port, "second", welcomed);
    if (welcomed && welcomed->has_welcome()) second = play(*client, -1, ticks);
  });

  CHECK(first.answered == kQuitTick);
  REQUIRE(welcomed);
  CHECK(welcomed->has_welcome());
  // It gets the Observation of the tick the trial waited at, and plays to the end.
  CHECK(second.first_tick == kQuitTick);
  CHECK(second.answered == ticks - kQuitTick);
  CHECK(second.ended);

  // Applied by the first client, its return, applied by the second; nothing fell back.
  REQUIRE(log.actions_size() == ticks + 1);
  for (int k = 0; k < log.actions_size(); ++k) {
    const RecordedAction& action = log.actions(k);
    const int tick = k <= kQuitTick ? k : k - 1;
    CHECK(action.tick() == tick);
    CHECK(action.agent() == "lp_0");
    CHECK(action.client() == (k < kQuitTick ? "first" : "second"));
    CHECK(action.outcome() ==
          (k == kQuitTick ? RecordedAction::OUTCOME_REJOINED : RecordedAction::OUTCOME_APPLIED));
  }

  // The game is the one where lp_0 asked at every tick, not the one where it stopped; its
  // replay gives it back.
  const auto throughout = asked_until(*world, ticks);
  const auto stopped = asked_until(*world, kQuitTick);
  CHECK(served.series == throughout.series);
  CHECK(served.scalars == throughout.scalars);
  CHECK(served.series != stopped.series);
  const auto again = replayed(*world, log);
  CHECK(again.scalars == served.scalars);
  CHECK(again.series == served.series);
}

TEST_CASE("A wait that runs out leaves the built-in rule for the rest of the trial, recorded",
          "[gateway][rejoin]") {
  const auto world = reesim::testing::gateway_world(2);
  const int ticks = world->ticks();
  Played first;
  const auto [served, log] = serve(*world, std::chrono::milliseconds(200), [&](std::uint16_t port) {
    BlockingClient client(port, 30000);
    if (join(client, {"lp_0"}, "first")) first = play(client, kQuitTick, ticks);
  });

  CHECK(first.answered == kQuitTick);
  REQUIRE(log.actions_size() == kQuitTick + 1);
  for (int tick = 0; tick < kQuitTick; ++tick)
    CHECK(log.actions(tick).outcome() == RecordedAction::OUTCOME_APPLIED);
  CHECK(log.actions(kQuitTick).outcome() == RecordedAction::OUTCOME_DISCONNECTED);
  CHECK(log.actions(kQuitTick).tick() == kQuitTick);

  const auto stopped = asked_until(*world, kQuitTick);
  CHECK(served.series == stopped.series);
  CHECK(served.scalars == stopped.scalars);
  const auto again = replayed(*world, log);
  CHECK(again.series == served.series);
}

TEST_CASE("A Hello for a role nobody left is handled as at any other time while a trial waits",
          "[gateway][rejoin]") {
  const auto world = reesim::testing::gateway_world(2);
  const int ticks = world->ticks();
  Played first;
  Played second;
  std::optional<Frame> free_agent;
  std::optional<Frame> taken_agent;
  std::optional<Frame> after_free;
  const auto [served, log] = serve(*world, std::chrono::seconds(30), [&](std::uint16_t port) {
    {
      BlockingClient client(port, 30000);
      if (!join(client, {"lp_0"}, "first")) return;
      first = play(client, kQuitTick, ticks);
    }
    // lp_1 is free (nobody played it): welcomed, to play from the next trial.
    BlockingClient other(port, 30000);
    free_agent = join(other, {"lp_1"}, "other");
    // lp_0 with lp_1, now another client's: refused; the trial keeps waiting for lp_0.
    {
      BlockingClient client(port, 30000);
      taken_agent = join(client, {"lp_0", "lp_1"}, "taken");
    }
    std::optional<Frame> welcomed;
    const auto client = come_back(port, "second", welcomed);
    if (welcomed && welcomed->has_welcome()) second = play(*client, -1, ticks);
    after_free = other.receive();  // the last TrialEnd, no Observation before it
  });

  CHECK(first.answered == kQuitTick);
  REQUIRE(free_agent);
  CHECK(free_agent->has_welcome());
  REQUIRE(taken_agent);
  REQUIRE(taken_agent->has_error());
  CHECK(taken_agent->error().code() == Error::CODE_ROLE);
  CHECK(second.first_tick == kQuitTick);
  CHECK(second.answered == ticks - kQuitTick);
  REQUIRE(after_free);
  CHECK(after_free->has_trial_end());
  CHECK(after_free->trial_end().last());

  REQUIRE(log.actions_size() == ticks + 1);
  CHECK(log.actions(kQuitTick).outcome() == RecordedAction::OUTCOME_REJOINED);
  CHECK(log.actions(kQuitTick).client() == "second");
  for (const RecordedAction& action : log.actions())
    CHECK(action.agent() == "lp_0");
  CHECK(served.series == asked_until(*world, ticks).series);
}

TEST_CASE("The same role is the same agents in any order and the same government",
          "[gateway][rejoin]") {
  using reesim::gateway::Seat;
  using reesim::world::AgentIndex;
  using reesim::world::NationIndex;
  const Seat both{1, "a", {AgentIndex{0}, AgentIndex{1}}, std::nullopt, {}};
  CHECK(same_role(both, Seat{2, "b", {AgentIndex{1}, AgentIndex{0}}, std::nullopt, {}}));
  CHECK_FALSE(same_role(both, Seat{2, "b", {AgentIndex{0}}, std::nullopt, {}}));
  CHECK_FALSE(same_role(
      both, Seat{2, "b", {AgentIndex{0}, AgentIndex{1}, AgentIndex{2}}, std::nullopt, {}}));
  CHECK_FALSE(same_role(both, Seat{2, "b", {AgentIndex{0}, AgentIndex{1}}, NationIndex{0}, {}}));
  const Seat india{3, "in", {}, NationIndex{1}, {}};
  CHECK(same_role(india, Seat{4, "in again", {}, NationIndex{1}, {}}));
  CHECK_FALSE(same_role(india, Seat{4, "cn", {}, NationIndex{0}, {}}));
}
