#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

#include "results/statistics.h"

using reesim::results::covariance;
using reesim::results::kZ95;
using reesim::results::quantiles;
using reesim::results::summarize;
using reesim::results::summarize_scalar;

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

std::vector<double> one_to_ten() {
  return {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
}

}  // namespace

TEST_CASE("Quantiles of 1..10 follow Hyndman-Fan type 7, like R and numpy",
          "[results][statistics]") {
  const auto summary = summarize(one_to_ten());
  CHECK(summary.p05 == Approx(1.45));
  CHECK(summary.p50 == Approx(5.5));
  CHECK(summary.p95 == Approx(9.55));
}

TEST_CASE("Quantiles at requested levels, from unsorted values", "[results][statistics]") {
  const std::vector<double> values = {3, 1, 4, 1, 5, 9, 2, 6};  // sorted: 1 1 2 3 4 5 6 9
  const std::vector<double> levels = {0.0, 0.25, 0.9, 1.0};
  const auto result = quantiles(values, levels);
  REQUIRE(result.size() == 4);
  CHECK(result[0] == 1);
  CHECK(result[1] == Approx(1.75));  // h = 1.75: 1 + 0.75 * (2 - 1)
  CHECK(result[2] == Approx(6.9));   // h = 6.3: 6 + 0.3 * (9 - 6)
  CHECK(result[3] == 9);
}

TEST_CASE("Mean, sample sd and the normal 95 % interval of 1..10", "[results][statistics]") {
  const auto summary = summarize(one_to_ten());
  const double sd = std::sqrt(82.5 / 9);
  CHECK(summary.count == 10);
  CHECK(summary.mean == 5.5);
  CHECK(summary.sd == Approx(sd));
  CHECK(summary.ci95_low == Approx(5.5 - kZ95 * sd / std::sqrt(10.0)));
  CHECK(summary.ci95_high == Approx(5.5 + kZ95 * sd / std::sqrt(10.0)));
}

TEST_CASE("The sample sd divides by n - 1", "[results][statistics]") {
  const std::vector<double> values = {2, 4, 4, 4, 5, 5, 7, 9};
  CHECK(summarize(values).sd == Approx(2.1380899352993950));  // sqrt(32 / 7)
}

TEST_CASE("One trial has sd 0 and a point interval", "[results][statistics]") {
  const std::vector<double> values = {42.5};
  const auto summary = summarize(values);
  CHECK(summary.count == 1);
  CHECK(summary.sd == 0);
  CHECK(summary.ci95_low == 42.5);
  CHECK(summary.ci95_high == 42.5);
  CHECK(summary.p05 == 42.5);
  CHECK(summary.p95 == 42.5);
}

TEST_CASE("NaNs (events that never happened) are skipped and counted", "[results][statistics]") {
  const std::vector<double> values = {1, kNan, 3, kNan};
  const auto summary = summarize(values);
  CHECK(summary.count == 2);
  CHECK(summary.nan_count == 2);
  CHECK(summary.mean == 2);
  CHECK(summary.p50 == 2);
}

TEST_CASE("No values give NaN statistics and a zero count", "[results][statistics]") {
  const std::vector<double> values = {kNan};
  const auto summary = summarize(values);
  CHECK(summary.count == 0);
  CHECK(std::isnan(summary.mean));
  CHECK(std::isnan(summary.sd));
  CHECK(std::isnan(summary.p50));
  const std::vector<double> levels = {0.5};
  CHECK(std::isnan(quantiles(values, levels)[0]));
}

TEST_CASE("The summary does not depend on the order of trials", "[results][statistics]") {
  std::mt19937_64 generator(11);
  std::normal_distribution<double> normal(100.0, 30.0);
  std::vector<double> values(1001);
  for (double& value : values)
    value = normal(generator);
  const auto forward = summarize(values);
  std::reverse(values.begin(), values.end());
  const auto backward = summarize(values);
  CHECK(forward.mean == backward.mean);
  CHECK(forward.sd == backward.sd);
  CHECK(forward.p50 == backward.p50);
}

TEST_CASE("A quantile level outside [0, 1] is refused", "[results][statistics]") {
  const std::vector<double> levels = {1.5};
  CHECK_THROWS_AS(quantiles(one_to_ten(), levels), std::invalid_argument);
}

TEST_CASE("Covariance of scalars that move together", "[results][statistics]") {
  Eigen::MatrixXd trials(3, 2);
  trials << 1, 2,  //
      2, 4,        //
      3, 6;
  const Eigen::MatrixXd cov = covariance(trials);
  REQUIRE(cov.rows() == 2);
  REQUIRE(cov.cols() == 2);
  CHECK(cov(0, 0) == Approx(1));
  CHECK(cov(0, 1) == Approx(2));
  CHECK(cov(1, 0) == Approx(2));
  CHECK(cov(1, 1) == Approx(4));
}

TEST_CASE("Covariance agrees with the textbook matrix formula", "[results][statistics]") {
  std::mt19937_64 generator(3);
  std::normal_distribution<double> normal;
  Eigen::MatrixXd trials(200, 3);
  for (Eigen::Index r = 0; r < trials.rows(); ++r) {
    const double common = normal(generator);
    trials(r, 0) = common + normal(generator);
    trials(r, 1) = -2 * common;
    trials(r, 2) = normal(generator);
  }
  const Eigen::MatrixXd centered = trials.rowwise() - trials.colwise().mean();
  const Eigen::MatrixXd expected = centered.transpose() * centered / 199.0;
  CHECK(covariance(trials).isApprox(expected, 1e-12));
}

TEST_CASE("A NaN spoils only its own scalar's covariances", "[results][statistics]") {
  Eigen::MatrixXd trials(3, 2);
  trials << 1, 2,  //
      2, kNan,     //
      3, 6;
  const Eigen::MatrixXd cov = covariance(trials);
  CHECK(cov(0, 0) == Approx(1));
  CHECK(std::isnan(cov(0, 1)));
  CHECK(std::isnan(cov(1, 1)));
}

TEST_CASE("A summary fills the ScalarSummary message", "[results][statistics]") {
  const auto proto = summarize_scalar("peak_price", one_to_ten());
  CHECK(proto.scalar() == "peak_price");
  CHECK(proto.mean() == 5.5);
  CHECK(proto.p95() == Approx(9.55));
  CHECK(proto.count() == 10);
  CHECK(proto.ci95_low() < proto.mean());
}
