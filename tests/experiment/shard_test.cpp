#include <catch2/catch.hpp>

#include <map>
#include <optional>
#include <string>

#include "experiment/shard.h"

using reesim::experiment::JobRange;
using reesim::experiment::parse_shard;
using reesim::experiment::Shard;
using reesim::experiment::shard_from_slurm;
using reesim::experiment::shard_jobs;

namespace {

// An environment holding exactly `variables`.
auto environment(std::map<std::string, std::string> variables) {
  return [variables](const char* name) -> std::optional<std::string> {
    const auto it = variables.find(name);
    if (it == variables.end()) return std::nullopt;
    return it->second;
  };
}

}  // namespace

TEST_CASE("Shards split the jobs into contiguous, disjoint ranges that cover them all",
          "[experiment][shard]") {
  for (std::int64_t jobs = 0; jobs <= 70; ++jobs) {
    for (std::int64_t n = 1; n <= 75; ++n) {
      std::int64_t next = 0;
      for (std::int64_t k = 1; k <= n; ++k) {
        const JobRange range = shard_jobs(jobs, Shard{k, n});
        INFO("J = " << jobs << ", shard " << k << "/" << n);
        REQUIRE(range.first == next);  // starts where the previous shard ended: no gap, no overlap
        REQUIRE(range.last >= range.first);
        REQUIRE(range.size() >= jobs / n);  // balanced: sizes differ by at most one
        REQUIRE(range.size() <= jobs / n + 1);
        next = range.last;
      }
      REQUIRE(next == jobs);  // the last shard ends at the last job
    }
  }
}

TEST_CASE("Shard K of N runs jobs floor((K-1)J/N) up to floor(KJ/N) exclusive",
          "[experiment][shard]") {
  CHECK(shard_jobs(24, {1, 3}) == JobRange{0, 8});
  CHECK(shard_jobs(24, {3, 3}) == JobRange{16, 24});
  CHECK(shard_jobs(10, {2, 3}) == JobRange{3, 6});
  CHECK(shard_jobs(2, {2, 5}) == JobRange{0, 0});  // more shards than jobs: some are empty
  CHECK(shard_jobs(2, {3, 5}) == JobRange{0, 1});
  CHECK(shard_jobs(5, {1, 1}) == JobRange{0, 5});
}

TEST_CASE("Shard bounds are exact for huge sweeps", "[experiment][shard]") {
  const std::int64_t jobs = std::int64_t{1} << 40;
  const std::int64_t n = 999'983;
  CHECK(shard_jobs(jobs, {n, n}).last == jobs);
  CHECK(shard_jobs(jobs, {2, n}).first == jobs / n);
  CHECK_THROWS(shard_jobs(10, {4, 3}));
}

TEST_CASE("A --shard value reads K/N and is 1-based", "[experiment][shard]") {
  CHECK(parse_shard("2/8").shard == Shard{2, 8});
  CHECK(parse_shard("1/1").shard == Shard{1, 1});
  CHECK(parse_shard("2/8").error.empty());
  for (const char* bad : {"0/3", "4/3", "3", "a/3", "1/b", "1/0", "-1/3", "1/3/5", "", "/"}) {
    INFO(bad);
    CHECK_FALSE(parse_shard(bad).shard);
    CHECK_THAT(parse_shard(bad).error, Catch::Contains("--shard"));
  }
  CHECK_THAT(parse_shard("0/3").error, Catch::Contains("1-based"));
  CHECK(Shard{3, 7}.text() == "3/7");
}

TEST_CASE("A Slurm array task's shard comes from its task id, minimum and count",
          "[experiment][shard][slurm]") {
  // --array=0-3: tasks 0..3 are shards 1/4..4/4.
  CHECK(shard_from_slurm(environment({{"SLURM_ARRAY_TASK_ID", "0"},
                                      {"SLURM_ARRAY_TASK_MIN", "0"},
                                      {"SLURM_ARRAY_TASK_COUNT", "4"}}))
            .shard == Shard{1, 4});
  CHECK(shard_from_slurm(environment({{"SLURM_ARRAY_TASK_ID", "3"},
                                      {"SLURM_ARRAY_TASK_MIN", "0"},
                                      {"SLURM_ARRAY_TASK_COUNT", "4"}}))
            .shard == Shard{4, 4});
  // --array=5-7: task 6 is shard 2/3.
  CHECK(shard_from_slurm(environment({{"SLURM_ARRAY_TASK_ID", "6"},
                                      {"SLURM_ARRAY_TASK_MIN", "5"},
                                      {"SLURM_ARRAY_TASK_COUNT", "3"}}))
            .shard == Shard{2, 3});
  // No minimum: 0.
  CHECK(
      shard_from_slurm(environment({{"SLURM_ARRAY_TASK_ID", "1"}, {"SLURM_ARRAY_TASK_COUNT", "2"}}))
          .shard == Shard{2, 2});
}

TEST_CASE("Outside a Slurm array there is no shard and no error", "[experiment][shard][slurm]") {
  const auto parsed = shard_from_slurm(environment({{"SLURM_JOB_ID", "42"}}));
  CHECK_FALSE(parsed.shard);
  CHECK(parsed.error.empty());
}

TEST_CASE("Bad Slurm array variables are refused, naming the variable",
          "[experiment][shard][slurm]") {
  const auto error = [](std::map<std::string, std::string> variables) {
    const auto parsed = shard_from_slurm(environment(std::move(variables)));
    CHECK_FALSE(parsed.shard);
    return parsed.error;
  };
  CHECK_THAT(error({{"SLURM_ARRAY_TASK_ID", "x"}, {"SLURM_ARRAY_TASK_COUNT", "2"}}),
             Catch::Contains("SLURM_ARRAY_TASK_ID='x'"));
  CHECK_THAT(error({{"SLURM_ARRAY_TASK_ID", "1"}}), Catch::Contains("SLURM_ARRAY_TASK_COUNT"));
  CHECK_THAT(error({{"SLURM_ARRAY_TASK_ID", "1"}, {"SLURM_ARRAY_TASK_COUNT", "0"}}),
             Catch::Contains("at least 1"));
  CHECK_THAT(error({{"SLURM_ARRAY_TASK_ID", "1"},
                    {"SLURM_ARRAY_TASK_MIN", "y"},
                    {"SLURM_ARRAY_TASK_COUNT", "2"}}),
             Catch::Contains("SLURM_ARRAY_TASK_MIN='y'"));
  // --array=0-8:4 gives tasks 0, 4, 8 and a count of 3: task 4 is not shard 5.
  CHECK_THAT(error({{"SLURM_ARRAY_TASK_ID", "4"},
                    {"SLURM_ARRAY_TASK_MIN", "0"},
                    {"SLURM_ARRAY_TASK_COUNT", "3"}}),
             Catch::Contains("consecutive"));
}

TEST_CASE("Extreme Slurm array values are refused without overflow", "[experiment][shard][slurm]") {
  const auto error = [](std::map<std::string, std::string> variables) {
    const auto parsed = shard_from_slurm(environment(std::move(variables)));
    CHECK_FALSE(parsed.shard);
    return parsed.error;
  };
  // ID - MIN overflows 64 bits: refused as outside the array, not wrapped into a shard.
  CHECK_THAT(error({{"SLURM_ARRAY_TASK_ID", "-9223372036854775808"},
                    {"SLURM_ARRAY_TASK_MIN", "9223372036854775807"},
                    {"SLURM_ARRAY_TASK_COUNT", "4"}}),
             Catch::Contains("lies outside the array's 4 tasks"));
  CHECK_THAT(error({{"SLURM_ARRAY_TASK_ID", "9223372036854775807"},
                    {"SLURM_ARRAY_TASK_MIN", "-9223372036854775808"},
                    {"SLURM_ARRAY_TASK_COUNT", "4"}}),
             Catch::Contains("lies outside"));
  CHECK_THAT(
      error({{"SLURM_ARRAY_TASK_ID", "1"}, {"SLURM_ARRAY_TASK_COUNT", "9223372036854775807"}}),
      Catch::Contains("must be at most 4000001"));
  CHECK_THAT(
      error({{"SLURM_ARRAY_TASK_ID", "1"}, {"SLURM_ARRAY_TASK_COUNT", "99999999999999999999"}}),
      Catch::Contains("SLURM_ARRAY_TASK_COUNT='99999999999999999999': not an integer"));
}

TEST_CASE("A Slurm array's MAX must agree with its MIN and COUNT", "[experiment][shard][slurm]") {
  CHECK(shard_from_slurm(environment({{"SLURM_ARRAY_TASK_ID", "2"},
                                      {"SLURM_ARRAY_TASK_MIN", "0"},
                                      {"SLURM_ARRAY_TASK_MAX", "3"},
                                      {"SLURM_ARRAY_TASK_COUNT", "4"}}))
            .shard == Shard{3, 4});
  const auto parsed = shard_from_slurm(environment({{"SLURM_ARRAY_TASK_ID", "2"},
                                                    {"SLURM_ARRAY_TASK_MIN", "0"},
                                                    {"SLURM_ARRAY_TASK_MAX", "9"},
                                                    {"SLURM_ARRAY_TASK_COUNT", "4"}}));
  CHECK_FALSE(parsed.shard);
  CHECK_THAT(parsed.error, Catch::Contains("are inconsistent"));
  CHECK_FALSE(shard_from_slurm(environment({{"SLURM_ARRAY_TASK_ID", "2"},
                                            {"SLURM_ARRAY_TASK_MAX", "x"},
                                            {"SLURM_ARRAY_TASK_COUNT", "4"}}))
                  .shard);
}

TEST_CASE("A --shard count above the largest Slurm array is refused", "[experiment][shard]") {
  CHECK_FALSE(parse_shard("1/99999999999").shard);
  CHECK_THAT(parse_shard("1/99999999999").error, Catch::Contains("N must be at most 4000001"));
  CHECK(parse_shard("1/4000001").shard == Shard{1, 4000001});
}
