#include <catch2/catch.hpp>

#include "experiment/plan.h"
#include "experiment/runner.h"
#include "results/digest.h"
#include "sim/trial.h"
#include "tests/experiment/world_fixture.h"

using reesim::Results;
using reesim::experiment::load_plan;
using reesim::experiment::Plan;
using reesim::experiment::run_plan;
using reesim::testing::bits;

namespace {

Plan quickstart_plan(std::int64_t trials) {
  reesim::config::Diagnostics diagnostics;
  auto plan = load_plan(reesim::testing::kQuickstartFolder, {trials, {}, {}}, diagnostics);
  if (!plan) FAIL("the quick-start folder does not load");
  return std::move(*plan);
}

std::vector<double> all_values(const Results& results) {
  std::vector<double> values;
  for (const auto& trial : results.trials()) {
    values.push_back(static_cast<double>(trial.trial()));
    values.insert(values.end(), trial.parameters().begin(), trial.parameters().end());
    values.insert(values.end(), trial.scalars().begin(), trial.scalars().end());
  }
  return values;
}

}  // namespace

TEST_CASE("run_plan gives the same results and digest on one and two threads",
          "[experiment][runner][threads]") {
  const Plan plan = quickstart_plan(10);
  reesim::experiment::RunStats one_stats, two_stats;
  const Results one = run_plan(plan, {1, {}}, &one_stats);
  const Results two = run_plan(plan, {2, {}}, &two_stats);
  CHECK(one_stats.threads == 1);
  CHECK(two_stats.threads == 2);
  REQUIRE(one.trials_size() == 10);
  REQUIRE(one.manifest().digest().size() == 64);
  CHECK(one.manifest().digest() == two.manifest().digest());
  CHECK(one.manifest().digest() == reesim::results::run_digest(one));
  CHECK(bits(all_values(one)) == bits(all_values(two)));
  REQUIRE(one.summary_size() == two.summary_size());
  for (int i = 0; i < one.summary_size(); ++i) {
    CHECK(bits({one.summary(i).mean(), one.summary(i).p50()}) ==
          bits({two.summary(i).mean(), two.summary(i).p50()}));
  }
}

TEST_CASE("Each trial's series hash is that of the series its trial records",
          "[experiment][runner][series]") {
  const Plan plan = quickstart_plan(3);
  const Results results = run_plan(plan, {2, {}});
  const reesim::sim::World world(plan.scenario);
  REQUIRE(results.trials_size() == 3);
  for (const auto& trial : results.trials()) {
    const auto output = reesim::sim::run_trial(world, plan.experiment.seed(),
                                               static_cast<std::uint64_t>(trial.trial()));
    REQUIRE_FALSE(output.series.empty());
    CHECK(trial.series_sha256() == reesim::results::series_sha256(output.series));
  }
}

TEST_CASE("run_plan reports progress up to every trial", "[experiment][runner]") {
  const Plan plan = quickstart_plan(5);
  std::int64_t last_done = 0, last_total = 0;
  (void)run_plan(plan, {2, [&](std::int64_t done, std::int64_t total) {
                          CHECK(done >= last_done);
                          last_done = done;
                          last_total = total;
                        }});
  CHECK(last_done == 5);
  CHECK(last_total == 5);
}
