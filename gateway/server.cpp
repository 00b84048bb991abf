// Boost 1.74's Asio under C++20 needs <utility> before it (awaitable.hpp).
#include <utility>

#include "gateway/server.h"

#include <algorithm>
#include <array>
#include <boost/asio.hpp>
#include <condition_variable>
#include <deque>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

namespace reesim::gateway {

namespace asio = boost::asio;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

bool same_token(const std::string& given, const std::string& expected) {
  unsigned char difference = given.size() == expected.size() ? 0 : 1;
  const std::size_t n = std::max(given.size(), expected.size());
  for (std::size_t i = 0; i < n; ++i) {
    const auto a = static_cast<unsigned char>(i < given.size() ? given[i] : 0);
    const auto b = static_cast<unsigned char>(i < expected.size() ? expected[i] : 0);
    difference = static_cast<unsigned char>(difference | (a ^ b));
  }
  return difference == 0;
}

bool same_role(const Seat& a, const Seat& b) {
  if (a.government != b.government || a.agents.size() != b.agents.size()) return false;
  std::vector<world::AgentIndex> left = a.agents;
  std::vector<world::AgentIndex> right = b.agents;
  std::sort(left.begin(), left.end());
  std::sort(right.begin(), right.end());
  return left == right;
}

namespace {

Frame error_frame(Error::Code code, const std::string& message) {
  Frame frame;
  frame.mutable_error()->set_code(code);
  frame.mutable_error()->set_message(message);
  return frame;
}

}  // namespace

class Session;

// State shared by the network thread and the simulation side, under `mutex`.
class Server::Impl : public std::enable_shared_from_this<Server::Impl> {
 public:
  Impl(const world::World& world, const RunInfo& run, const ServerOptions& options)
      : world_(world),
        run_(run),
        options_(options),
        acceptor_(io_),
        taken_(world.agents().size(), -1) {}

  void start();
  void stop();

  // Network thread.
  void accept();
  // The Welcome for `hello`, seating client `client`, or an Error frame; under no lock.
  Frame welcome(const Hello& hello, int client, const std::string& name);
  void stored(int client, Action action);
  void gone(int client);

  const world::World& world_;
  RunInfo run_;
  ServerOptions options_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::thread thread_;
  std::uint16_t port_ = 0;
  int next_client_ = 1;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  int connections_ = 0;
  int refused_ = 0;
  std::map<int, Seat> seats_;
  std::map<int, std::weak_ptr<Session>> sessions_;
  world::ByIndex<world::AgentIndex, int> taken_;  // the client playing each agent; -1: none
  std::uint64_t trial_ = 0;
  int tick_ = -1;
  std::map<int, std::optional<Action>> awaited_;  // clients expect() named, and their Actions
};

// One connection, on the network thread only.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(std::shared_ptr<Server::Impl> server, tcp::socket socket, int id)
      : server_(std::move(server)),
        socket_(std::move(socket)),
        timer_(server_->io_),
        reader_(server_->options_.max_frame_bytes),
        id_(id),
        window_start_(Clock::now()) {}

  void start(bool full) {
    if (full) {
      fail(Error::CODE_FULL, "the server has its maximum of " +
                                 std::to_string(server_->options_.max_clients) + " clients");
      return;
    }
    arm(server_->options_.handshake_timeout, "no Hello within the handshake timeout");
    read();
  }

  // Queues `bytes`; `owes`: an Observation, whose Action is awaited; `last`: the last frame of
  // the run, after which the connection closes.
  void write(std::string bytes, bool owes, bool last = false) {
    if (closed_ || closing_) return;
    if (owes) arm(server_->options_.idle_timeout, "no Action within the idle timeout");
    queue_.push_back(std::move(bytes));
    closing_ = last;
    if (queue_.size() == 1) write_next();
  }

  void action_received() { disarm(); }

  // Sends `frame` then closes (a refusal, or the end of the run).
  void finish(const Frame& frame) {
    if (closed_ || closing_) return;
    queue_.push_back(encode_frame(frame));
    closing_ = true;
    if (queue_.size() == 1) write_next();
  }

  // Closes the connection now, ending its pending operations.
  void close() {
    if (closed_) return;
    closed_ = true;
    timer_.cancel();
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    server_->gone(id_);
  }

  void fail(Error::Code code, const std::string& message) {
    if (closed_ || closing_) return;
    {
      const std::lock_guard lock(server_->mutex_);
      ++server_->refused_;
    }
    finish(error_frame(code, message));
  }

 private:
  // A timer's expiry already queued when it is re-armed or disarmed still runs its handler:
  // each arming has a number, and only the latest one's expiry counts.
  void arm(std::chrono::milliseconds timeout, std::string why) {
    const std::uint64_t arming = ++armings_;
    timer_.expires_after(timeout);
    timer_.async_wait([self = shared_from_this(), why = std::move(why), arming](const auto& error) {
      if (!error && arming == self->armings_) self->fail(Error::CODE_TIMEOUT, why);
    });
  }

  void disarm() {
    ++armings_;
    timer_.cancel();
  }

  void read() {
    socket_.async_read_some(
        asio::buffer(buffer_),
        [self = shared_from_this()](const boost::system::error_code& error, std::size_t n) {
          if (self->closed_) return;
          if (error == asio::error::eof && self->reader_.buffered() > 0) {
            self->fail(Error::CODE_MALFORMED, "the stream ended inside a frame");
            return;
          }
          if (error) {
            self->close();
            return;
          }
          self->reader_.feed(std::string_view(self->buffer_.data(), n));
          if (self->consume()) self->read();
        });
  }

  // Handles the frames buffered; false once the connection is being closed.
  bool consume() {
    Frame frame;
    for (;;) {
      if (closing_ || closed_) return false;
      switch (reader_.next(frame)) {
        case FrameReader::Status::kNeedMore:
          return true;
        case FrameReader::Status::kTooLarge:
          fail(Error::CODE_TOO_LARGE, "a frame of " + std::to_string(reader_.announced()) +
                                          " bytes is over the limit of " +
                                          std::to_string(server_->options_.max_frame_bytes));
          return false;
        case FrameReader::Status::kMalformed:
          fail(Error::CODE_MALFORMED, "a frame that is not a gateway Frame");
          return false;
        case FrameReader::Status::kFrame:
          if (!within_rate()) {
            fail(Error::CODE_RATE, "more than " +
                                       std::to_string(server_->options_.max_frames_per_second) +
                                       " frames in a second");
            return false;
          }
          handle(frame);
          break;
      }
    }
  }

  bool within_rate() {
    const auto now = Clock::now();
    if (now - window_start_ >= std::chrono::seconds(1)) {
      window_start_ = now;
      frames_in_window_ = 0;
    }
    return ++frames_in_window_ <= server_->options_.max_frames_per_second;
  }

  void handle(const Frame& frame) {
    if (const std::string refusal = client_frame_refusal(frame, welcomed_); !refusal.empty()) {
      fail(Error::CODE_MALFORMED, refusal);
      return;
    }
    if (!welcomed_) {
      const Frame reply = server_->welcome(frame.hello(), id_, frame.hello().name());
      if (reply.has_error()) {
        fail(reply.error().code(), reply.error().message());
        return;
      }
      welcomed_ = true;
      disarm();
      write(encode_frame(reply), false);
      return;
    }
    server_->stored(id_, frame.action());
  }

  void write_next() {
    asio::async_write(
        socket_, asio::buffer(queue_.front()),
        [self = shared_from_this()](const boost::system::error_code& error, std::size_t) {
          if (self->closed_) return;
          if (error) {
            self->close();
            return;
          }
          self->queue_.pop_front();
          if (!self->queue_.empty())
            self->write_next();
          else if (self->closing_)
            self->close();
        });
  }

  std::shared_ptr<Server::Impl> server_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  FrameReader reader_;
  std::array<char, 16384> buffer_{};
  std::deque<std::string> queue_;
  int id_;
  bool welcomed_ = false;
  bool closing_ = false;  // a last frame queued: close once written
  bool closed_ = false;
  Clock::time_point window_start_;
  int frames_in_window_ = 0;
  std::uint64_t armings_ = 0;
};

void Server::Impl::start() {
  boost::system::error_code error;
  const asio::ip::address address = asio::ip::make_address(options_.host, error);
  if (error) throw ServerRefused("--listen: '" + options_.host + "' is not an IP address");
  if (!address.is_loopback() && options_.token.empty())
    throw ServerRefused("--listen: " + options_.host +
                        " is not a loopback address: a token file (--token-file) is required");
  const tcp::endpoint endpoint(address, options_.port);
  acceptor_.open(endpoint.protocol(), error);
  if (!error) acceptor_.set_option(tcp::acceptor::reuse_address(true), error);
  if (!error) acceptor_.bind(endpoint, error);
  if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
  if (error)
    throw std::runtime_error("cannot listen on " + options_.host + ":" +
                             std::to_string(options_.port) + ": " + error.message());
  port_ = acceptor_.local_endpoint().port();
  accept();
  thread_ = std::thread([self = shared_from_this()] { self->io_.run(); });
}

void Server::Impl::stop() {
  // Connections closing on their own (after a last frame) get a moment to finish writing; then
  // the acceptor and whatever is still open are closed, which ends every pending operation, and
  // the network thread returns once none is left.
  {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, std::chrono::seconds(2), [&] { return connections_ == 0; });
  }
  asio::post(io_, [self = shared_from_this()] {
    boost::system::error_code ignored;
    self->acceptor_.close(ignored);
    std::vector<std::shared_ptr<Session>> open;
    {
      const std::lock_guard lock(self->mutex_);
      for (auto& [id, weak] : self->sessions_)
        if (auto session = weak.lock()) open.push_back(session);
    }
    for (const auto& session : open)
      session->close();
  });
  if (thread_.joinable()) thread_.join();
}

void Server::Impl::accept() {
  acceptor_.async_accept(
      [self = shared_from_this()](const boost::system::error_code& error, tcp::socket socket) {
        if (error == asio::error::operation_aborted || !self->acceptor_.is_open()) return;
        if (!error) {
          const int id = self->next_client_++;
          bool full = false;
          {
            const std::lock_guard lock(self->mutex_);
            full = self->connections_ >= self->options_.max_clients;
            ++self->connections_;
          }
          auto session = std::make_shared<Session>(self, std::move(socket), id);
          {
            const std::lock_guard lock(self->mutex_);
            self->sessions_[id] = session;
          }
          session->start(full);
        }
        self->accept();
      });
}

Frame Server::Impl::welcome(const Hello& hello, int client, const std::string& name) {
  if (hello.version() != VERSION_CURRENT)
    return error_frame(Error::CODE_VERSION, "protocol version " + std::to_string(hello.version()) +
                                                " is not this server's (" +
                                                std::to_string(VERSION_CURRENT) + ")");
  if (!options_.token.empty() && !same_token(hello.token(), options_.token))
    return error_frame(Error::CODE_TOKEN, "wrong token");
  if (hello.agents().empty() && hello.government().empty())
    return error_frame(Error::CODE_ROLE, "the Hello names no agent or government to play");
  std::optional<world::NationIndex> government;
  std::vector<ResolvedLever> levers;
  if (!hello.government().empty()) {
    for (const world::NationIndex n : world_.nation_indices())
      if (world_.nations()[world::at(n)] == hello.government()) government = n;
    if (!government)
      return error_frame(Error::CODE_ROLE,
                         "the scenario has no nation '" + hello.government() + "'");
    levers = levers_of(world_, *government);
    if (levers.empty())
      return error_frame(
          Error::CODE_ROLE,
          "the scenario declares no levers for the government of '" + hello.government() + "'");
  }
  std::vector<world::AgentIndex> agents;
  for (const std::string& id : hello.agents()) {
    std::optional<world::AgentIndex> found;
    for (const world::AgentIndex a : world_.agents().indices())
      if (world_.agents()[a].id == id) found = a;
    if (!found) return error_frame(Error::CODE_ROLE, "the scenario has no agent '" + id + "'");
    if (std::find(agents.begin(), agents.end(), *found) != agents.end())
      return error_frame(Error::CODE_ROLE, "agent '" + id + "' is named twice");
    agents.push_back(*found);
  }
  {
    const std::lock_guard lock(mutex_);
    for (const world::AgentIndex a : agents)
      if (taken_[a] != -1)
        return error_frame(Error::CODE_ROLE,
                           "agent '" + world_.agents()[a].id + "' is played by another client");
    if (government)
      for (const auto& [id, seat] : seats_)
        if (seat.government == government)
          return error_frame(Error::CODE_ROLE, "the government of '" + hello.government() +
                                                   "' is played by another client");
    for (const world::AgentIndex a : agents)
      taken_[a] = client;
    seats_[client] = Seat{client, name, agents, government, levers};
  }
  changed_.notify_all();
  Frame frame;
  *frame.mutable_welcome() = make_welcome(world_, run_, agents, government, levers);
  return frame;
}

void Server::Impl::stored(int client, Action action) {
  std::shared_ptr<Session> session;
  {
    const std::lock_guard lock(mutex_);
    const auto found = awaited_.find(client);
    // An Action for another tick (one that missed its deadline) or a second one is dropped.
    if (found == awaited_.end() || found->second || action.trial() != trial_ ||
        action.tick() != tick_)
      return;
    found->second = std::move(action);
    if (const auto s = sessions_.find(client); s != sessions_.end()) session = s->second.lock();
  }
  if (session) session->action_received();
  changed_.notify_all();
}

void Server::Impl::gone(int client) {
  {
    const std::lock_guard lock(mutex_);
    --connections_;
    sessions_.erase(client);
    if (const auto seat = seats_.find(client); seat != seats_.end()) {
      for (const world::AgentIndex a : seat->second.agents)
        taken_[a] = -1;
      seats_.erase(seat);
    }
  }
  changed_.notify_all();
}

Server::Server(const world::World& world, const RunInfo& run, const ServerOptions& options)
    : impl_(std::make_shared<Impl>(world, run, options)) {
  impl_->start();
}

Server::~Server() {
  impl_->stop();
}

std::uint16_t Server::port() const {
  return impl_->port_;
}

bool Server::wait_for_clients(int count, std::chrono::milliseconds timeout) {
  std::unique_lock lock(impl_->mutex_);
  return impl_->changed_.wait_for(lock, timeout,
                                  [&] { return static_cast<int>(impl_->seats_.size()) >= count; });
}

std::vector<Seat> Server::seats() const {
  const std::lock_guard lock(impl_->mutex_);
  std::vector<Seat> seats;
  for (const auto& [id, seat] : impl_->seats_)
    seats.push_back(seat);
  return seats;
}

bool Server::connected(int client) const {
  const std::lock_guard lock(impl_->mutex_);
  return impl_->seats_.count(client) != 0;
}

void Server::expect(std::uint64_t trial, int tick, const std::vector<int>& clients) {
  const std::lock_guard lock(impl_->mutex_);
  impl_->trial_ = trial;
  impl_->tick_ = tick;
  impl_->awaited_.clear();
  for (const int client : clients)
    impl_->awaited_[client] = std::nullopt;
}

void Server::expect_also(int client) {
  const std::lock_guard lock(impl_->mutex_);
  impl_->awaited_[client] = std::nullopt;
}

std::optional<Seat> Server::await_rejoin(const Seat& gone, Clock::time_point until) {
  std::unique_lock lock(impl_->mutex_);
  std::optional<Seat> back;
  impl_->changed_.wait_until(lock, until, [&] {
    for (const auto& [id, seat] : impl_->seats_)
      if (id != gone.client && same_role(seat, gone)) {
        back = seat;
        return true;
      }
    return false;
  });
  return back;
}

void Server::send(int client, const Frame& frame) {
  std::shared_ptr<Session> session;
  {
    const std::lock_guard lock(impl_->mutex_);
    if (const auto s = impl_->sessions_.find(client); s != impl_->sessions_.end())
      session = s->second.lock();
  }
  if (!session) return;
  asio::post(impl_->io_, [session, bytes = encode_frame(frame), owes = frame.has_observation(),
                          last = frame.has_trial_end() && frame.trial_end().last()]() mutable {
    session->write(std::move(bytes), owes, last);
  });
}

void Server::await_actions(std::optional<Clock::time_point> deadline) {
  std::unique_lock lock(impl_->mutex_);
  const auto done = [&] {
    for (const auto& [client, action] : impl_->awaited_)
      if (!action && impl_->seats_.count(client) != 0) return false;
    return true;
  };
  if (deadline)
    impl_->changed_.wait_until(lock, *deadline, done);
  else
    impl_->changed_.wait(lock, done);
}

bool Server::answered(int client) const {
  const std::lock_guard lock(impl_->mutex_);
  const auto found = impl_->awaited_.find(client);
  return found != impl_->awaited_.end() && found->second.has_value();
}

std::optional<Action> Server::take_action(int client) {
  const std::lock_guard lock(impl_->mutex_);
  const auto found = impl_->awaited_.find(client);
  if (found == impl_->awaited_.end() || !found->second) return std::nullopt;
  std::optional<Action> action = std::move(found->second);
  impl_->awaited_.erase(found);
  return action;
}

void Server::drop(int client, Error::Code code, const std::string& message) {
  std::shared_ptr<Session> session;
  {
    const std::lock_guard lock(impl_->mutex_);
    if (const auto s = impl_->sessions_.find(client); s != impl_->sessions_.end())
      session = s->second.lock();
  }
  if (session) asio::post(impl_->io_, [session, code, message] { session->fail(code, message); });
}

void Server::close_all(const Frame& frame) {
  std::vector<std::shared_ptr<Session>> open;
  {
    const std::lock_guard lock(impl_->mutex_);
    for (auto& [id, weak] : impl_->sessions_)
      if (auto session = weak.lock()) open.push_back(session);
  }
  for (const auto& session : open)
    asio::post(impl_->io_, [session, frame] { session->finish(frame); });
}

int Server::refused() const {
  const std::lock_guard lock(impl_->mutex_);
  return impl_->refused_;
}

}  // namespace reesim::gateway
