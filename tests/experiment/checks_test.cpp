#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "experiment/checks.h"

using namespace reesim;

namespace {

Results summary_of(double mean, double median) {
  Results r;
  ScalarSummary& s = *r.add_summary();
  s.set_scalar("share");
  s.set_mean(mean);
  s.set_p50(median);
  return r;
}

Check band(double min, double max, Statistic statistic = STATISTIC_UNSPECIFIED) {
  Check c;
  c.set_scalar("share");
  c.set_min(min);
  c.set_max(max);
  c.set_statistic(statistic);
  return c;
}

}  // namespace

TEST_CASE("A check compares the median by default, the mean when asked", "[experiment][checks]") {
  const Results r = summary_of(0.5, 0.9);
  const auto median = experiment::evaluate_check(band(0.85, 1.0), r);
  CHECK(median.measured == 0.9);
  CHECK(median.pass);
  const auto mean = experiment::evaluate_check(band(0.85, 1.0, STATISTIC_MEAN), r);
  CHECK(mean.measured == 0.5);
  CHECK_FALSE(mean.pass);
  CHECK(experiment::statistic_name(band(0, 1)) == "median");
  CHECK(experiment::statistic_name(band(0, 1, STATISTIC_MEAN)) == "mean");
}

TEST_CASE("The band's ends pass; NaN and a missing scalar fail", "[experiment][checks]") {
  CHECK(experiment::evaluate_check(band(0.9, 0.9), summary_of(0, 0.9)).pass);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK_FALSE(experiment::evaluate_check(band(0, 1), summary_of(0, nan)).pass);
  Check other = band(0, 1);
  other.set_scalar("absent");
  const auto missing = experiment::evaluate_check(other, summary_of(0.5, 0.5));
  CHECK_FALSE(missing.pass);
  CHECK(std::isnan(missing.measured));
}
