#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "results/exact_sum.h"

using reesim::results::ExactSum;

namespace {

double sum_of(const std::vector<double>& terms) {
  ExactSum sum;
  for (const double term : terms)
    sum.add(term);
  return sum.value();
}

}  // namespace

TEST_CASE("An exact sum does not lose small terms next to large ones", "[results][exact_sum]") {
  // Naive left-to-right summation gives 0 here.
  CHECK(sum_of({1e100, 1.0, -1e100}) == 1.0);
  // The doubles nearest 0.1, 0.2 and 0.3 sum to exactly 2^-55; naively to 2^-54.
  CHECK(sum_of({0.1, 0.2, -0.3}) == std::ldexp(1.0, -55));
}

TEST_CASE("An exact sum rounds once, to nearest, ties to even", "[results][exact_sum]") {
  const double ulp = std::ldexp(1.0, -52);
  CHECK(sum_of({1.0, ulp / 2}) == 1.0);                    // tie: 1.0 is even
  CHECK(sum_of({1.0 + ulp, ulp / 2}) == 1.0 + 2 * ulp);    // tie: rounds to even, upward
  CHECK(sum_of({1.0, ulp / 2, ulp / 1024}) == 1.0 + ulp);  // just above the tie
  CHECK(sum_of({-1.0, -ulp / 2, -ulp / 1024}) == -1.0 - ulp);
}

TEST_CASE("An exact sum does not depend on the order of its terms", "[results][exact_sum]") {
  std::mt19937_64 generator(7);
  std::lognormal_distribution<double> magnitude(0.0, 8.0);
  std::vector<double> terms;
  for (int i = 0; i < 2000; ++i)
    terms.push_back(magnitude(generator) * (i % 3 == 0 ? -1 : 1));
  const double forward = sum_of(terms);
  std::shuffle(terms.begin(), terms.end(), generator);
  CHECK(sum_of(terms) == forward);
  std::sort(terms.begin(), terms.end());
  CHECK(sum_of(terms) == forward);
}

TEST_CASE("Merged partial sums equal one sum of every term", "[results][exact_sum]") {
  const std::vector<double> terms = {3.5, -1e-300, 2e300, 7.25, -2e300, 1e-310, 0.1};
  ExactSum left;
  ExactSum right;
  for (std::size_t i = 0; i < terms.size(); ++i)
    (i % 2 == 0 ? left : right).add(terms[i]);
  right.merge(left);
  CHECK(right.value() == sum_of(terms));
  CHECK(sum_of(terms) == 3.5 + 7.25 + 0.1);
}

TEST_CASE("Extreme and special terms", "[results][exact_sum]") {
  constexpr double kMax = std::numeric_limits<double>::max();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const double tiny = std::numeric_limits<double>::denorm_min();
  CHECK(sum_of({}) == 0.0);
  CHECK(sum_of({tiny, tiny, tiny}) == 3 * tiny);
  CHECK(sum_of({kMax, kMax, -kMax}) == kMax);  // the partial sum overflows, the total does not
  CHECK(sum_of({kMax, kMax}) == kInf);
  CHECK(sum_of({-kMax, -kMax}) == -kInf);
  CHECK(sum_of({1.0, kInf}) == kInf);
  CHECK(std::isnan(sum_of({kInf, -kInf})));
  CHECK(std::isnan(sum_of({1.0, std::numeric_limits<double>::quiet_NaN()})));
}
