#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>
#include <vector>

#include <boost/random/sobol.hpp>

#include "sweep/design.h"
#include "sweep_fixture.h"

using reesim::sweep::design_problems;
using reesim::sweep::make_design;
using reesim::sweep::parameter_value;
using reesim::sweep::SweepDesign;
using reesim::sweep::testing::listed;
using reesim::sweep::testing::range;
using reesim::sweep::testing::sweep_of;

namespace {

bool contains(const std::vector<std::string>& problems, const std::string& line) {
  return std::find(problems.begin(), problems.end(), line) != problems.end();
}

// Every unit coordinate in [0, 1] and every value within its parameter's range or list.
void check_in_range(const SweepDesign& design, const reesim::Sweep& sweep) {
  REQUIRE(design.values.size() == design.size());
  for (std::size_t p = 0; p < design.size(); ++p) {
    REQUIRE(design.unit[p].size() == design.dimensions);
    REQUIRE(design.values[p].size() == design.dimensions);
    for (std::size_t i = 0; i < design.dimensions; ++i) {
      const auto& parameter = sweep.parameters(static_cast<int>(i));
      const auto& list = parameter.values();
      const double min =
          list.empty() ? parameter.min() : *std::min_element(list.begin(), list.end());
      const double max =
          list.empty() ? parameter.max() : *std::max_element(list.begin(), list.end());
      CHECK(design.unit[p][i] >= 0.0);
      CHECK(design.unit[p][i] <= 1.0);
      CHECK(design.values[p][i] >= min);
      CHECK(design.values[p][i] <= max);
    }
  }
}

// The first n points of boost's d-dimensional Sobol sequence, as doubles.
std::vector<std::vector<double>> boost_sobol(std::size_t n, std::size_t d) {
  boost::random::sobol engine(d);
  std::vector<std::vector<double>> rows(n, std::vector<double>(d));
  for (auto& row : rows)
    for (double& u : row)
      u = static_cast<double>(engine()) * 0x1.0p-64;
  return rows;
}

}  // namespace

TEST_CASE("A grid enumerates the full factorial, the last parameter fastest", "[sweep][design]") {
  const auto sweep = sweep_of(reesim::DESIGN_GRID, 0,
                              {listed({5, 7, 9}), range(0, 10, 2), range(1, 100, 3, true)});
  const auto design = make_design(sweep, 1);
  CHECK(design.kind == reesim::DESIGN_GRID);
  CHECK(design.dimensions == 3);
  REQUIRE(design.size() == 18);
  CHECK(design.base == 18);
  check_in_range(design, sweep);

  const std::vector<double> first = {5, 7, 9};
  const std::vector<double> second = {0, 10};
  std::size_t p = 0;
  for (const double a : first) {
    for (const double b : second) {
      for (int c = 0; c < 3; ++c, ++p) {
        CHECK(design.values[p][0] == a);
        CHECK(design.values[p][1] == b);
        CHECK(design.unit[p][2] == c / 2.0);
        CHECK(design.values[p][2] == Approx(std::pow(10.0, c)).epsilon(1e-12));
      }
    }
  }
  // The ends of a range are exact, on a log scale too.
  CHECK(design.values[0][2] == 1.0);
  CHECK(design.values[17][2] == 100.0);
}

TEST_CASE("A grid point per combination: no combination twice", "[sweep][design]") {
  const auto design =
      make_design(sweep_of(reesim::DESIGN_GRID, 0, {range(0, 1, 4), range(-1, 1, 5)}), 3);
  REQUIRE(design.size() == 20);
  const std::set<std::vector<double>> distinct(design.values.begin(), design.values.end());
  CHECK(distinct.size() == 20);
  CHECK(design.values[1] == std::vector<double>{0.0, -0.5});
  CHECK(design.values[5] == std::vector<double>{1.0 / 3, -1.0});
}

TEST_CASE("A Latin hypercube has one point per stratum in each dimension", "[sweep][design]") {
  const auto sweep =
      sweep_of(reesim::DESIGN_LHS, 50, {range(0, 1), range(-5, 5), range(1, 1e3, 0, true)});
  const auto design = make_design(sweep, 42);
  REQUIRE(design.size() == 50);
  CHECK(design.base == 50);
  check_in_range(design, sweep);
  for (std::size_t i = 0; i < 3; ++i) {
    std::vector<int> strata;
    for (const auto& row : design.unit) {
      CHECK(row[i] < 1.0);
      strata.push_back(static_cast<int>(std::floor(row[i] * 50)));
    }
    std::sort(strata.begin(), strata.end());
    std::vector<int> expected(50);
    for (int s = 0; s < 50; ++s)
      expected[static_cast<std::size_t>(s)] = s;
    CHECK(strata == expected);
  }
}

TEST_CASE("A Latin hypercube is a function of its seed", "[sweep][design]") {
  const auto sweep = sweep_of(reesim::DESIGN_LHS, 20, {range(0, 1), range(0, 1)});
  const auto a = make_design(sweep, 7);
  const auto b = make_design(sweep, 7);
  const auto c = make_design(sweep, 8);
  CHECK(a.unit == b.unit);
  CHECK(a.values == b.values);
  CHECK(a.unit != c.unit);
}

TEST_CASE("Random designs are fixed by the seed on every platform", "[sweep][design]") {
  // The design is part of what a run's seed reproduces: these pin the generator, the conversion
  // of its raw output to doubles and integers, and the order of the draws.
  auto sweep = sweep_of(reesim::DESIGN_LHS, 4, {range(0, 1, 4)});
  const std::vector<std::vector<double>> lhs = {{0x1.0561d8057935cp-2},
                                                {0x1.2cea3ab9767e3p-1},
                                                {0x1.f4a761695cc9bp-1},
                                                {0x1.e20cd8d6456f4p-4}};
  CHECK(make_design(sweep, 1).unit == lhs);

  sweep.set_design(reesim::DESIGN_MORRIS);
  sweep.set_points(2);
  *sweep.add_parameters() = range(0, 1, 4);
  const std::vector<std::vector<double>> morris = {{2.0 / 3, 2.0 / 3}, {2.0 / 3, 0}, {0, 0},
                                                   {1, 1.0 / 3},       {1, 1},       {1.0 / 3, 1}};
  CHECK(make_design(sweep, 1).unit == morris);
}

TEST_CASE("Sobol points are the Sobol sequence without its all-zero point", "[sweep][design]") {
  const auto sweep = sweep_of(reesim::DESIGN_SOBOL, 5, {range(0, 1), range(0, 1), range(0, 1)});
  const auto design = make_design(sweep, 99);
  REQUIRE(design.size() == 5);
  // The unscrambled Joe-Kuo sequence (scipy.stats.qmc.Sobol(3, scramble=False)), from its 2nd
  // point.
  const std::vector<std::vector<double>> expected = {{0.5, 0.5, 0.5},
                                                     {0.75, 0.25, 0.25},
                                                     {0.25, 0.75, 0.75},
                                                     {0.375, 0.375, 0.625},
                                                     {0.875, 0.875, 0.125}};
  CHECK(design.unit == expected);
  CHECK(design.values == expected);
}

TEST_CASE("Sobol points equal boost's sequence and map onto the ranges", "[sweep][design]") {
  const auto sweep =
      sweep_of(reesim::DESIGN_SOBOL, 100,
               {range(-2, 2), range(10, 20), range(0.1, 10, 0, true), listed({1, 2, 3})});
  const auto design = make_design(sweep, 0);
  REQUIRE(design.size() == 100);
  check_in_range(design, sweep);
  CHECK(design.unit == boost_sobol(100, 4));
  for (std::size_t p = 0; p < 100; ++p) {
    const auto& u = design.unit[p];
    CHECK(design.values[p][0] == Approx(-2 + 4 * u[0]));
    CHECK(design.values[p][1] == Approx(10 + 10 * u[1]));
    CHECK(design.values[p][2] == Approx(0.1 * std::pow(100.0, u[2])));
    CHECK(design.values[p][3] == std::min(3.0, 1 + std::floor(u[3] * 3)));
  }
  CHECK(make_design(sweep, 1).unit == design.unit);  // the seed is not used
}

TEST_CASE("A Saltelli design lays out A, B and each AB_i per base row", "[sweep][design]") {
  constexpr std::size_t kBase = 16;
  constexpr std::size_t kK = 3;
  const auto sweep =
      sweep_of(reesim::DESIGN_SALTELLI, kBase, {range(0, 1), range(-1, 1), range(5, 6)});
  const auto design = make_design(sweep, 5);
  REQUIRE(design.size() == kBase * (kK + 2));
  CHECK(design.base == kBase);
  check_in_range(design, sweep);
  const auto sobol = boost_sobol(kBase, 2 * kK);
  for (std::size_t j = 0; j < kBase; ++j) {
    const auto& a = design.unit[j * (kK + 2)];
    const auto& b = design.unit[j * (kK + 2) + 1];
    CHECK(a == std::vector<double>(sobol[j].begin(), sobol[j].begin() + kK));
    CHECK(b == std::vector<double>(sobol[j].begin() + kK, sobol[j].end()));
    for (std::size_t i = 0; i < kK; ++i) {
      const auto& ab = design.unit[j * (kK + 2) + 2 + i];
      for (std::size_t c = 0; c < kK; ++c)
        CHECK(ab[c] == (c == i ? b[c] : a[c]));
    }
  }
}

TEST_CASE("Morris trajectories step one parameter at a time by plus or minus delta",
          "[sweep][design]") {
  constexpr std::size_t kTrajectories = 30;
  // p = 4 (delta 2/3), p = 6 (delta 3/5), unset (p = 4), and p = 2 (delta 1).
  const auto sweep =
      sweep_of(reesim::DESIGN_MORRIS, kTrajectories,
               {range(0, 1, 4), range(-3, 3, 6), range(1, 1e4, 0, true), range(0, 2, 2)});
  const std::vector<double> levels = {4, 6, 4, 2};
  const auto design = make_design(sweep, 11);
  constexpr std::size_t kK = 4;
  REQUIRE(design.size() == kTrajectories * (kK + 1));
  CHECK(design.base == kTrajectories);
  check_in_range(design, sweep);
  std::set<double> starts;
  for (std::size_t t = 0; t < kTrajectories; ++t) {
    std::vector<int> steps(kK, 0);
    for (std::size_t m = 0; m < kK; ++m) {
      const auto& from = design.unit[t * (kK + 1) + m];
      const auto& to = design.unit[t * (kK + 1) + m + 1];
      int changed = 0;
      for (std::size_t i = 0; i < kK; ++i) {
        // Every coordinate on its p-level grid.
        const double level = to[i] * (levels[i] - 1);
        CHECK(level == Approx(std::round(level)).margin(1e-12));
        if (to[i] == from[i]) continue;
        ++changed;
        ++steps[i];
        const double delta = levels[i] / (2 * (levels[i] - 1));
        CHECK(std::abs(to[i] - from[i]) == Approx(delta).epsilon(1e-12));
      }
      CHECK(changed == 1);
    }
    CHECK(steps == std::vector<int>(kK, 1));
    starts.insert(design.unit[t * (kK + 1)][1]);
  }
  CHECK(starts.size() > 1);  // random starts
  CHECK(make_design(sweep, 11).unit == design.unit);
  CHECK(make_design(sweep, 12).unit != design.unit);
}

TEST_CASE("Unit coordinates map onto ranges, log ranges and value lists", "[sweep][design]") {
  const auto linear = range(2, 4);
  CHECK(parameter_value(linear, 0.0) == 2.0);
  CHECK(parameter_value(linear, 0.25) == 2.5);
  CHECK(parameter_value(linear, 1.0) == 4.0);
  const auto logarithmic = range(0.01, 100, 0, true);
  CHECK(parameter_value(logarithmic, 0.0) == 0.01);
  CHECK(parameter_value(logarithmic, 0.5) == Approx(1.0));
  CHECK(parameter_value(logarithmic, 0.75) == Approx(10.0));
  CHECK(parameter_value(logarithmic, 1.0) == 100.0);
  const auto values = listed({3, 1, 4});
  CHECK(parameter_value(values, 0.0) == 3);
  CHECK(parameter_value(values, 0.34) == 1);
  CHECK(parameter_value(values, 0.99) == 4);
  CHECK(parameter_value(values, 1.0) == 4);
}

TEST_CASE("Problems name the field and why", "[sweep][design]") {
  CHECK(design_problems(sweep_of(reesim::DESIGN_LHS, 10, {range(0, 1)})).empty());
  CHECK(contains(design_problems(reesim::Sweep()),
                 "design: must be DESIGN_GRID, DESIGN_LHS, DESIGN_SOBOL, DESIGN_SALTELLI or "
                 "DESIGN_MORRIS, not DESIGN_UNSPECIFIED"));
  CHECK(contains(design_problems(sweep_of(reesim::DESIGN_SOBOL, 10, {})),
                 "parameters: a sweep needs at least one parameter"));
  CHECK(contains(design_problems(sweep_of(reesim::DESIGN_SALTELLI, 0, {range(0, 1)})),
                 "points: must be >= 1 for DESIGN_SALTELLI"));
  const auto grid = design_problems(
      sweep_of(reesim::DESIGN_GRID, 0, {range(0, 1, 2), listed({1}), range(0, 1, 1)}));
  CHECK(grid == std::vector<std::string>{"parameters[2].levels: must be >= 2 for DESIGN_GRID"});
  CHECK(contains(design_problems(sweep_of(reesim::DESIGN_LHS, 3, {range(1, 0)})),
                 "parameters[0].max: must be >= min"));
  CHECK(contains(design_problems(sweep_of(reesim::DESIGN_LHS, 3, {range(0, 1, 0, true)})),
                 "parameters[0].min: must be > 0 on a log scale"));
  CHECK(contains(design_problems(sweep_of(reesim::DESIGN_MORRIS, 3, {range(0, 1, 5)})),
                 "parameters[0].levels: DESIGN_MORRIS needs an even number of levels >= 2 "
                 "(levels, else the number of values, else 4); got 5"));
  CHECK(contains(
      design_problems(sweep_of(reesim::DESIGN_GRID, 0,
                               {range(0, 1, 10000), range(0, 1, 10000), range(0, 1, 10000)})),
      "parameters: the design would have more than 100000000 points"));
  CHECK_THROWS_AS(make_design(sweep_of(reesim::DESIGN_MORRIS, 3, {range(0, 1, 3)}), 1),
                  std::invalid_argument);
}
