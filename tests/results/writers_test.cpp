#include <catch2/catch.hpp>

#include <google/protobuf/text_format.h>

#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "results/csv_tables.h"
#include "results/digest.h"
#include "results/sha256.h"
#include "results/units.h"
#include "results/writers.h"
#include "temp_folder.h"

using reesim::Results;
using reesim::RunManifest;
using reesim::results::results_bytes;
using reesim::results::run_digest;
using reesim::results::series_sha256;
using reesim::results::write_run_outputs;
using reesim::results::testing::entries_of;
using reesim::results::testing::read_file;
using reesim::results::testing::TempFolder;

namespace {

// The one series of trial `trial` of point `point` in small_run(), over its two ticks.
std::vector<std::vector<double>> trial_series_values(int point, int trial) {
  return {{0.5 + point, trial == 0 ? 0.25 : std::numeric_limits<double>::quiet_NaN()}};
}

// The lower-case hex series hash of trial `trial` of point `point` in small_run().
std::string series_hex(int point, int trial) {
  const std::string hash = series_sha256(trial_series_values(point, trial));
  return reesim::results::to_hex({reinterpret_cast<const std::uint8_t*>(hash.data()), hash.size()});
}

// A small finished run: 2 sweep points x 2 trials, one series over two ticks, two scalars.
Results small_run() {
  Results results;
  RunManifest& manifest = *results.mutable_manifest();
  manifest.set_version("0.1.0");
  manifest.set_seed(20240101);
  manifest.set_trials(2);
  manifest.set_shard("1/1");
  results.add_parameter_names("licence_delay_weeks");
  results.add_scalar_names("peak_price");
  results.add_scalar_names("shortfall, EV India");  // a comma: must be quoted
  for (const double level : {0.05, 0.25, 0.5, 0.75, 0.95})
    results.add_quantiles(level);
  for (int point = 0; point < 2; ++point) {
    for (int trial = 0; trial < 2; ++trial) {
      auto& t = *results.add_trials();
      t.set_point(point);
      t.set_trial(trial);
      t.add_parameters(4 + 2 * point);
      t.add_scalars(100.5 + trial);
      t.add_scalars(trial == 0 ? 0.1 : std::numeric_limits<double>::quiet_NaN());
      t.set_series_sha256(series_sha256(trial_series_values(point, trial)));
    }
  }
  for (const char* date : {"2027-01-04", "2027-01-11"}) {
    auto& point = *results.add_series();
    point.set_metric("import_dependence");
    point.set_key("IN");
    point.set_date(date);
    point.set_mean(0.75);
    for (const double q : {0.6, 0.7, 0.75, 0.8, 0.9})
      point.add_quantiles(q);
  }
  auto& summary = *results.add_summary();
  summary.set_scalar("peak_price");
  summary.set_mean(101);
  summary.set_count(4);
  for (const double c :
       {0.25, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN(),
        std::numeric_limits<double>::quiet_NaN()})
    results.add_scalar_covariance(c);
  return results;
}

// small_run() keeping its trials' series (outputs.trial_series).
Results small_run_with_trial_series() {
  Results results = small_run();
  results.mutable_manifest()->mutable_experiment()->mutable_outputs()->set_trial_series(true);
  for (const char* date : {"2027-01-04", "2027-01-11"})
    results.add_tick_dates(date);
  for (const auto& trial : results.trials()) {
    auto& series = *results.add_trial_series();
    series.set_point(trial.point());
    series.set_trial(trial.trial());
    series.set_metric("import_dependence");
    series.set_key("IN");
    const auto values =
        trial_series_values(static_cast<int>(trial.point()), static_cast<int>(trial.trial()));
    for (const double value : values.front())
      series.add_values(value);
  }
  return results;
}

// small_run() as the result of a sweep over licence_delay_weeks (its first parameter).
Results small_sweep() {
  Results results = small_run();
  auto& sweep = *results.mutable_manifest()->mutable_experiment()->mutable_sweep();
  sweep.set_design(reesim::DESIGN_GRID);
  sweep.add_parameters()->set_path("licence_delay_weeks");
  return results;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("A run folder holds every output file and nothing else", "[results][writers]") {
  TempFolder folder;
  write_run_outputs(folder.path() / "runs" / "quickstart", small_run());  // folders created
  CHECK(entries_of(folder.path() / "runs" / "quickstart") ==
        std::vector<std::string>{"columns.csv", "covariance.csv", "digest", "manifest.textproto",
                                 "results.pb", "series.csv", "summary.csv", "trials.csv",
                                 "units.csv"});
}

TEST_CASE("A sweep's folder also holds points.csv", "[results][writers]") {
  TempFolder folder;
  write_run_outputs(folder.path(), small_sweep());
  CHECK(folder.entries() == std::vector<std::string>{"columns.csv", "covariance.csv", "digest",
                                                     "manifest.textproto", "points.csv",
                                                     "results.pb", "series.csv", "summary.csv",
                                                     "trials.csv", "units.csv"});
}

TEST_CASE("covariance.csv is the scalar covariance as a named matrix", "[results][writers]") {
  TempFolder folder;
  write_run_outputs(folder.path(), small_run());
  const auto lines = lines_of(read_file(folder.path() / "covariance.csv"));
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "scalar,peak_price,\"shortfall, EV India\"");
  CHECK(lines[1] == "peak_price,0.25,NA");
  CHECK(lines[2] == "\"shortfall, EV India\",NA,NA");
}

TEST_CASE("points.csv has each point's swept values and its scalars' means", "[results][writers]") {
  TempFolder folder;
  write_run_outputs(folder.path(), small_sweep());
  const auto lines = lines_of(read_file(folder.path() / "points.csv"));
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "point,licence_delay_weeks,peak_price,\"shortfall, EV India\"");
  // Trials 0 and 1 of each point: peak 100.5 and 101.5; shortfall 0.1 and NaN (skipped).
  CHECK(lines[1] == "0,4,101,0.1");
  CHECK(lines[2] == "1,6,101,0.1");
}

TEST_CASE("trials.csv has a header of names and one row per trial", "[results][writers]") {
  TempFolder folder;
  write_run_outputs(folder.path(), small_run());
  const auto lines = lines_of(read_file(folder.path() / "trials.csv"));
  REQUIRE(lines.size() == 5);
  CHECK(lines[0] ==
        "trial,point,licence_delay_weeks,peak_price,\"shortfall, EV India\",series_sha256");
  CHECK(lines[1] == "0,0,4,100.5,0.1," + series_hex(0, 0));
  CHECK(lines[4] == "1,1,6,101.5,NA," + series_hex(1, 1));
}

TEST_CASE("A run that keeps its trials' series also holds trial_series.csv, tidy",
          "[results][writers][series]") {
  TempFolder folder;
  write_run_outputs(folder.path(), small_run_with_trial_series());
  CHECK(folder.entries() ==
        std::vector<std::string>{"columns.csv", "covariance.csv", "digest", "manifest.textproto",
                                 "results.pb", "series.csv", "summary.csv", "trial_series.csv",
                                 "trials.csv", "units.csv"});
  const auto lines = lines_of(read_file(folder.path() / "trial_series.csv"));
  REQUIRE(lines.size() == 9);  // 4 trials x 1 series x 2 ticks
  CHECK(lines[0] == "point,trial,metric,key,date,value");
  CHECK(lines[1] == "0,0,import_dependence,IN,2027-01-04,0.5");
  CHECK(lines[2] == "0,0,import_dependence,IN,2027-01-11,0.25");
  CHECK(lines[8] == "1,1,import_dependence,IN,2027-01-11,NA");
}

TEST_CASE("Trial series that would pass results.pb's limit go to trial_series.csv alone",
          "[results][writers][series]") {
  const Results results = small_run_with_trial_series();
  const std::uint64_t size = results.ByteSizeLong();
  // The decision: within the limit, into results.pb too; past it, not.
  CHECK(reesim::results::trial_series_in_results(size, size));
  CHECK_FALSE(reesim::results::trial_series_in_results(size + 1, size));
  CHECK(reesim::results::trial_series_in_results(size));  // protobuf's own limit: 2 GiB

  TempFolder whole;
  write_run_outputs(whole.path(), results);
  TempFolder split;
  write_run_outputs(split.path(), results, size - 1);  // a small limit stands in for 2 GiB
  Results kept;
  REQUIRE(kept.ParseFromString(read_file(whole.path() / "results.pb")));
  CHECK(kept.trial_series_size() == 4);
  CHECK_FALSE(kept.trial_series_csv_only());
  Results left;
  REQUIRE(left.ParseFromString(read_file(split.path() / "results.pb")));
  CHECK(left.trial_series().empty());
  CHECK(left.tick_dates().empty());
  CHECK(left.trial_series_csv_only());
  CHECK(left.trials_size() == kept.trials_size());
  CHECK(left.manifest().digest() == kept.manifest().digest());
  // The CSV holds them either way, and every other file is the same.
  for (const char* name : {"trial_series.csv", "trials.csv", "series.csv", "summary.csv",
                           "units.csv", "manifest.textproto", "digest"})
    CHECK(read_file(split.path() / name) == read_file(whole.path() / name));
}

TEST_CASE("without_trial_series copies every other field of Results",
          "[results][writers][series]") {
  const Results results = small_run_with_trial_series();
  Results expected = results;
  expected.clear_trial_series();
  expected.clear_tick_dates();
  expected.set_trial_series_csv_only(true);
  const Results slim = reesim::results::without_trial_series(results);
  CHECK(results_bytes(slim) == results_bytes(expected));
  // A field added to Results must be copied there too: this count changes with it.
  CHECK(reesim::Results::descriptor()->field_count() == 13);
}

TEST_CASE("Keeping the trials' series leaves the digest as it was", "[results][writers][series]") {
  CHECK(run_digest(small_run_with_trial_series()) == run_digest(small_run()));
}

TEST_CASE("series.csv is tidy, its quantile columns named from the levels", "[results][writers]") {
  TempFolder folder;
  write_run_outputs(folder.path(), small_run());
  const auto lines = lines_of(read_file(folder.path() / "series.csv"));
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "metric,key,date,mean,p05,p25,p50,p75,p95");
  CHECK(lines[2] == "import_dependence,IN,2027-01-11,0.75,0.6,0.7,0.75,0.8,0.9");
}

TEST_CASE("summary.csv has one row per scalar summary, with the run's quantiles",
          "[results][writers]") {
  TempFolder folder;
  write_run_outputs(folder.path(), small_run());
  const auto lines = lines_of(read_file(folder.path() / "summary.csv"));
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "scalar,mean,sd,ci95_low,ci95_high,p05,p25,p50,p75,p95,count");
  // peak_price is 100.5, 101.5, 100.5, 101.5: type 7 quantiles over the four trials.
  CHECK(lines[1] == "peak_price,101,0,0,0,100.5,100.5,101,101.5,101.5,4");
}

TEST_CASE("summary.csv follows outputs.quantiles; without trials it keeps p05, p50, p95",
          "[results][writers]") {
  TempFolder folder;
  Results results = small_run();
  results.clear_quantiles();
  results.add_quantiles(0.1);
  results.add_quantiles(0.9);
  for (reesim::SeriesPoint& point : *results.mutable_series()) {  // series.csv's columns too
    point.mutable_quantiles()->Truncate(2);
    point.set_quantiles(0, 0.61);
    point.set_quantiles(1, 0.89);
  }
  write_run_outputs(folder.path() / "levels", results);
  auto lines = lines_of(read_file(folder.path() / "levels" / "summary.csv"));
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "scalar,mean,sd,ci95_low,ci95_high,p10,p90,count");
  CHECK(lines[1] == "peak_price,101,0,0,0,100.5,101.5,4");
  Results summaries_only;
  auto& summary = *summaries_only.add_summary();
  summary.set_scalar("peak_price");
  summary.set_p05(1);
  summary.set_p50(2);
  summary.set_p95(3);
  CHECK(reesim::results::summary_csv(summaries_only) ==
        "scalar,mean,sd,ci95_low,ci95_high,p05,p50,p95,count\npeak_price,0,0,0,0,1,2,3,0\n");
}

TEST_CASE("results.pb reads back as the same results, stamped with the digest and the units",
          "[results][writers]") {
  TempFolder folder;
  const Results written = small_run();
  write_run_outputs(folder.path(), written);
  Results read;
  REQUIRE(read.ParseFromString(read_file(folder.path() / "results.pb")));
  Results expected = written;
  expected.mutable_manifest()->set_digest(run_digest(written));
  reesim::results::fill_units(expected);  // small_run() holds none: the writer adds units.csv's
  CHECK(read.trials_size() == 4);
  CHECK(read.scalar_units_size() == read.scalar_names_size());
  CHECK(read.scalar_names(1) == "shortfall, EV India");
  CHECK(read.series(1).quantiles(4) == 0.9);
  // Byte equality of the deterministic encodings: NaN scalars compare equal bit for bit, where
  // a field-by-field comparison would find NaN != NaN.
  CHECK(results_bytes(read) == results_bytes(expected));
}

TEST_CASE("The digest file and the manifest carry the run digest", "[results][writers]") {
  TempFolder folder;
  write_run_outputs(folder.path(), small_run());
  const std::string digest = run_digest(small_run());
  CHECK(read_file(folder.path() / "digest") == digest + "\n");

  const std::string text = read_file(folder.path() / "manifest.textproto");
  CHECK(text.rfind("# proto-message: reesim.RunManifest\n", 0) == 0);
  RunManifest manifest;
  REQUIRE(google::protobuf::TextFormat::ParseFromString(text, &manifest));
  CHECK(manifest.digest() == digest);
  CHECK(manifest.seed() == 20240101);
}

TEST_CASE("Writing the same results twice gives the same bytes", "[results][writers]") {
  TempFolder first;
  TempFolder second;
  write_run_outputs(first.path(), small_run());
  write_run_outputs(second.path(), small_run());
  for (const char* name : {"results.pb", "trials.csv", "manifest.textproto"}) {
    CHECK(read_file(first.path() / name) == read_file(second.path() / name));
  }
}

TEST_CASE("Inconsistent results are refused before any file is written", "[results][writers]") {
  TempFolder folder;
  SECTION("a manifest digest that is not the trials' digest") {
    Results results = small_run();
    results.mutable_manifest()->set_digest("00");
    CHECK_THROWS_AS(write_run_outputs(folder.path(), results), std::invalid_argument);
  }
  SECTION("a covariance of the wrong size") {
    Results results = small_run();
    results.mutable_scalar_covariance()->RemoveLast();
    CHECK_THROWS_WITH(write_run_outputs(folder.path(), results),
                      Catch::Contains("scalar covariance"));
  }
  SECTION("a trial without its series hash") {
    Results results = small_run();
    results.mutable_trials(3)->clear_series_sha256();
    CHECK_THROWS_WITH(write_run_outputs(folder.path(), results),
                      Catch::Contains("trial 1 of point 1 has no series hash"));
  }
  SECTION("a kept series without a value for every tick") {
    Results results = small_run_with_trial_series();
    results.mutable_trial_series(2)->mutable_values()->RemoveLast();
    CHECK_THROWS_WITH(write_run_outputs(folder.path(), results),
                      Catch::Contains("series import_dependence|IN of trial 0 of point 1"));
  }
  SECTION("a trial with a missing scalar") {
    Results results = small_run();
    results.mutable_trials(2)->mutable_scalars()->RemoveLast();
    CHECK_THROWS_WITH(write_run_outputs(folder.path(), results),
                      Catch::Contains("trial 0 of point 1"));
  }
  CHECK(folder.entries().empty());
}
