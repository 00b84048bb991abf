#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "experiment/errors.h"
#include "experiment/sensitivity_report.h"
#include "experiment/sweep_runner.h"
#include "sweep/design.h"
#include "tests/experiment/sweep_fixture.h"

using reesim::Results;
using reesim::experiment::analyze_sweep;
using reesim::experiment::InputError;
using reesim::experiment::run_sweep;
using reesim::experiment::sensitivity_csv;
using reesim::experiment::SensitivityReport;
using reesim::experiment::SweepOptions;
using reesim::testing::sweep_plan;

namespace {

// The finished result of a sweep of x0, x1 in [0, 1] whose scalar `output`, 3 x0 + x1, is the
// same in both replicates of every point; a second scalar is NaN in one trial.
Results linear_sweep(reesim::Design kind, int points) {
  Results results;
  auto& manifest = *results.mutable_manifest();
  manifest.set_shard("1/1");
  manifest.set_seed(42);
  manifest.set_trials(2);
  auto& sweep = *manifest.mutable_experiment()->mutable_sweep();
  sweep.set_design(kind);
  sweep.set_points(points);
  for (const char* path : {"x0", "x1"}) {
    auto& p = *sweep.add_parameters();
    p.set_path(path);
    p.set_min(0);
    p.set_max(1);
    if (kind == reesim::DESIGN_MORRIS) p.set_levels(4);
    results.add_parameter_names(path);
  }
  results.add_scalar_names("output");
  results.add_scalar_names("sometimes");
  const auto design = reesim::sweep::make_design(sweep, manifest.seed());
  for (std::size_t p = 0; p < design.size(); ++p) {
    for (int r = 0; r < 2; ++r) {
      auto& trial = *results.add_trials();
      trial.set_point(static_cast<std::int64_t>(p));
      trial.set_trial(r);
      trial.add_parameters(design.values[p][0]);
      trial.add_parameters(design.values[p][1]);
      trial.add_scalars(3 * design.values[p][0] + design.values[p][1]);
      trial.add_scalars(p == 5 && r == 1 ? std::numeric_limits<double>::quiet_NaN() : 1.0);
    }
  }
  return results;
}

const reesim::experiment::SensitivityRow& row(const SensitivityReport& report,
                                              const std::string& parameter,
                                              const std::string& index) {
  for (const auto& r : report.rows)
    if (r.parameter == parameter && r.index == index) return r;
  FAIL("no row " << parameter << " " << index);
  return report.rows.front();
}

}  // namespace

TEST_CASE("Sobol indices of an additive output split its variance by the squared coefficients",
          "[experiment][analyze][sobol]") {
  const SensitivityReport report = analyze_sweep(linear_sweep(reesim::DESIGN_SALTELLI, 256), "d");
  CHECK(report.design == reesim::DESIGN_SALTELLI);
  CHECK(report.points == 256 * 4);
  CHECK(report.replicates == 2);
  REQUIRE(report.rows.size() == 4);  // output only: x0, x1 x first, total
  // Var(3 x0 + x1) = (9 + 1) / 12: S_0 = ST_0 = 0.9, S_1 = ST_1 = 0.1.
  CHECK(row(report, "x0", "first").estimate == Approx(0.9).margin(0.05));
  CHECK(row(report, "x0", "total").estimate == Approx(0.9).margin(0.05));
  CHECK(row(report, "x1", "first").estimate == Approx(0.1).margin(0.05));
  CHECK(row(report, "x1", "total").estimate == Approx(0.1).margin(0.05));
  for (const auto& r : report.rows) {
    CHECK(r.metric == "output");
    CHECK(r.low <= r.estimate);
    CHECK(r.estimate <= r.high);
  }
  REQUIRE(report.skipped.size() == 1);
  CHECK_THAT(report.skipped[0],
             Catch::StartsWith("sometimes: 1 of 2048 trials are NaN (first: point 5, trial 1)"));
}

TEST_CASE("Replicate noise shared by every point cancels; noise that varies by point is measured",
          "[experiment][analyze][noise]") {
  Results results = linear_sweep(reesim::DESIGN_SALTELLI, 64);
  // Replicate r adds +-0.5 at every point (common random numbers: shared, so it cancels between
  // points); the second scalar adds +-0.5 that also flips sign from point to point.
  const int n = results.trials_size();
  for (int t = 0; t < n; ++t) {
    auto& trial = *results.mutable_trials(t);
    const double sign = trial.trial() == 0 ? 1 : -1;
    const double flip = trial.point() % 2 == 0 ? 1 : -1;
    trial.set_scalars(1, trial.scalars(0) + 0.5 * sign * flip);
    trial.set_scalars(0, trial.scalars(0) + 0.5 * sign);
  }
  results.set_scalar_names(1, "flipping");
  const SensitivityReport report = analyze_sweep(results, "d");
  REQUIRE(report.noise.size() == 2);
  const auto& shared = report.noise[0];
  CHECK(shared.metric == "output");
  CHECK(shared.trial_variance == Approx(0.5));  // (0.5^2 + 0.5^2) / (2 - 1)
  CHECK(shared.noise_variance == Approx(0).margin(1e-12));
  CHECK(shared.point_variance == Approx(10.0 / 12).epsilon(0.1));  // Var(3 x0 + x1)
  CHECK(shared.share() == Approx(0).margin(1e-12));
  const auto& flipping = report.noise[1];
  CHECK(flipping.metric == "flipping");
  // Half-means differ by +-1 from point to point: variance ~1 (n - 1), over R (1/1 + 1/1) = 4.
  CHECK(flipping.noise_variance == Approx(0.25).epsilon(0.01));
  CHECK(flipping.trial_variance == Approx(0.5));
  CHECK(flipping.share() > 0.25);
  // The point means are the same for both: noise that flips between replicates averages out.
  CHECK(flipping.point_variance == Approx(shared.point_variance));
}

TEST_CASE("Morris effects of an additive output are its coefficients",
          "[experiment][analyze][morris]") {
  const SensitivityReport report = analyze_sweep(linear_sweep(reesim::DESIGN_MORRIS, 6), "d");
  REQUIRE(report.rows.size() == 6);
  CHECK(row(report, "x0", "mu").estimate == Approx(3));
  CHECK(row(report, "x0", "mu_star").estimate == Approx(3));
  CHECK(row(report, "x0", "sigma").estimate == Approx(0).margin(1e-12));
  CHECK(row(report, "x1", "mu_star").estimate == Approx(1));
  CHECK(std::isnan(row(report, "x1", "mu").low));
  const std::string csv = sensitivity_csv(report);
  CHECK_THAT(csv, Catch::StartsWith("metric,parameter,index,estimate,low,high\noutput,x0,mu,"));
  CHECK_THAT(csv, Catch::Contains("\noutput,x1,mu_star,") && Catch::Contains(",NA,NA\n"));
}

TEST_CASE("Analyze refuses results it cannot read as a whole Saltelli or Morris sweep",
          "[experiment][analyze]") {
  Results results = linear_sweep(reesim::DESIGN_SALTELLI, 8);
  SECTION("a grid") {
    results.mutable_manifest()->mutable_experiment()->mutable_sweep()->set_design(
        reesim::DESIGN_GRID);
    CHECK_THROWS_WITH(analyze_sweep(results, "d"),
                      "d: analyze needs a DESIGN_SALTELLI or DESIGN_MORRIS sweep; this one is "
                      "DESIGN_GRID");
  }
  SECTION("a shard") {
    results.mutable_manifest()->set_shard("2/4");
    CHECK_THROWS_WITH(analyze_sweep(results, "d"), Catch::Contains("merge the shards first"));
  }
  SECTION("a stored value that is not the design's") {
    results.mutable_trials(7)->set_parameters(1, 0.123);
    CHECK_THROWS_WITH(analyze_sweep(results, "d"),
                      Catch::StartsWith("d/results.pb: point 3's value of x1 is 0.123"));
  }
  SECTION("a missing trial") {
    results.mutable_trials()->RemoveLast();
    CHECK_THROWS_AS(analyze_sweep(results, "d"), InputError);
  }
  SECTION("no sweep") {
    results.mutable_manifest()->mutable_experiment()->clear_sweep();
    CHECK_THROWS_WITH(analyze_sweep(results, "d"), Catch::Contains("not a sweep"));
  }
}

TEST_CASE(
    "Analyze ranks the quick-start world's Saltelli sweep, one row per metric, parameter "
    "and index",
    "[experiment][analyze]") {
  SweepOptions options;
  options.threads = 2;
  const Results results = run_sweep(sweep_plan("saltelli"), options);
  const SensitivityReport report = analyze_sweep(results, "saltelli");
  const auto analysed =
      static_cast<std::size_t>(results.scalar_names_size()) - report.skipped.size();
  CHECK(analysed >= 3);
  CHECK(report.rows.size() == analysed * 2 * 2);
  for (const auto& r : report.rows)
    CHECK(std::isfinite(r.estimate));
}
