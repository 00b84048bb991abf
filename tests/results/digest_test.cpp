#include <catch2/catch.hpp>

#include <bit>
#include <cstdint>
#include <initializer_list>
#include <limits>

#include "results/digest.h"

using reesim::Results;
using reesim::TrialResult;
using reesim::results::canonical_bits;
using reesim::results::run_digest;
using reesim::results::RunDigest;

namespace {

TrialResult trial(std::int64_t point, std::int64_t index, std::initializer_list<double> parameters,
                  std::initializer_list<double> scalars) {
  TrialResult result;
  result.set_point(point);
  result.set_trial(index);
  for (const double value : parameters)
    result.add_parameters(value);
  for (const double value : scalars)
    result.add_scalars(value);
  return result;
}

std::string digest_of(std::initializer_list<TrialResult> trials) {
  RunDigest digest;
  for (const TrialResult& t : trials)
    digest.add(t);
  return digest.hex();
}

double with_bits(std::uint64_t bits) {
  return std::bit_cast<double>(bits);
}

}  // namespace

TEST_CASE("The digest encoding is the documented one, byte for byte", "[results][digest]") {
  // Computed independently (Python: struct.pack('<qqQQQQQ', ...) then hashlib.sha256) from:
  // point 2, trial 7, parameters {0.5}, scalars {NaN, -0.0}; point 2, trial 8, none, none.
  const double payload_nan = with_bits(0xfff0000000000123);  // negative NaN with a payload
  CHECK(digest_of({trial(2, 7, {0.5}, {payload_nan, -0.0}), trial(2, 8, {}, {})}) ==
        "6bed8727263d1a82cc63deefdee839e8921bf9b8c6bcc4e60981017bdbca60d3");
}

TEST_CASE("No trials give the digest of the empty string", "[results][digest]") {
  CHECK(RunDigest().hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("The same trials give the same digest", "[results][digest]") {
  const auto a = trial(0, 0, {1.5, 2}, {3.25});
  const auto b = trial(0, 1, {1.25, 2}, {4});
  CHECK(digest_of({a, b}) == digest_of({a, b}));
}

TEST_CASE("The order of trials matters", "[results][digest]") {
  const auto a = trial(0, 0, {1.5}, {3.25});
  const auto b = trial(0, 1, {1.25}, {4});
  CHECK(digest_of({a, b}) != digest_of({b, a}));
}

TEST_CASE("A one-bit change in a scalar changes the digest", "[results][digest]") {
  const double value = 0.1;
  const double next = with_bits(std::bit_cast<std::uint64_t>(value) ^ 1);
  CHECK(digest_of({trial(0, 0, {}, {value})}) != digest_of({trial(0, 0, {}, {next})}));
}

TEST_CASE("A value moved from the parameters to the scalars changes the digest",
          "[results][digest]") {
  CHECK(digest_of({trial(0, 0, {1, 2}, {3})}) != digest_of({trial(0, 0, {1}, {2, 3})}));
}

TEST_CASE("Every NaN encodes alike, but -0.0 differs from +0.0", "[results][digest]") {
  const double quiet = std::numeric_limits<double>::quiet_NaN();
  const double other = with_bits(0x7ff4000000000001);
  CHECK(canonical_bits(-quiet) == canonical_bits(other));
  CHECK(digest_of({trial(0, 0, {}, {-quiet})}) == digest_of({trial(0, 0, {}, {other})}));
  CHECK(digest_of({trial(0, 0, {}, {0.0})}) != digest_of({trial(0, 0, {}, {-0.0})}));
}

TEST_CASE("Reading the digest does not end it", "[results][digest]") {
  RunDigest digest;
  digest.add(trial(0, 0, {}, {1}));
  const std::string first = digest.hex();
  CHECK(digest.hex() == first);
  digest.add(trial(0, 1, {}, {2}));
  CHECK(digest.hex() == digest_of({trial(0, 0, {}, {1}), trial(0, 1, {}, {2})}));
  CHECK(digest.trials() == 2);
}

TEST_CASE("The digest of a Results message covers its trials in stored order",
          "[results][digest]") {
  Results results;
  *results.add_trials() = trial(0, 0, {0.5}, {1.5});
  *results.add_trials() = trial(1, 0, {0.75}, {2.5});
  CHECK(run_digest(results) == digest_of({trial(0, 0, {0.5}, {1.5}), trial(1, 0, {0.75}, {2.5})}));
}
