#include "gateway/frame.h"

#include <algorithm>
#include <stdexcept>

namespace reesim::gateway {

std::string encode_frame(const Frame& frame) {
  const std::size_t size = frame.ByteSizeLong();
  if (size > 0xffffffffU) throw std::length_error("gateway frame longer than 4 GiB");
  std::string out(kHeaderBytes + size, '\0');
  const auto length = static_cast<std::uint32_t>(size);
  for (std::size_t i = 0; i < kHeaderBytes; ++i)
    out[i] = static_cast<char>((length >> (8 * (kHeaderBytes - 1 - i))) & 0xffU);
  if (!frame.SerializeToArray(out.data() + kHeaderBytes, static_cast<int>(size)))
    throw std::runtime_error("gateway frame: cannot serialize");
  return out;
}

std::string client_frame_refusal(const Frame& frame, bool welcomed) {
  if (!welcomed) return frame.has_hello() ? "" : "the first frame must be a Hello";
  return frame.has_action() ? "" : "after the Welcome a client sends only Actions";
}

FrameReader::FrameReader(std::size_t max_frame_bytes)
    : max_(std::max<std::size_t>(1, max_frame_bytes)) {}

void FrameReader::feed(std::string_view bytes) {
  if (failed_ != Status::kNeedMore) return;
  // Drop what was consumed before growing, so a long stream of small frames keeps the buffer
  // small.
  if (start_ > 0 && start_ >= buffer_.size() / 2) {
    buffer_.erase(0, start_);
    start_ = 0;
  }
  buffer_.append(bytes);
}

FrameReader::Status FrameReader::next(Frame& frame) {
  if (failed_ != Status::kNeedMore) return failed_;
  if (buffered() < kHeaderBytes) return Status::kNeedMore;
  std::uint64_t length = 0;
  for (std::size_t i = 0; i < kHeaderBytes; ++i)
    length = (length << 8) | static_cast<unsigned char>(buffer_[start_ + i]);
  announced_ = length;
  if (length > max_) return failed_ = Status::kTooLarge;
  if (buffered() < kHeaderBytes + length) return Status::kNeedMore;
  const char* body = buffer_.data() + start_ + kHeaderBytes;
  frame.Clear();
  if (!frame.ParseFromArray(body, static_cast<int>(length)) ||
      frame.body_case() == Frame::BODY_NOT_SET)
    return failed_ = Status::kMalformed;
  start_ += kHeaderBytes + static_cast<std::size_t>(length);
  return Status::kFrame;
}

}  // namespace reesim::gateway
