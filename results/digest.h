// The run digest (DESIGN §4): one SHA-256 over the canonical encoding of every per-trial result,
// so that two runs agree on every bit of every trial iff their digests agree. `reesim run`,
// `reesim merge` and `reesim reproduce` all compute it this way, so a merged sharded sweep and a
// single-machine run of the same experiment print the same digest.
//
// Canonical encoding (a public contract; changing it changes every published digest):
// the trials are encoded one after the other in (point, trial) order, each as
//   point                      int64, little-endian, two's complement
//   trial                      int64, little-endian, two's complement
//   number of parameters       uint64, little-endian
//   each parameter             IEEE-754 binary64 bit pattern as uint64, little-endian
//   number of scalars          uint64, little-endian
//   each scalar                IEEE-754 binary64 bit pattern as uint64, little-endian
//   series hash                32 bytes: the trial's TrialResult.series_sha256
// with no header, separator or trailer. The series hash is the SHA-256 of the trial's series
// (every recorded series, in scenario order, one value per tick) encoded as
//   number of series           uint64, little-endian
//   each series                its number of ticks as uint64, little-endian, then each value
//                              as an IEEE-754 binary64 bit pattern as uint64, little-endian
// so that results.pb and sweep checkpoints keep 32 bytes of series per trial, and `reesim merge`
// and `reesim sweep --resume` recompute the digest from stored trials alone. Every NaN (a
// parameter, a scalar or a series value) is encoded as the quiet NaN 0x7ff8000000000000 whatever
// its sign and payload (NaN payloads are not reproducible across compilers and CPUs); -0.0
// (0x8000000000000000) is kept distinct from +0.0. The digest is the lower-case hex SHA-256 of
// that byte string; a run with no trials has the digest of the empty string.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "results.pb.h"
#include "results/sha256.h"

namespace reesim::results {

// Bytes of a trial's series hash (TrialResult.series_sha256).
inline constexpr std::size_t kSeriesHashBytes = 32;

// Accumulates the run digest trial by trial. The caller adds the trials in (point, trial) order
// (a runner that finishes trials out of order reorders them first); the digest does not sort.
// Not thread-safe.
class RunDigest {
 public:
  // Appends one trial's canonical encoding. Throws std::invalid_argument, naming the trial, when
  // its series_sha256 is not 32 bytes (a result written before series entered the digest).
  void add(const TrialResult& trial);

  // Lower-case hex digest of the trials added so far (64 characters). Does not end the digest:
  // more trials may be added afterwards.
  [[nodiscard]] std::string hex() const;

  // Trials added so far.
  [[nodiscard]] std::int64_t trials() const { return trials_; }

 private:
  Sha256 hasher_;
  std::int64_t trials_ = 0;
};

// The canonical bit pattern of `value` in the digest encoding: its IEEE-754 bits, except that
// every NaN maps to 0x7ff8000000000000.
[[nodiscard]] std::uint64_t canonical_bits(double value);

// A trial's series hash, for TrialResult.series_sha256: the SHA-256 of `series` (series_by_name_
// then_tick[s][t] is series s at tick t, as sim::TrialOutput::series) in the canonical series
// encoding above, as 32 raw bytes. Pure; thread-safe.
[[nodiscard]] std::string series_sha256(
    const std::vector<std::vector<double>>& series_by_name_then_tick);

// Digest of all trials of `results`, in the order stored (Results.trials is in (point, trial)
// order by contract). Throws std::invalid_argument as RunDigest::add.
[[nodiscard]] std::string run_digest(const Results& results);

}  // namespace reesim::results
