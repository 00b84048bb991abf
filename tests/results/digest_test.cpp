#include <catch2/catch.hpp>

#include <bit>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

#include "results/digest.h"
#include "results/sha256.h"

using reesim::Results;
using reesim::TrialResult;
using reesim::results::canonical_bits;
using reesim::results::run_digest;
using reesim::results::RunDigest;
using reesim::results::series_sha256;

namespace {

using Series = std::vector<std::vector<double>>;

TrialResult trial(std::int64_t point, std::int64_t index, std::initializer_list<double> parameters,
                  std::initializer_list<double> scalars, const Series& series = {{1, 2, 3}}) {
  TrialResult result;
  result.set_point(point);
  result.set_trial(index);
  for (const double value : parameters)
    result.add_parameters(value);
  for (const double value : scalars)
    result.add_scalars(value);
  result.set_series_sha256(series_sha256(series));
  return result;
}

std::string digest_of(std::initializer_list<TrialResult> trials) {
  RunDigest digest;
  for (const TrialResult& t : trials)
    digest.add(t);
  return digest.hex();
}

std::string hex(const std::string& bytes) {
  return reesim::results::to_hex(
      {reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()});
}

double with_bits(std::uint64_t bits) {
  return std::bit_cast<double>(bits);
}

}  // namespace

TEST_CASE("The digest encoding is the documented one, byte for byte", "[results][digest]") {
  // Computed independently (Python: struct.pack('<qqQQQQQ', ...), the series hash's 32 bytes,
  // then hashlib.sha256) from: point 2, trial 7, parameters {0.5}, scalars {NaN, -0.0}, series
  // {{1.5, NaN}, {-0.0}}; point 2, trial 8, no parameters, scalars or series.
  const double payload_nan = with_bits(0xfff0000000000123);  // negative NaN with a payload
  CHECK(digest_of({trial(2, 7, {0.5}, {payload_nan, -0.0}, {{1.5, payload_nan}, {-0.0}}),
                   trial(2, 8, {}, {}, {})}) ==
        "9a3131df8cc480fcd2a8b8042fcbf1784250d231ddbefe6f801a1425ef93af49");
}

TEST_CASE("The series hash is the documented one, byte for byte", "[results][digest][series]") {
  // Python: hashlib.sha256(struct.pack('<QQQQQQ', 2, 2, bits(1.5), 0x7ff8000000000000, 1,
  // 0x8000000000000000)).
  const double payload_nan = with_bits(0xfff0000000000123);
  const std::string hash = series_sha256({{1.5, payload_nan}, {-0.0}});
  CHECK(hash.size() == 32);
  CHECK(hex(hash) == "8179d1912997f06adfe1f8da4e0a5b51a11c7863653d94a0bfb8c51a71afac09");
  // No series: the hash of the count 0 alone.
  CHECK(hex(series_sha256({})) ==
        "af5570f5a1810b7af78caf4bc70a660f0df51e42baf91d4de5b2328de0e83dfc");
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

TEST_CASE("A change in one series value at one tick changes the digest",
          "[results][digest][series]") {
  const Series recorded{{0.5, 0.75, 1.0}, {10, 20, 30}};
  Series changed = recorded;
  changed[1][2] = with_bits(std::bit_cast<std::uint64_t>(30.0) ^ 1);  // one bit, last tick
  CHECK(digest_of({trial(0, 0, {1}, {2}, recorded)}) ==
        digest_of({trial(0, 0, {1}, {2}, recorded)}));
  CHECK(digest_of({trial(0, 0, {1}, {2}, recorded)}) !=
        digest_of({trial(0, 0, {1}, {2}, changed)}));
}

TEST_CASE("Values moved between series, or a series dropped, change the series hash",
          "[results][digest][series]") {
  CHECK(series_sha256({{1, 2}, {3}}) != series_sha256({{1}, {2, 3}}));
  CHECK(series_sha256({{1, 2, 3}}) != series_sha256({{1, 2, 3}, {}}));
  CHECK(series_sha256({}) != series_sha256({{}}));
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

TEST_CASE("Series values follow the NaN and signed-zero rules too", "[results][digest][series]") {
  const double quiet = std::numeric_limits<double>::quiet_NaN();
  const double other = with_bits(0x7ff4000000000001);
  CHECK(series_sha256({{1, -quiet}}) == series_sha256({{1, other}}));
  CHECK(series_sha256({{0.0}}) != series_sha256({{-0.0}}));
}

TEST_CASE("A trial without its series hash is refused and leaves the digest as it was",
          "[results][digest][series]") {
  RunDigest digest;
  digest.add(trial(0, 0, {}, {1}));
  const std::string before = digest.hex();
  TrialResult old = trial(0, 1, {}, {2});
  old.clear_series_sha256();
  CHECK_THROWS_WITH(digest.add(old), Catch::Contains("trial 1 of point 0 has no series hash"));
  CHECK(digest.hex() == before);
  CHECK(digest.trials() == 1);
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
  *results.add_trials() = trial(1, 0, {0.75}, {2.5}, {{4, 5}});
  CHECK(run_digest(results) ==
        digest_of({trial(0, 0, {0.5}, {1.5}), trial(1, 0, {0.75}, {2.5}, {{4, 5}})}));
}
