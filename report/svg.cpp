#include "report/svg.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/calendar.h"
#include "report/html.h"

namespace reesim::report {
namespace {

constexpr double kPlotLeft = kMarginLeft;
constexpr double kPlotRight = kChartWidth - kMarginRight;
constexpr double kPlotTop = kMarginTop;
constexpr double kPlotBottom = kChartHeight - kMarginBottom;

std::string coordinate(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return std::string(text) == "-0.0" ? "0.0" : text;
}

std::string svg_open(double width, double height, const std::string& label,
                     const std::string& extra_class = "") {
  return "<svg class=\"chart" + extra_class + "\" viewBox=\"0 0 " + coordinate(width) + " " +
         coordinate(height) + "\" role=\"img\" aria-label=\"" + escape_html(label) + "\">\n";
}

// Smallest and largest finite values over all the vectors; nullopt-like {inf, -inf} when none.
std::pair<double, double> finite_range(const std::vector<const std::vector<double>*>& vectors) {
  double low = HUGE_VAL;
  double high = -HUGE_VAL;
  for (const auto* values : vectors)
    for (const double v : *values)
      if (std::isfinite(v)) {
        low = std::min(low, v);
        high = std::max(high, v);
      }
  return {low, high};
}

// Horizontal grid lines and labels of a numeric y axis.
std::string y_axis(const Ticks& ticks, const LinearScale& sy) {
  std::string out = "<g class=\"axis y\">\n";
  for (const double t : ticks.values) {
    const std::string y = coordinate(sy(t));
    out += "<line class=\"grid\" x1=\"" + coordinate(kPlotLeft) + "\" x2=\"" +
           coordinate(kPlotRight) + "\" y1=\"" + y + "\" y2=\"" + y + "\"/>";
    out += "<text x=\"" + coordinate(kPlotLeft - 6) + "\" y=\"" + y +
           "\" text-anchor=\"end\" dominant-baseline=\"middle\">" + format_tick(t, ticks.step) +
           "</text>\n";
  }
  return out + "</g>\n";
}

std::string x_tick(double x, const std::string& label) {
  const std::string at = coordinate(x);
  return "<line class=\"tick\" x1=\"" + at + "\" x2=\"" + at + "\" y1=\"" +
         coordinate(kPlotBottom) + "\" y2=\"" + coordinate(kPlotBottom + 5) + "\"/><text x=\"" +
         at + "\" y=\"" + coordinate(kPlotBottom + 18) + "\" text-anchor=\"middle\">" +
         escape_html(label) + "</text>\n";
}

std::string frame() {
  return "<rect class=\"frame\" x=\"" + coordinate(kPlotLeft) + "\" y=\"" + coordinate(kPlotTop) +
         "\" width=\"" + coordinate(kPlotRight - kPlotLeft) + "\" height=\"" +
         coordinate(kPlotBottom - kPlotTop) + "\"/>\n";
}

constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

double LinearScale::operator()(double value) const {
  if (domain_max == domain_min) return (range_min + range_max) / 2;
  return range_min + (value - domain_min) / (domain_max - domain_min) * (range_max - range_min);
}

Ticks nice_ticks(double min, double max, int target) {
  if (!std::isfinite(min) || !std::isfinite(max) || min > max) return {{0, 1}, 1};
  if (min == max) {
    const double pad = min == 0 ? 1 : std::abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const double rough = (max - min) / std::max(1, target);
  const double power = std::pow(10, std::floor(std::log10(rough)));
  double step = 10 * power;
  for (const double m : {1.0, 2.0, 5.0})
    if (m * power >= rough * (1 - 1e-9)) {
      step = m * power;
      break;
    }
  Ticks ticks;
  ticks.step = step;
  const double first = std::floor(min / step + 1e-9);
  const double last = std::ceil(max / step - 1e-9);
  for (double i = first; i <= last; ++i)
    ticks.values.push_back(i * step == 0 ? 0.0 : i * step);
  return ticks;
}

std::string format_tick(double value, double step) {
  double divisor = 1;
  const char* suffix = "";
  if (step >= 1e5) {
    divisor = 1e6;
    suffix = "M";
  } else if (step >= 1e3) {
    divisor = 1e3;
    suffix = "k";
  }
  const double scaled_step = step / divisor;
  const int decimals =
      std::clamp(static_cast<int>(std::ceil(-std::log10(scaled_step) - 1e-9)), 0, 12);
  // A step like 2.5 needs one more decimal than its power of ten gives.
  const double rest = scaled_step * std::pow(10, decimals);
  const int extra = std::abs(rest - std::round(rest)) > 1e-6 ? 1 : 0;
  char text[48];
  double scaled = value / divisor;
  if (std::abs(scaled) < scaled_step * 1e-9) return "0";
  std::snprintf(text, sizeof text, "%.*f%s", decimals + extra, scaled, suffix);
  return text;
}

std::vector<DateTick> date_ticks(std::int64_t first_day, std::int64_t last_day, int max_ticks) {
  std::vector<DateTick> ticks;
  if (last_day < first_day) return ticks;
  const Date first = Date::from_days(first_day);
  const Date last = Date::from_days(last_day);
  const int first_month = first.year * 12 + first.month - 1 + (first.day == 1 ? 0 : 1);
  const int last_month = last.year * 12 + last.month - 1;
  for (const int step : {1, 2, 3, 6, 12, 24, 60, 120}) {
    ticks.clear();
    for (int m = (first_month + step - 1) / step * step; m <= last_month; m += step) {
      const Date date{m / 12, m % 12 + 1, 1};
      ticks.push_back({date.days(), date.month == 1 ? std::to_string(date.year)
                                                    : kMonths[static_cast<std::size_t>(m % 12)]});
    }
    if (static_cast<int>(ticks.size()) <= max_ticks) break;
  }
  return ticks;
}

std::string line_path(const std::vector<double>& x, const std::vector<double>& y,
                      const LinearScale& sx, const LinearScale& sy) {
  std::string out;
  bool pen_down = false;
  for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) {
      pen_down = false;
      continue;
    }
    if (!out.empty()) out += ' ';
    out += pen_down ? 'L' : 'M';
    out.append(coordinate(sx(x[i]))).append(" ").append(coordinate(sy(y[i])));
    pen_down = true;
  }
  return out;
}

std::string band_path(const std::vector<double>& x, const std::vector<double>& low,
                      const std::vector<double>& high, const LinearScale& sx,
                      const LinearScale& sy) {
  std::string out;
  const std::size_t n = std::min({x.size(), low.size(), high.size()});
  std::size_t i = 0;
  while (i < n) {
    const auto finite = [&](std::size_t k) {
      return std::isfinite(x[k]) && std::isfinite(low[k]) && std::isfinite(high[k]);
    };
    if (!finite(i)) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < n && finite(end))
      ++end;
    if (!out.empty()) out += ' ';
    for (std::size_t k = i; k < end; ++k)
      out.append(k == i ? "M" : " L")
          .append(coordinate(sx(x[k])))
          .append(" ")
          .append(coordinate(sy(low[k])));
    for (std::size_t k = end; k-- > i;)
      out += " L" + coordinate(sx(x[k])) + " " + coordinate(sy(high[k]));
    out += " Z";
    i = end;
  }
  return out;
}

std::string fan_chart_svg(const FanChart& chart) {
  std::vector<const std::vector<double>*> all;
  for (const auto& q : chart.quantiles)
    all.push_back(&q);
  for (const auto& t : chart.trials)
    all.push_back(&t);
  const auto [low, high] = finite_range(all);
  const Ticks y_ticks = nice_ticks(low, high, 5);
  const LinearScale sy{y_ticks.values.front(), y_ticks.values.back(), kPlotBottom, kPlotTop};
  const auto [first_day, last_day] = finite_range({&chart.days});
  const LinearScale sx{first_day, last_day, kPlotLeft, kPlotRight};

  std::string out = svg_open(kChartWidth, kChartHeight, chart.label) + y_axis(y_ticks, sy);
  out += "<g class=\"axis x\">\n";
  if (std::isfinite(first_day))
    for (const DateTick& t :
         date_ticks(static_cast<std::int64_t>(first_day), static_cast<std::int64_t>(last_day), 7))
      out += x_tick(sx(static_cast<double>(t.day)), t.label);
  out += "</g>\n";
  const std::size_t n = chart.quantiles.size();
  for (std::size_t i = 0; i < n / 2; ++i)
    out += "<path class=\"band band-" + std::to_string(i) + "\" d=\"" +
           band_path(chart.days, chart.quantiles[i], chart.quantiles[n - 1 - i], sx, sy) + "\"/>\n";
  for (const auto& trial : chart.trials)
    out += "<path class=\"trial\" d=\"" + line_path(chart.days, trial, sx, sy) + "\"/>\n";
  for (std::size_t i = 0; i < n && i < chart.levels.size(); ++i)
    if (std::abs(chart.levels[i] - 0.5) < 1e-12)
      out += "<path class=\"median\" d=\"" + line_path(chart.days, chart.quantiles[i], sx, sy) +
             "\"/>\n";
  return out + frame() + "</svg>\n";
}

std::string scatter_chart_svg(const ScatterChart& chart) {
  const auto [x_low, x_high] = finite_range({&chart.x, &chart.line_x});
  const auto [y_low, y_high] = finite_range({&chart.y, &chart.line_y});
  const Ticks x_ticks = nice_ticks(x_low, x_high, 5);
  const Ticks y_ticks = nice_ticks(y_low, y_high, 5);
  const LinearScale sx{x_ticks.values.front(), x_ticks.values.back(), kPlotLeft, kPlotRight};
  const LinearScale sy{y_ticks.values.front(), y_ticks.values.back(), kPlotBottom, kPlotTop};
  std::string out = svg_open(kChartWidth, kChartHeight, chart.label) + y_axis(y_ticks, sy);
  out += "<g class=\"axis x\">\n";
  for (const double t : x_ticks.values)
    out += x_tick(sx(t), format_tick(t, x_ticks.step));
  out += "</g>\n<g class=\"dots\">\n";
  for (std::size_t i = 0; i < chart.x.size() && i < chart.y.size(); ++i)
    if (std::isfinite(chart.x[i]) && std::isfinite(chart.y[i]))
      out += "<circle cx=\"" + coordinate(sx(chart.x[i])) + "\" cy=\"" +
             coordinate(sy(chart.y[i])) + "\" r=\"3\"/>";
  out += "\n</g>\n<path class=\"median\" d=\"" + line_path(chart.line_x, chart.line_y, sx, sy) +
         "\"/>\n";
  return out + frame() + "</svg>\n";
}

namespace {

// Interval charts' layout, in user units.
constexpr double kIntervalLeft = 10;
constexpr double kIntervalRight = kChartWidth - 40;
constexpr double kGroupLabel = 22;
constexpr double kBar = 16;
constexpr double kGroupGap = 8;
constexpr double kLegend = 22;

// One bar of an interval chart in the row starting at `y`: the bar from zero to the estimate, its
// whisker and its value. `clip` maps a value into the axis' range.
template <typename Clip>
std::string interval_bar(const IntervalBar& b, double y, const LinearScale& sx, double zero,
                         const Clip& clip) {
  const double at = std::isfinite(b.estimate) ? sx(clip(b.estimate)) : zero;
  std::string out = "<rect class=\"bar s" + std::to_string(b.series) + (b.warn ? " warn" : "") +
                    "\" x=\"" + coordinate(std::min(zero, at)) + "\" y=\"" + coordinate(y + 2) +
                    "\" width=\"" + coordinate(std::abs(at - zero)) + "\" height=\"" +
                    coordinate(kBar - 4) + "\"/>";
  if (std::isfinite(b.low) && std::isfinite(b.high)) {
    const std::string low = coordinate(sx(clip(b.low)));
    const std::string high = coordinate(sx(clip(b.high)));
    const std::string mid = coordinate(y + kBar / 2);
    const std::string top = coordinate(y + 1);
    const std::string bottom = coordinate(y + kBar - 1);
    out += "<path class=\"whisker\" d=\"M" + low + " " + mid + " L" + high + " " + mid + " M" +
           low + " " + top + " L" + low + " " + bottom + " M" + high + " " + top + " L" + high +
           " " + bottom + "\"/>";
  }
  return out + "<text class=\"value\" x=\"" + coordinate(kIntervalRight + 4) + "\" y=\"" +
         coordinate(y + kBar - 3) + "\">" + format_value(b.estimate, 2) + (b.warn ? "!" : "") +
         "</text>\n";
}

}  // namespace

std::string interval_chart_svg(const IntervalChart& chart) {
  const auto clip = [&chart](double v) { return std::clamp(v, chart.clip_min, chart.clip_max); };
  double low = chart.include_min;
  double high = chart.include_max;
  for (const IntervalBar& b : chart.bars)
    for (const double v : {b.estimate, b.low, b.high})
      if (std::isfinite(v)) {
        low = std::min(low, clip(v));
        high = std::max(high, clip(v));
      }
  const Ticks ticks = nice_ticks(low, high, 5);
  const LinearScale sx{ticks.values.front(), ticks.values.back(), kIntervalLeft, kIntervalRight};
  const double zero = sx(std::clamp(0.0, ticks.values.front(), ticks.values.back()));

  std::string body;
  double y = kLegend;
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const IntervalBar& b = chart.bars[i];
    if (i == 0 || b.group != chart.bars[i - 1].group) {
      y += i == 0 ? 0 : kGroupGap;
      body += "<text class=\"group\" x=\"" + coordinate(kIntervalLeft) + "\" y=\"" +
              coordinate(y + 16) + "\">" + escape_html(b.group) + "</text>\n";
      y += kGroupLabel;
    }
    body += interval_bar(b, y, sx, zero, clip);
    y += kBar;
  }
  const double axis = y + 6;
  std::string out = svg_open(kChartWidth, axis + 22, chart.label);
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    const double x = kIntervalLeft + 130 * static_cast<double>(s);
    out += "<rect class=\"bar s" + std::to_string(s) + "\" x=\"" + coordinate(x) +
           "\" y=\"4\" width=\"12\" height=\"10\"/><text x=\"" + coordinate(x + 16) +
           "\" y=\"13\">" + escape_html(chart.series[s]) + "</text>\n";
  }
  for (const double t : ticks.values) {
    const std::string x = coordinate(sx(t));
    out += "<line class=\"grid\" x1=\"" + x + "\" x2=\"" + x + "\" y1=\"" + coordinate(kLegend) +
           "\" y2=\"" + coordinate(axis) + "\"/><text x=\"" + x + "\" y=\"" +
           coordinate(axis + 16) + "\" text-anchor=\"middle\">" + format_tick(t, ticks.step) +
           "</text>\n";
  }
  return out + body + "</svg>\n";
}

std::string check_band_svg(double min, double max, double measured, bool pass) {
  constexpr double kWidth = 200;
  constexpr double kHeight = 24;
  const double width = max - min;
  const double pad = width > 0 ? width * 0.5 : (min == 0 ? 1 : std::abs(min) * 0.1);
  const LinearScale sx{min - pad, max + pad, 8, kWidth - 8};
  std::string out = svg_open(kWidth, kHeight, "band and measured value", " band-chart");
  out += "<line class=\"grid\" x1=\"8\" x2=\"" + coordinate(kWidth - 8) +
         "\" y1=\"12\" y2=\"12\"/><rect class=\"target\" x=\"" + coordinate(sx(min)) +
         "\" y=\"5\" width=\"" + coordinate(std::max(2.0, sx(max) - sx(min))) +
         "\" height=\"14\"/>";
  const char* result = pass ? "pass" : "fail";
  if (!std::isfinite(measured)) {
    out += "<text class=\"" + std::string(result) + "\" x=\"100\" y=\"16\" " +
           "text-anchor=\"middle\">NA</text>";
  } else if (measured < min - pad) {
    out += "<path class=\"" + std::string(result) + "\" d=\"M2 12 L10 6 L10 18 Z\"/>";
  } else if (measured > max + pad) {
    out += "<path class=\"" + std::string(result) + "\" d=\"M198 12 L190 6 L190 18 Z\"/>";
  } else {
    out += "<circle class=\"" + std::string(result) + "\" cx=\"" + coordinate(sx(measured)) +
           "\" cy=\"12\" r=\"5\"/>";
  }
  return out + "\n</svg>\n";
}

}  // namespace reesim::report
