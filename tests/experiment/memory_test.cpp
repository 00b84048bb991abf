// The memory a run's results need, estimated before it starts; a run that cannot fit is refused.
#include <catch2/catch.hpp>

#include <cstdint>

#include "experiment/errors.h"
#include "experiment/memory.h"

using reesim::experiment::estimate_result_bytes;
using reesim::experiment::InputError;
using reesim::experiment::memory_warning;
using reesim::experiment::require_memory;
using reesim::experiment::RunShape;

namespace {

constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;

}  // namespace

TEST_CASE("The estimate grows with trials, values per trial and kept series",
          "[experiment][memory]") {
  const RunShape small{.trials = 1000, .parameters = 4, .scalars = 10};
  RunShape more = small;
  more.trials = 2000;
  CHECK(estimate_result_bytes(more) == 2 * estimate_result_bytes(small));
  RunShape kept = small;
  kept.series = 20;
  kept.ticks = 600;
  CHECK(estimate_result_bytes(kept) == estimate_result_bytes(small));  // series not kept
  kept.keep_series = true;
  // At least the series' own doubles, twice (rows and their encoding).
  CHECK(estimate_result_bytes(kept) >= estimate_result_bytes(small) + 2 * 1000 * 20 * 600 * 8);
  // Beyond 64 bits: saturated, not wrapped.
  const RunShape absurd{
      .trials = 100'000'000, .series = 1'000'000, .ticks = 1'000'000, .keep_series = true};
  CHECK(estimate_result_bytes(absurd) == UINT64_MAX);
}

TEST_CASE("A run whose results cannot fit is refused before it starts", "[experiment][memory]") {
  const RunShape shape{.trials = 100'000'000, .parameters = 10, .scalars = 40};
  CHECK(estimate_result_bytes(shape) > 64 * kGiB);
  CHECK_THROWS_AS(require_memory(shape, "x: 100000000 trials", 64 * kGiB), InputError);
  CHECK_THROWS_WITH(require_memory(shape, "x: 100000000 trials", 64 * kGiB),
                    Catch::StartsWith("x: 100000000 trials needs about ") &&
                        Catch::Contains("of memory for its results, more than this machine's 64 "
                                        "GiB; run fewer trials"));
  CHECK_NOTHROW(require_memory(shape, "x", 0));  // memory unknown: nothing checked
  const RunShape fits{.trials = 1000, .parameters = 10, .scalars = 40};
  CHECK_NOTHROW(require_memory(fits, "x", 64 * kGiB));
}

TEST_CASE("A run that needs more than half of the memory is warned about", "[experiment][memory]") {
  const RunShape shape{.trials = 1'000'000, .parameters = 10, .scalars = 40};
  const std::uint64_t needed = estimate_result_bytes(shape);
  CHECK(memory_warning(shape, "x", 4 * needed).empty());
  CHECK_THAT(
      memory_warning(shape, "x", needed + needed / 3),
      Catch::StartsWith("warning: x needs about ") && Catch::Contains("75 % of this machine's"));
  CHECK(memory_warning(shape, "x", needed / 2).empty());  // refused instead, by require_memory
}
