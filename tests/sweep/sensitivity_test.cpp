#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <numbers>
#include <stdexcept>
#include <vector>

#include "sweep/design.h"
#include "sweep/sensitivity.h"
#include "sweep_fixture.h"

using reesim::sweep::Interval;
using reesim::sweep::make_design;
using reesim::sweep::morris_indices;
using reesim::sweep::sobol_indices;
using reesim::sweep::SweepDesign;
using reesim::sweep::testing::range;
using reesim::sweep::testing::sweep_of;

namespace {

constexpr double kPi = std::numbers::pi;

using Model = std::function<double(const std::vector<double>&)>;

// The model's output at every design point, in design order.
std::vector<double> evaluate(const SweepDesign& design, const Model& model) {
  std::vector<double> y;
  y.reserve(design.size());
  for (const auto& x : design.values)
    y.push_back(model(x));
  return y;
}

// Ishigami and Homma (1990): f = sin x1 + a sin^2 x2 + b x3^4 sin x1, x_i uniform on [-pi, pi].
constexpr double kA = 7;
constexpr double kB = 0.1;

double ishigami(const std::vector<double>& x) {
  const double s2 = std::sin(x[1]);
  return std::sin(x[0]) + kA * s2 * s2 + kB * std::pow(x[2], 4) * std::sin(x[0]);
}

// Its indices in closed form (Sobol' and Levitan 1999): V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2,
// V1 = (1 + b pi^4/5)^2 / 2, V2 = a^2/8, V13 = b^2 pi^8 (1/18 - 1/50), V3 = 0.
struct IshigamiIndices {
  double s1, s2, s3, st1, st2, st3;
};

IshigamiIndices ishigami_indices() {
  const double pi4 = std::pow(kPi, 4);
  const double pi8 = pi4 * pi4;
  const double v = kA * kA / 8 + kB * pi4 / 5 + kB * kB * pi8 / 18 + 0.5;
  const double v1 = std::pow(1 + kB * pi4 / 5, 2) / 2;
  const double v2 = kA * kA / 8;
  const double v13 = kB * kB * pi8 * (1.0 / 18 - 1.0 / 50);
  return {v1 / v, v2 / v, 0, (v1 + v13) / v, v2 / v, v13 / v};
}

reesim::Sweep ishigami_sweep(reesim::Design design, std::int64_t points) {
  return sweep_of(design, points, {range(-kPi, kPi), range(-kPi, kPi), range(-kPi, kPi)});
}

void check_index(const Interval& index, double known, double tolerance) {
  INFO("estimate " << index.estimate << " in [" << index.low << ", " << index.high << "], known "
                   << known);
  CHECK(std::abs(index.estimate - known) < tolerance);
  CHECK(index.low <= known);
  CHECK(known <= index.high);
  CHECK(index.low <= index.estimate);
  CHECK(index.estimate <= index.high);
}

}  // namespace

TEST_CASE("The Ishigami indices in closed form are the published ones", "[sweep][sensitivity]") {
  const auto known = ishigami_indices();
  CHECK(known.s1 == Approx(0.3139).margin(5e-5));
  CHECK(known.s2 == Approx(0.4424).margin(5e-5));
  CHECK(known.st1 == Approx(0.5576).margin(5e-5));
  CHECK(known.st3 == Approx(0.2437).margin(5e-5));
}

TEST_CASE("Sobol indices of the Ishigami function match the known values",
          "[sweep][sensitivity][sobol]") {
  const auto design = make_design(ishigami_sweep(reesim::DESIGN_SALTELLI, 8192), 1);
  const auto y = evaluate(design, ishigami);
  const auto indices = sobol_indices(design, y, 500, 0.95, 2024);
  const auto known = ishigami_indices();
  REQUIRE(indices.first.size() == 3);
  REQUIRE(indices.total.size() == 3);
  constexpr double kTolerance = 0.02;
  check_index(indices.first[0], known.s1, kTolerance);
  check_index(indices.first[1], known.s2, kTolerance);
  check_index(indices.first[2], known.s3, kTolerance);
  check_index(indices.total[0], known.st1, kTolerance);
  check_index(indices.total[1], known.st2, kTolerance);
  check_index(indices.total[2], known.st3, kTolerance);
  CHECK(indices.variance == Approx(13.8446).epsilon(0.02));
}

TEST_CASE("A parameter the output ignores has Sobol indices of exactly zero",
          "[sweep][sensitivity][sobol]") {
  const auto design = make_design(
      sweep_of(reesim::DESIGN_SALTELLI, 1024, {range(0, 1), range(0, 1), range(0, 1)}), 1);
  // Additive: S_i = ST_i = c_i^2 / (c_1^2 + c_2^2), the third parameter unused.
  const auto y = evaluate(design, [](const auto& x) { return x[0] + 2 * x[1]; });
  const auto indices = sobol_indices(design, y, 100, 0.9, 1);
  CHECK(indices.first[2].estimate == 0.0);
  CHECK(indices.total[2].estimate == 0.0);
  CHECK(indices.total[2].low == 0.0);
  CHECK(indices.total[2].high == 0.0);
  CHECK(indices.first[0].estimate == Approx(0.2).margin(0.01));
  CHECK(indices.first[1].estimate == Approx(0.8).margin(0.01));
  CHECK(indices.total[0].estimate == Approx(0.2).margin(0.01));
  CHECK(indices.total[1].estimate == Approx(0.8).margin(0.01));
}

TEST_CASE("A constant added to the output moves no Sobol index", "[sweep][sensitivity][sobol]") {
  // The first-order estimator is centred on the outputs' mean: without it, the first-order
  // interval of 1000 + 0.3 x0 + 0.1 x1 (an offset far above its spread) is thousands wide.
  const auto design = make_design(
      sweep_of(reesim::DESIGN_SALTELLI, 256, {range(0, 1), range(0, 1), range(0, 1)}), 1);
  const auto plain =
      sobol_indices(design, evaluate(design, [](const auto& x) { return 0.3 * x[0] + 0.1 * x[1]; }),
                    200, 0.95, 1);
  const auto offset = sobol_indices(
      design, evaluate(design, [](const auto& x) { return 1000 + 0.3 * x[0] + 0.1 * x[1]; }), 200,
      0.95, 1);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(offset.first[i].estimate == Approx(plain.first[i].estimate).margin(1e-9));
    CHECK(offset.first[i].high - offset.first[i].low ==
          Approx(plain.first[i].high - plain.first[i].low).margin(1e-9));
  }
  CHECK(offset.first[0].estimate == Approx(0.9).margin(0.03));
  CHECK(offset.first[0].high - offset.first[0].low < 0.5);  // uncentred: thousands wide
}

TEST_CASE("Bootstrap intervals are a function of the seed", "[sweep][sensitivity][sobol]") {
  const auto design = make_design(ishigami_sweep(reesim::DESIGN_SALTELLI, 512), 1);
  const auto y = evaluate(design, ishigami);
  const auto a = sobol_indices(design, y, 200, 0.95, 7);
  const auto b = sobol_indices(design, y, 200, 0.95, 7);
  const auto c = sobol_indices(design, y, 200, 0.95, 8);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(a.first[i].low == b.first[i].low);
    CHECK(a.total[i].high == b.total[i].high);
    CHECK(a.first[i].estimate == c.first[i].estimate);  // the estimate uses every base row
  }
  CHECK(a.first[0].low != c.first[0].low);
  // No bootstrap, no interval.
  const auto none = sobol_indices(design, y, 0, 0.95, 7);
  CHECK(none.first[0].estimate == a.first[0].estimate);
  CHECK(std::isnan(none.first[0].low));
  CHECK(std::isnan(none.total[0].high));
  // A wider confidence level gives a wider interval.
  const auto wide = sobol_indices(design, y, 200, 0.99, 7);
  CHECK(wide.total[2].high - wide.total[2].low > a.total[2].high - a.total[2].low);
}

TEST_CASE("Sobol indices refuse a design of another kind or outputs of the wrong size",
          "[sweep][sensitivity][sobol]") {
  const auto saltelli = make_design(ishigami_sweep(reesim::DESIGN_SALTELLI, 8), 1);
  const auto sobol = make_design(ishigami_sweep(reesim::DESIGN_SOBOL, 40), 1);
  const std::vector<double> y(40, 1.0);
  CHECK_THROWS_WITH(sobol_indices(sobol, y, 10, 0.95, 1),
                    "sobol_indices: needs a DESIGN_SALTELLI design, not DESIGN_SOBOL");
  CHECK_THROWS_WITH(sobol_indices(saltelli, std::vector<double>(39, 1.0), 10, 0.95, 1),
                    "sobol_indices: got 39 outputs for 40 design points");
  CHECK_THROWS_AS(sobol_indices(saltelli, y, -1, 0.95, 1), std::invalid_argument);
  CHECK_THROWS_AS(sobol_indices(saltelli, y, 10, 1.0, 1), std::invalid_argument);
  CHECK_THROWS_AS(sobol_indices(saltelli, y, 10, 0.0, 1), std::invalid_argument);
  // A constant output has no variance to share out.
  CHECK(std::isnan(sobol_indices(saltelli, y, 0, 0.95, 1).first[0].estimate));
}

TEST_CASE("Morris effects of a linear model are its slopes times the ranges, with sigma 0",
          "[sweep][sensitivity][morris]") {
  const auto design = make_design(
      sweep_of(reesim::DESIGN_MORRIS, 20, {range(0, 2, 4), range(-1, 1, 6), range(10, 20)}), 3);
  const auto y = evaluate(design, [](const auto& x) { return 3 * x[0] - 2 * x[1] + 0.5 * x[2]; });
  const auto indices = morris_indices(design, y);
  REQUIRE(indices.mu.size() == 3);
  const std::vector<double> effect = {3 * 2, -2 * 2, 0.5 * 10};
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(indices.mu[i] == Approx(effect[i]).epsilon(1e-12));
    CHECK(indices.mu_star[i] == Approx(std::abs(effect[i])).epsilon(1e-12));
    CHECK(indices.sigma[i] == Approx(0).margin(1e-9));
  }
}

TEST_CASE("Morris screening of the Ishigami function: x1 acts with one sign, x2 and x3 do not",
          "[sweep][sensitivity][morris]") {
  const auto design = make_design(ishigami_sweep(reesim::DESIGN_MORRIS, 200), 5);
  const auto indices = morris_indices(design, evaluate(design, ishigami));
  // On the 4-level grid {-pi, -pi/3, pi/3, pi} every step of x1 raises sin x1 (0 to sin(pi/3) or
  // -sin(pi/3) to 0), and with it f, since 1 + b x3^4 > 0: mu equals mu_star.
  CHECK(indices.mu[0] == Approx(indices.mu_star[0]).epsilon(1e-12));
  CHECK(indices.mu_star[0] > 5);
  // x2 enters through sin^2 x2, symmetric about 0, and x3 through b x3^4 sin x1, whose sign
  // follows x1: their effects cancel in mu but not in mu_star, and vary widely (sigma).
  for (std::size_t i = 1; i < 3; ++i) {
    CHECK(indices.mu_star[i] > 5);
    CHECK(std::abs(indices.mu[i]) < indices.mu_star[i] / 4);
    CHECK(indices.sigma[i] > 5);
  }
}

TEST_CASE("Morris effects of a parameter the output ignores are exactly zero",
          "[sweep][sensitivity][morris]") {
  const auto design =
      make_design(sweep_of(reesim::DESIGN_MORRIS, 10, {range(0, 1), range(0, 1)}), 9);
  const auto indices =
      morris_indices(design, evaluate(design, [](const auto& x) { return std::exp(x[0]); }));
  CHECK(indices.mu_star[1] == 0.0);
  CHECK(indices.sigma[1] == 0.0);
  CHECK(indices.mu_star[0] > 1.0);
  CHECK(indices.sigma[0] > 0.0);  // exp is not linear
}

TEST_CASE("Morris indices refuse another design, wrong sizes and broken trajectories",
          "[sweep][sensitivity][morris]") {
  auto design = make_design(ishigami_sweep(reesim::DESIGN_MORRIS, 4), 1);
  const std::vector<double> y(16, 0.0);
  CHECK_NOTHROW(morris_indices(design, y));
  CHECK_THROWS_WITH(morris_indices(design, std::vector<double>(15, 0.0)),
                    "morris_indices: got 15 outputs for 16 design points");
  const auto saltelli = make_design(ishigami_sweep(reesim::DESIGN_SALTELLI, 4), 1);
  CHECK_THROWS_WITH(morris_indices(saltelli, std::vector<double>(20, 0.0)),
                    "morris_indices: needs a DESIGN_MORRIS design, not DESIGN_SALTELLI");
  design.unit[1] = design.unit[0];  // a step that changes nothing
  CHECK_THROWS_AS(morris_indices(design, y), std::invalid_argument);
}
