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
// with no header, separator or trailer. Every NaN is encoded as the quiet NaN
// 0x7ff8000000000000 whatever its sign and payload (NaN payloads are not reproducible across
// compilers and CPUs); -0.0 (0x8000000000000000) is kept distinct from +0.0. The digest is the
// lower-case hex SHA-256 of that byte string; a run with no trials has the digest of the empty
// string.
#pragma once

#include <cstdint>
#include <string>

#include "results.pb.h"
#include "results/sha256.h"

namespace reesim::results {

// Accumulates the run digest trial by trial. The caller adds the trials in (point, trial) order
// (a runner that finishes trials out of order reorders them first); the digest does not sort.
// Not thread-safe.
class RunDigest {
 public:
  // Appends one trial's canonical encoding.
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

// Digest of all trials of `results`, in the order stored (Results.trials is in (point, trial)
// order by contract).
[[nodiscard]] std::string run_digest(const Results& results);

}  // namespace reesim::results
