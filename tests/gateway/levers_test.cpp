// A government at the gateway (gateway/levers.h): a client playing the United States' government
// moves the tariff it levies on Chinese oxide, declared as levers by the scenario, while it also
// plays a Chinese seller and a US buyer whose orders cross at any tariff under 0.22. Raising the
// tariff stops the trade from the next tick; ending the policy restarts it; a move out of bounds
// is rejected, recorded and closes the client; the served game replays to the same outputs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "gateway/client.h"
#include "gateway/lockstep.h"
#include "gateway/replay.h"
#include "gateway/server.h"
#include "sim/catalog.h"
#include "sim/trial.h"
#include "tests/policies/world_runner.h"

using reesim::gateway::Error;
using reesim::gateway::Frame;
using reesim::gateway::RecordedAction;

namespace {

// One oxide on one global venue, monthly for a year; lp_cn (China) and lp_us (the US), and a US
// tariff on Chinese oxide at `rate`, with two levers for the US government: its rate in
// [0, 0.5] and its on/off switch.
std::unique_ptr<reesim::world::World> tariff_world(double rate) {
  const std::string text = R"txt(
    id: "levers-test" title: "Levers test world"
    calendar { start: "2024-01-01" end: "2024-12-31" tick_days: 30 }
    commodities {
      id: "ndpr" name: "NdPr oxide" stage: STAGE_OXIDE unit: "kg"
      quantity_lot: 1 price_tick: 0.01 reference_price: 100
      content { key: "Nd" value: 0.75 } content { key: "Pr" value: 0.25 }
    }
    venues { id: "ndpr_global" commodity: "ndpr" jurisdiction: "global" }
    nations { id: "CN" } nations { id: "US" }
    agents {
      id: "lp_cn" type: "liquidity_provider" nation: "CN" venues: ["ndpr_global"]
      inventory { commodity: "ndpr" quantity { fixed: 1000 } }
    }
    agents {
      id: "lp_us" type: "liquidity_provider" nation: "US" venues: ["ndpr_global"] cash: 1000000
    }
    policies {
      id: "us_tariff_cn" type: "tariff" enacted_by: "US" origins: ["CN"] destinations: ["US"]
      params { name: "rate" value { fixed: )txt" +
                           std::to_string(rate) + R"txt( } }
    }
    levers { id: "us_tariff_rate" policy: "us_tariff_cn" nation: "US" param: "rate" min: 0 max: 0.5 }
    levers { id: "us_tariff_on" policy: "us_tariff_cn" nation: "US" }
    metrics {
      id: "volume" kind: METRIC_VOLUME venue: "ndpr_global" series: true
      scalars { id: "volume_total" kind: SCALAR_CUMULATIVE }
    }
  )txt";
  return std::make_unique<reesim::world::World>(reesim::testing::scenario_of({text}),
                                                reesim::sim::catalog());
}

// What the government client saw and got.
struct Played {
  Error::Code code = Error::CODE_UNSPECIFIED;  // the Error it got, if any
  std::vector<std::string> levers;             // the Welcome's lever ids
  std::vector<double> rate_seen;               // us_tariff_rate's value, by tick
  std::vector<double> on_seen;                 // us_tariff_on's value, by tick
};

// Plays lp_cn (offers 10 kg at 90 USD), lp_us (bids for 10 kg up to 110 USD landed) and the US
// government for one trial; at tick `at` it moves lever `lever` to `value`.
Played play(std::uint16_t port, int ticks, int at, const std::string& lever, double value) {
  Played played;
  reesim::gateway::BlockingClient client(port, 30000);
  Frame hello = reesim::gateway::hello({"lp_cn", "lp_us"}, "", "government");
  hello.mutable_hello()->set_government("US");
  client.send(hello);
  const auto welcome = client.receive();
  if (!welcome || !welcome->has_welcome()) return played;
  for (const auto& info : welcome->welcome().levers())
    played.levers.push_back(info.id());
  for (int frames = 0; frames < ticks + 1; ++frames) {
    const auto frame = client.receive();
    if (!frame || frame->has_trial_end()) break;
    if (frame->has_error()) {
      played.code = frame->error().code();
      break;
    }
    const auto& observation = frame->observation();
    if (observation.lever_values_size() == 2) {
      played.rate_seen.push_back(observation.lever_values(0));
      played.on_seen.push_back(observation.lever_values(1));
    }
    Frame reply;
    auto& action = *reply.mutable_action();
    action.set_tick(observation.tick());
    for (const char* agent : {"lp_cn", "lp_us"}) {
      auto& orders = *action.add_agents();
      orders.set_agent(agent);
      auto& order = *orders.add_orders();
      const bool seller = std::string(agent) == "lp_cn";
      order.set_venue(0);
      order.set_side(seller ? reesim::gateway::SIDE_SELL : reesim::gateway::SIDE_BUY);
      order.set_price_usd(seller ? 90 : 110);
      order.set_units(10);
    }
    if (observation.tick() == at) {
      auto& move = *action.add_levers();
      move.set_lever(lever);
      move.set_value(value);
    }
    client.send(reply);
  }
  return played;
}

struct Game {
  Played played;
  reesim::gateway::ActionLog log;
  reesim::sim::TrialOutput output;
};

// One trial of `world` served to play().
Game serve(const reesim::world::World& world, int at, const std::string& lever, double value) {
  Game game;
  reesim::gateway::Server server(world, {1, 7, 0}, {});
  std::thread client([&] { game.played = play(server.port(), world.ticks(), at, lever, value); });
  reesim::gateway::ActionRecorder recorder;
  if (server.wait_for_clients(1, std::chrono::seconds(30))) {
    reesim::gateway::LockstepOptions options;
    options.trials = 1;
    const auto decider = reesim::gateway::lockstep_trial(world, server, recorder, options, 0);
    game.output = reesim::sim::run_trial(world, 7, 0, *decider);
  }
  server.close_all(Frame());
  client.join();
  game.log = recorder.log();
  return game;
}

double volume_total(const reesim::world::World& world, const reesim::sim::TrialOutput& output) {
  const auto names = reesim::sim::scalar_names(world);
  const auto k = static_cast<std::size_t>(std::find(names.begin(), names.end(), "volume_total") -
                                          names.begin());
  REQUIRE(k < output.scalars.size());
  return output.scalars[k];
}

}  // namespace

TEST_CASE("Raising a tariff by its lever stops that route's trade from the next tick",
          "[gateway][levers]") {
  const auto world = tariff_world(0);
  const int ticks = world->ticks();
  const Game still = serve(*world, -1, "", 0);
  const Game raised = serve(*world, 4, "us_tariff_rate", 0.5);
  REQUIRE(raised.played.code == Error::CODE_UNSPECIFIED);
  CHECK(raised.played.levers == std::vector<std::string>{"us_tariff_rate", "us_tariff_on"});
  // 10 kg a tick at no tariff (110 USD landed beats 90); at 0.5, 135 USD landed does not.
  CHECK(volume_total(*world, still.output) == Approx(10.0 * ticks));
  CHECK(volume_total(*world, raised.output) == Approx(10.0 * 5));
  // The Observations show the rate in force: 0 up to the move's tick, 0.5 from the next.
  REQUIRE(raised.played.rate_seen.size() == static_cast<std::size_t>(ticks));
  for (int tick = 0; tick < ticks; ++tick)
    CHECK(raised.played.rate_seen[static_cast<std::size_t>(tick)] == (tick <= 4 ? 0.0 : 0.5));
  CHECK(std::all_of(raised.played.on_seen.begin(), raised.played.on_seen.end(),
                    [](double on) { return on == 1.0; }));
}

TEST_CASE("Ending a tariff by its switch lets the route trade from the next tick",
          "[gateway][levers]") {
  const auto world = tariff_world(0.5);
  const int ticks = world->ticks();
  const Game ended = serve(*world, 2, "us_tariff_on", 0);
  REQUIRE(ended.played.code == Error::CODE_UNSPECIFIED);
  CHECK(volume_total(*world, ended.output) == Approx(10.0 * (ticks - 3)));
  REQUIRE(ended.played.on_seen.size() == static_cast<std::size_t>(ticks));
  CHECK(ended.played.on_seen[2] == 1.0);
  CHECK(ended.played.on_seen[3] == 0.0);
}

TEST_CASE("A lever moved out of its bounds is rejected, recorded and closes the client",
          "[gateway][levers]") {
  const auto world = tariff_world(0);
  const Game game = serve(*world, 3, "us_tariff_rate", 0.8);
  CHECK(game.played.code == Error::CODE_BAD_LEVER);
  // Ticks 0-2: two agents and the government applied; tick 3: the three rejected, then nothing.
  REQUIRE(game.log.actions_size() == 12);
  for (int k = 9; k < 12; ++k) {
    CHECK(game.log.actions(k).outcome() == RecordedAction::OUTCOME_REJECTED);
    CHECK(game.log.actions(k).tick() == 3);
  }
  const RecordedAction& government = game.log.actions(11);
  CHECK(government.government() == "US");
  REQUIRE(government.levers_size() == 1);
  CHECK(government.levers(0).value() == 0.8);
  // The rate never moved: the tariff stays 0 and the trade of ticks 0-2 is all there was (the
  // built-in rules, from tick 3 on, never trade).
  CHECK(volume_total(*world, game.output) == Approx(30.0));
}

TEST_CASE("A switch takes 0 or 1 only, and a lever another government holds is refused",
          "[gateway][levers]") {
  const auto world = tariff_world(0);
  CHECK(serve(*world, 1, "us_tariff_on", 0.5).played.code == Error::CODE_BAD_LEVER);
  CHECK(serve(*world, 1, "cn_levers_none", 0.1).played.code == Error::CODE_BAD_LEVER);
}

TEST_CASE("A government for a nation without levers is refused at Hello", "[gateway][levers]") {
  const auto world = tariff_world(0);
  reesim::gateway::Server server(*world, {1, 7, 0}, {});
  reesim::gateway::BlockingClient client(server.port(), 30000);
  Frame hello = reesim::gateway::hello({}, "", "china");
  hello.mutable_hello()->set_government("CN");
  client.send(hello);
  const auto reply = client.receive();
  REQUIRE(reply);
  REQUIRE(reply->has_error());
  CHECK(reply->error().code() == Error::CODE_ROLE);
}

TEST_CASE("A game with lever moves replays to the same outputs", "[gateway][levers]") {
  const auto world = tariff_world(0);
  const Game raised = serve(*world, 4, "us_tariff_rate", 0.5);
  const reesim::gateway::Replay replay(*world, raised.log);
  const auto replayed = reesim::sim::run_trial(*world, 7, 0, *replay.trial(0));
  CHECK(replayed.scalars == raised.output.scalars);
  CHECK(replayed.series == raised.output.series);
  // Without the government's records the replay is another game.
  reesim::gateway::ActionLog agents_only;
  for (const RecordedAction& action : raised.log.actions())
    if (action.government().empty()) *agents_only.add_actions() = action;
  const reesim::gateway::Replay without(*world, agents_only);
  const auto other = reesim::sim::run_trial(*world, 7, 0, *without.trial(0));
  CHECK(volume_total(*world, other) != volume_total(*world, raised.output));
}
