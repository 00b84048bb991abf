#include <catch2/catch.hpp>

#include <atomic>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "experiment/checkpoints.h"
#include "experiment/errors.h"
#include "experiment/merge.h"
#include "experiment/result_folder.h"
#include "experiment/sweep_plan.h"
#include "experiment/sweep_runner.h"
#include "results/atomic_file.h"
#include "results/digest.h"
#include "results/sha256.h"
#include "results/writers.h"
#include "tests/experiment/sweep_fixture.h"
#include "tests/experiment/world_fixture.h"
#include "tests/results/temp_folder.h"

using reesim::Results;
using reesim::RunManifest;
using reesim::experiment::CheckpointFolder;
using reesim::experiment::InputError;
using reesim::experiment::make_layout;
using reesim::experiment::merge_shards;
using reesim::experiment::Plan;
using reesim::experiment::run_sweep;
using reesim::experiment::Shard;
using reesim::experiment::ShardResult;
using reesim::experiment::SweepOptions;
using reesim::experiment::SweepStats;
using reesim::results::testing::TempFolder;
using reesim::testing::bits;
using reesim::testing::sweep_plan;

namespace {

SweepOptions on_threads(int threads, Shard shard = {}) {
  SweepOptions options;
  options.threads = threads;
  options.shard = shard;
  return options;
}

std::vector<double> all_values(const Results& results) {
  std::vector<double> values;
  for (const auto& trial : results.trials()) {
    values.push_back(static_cast<double>(trial.point()));
    values.push_back(static_cast<double>(trial.trial()));
    values.insert(values.end(), trial.parameters().begin(), trial.parameters().end());
    values.insert(values.end(), trial.scalars().begin(), trial.scalars().end());
  }
  return values;
}

// Every trial's series hash, in stored order.
std::vector<std::string> series_hashes(const Results& results) {
  std::vector<std::string> hashes;
  for (const auto& trial : results.trials())
    hashes.push_back(trial.series_sha256());
  return hashes;
}

// The grid sweep with 30 replicates per point: 180 jobs, three blocks of at most 64.
Plan longer_grid() {
  Plan plan = sweep_plan("grid");
  plan.experiment.mutable_sweep()->set_replicates(30);
  return plan;
}

}  // namespace

TEST_CASE("A sweep runs every point's replicates in (point, trial) order", "[experiment][sweep]") {
  const Plan plan = sweep_plan("grid");
  const Results results = run_sweep(plan, on_threads(2));
  const auto layout = make_layout(plan);
  REQUIRE(layout.points() == 6);
  REQUIRE(layout.replicates == 4);
  REQUIRE(results.trials_size() == 24);
  CHECK(results.manifest().shard() == "1/1");
  CHECK(results.manifest().trials() == 4);
  CHECK(results.manifest().digest() == reesim::results::run_digest(results));
  CHECK(results.parameter_names(0) == "agents[in_ev].params[buffer_weeks].value");
  CHECK(results.parameter_names(1) == "policies[cn_dy_licensing].activation.chance.per_tick");
  for (int j = 0; j < results.trials_size(); ++j) {
    const auto& trial = results.trials(j);
    CHECK(trial.point() == j / 4);
    CHECK(trial.trial() == j % 4);
    // The swept values come first: the grid's last parameter varies fastest.
    CHECK(trial.parameters(0) == std::vector<double>{2, 6, 12}[static_cast<std::size_t>(j / 8)]);
    CHECK(trial.parameters(1) == (j / 4 % 2 == 0 ? 0.0 : 0.05));
  }
  CHECK(results.summary_size() == results.scalar_names_size());
  CHECK(results.scalar_covariance_size() ==
        results.scalar_names_size() * results.scalar_names_size());
  CHECK(results.series_size() == 0);
}

TEST_CASE("Replicate r of every point draws the same numbers (common random numbers)",
          "[experiment][sweep]") {
  const Results results = run_sweep(sweep_plan("grid"), on_threads(2));
  const int swept = 2;
  REQUIRE(results.parameter_names_size() > swept);  // the scenario samples parameters too
  for (int j = 4; j < results.trials_size(); ++j) {
    const auto& trial = results.trials(j);
    const auto& same_replicate_at_point_0 = results.trials(j % 4);
    for (int i = swept; i < trial.parameters_size(); ++i)
      CHECK(trial.parameters(i) == same_replicate_at_point_0.parameters(i));
  }
  // ... while the points' outcomes differ: the licensing chance changes the shortfall.
  CHECK(all_values(results) != all_values(run_sweep(sweep_plan("saltelli"), on_threads(2))));
}

TEST_CASE("A sweep gives the same bits and digest on one and two threads",
          "[experiment][sweep][threads]") {
  const Plan plan = longer_grid();
  const Results one = run_sweep(plan, on_threads(1));
  const Results two = run_sweep(plan, on_threads(3));
  REQUIRE(one.trials_size() == 180);
  CHECK(one.manifest().digest() == two.manifest().digest());
  CHECK(bits(all_values(one)) == bits(all_values(two)));
  CHECK(series_hashes(one) == series_hashes(two));
  CHECK(bits({one.scalar_covariance().begin(), one.scalar_covariance().end()}) ==
        bits({two.scalar_covariance().begin(), two.scalar_covariance().end()}));
}

TEST_CASE("Shards hold their share of the jobs and merge into the whole sweep",
          "[experiment][sweep][shard][merge]") {
  const Plan plan = longer_grid();
  const Results whole = run_sweep(plan, on_threads(2));
  std::vector<ShardResult> shards;
  for (const std::int64_t k : {3, 1, 2}) {
    shards.push_back({"shard" + std::to_string(k), run_sweep(plan, on_threads(2, {k, 3}))});
    CHECK(shards.back().results.manifest().shard() == std::to_string(k) + "/3");
    CHECK(shards.back().results.trials_size() == 60);
  }
  CHECK(shards[1].results.trials(0).point() == 0);
  CHECK(shards[0].results.trials(0).point() == 4);  // shard 3 starts at job 120 = point 4
  const Results merged = merge_shards(shards);
  CHECK(merged.manifest().digest() == whole.manifest().digest());
  CHECK(merged.manifest().shard() == "1/1");
  CHECK(merged.manifest().merged_shards() == 3);
  CHECK(bits(all_values(merged)) == bits(all_values(whole)));
  CHECK(series_hashes(merged) == series_hashes(whole));
  REQUIRE(merged.summary_size() == whole.summary_size());
  for (int s = 0; s < merged.summary_size(); ++s)
    CHECK(bits({merged.summary(s).mean(), merged.summary(s).p50()}) ==
          bits({whole.summary(s).mean(), whole.summary(s).p50()}));
}

TEST_CASE("Merging refuses shards that do not make one sweep", "[experiment][merge]") {
  const Plan plan = sweep_plan("grid");
  std::vector<ShardResult> shards;
  for (const std::int64_t k : {1, 2})
    shards.push_back({"s" + std::to_string(k), run_sweep(plan, on_threads(2, {k, 2}))});
  SECTION("a shard given twice") {
    shards.push_back(shards[1]);
    shards.back().folder = "again";
    CHECK_THROWS_WITH(merge_shards(shards), "again: shard 2/2 is given twice (also s2)");
  }
  SECTION("a missing shard") {
    shards.pop_back();
    CHECK_THROWS_WITH(merge_shards(shards), "reesim merge: missing shard 2/2 of the sweep in s1");
  }
  SECTION("a shard of another seed") {
    Plan other = plan;
    other.experiment.set_seed(5);
    shards[1].results = run_sweep(other, on_threads(2, {2, 2}));
    CHECK_THROWS_WITH(merge_shards(shards),
                      Catch::StartsWith("s2: its seed 5 differs from 20240101 in s1"));
  }
  SECTION("a shard of another split") {
    shards[1].results = run_sweep(plan, on_threads(2, {2, 3}));
    CHECK_THROWS_WITH(merge_shards(shards), Catch::Contains("different splits"));
  }
  SECTION("a shard whose trials are not its share") {
    shards[1].results.mutable_trials()->RemoveLast();
    CHECK_THROWS_AS(merge_shards(shards), InputError);
  }
}

TEST_CASE("Shards built for another architecture merge when their floating-point flags agree",
          "[experiment][merge][platform]") {
  const Plan plan = sweep_plan("grid");
  const Results whole = run_sweep(plan, on_threads(2));
  std::vector<ShardResult> shards;
  for (const std::int64_t k : {1, 2})
    shards.push_back({"s" + std::to_string(k), run_sweep(plan, on_threads(2, {k, 2}))});
  const RunManifest& here = shards[0].results.manifest();
  CHECK_FALSE(here.target_arch().empty());
  CHECK(here.float_flags() == "-ffp-contract=off -fno-fast-math");
  // As a shard run on the other architecture records itself: the same commit, flags and maths
  // give the same trials, so only the recorded architecture differs.
  const std::string other = here.target_arch() == "aarch64" ? "x86_64" : "aarch64";
  shards[1].results.mutable_manifest()->set_target_arch(other);
  SECTION("the same flags: merged, to the digest of the whole sweep") {
    const Results merged = merge_shards(shards);
    CHECK(merged.manifest().digest() == whole.manifest().digest());
    CHECK(merged.manifest().target_arch() == here.target_arch() + "," + other);
    CHECK(merged.manifest().float_flags() == here.float_flags());
  }
  SECTION("other flags: refused") {
    shards[1].results.mutable_manifest()->set_float_flags("-ffp-contract=fast");
    CHECK_THROWS_WITH(merge_shards(shards),
                      "s2: its floating-point flags '-ffp-contract=fast' differs from "
                      "'-ffp-contract=off -fno-fast-math' in s1: shards of different sweeps "
                      "cannot be merged");
  }
}

namespace {

// Sets `block`'s checksum to that of its content, as CheckpointFolder::save does.
void reseal(reesim::SweepCheckpoint& block) {
  block.clear_content_sha256();
  block.set_content_sha256(
      reesim::results::sha256_hex(reesim::results::deterministic_bytes(block)));
}

}  // namespace

TEST_CASE("A resumed sweep runs only the missing jobs and gives the same digest",
          "[experiment][sweep][checkpoints]") {
  const Plan plan = longer_grid();
  TempFolder out;
  SweepOptions options = on_threads(2);
  options.checkpoints = out.path();
  const Results first = run_sweep(plan, options);
  const CheckpointFolder folder(out.path());
  REQUIRE(folder.unfinished());  // run_sweep leaves them for the caller to remove
  CHECK(out.entries() == std::vector<std::string>{".partial"});
  const auto blocks = reesim::results::testing::entries_of(folder.path());
  REQUIRE(blocks == std::vector<std::string>{"block-000000000000.pb", "block-000000000064.pb",
                                             "block-000000000128.pb"});

  SECTION("without --resume the folder is refused") {
    CHECK_THROWS_WITH(run_sweep(plan, options), Catch::Contains("pass --resume"));
  }
  SECTION("resumed from one of three blocks, on another thread count") {
    std::filesystem::remove(folder.path() / blocks[0]);
    std::filesystem::remove(folder.path() / blocks[2]);
    options.resume = true;
    options.threads = 1;
    SweepStats stats;
    const Results resumed = run_sweep(plan, options, &stats);
    CHECK(stats.resumed_jobs == 64);
    CHECK(stats.resumed_blocks == 1);
    CHECK(resumed.manifest().digest() == first.manifest().digest());
    CHECK(bits(all_values(resumed)) == bits(all_values(first)));
    CHECK(series_hashes(resumed) == series_hashes(first));
  }
  SECTION("a checkpoint whose trial lacks its series hash is run again") {
    const auto bytes = reesim::experiment::read_bytes(folder.path() / blocks[1]);
    REQUIRE(bytes);
    reesim::SweepCheckpoint block;
    REQUIRE(block.ParseFromString(*bytes));
    block.mutable_trials(5)->clear_series_sha256();
    reseal(block);  // a block written so, checksum and all: its content is what is wrong
    reesim::results::write_file_atomically(folder.path() / blocks[1],
                                           reesim::results::deterministic_bytes(block));
    options.resume = true;
    std::ostringstream notes;
    options.notes = &notes;
    SweepStats stats;
    const Results resumed = run_sweep(plan, options, &stats);
    CHECK(stats.resumed_jobs == 180 - 64);
    CHECK_THAT(notes.str(), Catch::Contains("block-000000000064.pb: job 69 holds no series hash"));
    CHECK(resumed.manifest().digest() == first.manifest().digest());
  }
  SECTION("a checkpoint with one bit flipped is run again, with a warning") {
    auto bytes = reesim::experiment::read_bytes(folder.path() / blocks[1]);
    REQUIRE(bytes);
    reesim::SweepCheckpoint block;
    REQUIRE(block.ParseFromString(*bytes));
    CHECK(block.content_sha256().size() == 64);
    // The lowest bit of one trial's first scalar: the file still parses, to other numbers.
    const double value = block.trials(5).scalars(0);
    std::string pattern(sizeof value, '\0');
    std::memcpy(pattern.data(), &value, sizeof value);
    const std::size_t at = bytes->find(pattern);
    REQUIRE(at != std::string::npos);
    (*bytes)[at] = static_cast<char>((*bytes)[at] ^ 1);
    reesim::SweepCheckpoint flipped;
    REQUIRE(flipped.ParseFromString(*bytes));
    REQUIRE(flipped.SerializeAsString() != block.SerializeAsString());
    reesim::results::write_file_atomically(folder.path() / blocks[1], *bytes);
    options.resume = true;
    std::ostringstream notes;
    options.notes = &notes;
    SweepStats stats;
    const Results resumed = run_sweep(plan, options, &stats);
    CHECK(stats.resumed_jobs == 180 - 64);
    CHECK_THAT(notes.str(), Catch::Contains("block-000000000064.pb: warning: its content does not "
                                            "match its checksum (the file is corrupt); its jobs "
                                            "will be run again"));
    CHECK(resumed.manifest().digest() == first.manifest().digest());
  }
  SECTION("a checkpoint without a checksum is run again, with a warning") {
    const auto bytes = reesim::experiment::read_bytes(folder.path() / blocks[1]);
    REQUIRE(bytes);
    reesim::SweepCheckpoint block;
    REQUIRE(block.ParseFromString(*bytes));
    block.clear_content_sha256();
    reesim::results::write_file_atomically(folder.path() / blocks[1],
                                           reesim::results::deterministic_bytes(block));
    options.resume = true;
    std::ostringstream notes;
    options.notes = &notes;
    SweepStats stats;
    const Results resumed = run_sweep(plan, options, &stats);
    CHECK(stats.resumed_jobs == 180 - 64);
    CHECK_THAT(notes.str(), Catch::Contains("block-000000000064.pb: warning: it carries no "
                                            "checksum of its content"));
    CHECK(resumed.manifest().digest() == first.manifest().digest());
  }
  SECTION("an unreadable checkpoint is run again, a leftover temporary removed") {
    reesim::results::write_file_atomically(folder.path() / blocks[1], "not a checkpoint");
    reesim::results::write_file_atomically(folder.path() / "block-000000000064.pb.tmp.1", "x");
    options.resume = true;
    std::ostringstream notes;
    options.notes = &notes;
    SweepStats stats;
    const Results resumed = run_sweep(plan, options, &stats);
    CHECK(stats.resumed_jobs == 180 - 64);
    CHECK_THAT(notes.str(), Catch::Contains("block-000000000064.pb: cannot be read"));
    CHECK(resumed.manifest().digest() == first.manifest().digest());
  }
  SECTION("checkpoints of another seed or shard are refused") {
    options.resume = true;
    Plan other = plan;
    other.experiment.set_seed(1);
    CHECK_THROWS_WITH(run_sweep(other, options),
                      Catch::Contains("(seed 20240101, this sweep's is 1)"));
    options.shard = {1, 2};
    CHECK_THROWS_WITH(run_sweep(plan, options),
                      Catch::Contains("(shard 1/1, this sweep's is 1/2)"));
  }
  folder.remove();
  CHECK_FALSE(folder.unfinished());
}

TEST_CASE("A plan without a sweep is not run as one, and a sweep not as a plain run",
          "[experiment][sweep]") {
  reesim::config::Diagnostics diagnostics;
  const auto plain =
      reesim::experiment::load_plan(reesim::testing::kQuickstartFolder, {}, diagnostics);
  REQUIRE(plain);
  CHECK_THROWS_AS(run_sweep(*plain, on_threads(1)), InputError);
  CHECK_THROWS_AS(reesim::experiment::run_plan(sweep_plan("grid"), {1, {}}), InputError);
}

TEST_CASE("A design matrix of a grid's points gives the grid sweep's trials and digest",
          "[experiment][sweep][matrix]") {
  const Plan grid = sweep_plan("grid");
  const Results expected = run_sweep(grid, on_threads(2));
  const auto layout_of_grid = make_layout(grid);
  Plan plan = grid;
  const auto layout =
      reesim::experiment::matrix_layout(plan, reesim::experiment::swept_paths(grid.experiment),
                                        layout_of_grid.design.values, layout_of_grid.replicates);
  CHECK(plan.experiment.sweep().parameters(0).values_size() == 6);
  CHECK(plan.experiment.trials() == 4);
  const Results matrix = run_sweep(plan, layout, on_threads(2));
  CHECK(matrix.manifest().digest() == expected.manifest().digest());
  CHECK(bits(all_values(matrix)) == bits(all_values(expected)));
}

TEST_CASE("A design matrix refuses rows and paths it cannot run", "[experiment][sweep][matrix]") {
  Plan plan = sweep_plan("grid");
  const std::string buffer = "agents[in_ev].params[buffer_weeks].value";
  using reesim::experiment::matrix_layout;
  CHECK_THROWS_WITH(matrix_layout(plan, {}, {{1.0}}, 1),
                    Catch::Contains("design matrix: names no parameter"));
  CHECK_THROWS_WITH(matrix_layout(plan, {buffer}, {}, 1),
                    Catch::Contains("design matrix: has no point"));
  CHECK_THROWS_WITH(matrix_layout(plan, {buffer}, {{1.0}, {1.0, 2.0}}, 1),
                    Catch::Contains("point 1 has 2 values for 1 parameters"));
  CHECK_THROWS_WITH(matrix_layout(plan, {buffer}, {{1.0}}, 0),
                    Catch::Contains("replicates must be at least 1"));
  CHECK_THROWS_WITH(matrix_layout(plan, {"agents[in_ev].params[buffer_week].value"}, {{1.0}}, 1),
                    Catch::Contains("buffer_weeks"));
  CHECK_THROWS_AS(matrix_layout(plan, {buffer}, {{std::nan("")}}, 1), InputError);
}

TEST_CASE("A sweep asked to stop runs no more jobs and returns no results",
          "[experiment][sweep][stop]") {
  const Plan plan = longer_grid();
  std::atomic<bool> stop{false};
  SweepOptions options = on_threads(2);
  options.stop = &stop;
  std::int64_t done_when_stopped = -1;
  options.progress = [&](std::int64_t done, std::int64_t) {
    if (done_when_stopped < 0) done_when_stopped = done;
    stop = true;
  };
  CHECK_THROWS_AS(run_sweep(plan, options), reesim::experiment::Stopped);
  CHECK(done_when_stopped > 0);
  CHECK(done_when_stopped < 180);
}

namespace {

// Every kept series as (point, trial, metric, key) and its values' bits, in stored order.
std::vector<std::string> kept_series(const Results& results) {
  std::vector<std::string> rows;
  for (const reesim::TrialSeries& s : results.trial_series()) {
    std::string row = std::to_string(s.point()) + "," + std::to_string(s.trial()) + "," +
                      s.metric() + "," + s.key() + ":";
    for (const double v : s.values()) {
      std::uint64_t b = 0;
      std::memcpy(&b, &v, sizeof b);
      row += std::to_string(b) + " ";
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

Plan grid_keeping_series() {
  Plan plan = longer_grid();
  plan.experiment.mutable_outputs()->set_trial_series(true);
  return plan;
}

}  // namespace

TEST_CASE("A sweep keeps every trial's series in job order without changing its digest",
          "[experiment][sweep][trial_series]") {
  const Results plain = run_sweep(longer_grid(), on_threads(2));
  const Plan plan = grid_keeping_series();
  std::ostringstream notes;
  SweepOptions options = on_threads(2);
  options.notes = &notes;
  const Results kept = run_sweep(plan, options);
  CHECK(kept.manifest().digest() == plain.manifest().digest());
  CHECK(series_hashes(kept) == series_hashes(plain));
  CHECK(plain.trial_series().empty());
  REQUIRE(kept.trials_size() == 180);
  REQUIRE(kept.tick_dates_size() > 0);
  const int per_trial = kept.trial_series_size() / kept.trials_size();
  REQUIRE(per_trial > 0);
  CHECK(kept.trial_series_size() == per_trial * kept.trials_size());
  // Each trial's series in its row's (point, trial) order, one value per tick.
  for (int i = 0; i < kept.trial_series_size(); ++i) {
    const reesim::TrialSeries& s = kept.trial_series(i);
    const auto& row = kept.trials(i / per_trial);
    CHECK(s.point() == row.point());
    CHECK(s.trial() == row.trial());
    CHECK(s.values_size() == kept.tick_dates_size());
  }
  // The size line comes first, naming the CSV alone.
  CHECK_THAT(notes.str(),
             Catch::StartsWith("trial series: 180 trials x " + std::to_string(per_trial) +
                               " series x " + std::to_string(kept.tick_dates_size()) + " ticks"));
  CHECK_THAT(notes.str(), Catch::Contains("(trial_series.csv only)"));

  SECTION("shards hold their own jobs' series; merged, the whole sweep's") {
    std::vector<ShardResult> shards;
    for (const std::int64_t k : {2, 1, 3})
      shards.push_back({"s" + std::to_string(k), run_sweep(plan, on_threads(2, {k, 3}))});
    CHECK(shards[0].results.trial_series_size() == per_trial * shards[0].results.trials_size());
    const Results merged = merge_shards(shards);
    CHECK(merged.manifest().digest() == kept.manifest().digest());
    CHECK(kept_series(merged) == kept_series(kept));
  }
  SECTION("a resumed sweep takes the checkpointed jobs' series") {
    TempFolder out;
    SweepOptions checkpointed = on_threads(2);
    checkpointed.checkpoints = out.path();
    (void)run_sweep(plan, checkpointed);
    const CheckpointFolder folder(out.path());
    const auto blocks = reesim::results::testing::entries_of(folder.path());
    REQUIRE(blocks.size() == 3);
    std::filesystem::remove(folder.path() / blocks[1]);
    checkpointed.resume = true;
    SweepStats stats;
    const Results resumed = run_sweep(plan, checkpointed, &stats);
    CHECK(stats.resumed_jobs == 116);
    CHECK(kept_series(resumed) == kept_series(kept));
  }
  SECTION("past max_output_bytes: refused before any job") {
    options.max_output_bytes = 1024;
    CHECK_THROWS_WITH(
        run_sweep(plan, options),
        Catch::Contains("(trial_series.csv only), more than --max-output-size 1 KiB"));
  }
}
