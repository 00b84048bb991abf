#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

#include "results/log_index_mapping.h"
#include "results/quantile_sketch.h"

using reesim::results::QuantileSketch;
using reesim::results::detail::LogIndexMapping;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The lower sample quantile the sketch approximates: x[floor(level * (n - 1))] of the values
// sorted ascending.
double lower_quantile(const std::vector<double>& ascending, double level) {
  const auto last = static_cast<double>(ascending.size() - 1);
  return ascending[static_cast<std::size_t>(std::floor(level * last))];
}

std::vector<double> sorted(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values;
}

// Prices of a volatile market: mostly lognormal around 100, some shortfalls below zero, some
// exact zeros.
std::vector<double> market_values(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 generator(seed);
  std::lognormal_distribution<double> price(std::log(100.0), 1.5);
  std::uniform_int_distribution<int> kind(0, 9);
  std::vector<double> values(n);
  for (double& value : values) {
    const int k = kind(generator);
    value = k == 0 ? 0.0 : (k <= 2 ? -price(generator) : price(generator));
  }
  return values;
}

QuantileSketch sketch_of(const std::vector<double>& values, double accuracy) {
  QuantileSketch sketch(accuracy);
  for (const double value : values)
    sketch.add(value);
  return sketch;
}

}  // namespace

TEST_CASE("Sketch quantiles are within the relative accuracy of the exact ones",
          "[results][sketch]") {
  const auto values = market_values(20'000, 1);
  const auto ascending = sorted(values);
  for (const double accuracy : {0.005, 0.02, 0.1}) {
    const QuantileSketch sketch = sketch_of(values, accuracy);
    for (int percent = 0; percent <= 100; ++percent) {
      const double level = percent / 100.0;
      const double exact = lower_quantile(ascending, level);
      INFO("accuracy " << accuracy << " level " << level << " exact " << exact);
      CHECK(std::fabs(sketch.quantile(level) - exact) <= accuracy * std::fabs(exact));
    }
  }
}

TEST_CASE(
    "Every bucket's value is within the accuracy of every value it holds, over the whole "
    "double range",
    "[results][sketch]") {
  std::mt19937_64 generator(5);
  std::uniform_real_distribution<double> log2_magnitude(-1021.0, 1023.0);
  for (const double accuracy : {1e-4, 0.005, 0.5}) {
    const LogIndexMapping mapping(accuracy);
    for (int i = 0; i < 100'000; ++i) {
      const double x = std::exp2(log2_magnitude(generator));
      const double represented = mapping.representative(mapping.index(x));
      INFO("accuracy " << accuracy << " x " << x);
      REQUIRE(std::fabs(represented - x) <= accuracy * x);
    }
  }
}

namespace {

// The bucket value as first written: the multiplier as LogIndexMapping sets it, then each bound
// by the full 60 halvings of [0, 1]. LogIndexMapping finds the first halvings directly.
double representative_by_full_bisection(double accuracy, std::int32_t index) {
  double sum = 0;
  double power = accuracy;
  for (int k = 0; k < 200; ++k) {
    sum += power / (2 * k + 1);
    power *= accuracy * accuracy;
  }
  const double multiplier = 0.7 / (2 * sum) * (1.0 + 1e-7);
  const auto cubic = [](double s) { return ((6.0 / 35.0 * s + -3.0 / 5.0) * s + 10.0 / 7.0) * s; };
  const auto bound = [&](std::int32_t i, int& exponent) {
    const double target = static_cast<double>(i) / multiplier;
    const double floor = std::floor(target);
    const double fraction = target - floor;
    double low = 0.0;
    double high = 1.0;
    for (int step = 0; step < 60; ++step) {
      const double middle = 0.5 * (low + high);
      (cubic(middle) < fraction ? low : high) = middle;
    }
    exponent = static_cast<int>(floor);
    return 1.0 + 0.5 * (low + high);
  };
  int low_exponent = 0;
  int high_exponent = 0;
  const double low = bound(index, low_exponent);
  const double high = bound(index + 1, high_exponent);
  const double high_scaled = std::ldexp(high, high_exponent - low_exponent);
  return std::ldexp(2.0 * low * high_scaled / (low + high_scaled), low_exponent);
}

}  // namespace

TEST_CASE("A bucket's value is the full bisection's, bit for bit", "[results][sketch]") {
  std::mt19937_64 generator(11);
  for (const double accuracy : {1e-6, 1e-4, 0.005, 0.01, 0.1, 0.5}) {
    const LogIndexMapping mapping(accuracy);
    const std::int32_t lowest = mapping.index(std::numeric_limits<double>::min());
    const std::int32_t highest = mapping.index(std::numeric_limits<double>::max()) - 1;
    std::uniform_int_distribution<std::int32_t> anywhere(lowest, highest);
    std::vector<std::int32_t> indices;
    for (std::int32_t i = -5'000; i <= 5'000; ++i)
      indices.push_back(i);
    for (int i = 0; i < 20'000; ++i)
      indices.push_back(anywhere(generator));
    indices.push_back(lowest);
    indices.push_back(highest);
    for (const std::int32_t index : indices) {
      INFO("accuracy " << accuracy << " index " << index);
      REQUIRE(std::bit_cast<std::uint64_t>(mapping.representative(index)) ==
              std::bit_cast<std::uint64_t>(representative_by_full_bisection(accuracy, index)));
    }
  }
}

TEST_CASE("Bucket indices never decrease as values grow", "[results][sketch]") {
  const LogIndexMapping mapping(0.005);
  double x = std::numeric_limits<double>::min();
  std::int32_t previous = mapping.index(x);
  for (; x < 1e300; x *= 1.0007) {
    const std::int32_t index = mapping.index(x);
    REQUIRE(index >= previous);
    REQUIRE(index <= previous + 1);
    previous = index;
  }
}

TEST_CASE("Merging the sketches of two halves equals sketching all the values",
          "[results][sketch]") {
  const auto values = market_values(10'001, 2);
  QuantileSketch first;
  QuantileSketch second;
  for (std::size_t i = 0; i < values.size(); ++i)
    (i < 3000 ? first : second).add(values[i]);
  second.merge(first);  // the "wrong" order, on purpose
  const QuantileSketch all = sketch_of(values, QuantileSketch::kDefaultRelativeAccuracy);
  CHECK(second.count() == all.count());
  CHECK(second.min() == all.min());
  CHECK(second.max() == all.max());
  CHECK(second.mean() == all.mean());  // exact sums: bit for bit
  for (int permille = 0; permille <= 1000; ++permille) {
    REQUIRE(second.quantile(permille / 1000.0) == all.quantile(permille / 1000.0));
  }
}

TEST_CASE("The order of adds does not change any result", "[results][sketch]") {
  auto values = market_values(5'000, 3);
  const QuantileSketch forward = sketch_of(values, 0.005);
  std::shuffle(values.begin(), values.end(), std::mt19937_64(4));
  const QuantileSketch shuffled = sketch_of(values, 0.005);
  CHECK(shuffled.mean() == forward.mean());
  for (int percent = 0; percent <= 100; ++percent) {
    REQUIRE(shuffled.quantile(percent / 100.0) == forward.quantile(percent / 100.0));
  }
}

TEST_CASE("Memory stays bounded over a million values in a fixed range", "[results][sketch]") {
  std::mt19937_64 generator(6);
  std::uniform_real_distribution<double> price(1.0, 1000.0);  // 10 factors of 2: ~700 buckets
  QuantileSketch sketch;
  for (int i = 0; i < 100'000; ++i)
    sketch.add(price(generator));
  const std::size_t after_hundred_thousand = sketch.bucket_count();
  for (int i = 0; i < 900'000; ++i)
    sketch.add(price(generator));
  CHECK(sketch.count() == 1'000'000);
  CHECK(sketch.bucket_count() == after_hundred_thousand);
  CHECK(sketch.bucket_count() < 1'000);
  CHECK(sketch.mean() == Approx(500.5).epsilon(0.01));
}

TEST_CASE("Min, max, count and mean are exact", "[results][sketch]") {
  QuantileSketch sketch;
  for (const double value : {3.0, -1.5, 0.0, 12.25, 1e-3})
    sketch.add(value);
  CHECK(sketch.count() == 5);
  CHECK(sketch.min() == -1.5);
  CHECK(sketch.max() == 12.25);
  CHECK(sketch.quantile(0.0) == -1.5);
  CHECK(sketch.quantile(1.0) == 12.25);
  CHECK(sketch.mean() == (3.0 - 1.5 + 0.0 + 12.25 + 1e-3) / 5);
}

TEST_CASE("Zeros and negative values keep their order", "[results][sketch]") {
  QuantileSketch sketch;
  for (const double value : {-50.0, -5.0, 0.0, 0.0, 5.0})
    sketch.add(value);
  CHECK(sketch.quantile(0.25) == Approx(-5.0).epsilon(0.005));
  CHECK(sketch.quantile(0.5) == 0.0);
  CHECK(sketch.quantile(0.75) == 0.0);
}

TEST_CASE("NaN is counted apart, and an empty sketch answers NaN", "[results][sketch]") {
  QuantileSketch sketch;
  sketch.add(std::numeric_limits<double>::quiet_NaN());
  CHECK(sketch.count() == 0);
  CHECK(sketch.nan_count() == 1);
  CHECK(std::isnan(sketch.quantile(0.5)));
  CHECK(std::isnan(sketch.mean()));
  CHECK(std::isnan(sketch.min()));
  sketch.add(7.0);
  CHECK(sketch.quantile(0.5) == 7.0);
}

TEST_CASE("Infinities are the extreme ranks", "[results][sketch]") {
  QuantileSketch sketch;
  for (const double value : {-kInf, 1.0, 2.0, 3.0, kInf})
    sketch.add(value);
  CHECK(sketch.quantile(0.0) == -kInf);
  CHECK(sketch.quantile(0.5) == Approx(2.0).epsilon(0.005));
  CHECK(sketch.quantile(1.0) == kInf);
  CHECK(std::isnan(sketch.mean()));
}

TEST_CASE("Values spanning the double range stay within the accuracy", "[results][sketch]") {
  const std::vector<double> values = {1e-300, 3e-200, 1.0, 7e150, 2e300, -4e250, -1e-250};
  const QuantileSketch sketch = sketch_of(values, 0.005);
  for (int sixth = 0; sixth <= 6; ++sixth) {
    const double exact = lower_quantile(sorted(values), sixth / 6.0);
    CHECK(std::fabs(sketch.quantile(sixth / 6.0) - exact) <= 0.005 * std::fabs(exact));
  }
  CHECK(sketch.bucket_count() < 2 * 145'000);
}

TEST_CASE("Sketches of different accuracy do not merge, and bad levels and accuracies are refused",
          "[results][sketch]") {
  QuantileSketch fine(0.001);
  CHECK_THROWS_AS(fine.merge(QuantileSketch(0.01)), std::invalid_argument);
  CHECK_THROWS_AS(fine.quantile(-0.1), std::invalid_argument);
  CHECK_THROWS_AS(QuantileSketch(0.0), std::invalid_argument);
  CHECK_THROWS_AS(QuantileSketch(0.9), std::invalid_argument);
}
