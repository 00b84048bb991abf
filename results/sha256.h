// SHA-256 (FIPS 180-4), incremental. Used for the run digest (DESIGN §4) and for the SHA-256 of
// input files in run manifests. A Sha256 object is not thread-safe; separate objects are
// independent.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace reesim::results {

// A 32-byte SHA-256 digest.
using Sha256Digest = std::array<std::uint8_t, 32>;

// Hashes a message given in any number of pieces: update(a); update(b) hashes the
// concatenation a + b. Copyable: a copy continues from the same state, so a running digest can be
// read without ending the original (see RunDigest::hex).
class Sha256 {
 public:
  Sha256();

  // Appends `bytes` to the message.
  void update(std::string_view bytes);
  // Appends `size` bytes starting at `data` (not owned, read during the call only).
  void update(const void* data, std::size_t size);

  // Pads the message, returns its digest and resets this object to hash a new, empty message.
  [[nodiscard]] Sha256Digest finish();

 private:
  void compress(const std::uint8_t* block);

  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};  // the partial block not yet compressed
  std::size_t buffered_ = 0;               // bytes used in buffer_
  std::uint64_t length_ = 0;               // message length so far, in bytes
};

// Lower-case hexadecimal of `bytes`, two characters per byte.
[[nodiscard]] std::string to_hex(std::span<const std::uint8_t> bytes);

// Lower-case hex SHA-256 of `bytes`, e.g. sha256_hex("abc") == "ba7816bf...".
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

}  // namespace reesim::results
