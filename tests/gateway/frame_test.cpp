// The gateway's frame codec (gateway/frame.h): frames come back whole however the stream is cut,
// an oversized length is refused from its prefix alone, a truncated frame stays incomplete, and
// random bytes never yield anything but frames, a wait for more, or a refusal.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>

#include "gateway/frame.h"

using reesim::gateway::encode_frame;
using reesim::gateway::Frame;
using reesim::gateway::FrameReader;
using Status = reesim::gateway::FrameReader::Status;

namespace {

Frame action_at(int tick) {
  Frame frame;
  frame.mutable_action()->set_trial(3);
  frame.mutable_action()->set_tick(tick);
  auto* orders = frame.mutable_action()->add_agents();
  orders->set_agent("lp_global");
  auto* order = orders->add_orders();
  order->set_venue(1);
  order->set_side(reesim::gateway::SIDE_SELL);
  order->set_price_usd(61.25);
  order->set_units(12);
  return frame;
}

// A 4-byte big-endian length prefix.
std::string prefix(std::uint32_t length) {
  return {static_cast<char>(length >> 24), static_cast<char>(length >> 16),
          static_cast<char>(length >> 8), static_cast<char>(length)};
}

}  // namespace

TEST_CASE("A frame is its big-endian length then its bytes", "[gateway][frame]") {
  const Frame frame = action_at(7);
  const std::string bytes = encode_frame(frame);
  REQUIRE(bytes.size() == 4 + frame.ByteSizeLong());
  CHECK(bytes.substr(0, 4) == prefix(static_cast<std::uint32_t>(frame.ByteSizeLong())));
}

TEST_CASE("Frames fed one byte at a time come back whole and in order", "[gateway][frame]") {
  const std::string stream = encode_frame(action_at(1)) + encode_frame(action_at(2));
  FrameReader reader;
  std::vector<int> ticks;
  Frame frame;
  for (const char byte : stream) {
    reader.feed(std::string_view(&byte, 1));
    while (reader.next(frame) == Status::kFrame)
      ticks.push_back(frame.action().tick());
  }
  CHECK(ticks == std::vector<int>{1, 2});
  CHECK(reader.buffered() == 0);
  CHECK(frame.action().agents(0).orders(0).price_usd() == 61.25);
}

TEST_CASE("A length over the limit is refused before its bytes arrive", "[gateway][frame]") {
  FrameReader reader(1024);
  reader.feed(prefix(1025));
  Frame frame;
  CHECK(reader.next(frame) == Status::kTooLarge);
  CHECK(reader.announced() == 1025);
  // The stream stays refused: what follows is not read as frames.
  reader.feed(encode_frame(action_at(1)));
  CHECK(reader.next(frame) == Status::kTooLarge);
}

TEST_CASE("A frame at the limit is accepted", "[gateway][frame]") {
  const std::string bytes = encode_frame(action_at(4));
  FrameReader reader(bytes.size() - 4);
  reader.feed(bytes);
  Frame frame;
  CHECK(reader.next(frame) == Status::kFrame);
}

TEST_CASE("A truncated frame waits for the rest and stays buffered", "[gateway][frame]") {
  const std::string bytes = encode_frame(action_at(9));
  FrameReader reader;
  reader.feed(bytes.substr(0, bytes.size() - 3));
  Frame frame;
  CHECK(reader.next(frame) == Status::kNeedMore);
  CHECK(reader.buffered() == bytes.size() - 3);  // at end of stream: a cut frame
  reader.feed(bytes.substr(bytes.size() - 3));
  CHECK(reader.next(frame) == Status::kFrame);
  CHECK(frame.action().tick() == 9);
}

TEST_CASE("Bytes that are not a Frame with a body are malformed", "[gateway][frame]") {
  FrameReader empty;
  empty.feed(prefix(0));  // a Frame with no body set
  Frame frame;
  CHECK(empty.next(frame) == Status::kMalformed);

  FrameReader garbage;
  garbage.feed(prefix(3) + "\xff\xff\xff");  // not protobuf
  CHECK(garbage.next(frame) == Status::kMalformed);
}

TEST_CASE("Random bytes give frames, a wait or a refusal, and never more than was sent",
          "[gateway][frame]") {
  std::mt19937_64 random(20261206);
  int refused = 0;
  for (int round = 0; round < 2000; ++round) {
    std::string bytes(1 + random() % 64, '\0');
    for (char& byte : bytes)
      byte = static_cast<char>(random());
    FrameReader reader(256);
    reader.feed(bytes);
    Frame frame;
    Status status = Status::kFrame;
    // Each frame takes at least its 4-byte prefix: no more frames than bytes / 4.
    std::size_t frames = 0;
    for (; frames <= bytes.size() / 4 && (status = reader.next(frame)) == Status::kFrame; ++frames)
      REQUIRE(frame.body_case() != Frame::BODY_NOT_SET);
    REQUIRE(frames <= bytes.size() / 4);
    if (status == Status::kTooLarge || status == Status::kMalformed) ++refused;
  }
  // Most random prefixes announce far more than 256 bytes.
  CHECK(refused > 1000);
}

TEST_CASE("A client's first frame must be a Hello and every later one an Action",
          "[gateway][frame]") {
  using reesim::gateway::client_frame_refusal;
  Frame hello;
  hello.mutable_hello()->set_version(reesim::gateway::VERSION_CURRENT);
  Frame welcome;
  welcome.mutable_welcome();
  CHECK(client_frame_refusal(hello, false).empty());
  CHECK(client_frame_refusal(action_at(0), false) == "the first frame must be a Hello");
  CHECK(client_frame_refusal(welcome, false) == "the first frame must be a Hello");
  CHECK(client_frame_refusal(action_at(0), true).empty());
  CHECK(client_frame_refusal(hello, true) == "after the Welcome a client sends only Actions");
  CHECK(client_frame_refusal(welcome, true) == "after the Welcome a client sends only Actions");
}
