#include <catch2/catch.hpp>

#include <cstdint>
#include <thread>
#include <vector>

#include "sim/trial.h"
#include "tests/experiment/world_fixture.h"

using reesim::sim::run_trial;
using reesim::sim::TrialOutput;
using reesim::testing::bits;

namespace {

constexpr std::uint64_t kSeed = 20240101;

// Requires `a` and `b` to agree on every bit.
void require_identical(const TrialOutput& a, const TrialOutput& b) {
  REQUIRE(bits(a.parameters) == bits(b.parameters));
  REQUIRE(bits(a.scalars) == bits(b.scalars));
  REQUIRE(a.series.size() == b.series.size());
  for (std::size_t s = 0; s < a.series.size(); ++s)
    REQUIRE(bits(a.series[s]) == bits(b.series[s]));
  REQUIRE(a.decisions == b.decisions);
}

}  // namespace

TEST_CASE("A trial run twice gives bit-identical output", "[experiment][trial]") {
  const auto world = reesim::testing::quickstart_world();
  const TrialOutput first = run_trial(*world, kSeed, 3);
  const TrialOutput second = run_trial(*world, kSeed, 3);
  REQUIRE_FALSE(first.scalars.empty());
  REQUIRE_FALSE(first.series.empty());
  require_identical(first, second);
}

TEST_CASE("Trials run on two threads at once equal the same trials run alone",
          "[experiment][trial][threads]") {
  const auto world = reesim::testing::quickstart_world();
  constexpr std::uint64_t kTrials = 6;
  std::vector<TrialOutput> alone;
  for (std::uint64_t t = 0; t < kTrials; ++t)
    alone.push_back(run_trial(*world, kSeed, t));

  // Both threads run every trial, in opposite orders, over the one shared world.
  std::vector<TrialOutput> forward(kTrials), backward(kTrials);
  std::thread a([&] {
    for (std::uint64_t t = 0; t < kTrials; ++t)
      forward[t] = run_trial(*world, kSeed, t);
  });
  std::thread b([&] {
    for (std::uint64_t t = kTrials; t-- > 0;)
      backward[t] = run_trial(*world, kSeed, t);
  });
  a.join();
  b.join();
  for (std::uint64_t t = 0; t < kTrials; ++t) {
    INFO("trial " << t);
    require_identical(alone[t], forward[t]);
    require_identical(alone[t], backward[t]);
  }
}

TEST_CASE("Different trials and seeds draw different parameters", "[experiment][trial]") {
  const auto world = reesim::testing::quickstart_world();
  REQUIRE_FALSE(world->sampled_parameters().empty());
  const TrialOutput base = run_trial(*world, kSeed, 0);
  CHECK(bits(run_trial(*world, kSeed, 1).parameters) != bits(base.parameters));
  CHECK(bits(run_trial(*world, kSeed + 1, 0).parameters) != bits(base.parameters));
}
