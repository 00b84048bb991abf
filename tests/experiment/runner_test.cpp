#include <catch2/catch.hpp>

#include <atomic>

#include "experiment/errors.h"
#include "experiment/plan.h"
#include "experiment/runner.h"
#include "results/digest.h"
#include "sim/catalog.h"
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
  const reesim::world::World world(plan.scenario, reesim::sim::catalog());
  REQUIRE(results.trials_size() == 3);
  for (const auto& trial : results.trials()) {
    const auto output = reesim::sim::run_trial(world, plan.experiment.seed(),
                                               static_cast<std::uint64_t>(trial.trial()));
    REQUIRE_FALSE(output.series.empty());
    CHECK(trial.series_sha256() == reesim::results::series_sha256(output.series));
  }
  CHECK(results.trial_series().empty());  // kept only when asked
  CHECK(results.tick_dates().empty());
}

TEST_CASE("A run that keeps its trials' series keeps them in trial order, digest unchanged",
          "[experiment][runner][series]") {
  const Plan plain = quickstart_plan(4);
  Plan keeping = plain;
  keeping.experiment.mutable_outputs()->set_trial_series(true);
  const Results without = run_plan(plain, {2, {}});
  const Results with = run_plan(keeping, {2, {}});
  CHECK(with.manifest().digest() == without.manifest().digest());
  const reesim::world::World world(plain.scenario, reesim::sim::catalog());
  const auto names = reesim::sim::series_names(world);
  REQUIRE(with.trial_series_size() == 4 * static_cast<int>(names.size()));
  CHECK(with.tick_dates_size() == static_cast<int>(world.tick_dates().size()));
  CHECK(with.tick_dates(0) == world.tick_dates().front().iso());
  for (int t = 0; t < 4; ++t) {
    std::vector<std::vector<double>> kept;
    for (std::size_t s = 0; s < names.size(); ++s) {
      const auto& series =
          with.trial_series(t * static_cast<int>(names.size()) + static_cast<int>(s));
      CHECK(series.trial() == t);
      CHECK(series.point() == 0);
      CHECK(series.metric() == names[s]);
      kept.emplace_back(series.values().begin(), series.values().end());
    }
    CHECK(reesim::results::series_sha256(kept) == with.trials(t).series_sha256());
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

TEST_CASE("A run asked to stop runs no more trials and returns no results",
          "[experiment][runner][stop]") {
  const Plan plan = quickstart_plan(1000);
  std::atomic<bool> stop{false};
  std::int64_t done_when_stopped = -1;
  reesim::experiment::RunOptions options{2, {}, &stop};
  // Asked to stop after the first block is folded: the trials under way finish, no others start.
  options.progress = [&](std::int64_t done, std::int64_t) {
    if (done_when_stopped < 0) done_when_stopped = done;
    stop = true;
  };
  CHECK_THROWS_AS(run_plan(plan, options), reesim::experiment::Stopped);
  CHECK(done_when_stopped > 0);
  CHECK(done_when_stopped < 1000);
}

TEST_CASE("A run not asked to stop gives the digest of a run that cannot be stopped",
          "[experiment][runner][stop]") {
  const Plan plan = quickstart_plan(5);
  const std::atomic<bool> stop{false};
  const Results stoppable = run_plan(plan, {2, {}, &stop});
  const Results plain = run_plan(plan, {2, {}});
  CHECK(stoppable.manifest().digest() == plain.manifest().digest());
}
