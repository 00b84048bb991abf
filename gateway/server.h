// The gateway's network side (DESIGN §9): a TCP server on Boost.Asio whose io_context runs on a
// thread of its own. It accepts clients, checks their Hello (version, token, role) and enforces
// the limits of docs/gateway.md (frame size, frames per second, handshake and idle timeouts,
// maximum clients); a bad frame or a broken limit closes that connection with an Error and
// disturbs no other. The simulation side, one thread at a time, sends frames to the clients that
// play and waits for their Actions (lockstep.h). Thread-safe: the public functions may be called
// from any thread, but the simulation side expects one caller at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "gateway.pb.h"
#include "gateway/frame.h"
#include "gateway/messages.h"
#include "world/world.h"

namespace reesim::gateway {

struct ServerOptions {
  std::string host = "127.0.0.1";  // an IPv4 or IPv6 address; loopback by default
  std::uint16_t port = 0;          // 0: any free port (Server::port() says which)
  // The token a Hello must carry; empty: none (allowed on loopback only).
  std::string token;
  std::size_t max_frame_bytes = kDefaultMaxFrameBytes;
  int max_frames_per_second = 1000;  // per connection
  std::chrono::milliseconds handshake_timeout{5000};
  // How long a client that owes a frame (the Action for an Observation sent) may stay silent.
  std::chrono::milliseconds idle_timeout{60000};
  int max_clients = 64;  // connections open at once, handshake or not
};

// Options the server refuses to start with (a non-loopback address without a token, an address
// that is not one): what() is one line.
class ServerRefused : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// A client that has been welcomed: its id, the agents it plays and the government it plays, if
// any, with that government's levers.
struct Seat {
  int client = 0;
  std::string name;
  std::vector<world::AgentIndex> agents;
  std::optional<world::NationIndex> government;
  std::vector<ResolvedLever> levers;

  // Whether it plays anything (a client that broke a rule or went plays nothing).
  [[nodiscard]] bool plays() const { return !agents.empty() || government.has_value(); }
};

// Whether two seats play the same role: the same agents, in any order, and the same government.
[[nodiscard]] bool same_role(const Seat& a, const Seat& b);

class Server {
 public:
  // Binds and starts serving on its own thread. Throws ServerRefused for bad options, and
  // std::runtime_error when the address cannot be bound.
  Server(const world::World& world, const RunInfo& run, const ServerOptions& options);
  // Closes every connection and joins the network thread.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The port it listens on.
  [[nodiscard]] std::uint16_t port() const;

  // Blocks until `count` clients are welcomed and connected, or `timeout` passes; returns whether
  // they are.
  bool wait_for_clients(int count, std::chrono::milliseconds timeout);
  // The welcomed clients connected now, by id.
  [[nodiscard]] std::vector<Seat> seats() const;
  [[nodiscard]] bool connected(int client) const;

  // Starts tick `tick` of trial `trial`: forgets stored Actions and awaits one from each of
  // `clients` from now on.
  void expect(std::uint64_t trial, int tick, const std::vector<int>& clients);
  // Adds `client` to the clients awaited for the tick expect() started (a client that took the
  // place of one gone).
  void expect_also(int client);
  // Blocks until a client other than `gone`'s plays the same role (the same agents, in any
  // order, and the same government), or `until` passes; returns that client's seat. A client
  // welcomed while `gone`'s agents were free: the one that came back.
  [[nodiscard]] std::optional<Seat> await_rejoin(const Seat& gone,
                                                 std::chrono::steady_clock::time_point until);
  // Queues `frame` to `client` (nothing when it has gone). An Observation makes it owe an Action:
  // its idle timeout runs until one arrives. After a TrialEnd marked last the connection closes.
  void send(int client, const Frame& frame);
  // Blocks until every client expect() named has sent its Action or gone, or `deadline` passes
  // (none: no deadline).
  void await_actions(std::optional<std::chrono::steady_clock::time_point> deadline);
  // Whether `client` has sent its Action for the tick expected (and it is not yet taken).
  [[nodiscard]] bool answered(int client) const;
  // The Action `client` sent for the tick expected, if any (once).
  [[nodiscard]] std::optional<Action> take_action(int client);
  // Sends `client` an Error and closes its connection.
  void drop(int client, Error::Code code, const std::string& message);
  // Sends every client `frame` and closes every connection once its frames are written.
  void close_all(const Frame& frame);

  // Connections refused or closed by the server for a broken rule, since it started.
  [[nodiscard]] int refused() const;

  class Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

// Whether two tokens are equal, in time that depends only on their lengths.
[[nodiscard]] bool same_token(const std::string& given, const std::string& expected);

}  // namespace reesim::gateway
