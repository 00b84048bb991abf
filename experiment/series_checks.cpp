#include "experiment/series_checks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <optional>

#include "core/detmath.h"

namespace reesim::experiment {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", value);
  return text;
}

std::string band(double min, double max) {
  // Appended piecewise: g++ 12 warns falsely (-Wrestrict) on "[" + std::string.
  std::string text(1, '[');
  text.append(number(min)).append(", ").append(number(max)).append("]");
  return text;
}

std::optional<int> level_index(const Results& results, double level) {
  for (int i = 0; i < results.quantiles_size(); ++i)
    if (std::abs(results.quantiles(i) - level) <= 1e-12) return i;
  return std::nullopt;
}

double median(std::vector<double> values) {
  const std::size_t n = values.size();
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(n / 2),
                   values.end());
  const double upper = values[n / 2];
  if (n % 2 == 1) return upper;
  return (*std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(n / 2)) +
          upper) /
         2;
}

// How far `ratio` lies outside [min, max] in log scale: positive outside, negative inside (the
// nearer an edge, the closer to 0).
double excess(double ratio, double min, double max) {
  const double infinity = std::numeric_limits<double>::infinity();
  if (!(ratio > 0)) return min > 0 ? infinity : -infinity;
  const double below = min > 0 ? detmath::log(min / ratio) : -infinity;
  return std::max(below, detmath::log(ratio / max));
}

int year_of(const std::string& date) {
  return std::atoi(date.substr(0, 4).c_str());
}

}  // namespace

std::string series_label(const SeriesCheck& check) {
  return check.key().empty() ? check.metric() : check.metric() + "[" + check.key() + "]";
}

SeriesCheckOutcome evaluate_series_check(const SeriesCheck& check, const Results& results) {
  SeriesCheckOutcome out;
  const auto fail = [&out](std::string why) {
    out.failures.push_back(std::move(why));
    return out;
  };
  const auto p50 = level_index(results, 0.5);
  const auto peak = level_index(results, check.peak_quantile());
  if (!p50) return fail("the median (0.5) is not among the recorded quantiles");
  if (!peak)
    return fail("the quantile " + number(check.peak_quantile()) +
                " is not among the recorded quantiles");

  std::vector<const SeriesPoint*> points;
  for (const SeriesPoint& p : results.series())
    if (p.metric() == check.metric() && p.key() == check.key()) points.push_back(&p);
  if (points.empty()) return fail("no series " + series_label(check) + " in the results");

  double base_sum = 0;
  int base_count = 0;
  std::map<int, std::vector<double>> medians;  // checked year -> its ticks' medians
  for (int year = check.from_year(); year <= check.to_year(); ++year)
    medians[year];
  int peaks_above = 0;
  for (const SeriesPoint* p : points) {
    const double mid = *p50 < p->quantiles_size() ? p->quantiles(*p50) : kNaN;
    if (p->date() >= check.base_from() && p->date() <= check.base_to() && std::isfinite(mid)) {
      base_sum += mid;
      ++base_count;
    }
    const auto year = medians.find(year_of(p->date()));
    if (year != medians.end() && std::isfinite(mid)) year->second.push_back(mid);
  }
  if (base_count == 0)
    return fail("no values in the base period " + check.base_from() + " to " + check.base_to());
  out.base_level = base_sum / base_count;
  const double base = out.base_level;
  if (check.has_base_min() || check.has_base_max()) {
    const double low = check.has_base_min() ? check.base_min() : -HUGE_VAL;
    const double high = check.has_base_max() ? check.base_max() : HUGE_VAL;
    if (!(base >= low && base <= high))
      out.failures.push_back("base level " + number(base) + " outside " + band(low, high));
  }
  if (!(base > 0)) return fail("base level " + number(base) + " is not positive");

  std::string outside;
  double worst = -HUGE_VAL;
  for (const auto& [year, values] : medians) {
    if (values.empty()) {
      out.failures.push_back(std::to_string(year) + " has no values");
      continue;
    }
    const double ratio = median(values) / base;
    const double distance = excess(ratio, check.min_ratio(), check.max_ratio());
    if (out.worst_year == 0 || distance > worst) {
      worst = distance;
      out.worst_year = year;
      out.worst_year_ratio = ratio;
    }
    if (!(ratio >= check.min_ratio() && ratio <= check.max_ratio()))
      outside += (outside.empty() ? "" : ", ") + std::to_string(year) + " " + number(ratio);
  }
  if (!outside.empty())
    out.failures.push_back("years outside " + band(check.min_ratio(), check.max_ratio()) + ": " +
                           outside);

  for (const SeriesPoint* p : points) {
    const int year = year_of(p->date());
    if (year < check.from_year() || year > check.to_year()) continue;
    const double value = *peak < p->quantiles_size() ? p->quantiles(*peak) : kNaN;
    if (!std::isfinite(value)) continue;
    const double ratio = value / base;
    if (!(ratio < check.max_peak_ratio())) ++peaks_above;
    if (out.peak_date.empty() || ratio > out.peak_ratio) {
      out.peak_ratio = ratio;
      out.peak_date = p->date();
    }
  }
  if (peaks_above > 0)
    out.failures.push_back("p" + number(100 * check.peak_quantile()) + " at or above " +
                           number(check.max_peak_ratio()) + " x base in " +
                           std::to_string(peaks_above) + " ticks, highest " +
                           number(out.peak_ratio) + " on " + out.peak_date);
  out.pass = out.failures.empty();
  return out;
}

}  // namespace reesim::experiment
