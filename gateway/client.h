// A blocking gateway client on 127.0.0.1 (POSIX sockets and the frame codec), for C++ clients,
// the tests and `reesim bench gateway`: every read is bounded by a receive timeout, so that a
// caller never hangs on a server that stopped. Not thread-safe; one per thread.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "gateway/frame.h"

namespace reesim::gateway {

class BlockingClient {
 public:
  // Connects to 127.0.0.1:`port`; every read gives up after `timeout_ms`.
  explicit BlockingClient(std::uint16_t port, int timeout_ms = 10000) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket failed");
    timeval timeout{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    const int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd_);
      throw std::runtime_error("cannot connect to port " + std::to_string(port));
    }
  }
  ~BlockingClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  BlockingClient(const BlockingClient&) = delete;
  BlockingClient& operator=(const BlockingClient&) = delete;

  // Writes raw bytes; false once the server has closed the connection.
  bool send_bytes(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }
  bool send(const Frame& frame) { return send_bytes(encode_frame(frame)); }
  // Stops writing (the server reads end of stream).
  void shut_write() { ::shutdown(fd_, SHUT_WR); }

  // The next frame, or nullopt at end of stream, on a timeout or a bad frame.
  std::optional<Frame> receive() {
    Frame frame;
    for (;;) {
      const auto status = reader_.next(frame);
      if (status == FrameReader::Status::kFrame) return frame;
      if (status != FrameReader::Status::kNeedMore) return std::nullopt;
      char buffer[16384];
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) return std::nullopt;
      reader_.feed(std::string_view(buffer, static_cast<std::size_t>(n)));
    }
  }
  // Whether the server has closed the connection: end of stream within the next 16 frames.
  bool closed_by_server() {
    for (int k = 0; k < 16 && receive(); ++k) {
    }
    char byte = 0;
    return ::recv(fd_, &byte, 1, 0) == 0;
  }

 private:
  int fd_ = -1;
  FrameReader reader_;
};

// A Hello of the current version asking to play `agents`.
inline Frame hello(std::initializer_list<std::string> agents, std::string token = {},
                   std::string name = "test") {
  Frame frame;
  Hello& h = *frame.mutable_hello();
  h.set_version(VERSION_CURRENT);
  h.set_token(std::move(token));
  h.set_name(std::move(name));
  for (const std::string& agent : agents)
    h.add_agents(agent);
  return frame;
}

}  // namespace reesim::gateway
