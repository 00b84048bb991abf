// SVG charts of `reesim report`, drawn as text: scales, axis ticks, paths, and the charts built
// from them (fan charts of a series' quantiles over dates, scatter plots with a line, interval
// bars, a check's band). Every chart is an <svg class="chart"> sized by its viewBox, so CSS
// (width: 100%) scales it to its container. Text passed in is escaped here. Pure functions;
// thread-safe.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace reesim::report {

// The charts' viewBox size and plot margins, in SVG user units.
inline constexpr double kChartWidth = 560;
inline constexpr double kChartHeight = 300;
inline constexpr double kMarginLeft = 60;
inline constexpr double kMarginRight = 14;
inline constexpr double kMarginTop = 10;
inline constexpr double kMarginBottom = 30;

// Maps [domain_min, domain_max] linearly onto [range_min, range_max]; a domain of zero width maps
// everything to the middle of the range.
struct LinearScale {
  double domain_min = 0;
  double domain_max = 1;
  double range_min = 0;
  double range_max = 1;
  [[nodiscard]] double operator()(double value) const;
};

// Axis ticks at a "nice" step (1, 2 or 5 times a power of ten): the multiples of `step` from the
// last one at or below `min` to the first one at or above `max`, so they span [min, max]. At most
// about `target` + 1 intervals. A zero-width range [v, v] is widened first (by 10 % of |v|, or 1
// when v is 0); non-finite bounds give {0, 1} with step 1.
struct Ticks {
  std::vector<double> values;
  double step = 1;
};
[[nodiscard]] Ticks nice_ticks(double min, double max, int target);

// A tick label for `value` on an axis of step `step`: in thousands ("k") when the step is at
// least 1000, in millions ("M") when it is at least 100 000, with just enough decimals for the
// step, e.g. (25000, 5000) -> "25k", (2500000, 500000) -> "2.5M", (2500, 500) -> "2500",
// (0.25, 0.05) -> "0.25"; zero (or a rounding error's worth of it) is "0".
[[nodiscard]] std::string format_tick(double value, double step);

// A tick on a dated axis: the day (days since 1970-01-01) and its label.
struct DateTick {
  std::int64_t day = 0;
  std::string label;
};

// Ticks on the first day of months in [first_day, last_day], every 1, 2, 3, 6, 12, 24, 60 or 120
// months (the smallest step giving at most `max_ticks`), on months whose index from year 0 is a
// multiple of the step. A January tick is labelled with its year ("2027"), others with the
// month's abbreviation ("Apr").
[[nodiscard]] std::vector<DateTick> date_ticks(std::int64_t first_day, std::int64_t last_day,
                                               int max_ticks);

// SVG path data through (x[i], y[i]) under the scales: "M x y L x y ...", a new "M" after any
// point with a non-finite coordinate (a gap). Coordinates with one decimal. Empty when no point
// is finite. x and y must have the same size.
[[nodiscard]] std::string line_path(const std::vector<double>& x, const std::vector<double>& y,
                                    const LinearScale& sx, const LinearScale& sy);

// SVG path data of the area between `low` and `high` over x: for each run of ticks where both
// are finite, forward along low, back along high, closed with "Z".
[[nodiscard]] std::string band_path(const std::vector<double>& x, const std::vector<double>& low,
                                    const std::vector<double>& high, const LinearScale& sx,
                                    const LinearScale& sy);

// A series' cross-trial quantiles over dates: bands between symmetric quantile pairs (p05-p95,
// p25-p75, ...: level i with level n-1-i), the median (level 0.5, when recorded) as a line, and
// a few trials' own paths as thin lines.
struct FanChart {
  std::vector<double> days;                    // tick dates, days since 1970-01-01
  std::vector<double> levels;                  // quantile levels, ascending
  std::vector<std::vector<double>> quantiles;  // [level][tick]
  std::vector<std::vector<double>> trials;     // [trial][tick]
  std::string label;                           // the chart's accessible name
};
[[nodiscard]] std::string fan_chart_svg(const FanChart& chart);

// Points (x, y) as dots, and a line through (line_x, line_y), on numeric axes.
struct ScatterChart {
  std::vector<double> x;
  std::vector<double> y;
  std::vector<double> line_x;
  std::vector<double> line_y;
  std::string label;
};
[[nodiscard]] std::string scatter_chart_svg(const ScatterChart& chart);

// Horizontal bars with interval whiskers, grouped under labels: one group per label, one bar per
// series within it (e.g. first-order and total indices of one parameter).
struct IntervalBar {
  std::string group;  // e.g. the parameter
  int series = 0;     // index into the chart's series names (its colour)
  double estimate = 0;
  double low = 0;  // NaN: no whisker
  double high = 0;
  bool warn = false;  // drawn hatched, with "!" after the value
};
struct IntervalChart {
  std::vector<std::string> series;  // names, for the legend
  std::vector<IntervalBar> bars;    // in drawing order; a new group starts at a new label
  double include_min = 0;           // the axis spans at least [include_min, include_max]
  double include_max = 0;
  // and at most [clip_min, clip_max]: values beyond are drawn at its edge.
  double clip_min = -HUGE_VAL;
  double clip_max = HUGE_VAL;
  std::string label;
};
[[nodiscard]] std::string interval_chart_svg(const IntervalChart& chart);

// A check's target band [min, max] on a small axis, with the measured value as a dot (or an arrow
// at the edge when it lies outside the axis), coloured by `pass`.
[[nodiscard]] std::string check_band_svg(double min, double max, double measured, bool pass);

}  // namespace reesim::report
