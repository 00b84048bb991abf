// The gateway server's rules (gateway/server.h, docs/gateway.md "Security"): each bad
// connection is refused with an Error and closed while a client already playing keeps being
// served and a new one is still welcomed. Loopback only, on a port the system picks; every wait
// is bounded by the test client's receive timeout.
#include <catch2/catch.hpp>

#include <chrono>
#include <random>
#include <string>

#include "gateway/client.h"
#include "gateway/server.h"
#include "tests/gateway/test_world.h"

using reesim::gateway::BlockingClient;
using reesim::gateway::Error;
using reesim::gateway::Frame;
using reesim::gateway::hello;
using reesim::gateway::Server;
using reesim::gateway::ServerOptions;

namespace {

ServerOptions quick_options() {
  ServerOptions options;
  options.max_frame_bytes = 4096;
  options.handshake_timeout = std::chrono::milliseconds(300);
  return options;
}

// The Error a refused connection gets, or CODE_UNSPECIFIED when none came before the end.
Error::Code refusal(BlockingClient& client) {
  const auto frame = client.receive();
  if (!frame || !frame->has_error()) return Error::CODE_UNSPECIFIED;
  return frame->error().code();
}

// The id of the connected client called `name`, or 0.
int seat_of(const Server& server, const std::string& name) {
  for (const auto& seat : server.seats())
    if (seat.name == name) return seat.client;
  return 0;
}

// A server on the test world, with a client "good" playing lp_0 throughout.
struct Served {
  explicit Served(ServerOptions options = quick_options())
      : world(reesim::testing::gateway_world(4)),
        server(*world, {1, 7, 0}, options),
        good(server.port()) {
    good.send(hello({"lp_0"}, options.token, "good"));
    const auto welcome = good.receive();
    REQUIRE(welcome);
    REQUIRE(welcome->has_welcome());
  }

  // The good client is still connected and receives what the server sends it, and a new client
  // is still welcomed.
  void still_serving() {
    const int id = seat_of(server, "good");
    REQUIRE(id != 0);
    Frame frame;
    frame.mutable_trial_end()->set_trial(41);
    server.send(id, frame);
    const auto received = good.receive();
    REQUIRE(received);
    CHECK(received->trial_end().trial() == 41);
    BlockingClient another(server.port());
    another.send(hello({"lp_3"}, token, "another"));
    const auto welcome = another.receive();
    REQUIRE(welcome);
    CHECK(welcome->has_welcome());
  }

  std::unique_ptr<reesim::world::World> world;
  Server server;
  BlockingClient good;
  std::string token;
};

}  // namespace

TEST_CASE("A Welcome describes the world and the agents played", "[gateway][server]") {
  Served served;
  BlockingClient client(served.server.port());
  client.send(hello({"lp_2", "lp_1"}));
  const auto frame = client.receive();
  REQUIRE(frame);
  REQUIRE(frame->has_welcome());
  const auto& welcome = frame->welcome();
  CHECK(welcome.scenario_id() == "gateway-test");
  CHECK(welcome.tick_dates_size() == served.world->ticks());
  REQUIRE(welcome.agents_size() == 2);
  CHECK(welcome.agents(0).id() == "lp_2");
  CHECK(welcome.agents(1).type() == "liquidity_provider");
  CHECK(welcome.venues(0).id() == "ndpr_global");
  CHECK(welcome.commodities(0).reference_price() == 100);
}

TEST_CASE("Random bytes are refused while others are served", "[gateway][server]") {
  Served served;
  std::mt19937_64 random(7);
  for (int round = 0; round < 5; ++round) {
    std::string bytes(64, '\0');
    for (char& byte : bytes)
      byte = static_cast<char>(random());
    BlockingClient bad(served.server.port());
    bad.send_bytes(bytes);
    const Error::Code code = refusal(bad);
    CHECK((code == Error::CODE_TOO_LARGE || code == Error::CODE_MALFORMED));
    CHECK(bad.closed_by_server());
  }
  served.still_serving();
}

TEST_CASE("An oversized length is refused from its prefix", "[gateway][server]") {
  Served served;
  BlockingClient bad(served.server.port());
  bad.send_bytes(std::string("\x7f\xff\xff\xff", 4));
  CHECK(refusal(bad) == Error::CODE_TOO_LARGE);
  CHECK(bad.closed_by_server());
  served.still_serving();
}

TEST_CASE("A stream that ends inside a frame is refused", "[gateway][server]") {
  Served served;
  BlockingClient bad(served.server.port());
  const std::string whole = reesim::gateway::encode_frame(hello({"lp_1"}));
  bad.send_bytes(whole.substr(0, whole.size() - 2));
  bad.shut_write();
  CHECK(refusal(bad) == Error::CODE_MALFORMED);
  CHECK(served.server.seats().size() == 1);  // lp_1 was not seated
  served.still_serving();
}

TEST_CASE("Another protocol version is refused", "[gateway][server]") {
  Served served;
  BlockingClient bad(served.server.port());
  Frame frame = hello({"lp_1"});
  frame.mutable_hello()->set_version(reesim::gateway::VERSION_CURRENT + 1);
  bad.send(frame);
  CHECK(refusal(bad) == Error::CODE_VERSION);
  CHECK(bad.closed_by_server());
  served.still_serving();
}

TEST_CASE("A wrong or missing token is refused", "[gateway][server]") {
  ServerOptions options = quick_options();
  options.token = "correct horse battery staple";
  Served served(options);
  served.token = options.token;
  for (const std::string token : {"correct horse battery stapler", "", "x"}) {
    BlockingClient bad(served.server.port());
    bad.send(hello({"lp_1"}, token));
    CHECK(refusal(bad) == Error::CODE_TOKEN);
    CHECK(bad.closed_by_server());
  }
  served.still_serving();
}

TEST_CASE("A slow handshake times out", "[gateway][server]") {
  Served served;
  BlockingClient slow(served.server.port());
  const auto started = std::chrono::steady_clock::now();
  CHECK(refusal(slow) == Error::CODE_TIMEOUT);  // after quick_options' 300 ms
  CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(250));
  served.still_serving();
}

TEST_CASE("Unknown, repeated or taken agents are refused", "[gateway][server]") {
  Served served;
  for (const auto& agents :
       {std::initializer_list<std::string>{"lp_9"}, {"lp_1", "lp_1"}, {"lp_0"}, {}}) {
    BlockingClient bad(served.server.port());
    bad.send(hello(agents));
    CHECK(refusal(bad) == Error::CODE_ROLE);
  }
  served.still_serving();
}

TEST_CASE("A first frame other than a Hello is refused", "[gateway][server]") {
  Served served;
  BlockingClient bad(served.server.port());
  Frame frame;
  frame.mutable_action()->set_tick(0);
  bad.send(frame);
  CHECK(refusal(bad) == Error::CODE_MALFORMED);
  served.still_serving();
}

TEST_CASE("More frames per second than allowed close the connection", "[gateway][server]") {
  ServerOptions options = quick_options();
  options.max_frames_per_second = 5;
  Served served(options);
  BlockingClient flood(served.server.port());
  flood.send(hello({"lp_1"}, "", "flood"));
  REQUIRE(flood.receive()->has_welcome());
  Frame action;
  action.mutable_action()->set_tick(0);
  for (int k = 0; k < 10; ++k)
    flood.send(action);
  CHECK(refusal(flood) == Error::CODE_RATE);
  served.still_serving();
}

TEST_CASE("Connections over the maximum are refused", "[gateway][server]") {
  ServerOptions options = quick_options();
  options.max_clients = 2;
  Served served(options);
  BlockingClient second(served.server.port());
  BlockingClient third(served.server.port());
  CHECK(refusal(third) == Error::CODE_FULL);
  CHECK(third.closed_by_server());
  // The second, within the maximum, is still welcomed.
  second.send(hello({"lp_1"}));
  const auto welcome = second.receive();
  REQUIRE(welcome);
  CHECK(welcome->has_welcome());
}

TEST_CASE("A non-loopback address without a token is refused at start", "[gateway][server]") {
  const auto world = reesim::testing::gateway_world(1);
  ServerOptions options;
  options.host = "0.0.0.0";
  CHECK_THROWS_AS(Server(*world, {1, 7, 0}, options), reesim::gateway::ServerRefused);
  options.host = "not-an-address";
  CHECK_THROWS_AS(Server(*world, {1, 7, 0}, options), reesim::gateway::ServerRefused);
}

TEST_CASE("Tokens compare equal only when identical", "[gateway][server]") {
  using reesim::gateway::same_token;
  CHECK(same_token("abc", "abc"));
  CHECK_FALSE(same_token("abc", "abd"));
  CHECK_FALSE(same_token("abc", "abcd"));
  CHECK_FALSE(same_token("", "a"));
  CHECK(same_token("", ""));
}
