// Fuzz target: the gateway's frame decoder (gateway/frame.h) on what a client may send the
// server: a byte stream split into length-prefixed frames, each parsed as a gateway Frame and
// taken only as the server takes it (a Hello first, Actions after). Input: byte 0 picks the
// frame size limit (a small one, so that oversized lengths are common, or the server's default
// of 1 MiB), byte 1 the size of the pieces the stream arrives in (0: all at once), the rest is
// the stream. Beyond "no crash, no sanitizer report":
//   - the reader gives exactly the frames, and then the verdict, that a plain reading of the
//     stream does (a length over the limit refused as too large from its prefix alone, a body
//     that is not a Frame with a body refused as malformed, a frame cut short left waiting with
//     all its bytes buffered), however the stream is cut into pieces;
//   - a refusal is final: more bytes and more calls give the same verdict and no frame;
//   - an accepted frame is never longer than the limit, re-encodes to a frame that decodes to
//     the same message, and that re-encoding is stable;
//   - the server's check of what a client sends takes a frame exactly when it is a Hello at the
//     start or an Action after it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/stubs/logging.h>

#include "gateway/frame.h"

namespace {

namespace gw = reesim::gateway;
using Status = gw::FrameReader::Status;

void require(bool condition) {
  if (!condition) __builtin_trap();
}

// What reading `stream` with limit `limit` must give: its frames, then the verdict on the rest.
struct Reading {
  std::vector<gw::Frame> frames;
  Status verdict = Status::kNeedMore;
  std::uint64_t announced = 0;  // kTooLarge: the length refused
  std::size_t left = 0;         // kNeedMore: bytes of an unfinished frame
};

// The stream read plainly, frame by frame: the reference the reader is held to.
Reading plain_reading(std::string_view stream, std::size_t limit) {
  Reading reading;
  std::size_t at = 0;
  for (;;) {
    const std::size_t rest = stream.size() - at;
    if (rest < gw::kHeaderBytes) {
      reading.left = rest;
      return reading;
    }
    std::uint64_t length = 0;
    for (std::size_t i = 0; i < gw::kHeaderBytes; ++i)
      length = (length << 8) | static_cast<unsigned char>(stream[at + i]);
    if (length > limit) {
      reading.verdict = Status::kTooLarge;
      reading.announced = length;
      return reading;
    }
    if (rest - gw::kHeaderBytes < length) {
      reading.left = rest;
      return reading;
    }
    gw::Frame frame;
    if (!frame.ParseFromArray(stream.data() + at + gw::kHeaderBytes, static_cast<int>(length)) ||
        frame.body_case() == gw::Frame::BODY_NOT_SET) {
      reading.verdict = Status::kMalformed;
      return reading;
    }
    reading.frames.push_back(std::move(frame));
    at += gw::kHeaderBytes + static_cast<std::size_t>(length);
  }
}

// The same message: the same fields, unknown ones included, bit for bit (a NaN equals itself).
// Serialization is deterministic here: the gateway's messages have no maps.
bool same(const gw::Frame& a, const gw::Frame& b) {
  return a.SerializeAsString() == b.SerializeAsString();
}

// An accepted frame re-encoded: its prefix gives its length, it decodes (with a limit of exactly
// that length) to the same message and nothing is left over, and encoding that again gives the
// same bytes.
void check_round_trip(const gw::Frame& frame) {
  const std::string bytes = gw::encode_frame(frame);
  require(bytes.size() >= gw::kHeaderBytes);
  const std::size_t length = bytes.size() - gw::kHeaderBytes;
  gw::FrameReader reader(std::max<std::size_t>(1, length));
  reader.feed(bytes);
  gw::Frame again;
  require(reader.next(again) == Status::kFrame);
  require(reader.announced() == length);
  require(reader.buffered() == 0);
  require(same(again, frame));
  require(gw::encode_frame(again) == bytes);
  require(reader.next(again) == Status::kNeedMore);
}

// The server's check of the frames a client sent in order: a Hello first, Actions after.
void check_client_rules(const std::vector<gw::Frame>& frames) {
  bool welcomed = false;
  for (const gw::Frame& frame : frames) {
    const bool taken = gw::client_frame_refusal(frame, welcomed).empty();
    require(taken == (welcomed ? frame.has_action() : frame.has_hello()));
    if (!taken) return;  // the server closes the connection here
    welcomed = true;
  }
}

}  // namespace

// Protobuf's parse errors on stderr would drown the fuzzer's own lines; the decoder's verdict is
// what is checked.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::size_t limit =
      data[0] < 128 ? 16 + std::size_t{data[0]} * 8 : gw::kDefaultMaxFrameBytes;
  const std::string_view stream(reinterpret_cast<const char*>(data) + 2, size - 2);
  const std::size_t piece = data[1] == 0 ? std::max<std::size_t>(1, stream.size()) : data[1];
  const Reading expected = plain_reading(stream, limit);

  gw::FrameReader reader(limit);
  std::vector<gw::Frame> frames;
  Status verdict = Status::kNeedMore;
  for (std::size_t at = 0; at < stream.size() && verdict == Status::kNeedMore; at += piece) {
    reader.feed(stream.substr(at, piece));
    for (;;) {
      gw::Frame frame;
      const Status status = reader.next(frame);
      if (status == Status::kNeedMore) break;
      if (status != Status::kFrame) {
        verdict = status;
        break;
      }
      require(reader.announced() <= limit);
      require(frames.size() < expected.frames.size());
      require(same(frame, expected.frames[frames.size()]));
      frames.push_back(std::move(frame));
    }
  }
  require(frames.size() == expected.frames.size());
  require(verdict == expected.verdict);
  if (verdict == Status::kNeedMore) require(reader.buffered() == expected.left);
  if (verdict == Status::kTooLarge) require(reader.announced() == expected.announced);
  if (verdict != Status::kNeedMore) {
    // Final: whatever follows, the same verdict and no frame.
    reader.feed(gw::encode_frame(gw::Frame()));
    gw::Frame frame;
    require(reader.next(frame) == verdict);
    require(reader.next(frame) == verdict);
  }

  for (const gw::Frame& frame : frames)
    check_round_trip(frame);
  check_client_rules(frames);
  return 0;
}
