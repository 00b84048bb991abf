// Frames of the gateway protocol (proto/gateway.proto): a 4-byte big-endian length, then that
// many bytes of a serialized gateway::Frame. The codec is pure (no I/O) so that the server, the
// test client and the fuzz-like tests share it. Not thread-safe; one reader per connection.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "gateway.pb.h"

namespace reesim::gateway {

// Bytes of the length prefix.
inline constexpr std::size_t kHeaderBytes = 4;
// The default limit on a frame's length (the bytes after the prefix): 1 MiB.
inline constexpr std::size_t kDefaultMaxFrameBytes = std::size_t{1} << 20;

// `frame` as it goes on the wire: its length prefix, then its bytes.
[[nodiscard]] std::string encode_frame(const Frame& frame);

// What the server takes from a client (docs/gateway.md): a Hello as its first frame, Actions
// after its Welcome. The reason `frame` is refused, or "" when it is taken; `welcomed`: whether
// the client has had its Welcome.
[[nodiscard]] std::string client_frame_refusal(const Frame& frame, bool welcomed);

// Splits a received byte stream into frames, refusing any longer than its limit before reading
// its bytes (an oversized length is caught from the prefix alone, nothing is allocated for it).
class FrameReader {
 public:
  enum class Status {
    kNeedMore,   // no whole frame buffered yet
    kFrame,      // one frame parsed
    kTooLarge,   // a prefix announces more than the limit; the stream is unusable from here
    kMalformed,  // a whole frame that is not a Frame with a body; the stream is unusable
  };

  // `max_frame_bytes`: the longest frame accepted (without its prefix), at least 1.
  explicit FrameReader(std::size_t max_frame_bytes = kDefaultMaxFrameBytes);

  // Appends bytes received.
  void feed(std::string_view bytes);
  // Parses the next whole frame into `frame`. After kTooLarge or kMalformed every call returns
  // the same status.
  [[nodiscard]] Status next(Frame& frame);
  // Bytes received and not yet returned as frames: nonzero at the end of a stream means its last
  // frame was cut short.
  [[nodiscard]] std::size_t buffered() const { return buffer_.size() - start_; }
  // The length the current prefix announces (after kTooLarge: the refused length).
  [[nodiscard]] std::uint64_t announced() const { return announced_; }

 private:
  std::size_t max_;
  std::string buffer_;
  std::size_t start_ = 0;  // where the next frame's prefix begins in buffer_
  std::uint64_t announced_ = 0;
  Status failed_ = Status::kNeedMore;  // kTooLarge or kMalformed once the stream failed
};

}  // namespace reesim::gateway
