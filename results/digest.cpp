#include "results/digest.h"

#include <array>
#include <bit>
#include <cmath>

namespace reesim::results {
namespace {

constexpr std::uint64_t kCanonicalNan = 0x7ff8000000000000;

// Appends `value` as 8 little-endian bytes, whatever the host's byte order.
void put_u64(Sha256& hasher, std::uint64_t value) {
  std::array<std::uint8_t, 8> bytes;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    bytes[i] = static_cast<std::uint8_t>(value >> (8 * i));
  }
  hasher.update(bytes.data(), bytes.size());
}

void put_doubles(Sha256& hasher, const google::protobuf::RepeatedField<double>& values) {
  put_u64(hasher, static_cast<std::uint64_t>(values.size()));
  for (const double value : values)
    put_u64(hasher, canonical_bits(value));
}

}  // namespace

std::uint64_t canonical_bits(double value) {
  return std::isnan(value) ? kCanonicalNan : std::bit_cast<std::uint64_t>(value);
}

void RunDigest::add(const TrialResult& trial) {
  put_u64(hasher_, static_cast<std::uint64_t>(trial.point()));
  put_u64(hasher_, static_cast<std::uint64_t>(trial.trial()));
  put_doubles(hasher_, trial.parameters());
  put_doubles(hasher_, trial.scalars());
  ++trials_;
}

std::string RunDigest::hex() const {
  Sha256 copy = hasher_;
  return to_hex(copy.finish());
}

std::string run_digest(const Results& results) {
  RunDigest digest;
  for (const TrialResult& trial : results.trials())
    digest.add(trial);
  return digest.hex();
}

}  // namespace reesim::results
