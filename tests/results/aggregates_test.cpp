#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "results/aggregates.h"

using reesim::Results;
using reesim::results::fill_scalar_aggregates;

namespace {

// Trials of two scalars: x = 1, 2, 3, 4 and y = 2x, with a third scalar NaN in one trial.
Results three_scalars() {
  Results results;
  for (const char* name : {"x", "y", "sometimes"})
    results.add_scalar_names(name);
  for (int t = 0; t < 4; ++t) {
    auto& trial = *results.add_trials();
    trial.set_trial(t);
    trial.add_scalars(t + 1);
    trial.add_scalars(2 * (t + 1));
    trial.add_scalars(t == 2 ? std::numeric_limits<double>::quiet_NaN() : 1.0);
  }
  return results;
}

}  // namespace

TEST_CASE("Aggregates hold one summary per scalar and the covariance row-major",
          "[results][aggregates]") {
  Results results = three_scalars();
  fill_scalar_aggregates(results);
  REQUIRE(results.summary_size() == 3);
  CHECK(results.summary(0).scalar() == "x");
  CHECK(results.summary(0).mean() == 2.5);
  CHECK(results.summary(1).mean() == 5.0);
  CHECK(results.summary(2).count() == 3);  // the NaN is skipped
  REQUIRE(results.scalar_covariance_size() == 9);
  // Var(x) of 1..4 with n - 1 = 3: 5/3; Cov(x, y) = 2 Var(x); Var(y) = 4 Var(x).
  CHECK(results.scalar_covariance(0) == Approx(5.0 / 3));
  CHECK(results.scalar_covariance(1) == Approx(10.0 / 3));
  CHECK(results.scalar_covariance(3) == Approx(10.0 / 3));
  CHECK(results.scalar_covariance(4) == Approx(20.0 / 3));
  // A scalar with a NaN trial has NaN in its row and column.
  for (const int i : {2, 5, 6, 7, 8})
    CHECK(std::isnan(results.scalar_covariance(i)));
}

TEST_CASE("Filling aggregates twice replaces them", "[results][aggregates]") {
  Results results = three_scalars();
  fill_scalar_aggregates(results);
  fill_scalar_aggregates(results);
  CHECK(results.summary_size() == 3);
  CHECK(results.scalar_covariance_size() == 9);
}

TEST_CASE("One trial gives a NaN covariance", "[results][aggregates]") {
  Results results = three_scalars();
  results.mutable_trials()->DeleteSubrange(1, 3);
  fill_scalar_aggregates(results);
  REQUIRE(results.scalar_covariance_size() == 9);
  for (const double c : results.scalar_covariance())
    CHECK(std::isnan(c));
}

TEST_CASE("A trial with a missing scalar is refused, named", "[results][aggregates]") {
  Results results = three_scalars();
  results.mutable_trials(1)->mutable_scalars()->RemoveLast();
  CHECK_THROWS_WITH(fill_scalar_aggregates(results), Catch::Contains("trial 1 of point 0"));
}
