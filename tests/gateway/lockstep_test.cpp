// Trials in lock-step with clients (gateway/lockstep.h): 32 clients, each on a thread of its
// own, play 32 agents at once; every Action applies and is recorded, the game differs from the
// built-in rules' and its replay (gateway/replay.h) gives it back exactly. Loopback only; every
// client's loop is bounded in frames and each read in time.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
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
