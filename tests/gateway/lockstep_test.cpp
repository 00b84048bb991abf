// Trials in lock-step with clients (gateway/lockstep.h): 32 clients, each on a thread of its
// own, play 32 agents at once; every Action applies and is recorded, the game differs from the
// built-in rules' and its replay (gateway/replay.h) gives it back exactly. Loopback only; every
// client's loop is bounded in frames and each read in time.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
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

using reesim::gateway::Frame;
using reesim::gateway::RecordedAction;

namespace {

// Plays agent lp_`k` until the last TrialEnd: an even k offers 10 kg at 90 USD, an odd one bids
// for 10 kg up to 110 USD, every tick. Returns the Observations answered, or -1 on a failure.
int play(std::uint16_t port, int k, int ticks) {
  reesim::gateway::BlockingClient client(port, 30000);
  const std::string agent = "lp_" + std::to_string(k);
  client.send(reesim::gateway::hello({agent}, "", "client_" + std::to_string(k)));
  const auto welcome = client.receive();
  if (!welcome || !welcome->has_welcome()) return -1;
  int answered = 0;
  for (int frames = 0; frames < ticks + 1; ++frames) {
    const auto frame = client.receive();
    if (!frame) return -1;
    if (frame->has_trial_end()) return frame->trial_end().last() ? answered : -1;
    if (!frame->has_observation() || frame->observation().agents(0).id() != agent) return -1;
    Frame reply;
    reply.mutable_action()->set_trial(frame->observation().trial());
    reply.mutable_action()->set_tick(frame->observation().tick());
    auto* orders = reply.mutable_action()->add_agents();
    orders->set_agent(agent);
    auto* order = orders->add_orders();
    order->set_venue(0);
    order->set_side(k % 2 == 0 ? reesim::gateway::SIDE_SELL : reesim::gateway::SIDE_BUY);
    order->set_price_usd(k % 2 == 0 ? 90 : 110);
    order->set_units(10);
    if (!client.send(reply)) return -1;
    ++answered;
  }
  return -1;
}

}  // namespace

TEST_CASE("32 clients play 32 agents in lock-step and their game replays", "[gateway][lockstep]") {
  constexpr int kClients = 32;
  const auto world = reesim::testing::gateway_world(kClients);
  const int ticks = world->ticks();
  reesim::gateway::Server server(*world, {1, 7, 0}, {});
  std::vector<int> answered(kClients, -2);
  std::vector<std::thread> clients;
  for (int k = 0; k < kClients; ++k)
    clients.emplace_back(
        [&, k] { answered[static_cast<std::size_t>(k)] = play(server.port(), k, ticks); });
  const bool seated = server.wait_for_clients(kClients, std::chrono::seconds(30));

  reesim::gateway::ActionRecorder recorder;
  reesim::gateway::LockstepOptions options;
  options.trials = 1;
  reesim::sim::TrialOutput served;
  if (seated) {
    const auto decider = reesim::gateway::lockstep_trial(*world, server, recorder, options, 0);
    served = reesim::sim::run_trial(*world, 7, 0, *decider);
  } else {
    server.close_all(Frame());  // let the clients' loops end
  }
  for (std::thread& client : clients)
    client.join();
  REQUIRE(seated);
  CHECK(std::count(answered.begin(), answered.end(), ticks) == kClients);

  const reesim::gateway::ActionLog log = recorder.log();
  CHECK(log.actions_size() == kClients * ticks);
  CHECK(std::all_of(log.actions().begin(), log.actions().end(), [](const RecordedAction& a) {
    return a.outcome() == RecordedAction::OUTCOME_APPLIED && a.orders_size() == 1;
  }));

  // The built-in rules never trade here; the clients' crossing orders do.
  const auto names = reesim::sim::scalar_names(*world);
  const auto volume = static_cast<std::size_t>(
      std::find(names.begin(), names.end(), "volume_total") - names.begin());
  REQUIRE(volume < names.size());
  const reesim::sim::TrialOutput plain = reesim::sim::run_trial(*world, 7, 0);
  CHECK(plain.scalars[volume] == 0);
  CHECK(served.scalars[volume] > 0);

  const reesim::gateway::Replay replay(*world, log);
  const reesim::sim::TrialOutput replayed = reesim::sim::run_trial(*world, 7, 0, *replay.trial(0));
  CHECK(replayed.scalars == served.scalars);
  CHECK(replayed.series == served.series);
}

namespace {

// Plays lp_0 for one trial: at tick `skip` it sends nothing, at tick `bad` an order on a venue
// the agent does not trade on; otherwise it offers 10 kg at 90 USD. Returns the Error code it
// got, if any (CODE_UNSPECIFIED when the trial ended without one).
reesim::gateway::Error::Code play_badly(std::uint16_t port, int skip, int bad, int ticks) {
  reesim::gateway::BlockingClient client(port, 30000);
  client.send(reesim::gateway::hello({"lp_0"}, "", "badly"));
  const auto welcome = client.receive();
  if (!welcome || !welcome->has_welcome()) return reesim::gateway::Error::CODE_UNSPECIFIED;
  for (int frames = 0; frames < ticks + 1; ++frames) {
    const auto frame = client.receive();
    if (!frame || frame->has_trial_end()) break;
    if (frame->has_error()) return frame->error().code();
    const int tick = frame->observation().tick();
    if (tick == skip) continue;
    Frame reply;
    reply.mutable_action()->set_tick(tick);
    auto* orders = reply.mutable_action()->add_agents();
    orders->set_agent("lp_0");
    auto* order = orders->add_orders();
    order->set_venue(tick == bad ? 5 : 0);
    order->set_side(reesim::gateway::SIDE_SELL);
    order->set_price_usd(90);
    order->set_units(10);
    client.send(reply);
  }
  return reesim::gateway::Error::CODE_UNSPECIFIED;
}

// One trial of the two-provider world served to play_badly; the recorded actions.
reesim::gateway::ActionLog serve_badly(const reesim::world::World& world, int skip, int bad,
                                       std::optional<std::chrono::milliseconds> deadline,
                                       reesim::gateway::Error::Code& code) {
  reesim::gateway::Server server(world, {1, 7, 0}, {});
  std::thread client([&] { code = play_badly(server.port(), skip, bad, world.ticks()); });
  reesim::gateway::ActionRecorder recorder;
  if (server.wait_for_clients(1, std::chrono::seconds(30))) {
    reesim::gateway::LockstepOptions options;
    options.trials = 1;
    options.tick_timeout = deadline;
    const auto decider = reesim::gateway::lockstep_trial(world, server, recorder, options, 0);
    (void)reesim::sim::run_trial(world, 7, 0, *decider);
  }
  server.close_all(Frame());
  client.join();
  return recorder.log();
}

}  // namespace

TEST_CASE("A missed deadline gives the built-in rule for that tick, recorded",
          "[gateway][lockstep]") {
  const auto world = reesim::testing::gateway_world(2);
  auto code = reesim::gateway::Error::CODE_UNSPECIFIED;
  // A 2 s deadline: only the tick the client skips can miss it.
  const auto log = serve_badly(*world, 2, -1, std::chrono::milliseconds(2000), code);
  CHECK(code == reesim::gateway::Error::CODE_UNSPECIFIED);
  REQUIRE(log.actions_size() == world->ticks());
  for (const RecordedAction& action : log.actions())
    CHECK(action.outcome() == (action.tick() == 2 ? RecordedAction::OUTCOME_DEADLINE
                                                  : RecordedAction::OUTCOME_APPLIED));
}

TEST_CASE("An invalid Action is rejected, closes its client and leaves the built-in rules",
          "[gateway][lockstep]") {
  const auto world = reesim::testing::gateway_world(2);
  auto code = reesim::gateway::Error::CODE_UNSPECIFIED;
  const auto log = serve_badly(*world, -1, 3, std::nullopt, code);
  CHECK(code == reesim::gateway::Error::CODE_BAD_ACTION);
  // Ticks 0-2 applied, tick 3 rejected, then nothing: the built-in rule for the rest.
  REQUIRE(log.actions_size() == 4);
  CHECK(log.actions(3).outcome() == RecordedAction::OUTCOME_REJECTED);
  CHECK(log.actions(3).tick() == 3);
  // Replayed, the game is the three applied ticks (whose asks at 90 USD meet lp_1's built-in
  // bid) and the rule after them, which never trades.
  const reesim::gateway::Replay replay(*world, log);
  const auto replayed = reesim::sim::run_trial(*world, 7, 0, *replay.trial(0));
  const auto plain = reesim::sim::run_trial(*world, 7, 0);
  const auto names = reesim::sim::scalar_names(*world);
  const auto volume = static_cast<std::size_t>(
      std::find(names.begin(), names.end(), "volume_total") - names.begin());
  REQUIRE(volume < names.size());
  CHECK(plain.scalars[volume] == 0);
  CHECK(replayed.scalars[volume] > 0);
}
