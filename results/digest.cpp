#include "results/digest.h"

#include <array>
#include <bit>
#include <cmath>
#include <stdexcept>

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

// Appends the number of `values`, then each one's canonical bits.
template <typename Values>
void put_doubles(Sha256& hasher, const Values& values) {
  put_u64(hasher, static_cast<std::uint64_t>(values.size()));
  for (const double value : values)
    put_u64(hasher, canonical_bits(value));
}

}  // namespace

std::uint64_t canonical_bits(double value) {
  return std::isnan(value) ? kCanonicalNan : std::bit_cast<std::uint64_t>(value);
}

std::string series_sha256(const std::vector<std::vector<double>>& series_by_name_then_tick) {
  Sha256 hasher;
  put_u64(hasher, static_cast<std::uint64_t>(series_by_name_then_tick.size()));
  for (const std::vector<double>& series : series_by_name_then_tick)
    put_doubles(hasher, series);
  const Sha256Digest digest = hasher.finish();
  return {digest.begin(), digest.end()};
}

void RunDigest::add(const TrialResult& trial) {
  // Checked before anything is hashed, so that a refused trial leaves the digest as it was.
  if (trial.series_sha256().size() != kSeriesHashBytes)
    throw std::invalid_argument(
        "trial " + std::to_string(trial.trial()) + " of point " + std::to_string(trial.point()) +
        " has no series hash (series_sha256 holds " + std::to_string(trial.series_sha256().size()) +
        " bytes, not 32): it was written by a " +
        "reesim whose digest did not cover series; run it again");
  put_u64(hasher_, static_cast<std::uint64_t>(trial.point()));
  put_u64(hasher_, static_cast<std::uint64_t>(trial.trial()));
  put_doubles(hasher_, trial.parameters());
  put_doubles(hasher_, trial.scalars());
  hasher_.update(trial.series_sha256());
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
