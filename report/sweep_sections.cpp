// The sweep section of a report: design, sensitivity indices, main effects and the points table.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <vector>

#include "report/html.h"
#include "report/sections.h"
#include "report/svg.h"
#include "results/units.h"

namespace reesim::report::detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Main-effect lines: the mean per distinct value up to this many values, else per equal bin.
constexpr std::size_t kMaxDistinct = 12;
constexpr int kBins = 8;
// Sobol bars' axis spans at most [-margin, 1 + margin].
constexpr double kSobolAxisMargin = 0.5;

// One sweep point: its swept values and each scalar's mean over its replicates (NaN skipped).
struct PointMeans {
  std::int64_t point = 0;
  std::vector<double> values;
  std::vector<double> means;
};

std::vector<PointMeans> point_means(const Results& results) {
  const int k = results.manifest().experiment().sweep().parameters_size();
  const int scalars = results.scalar_names_size();
  std::map<std::int64_t, std::pair<PointMeans, std::vector<int>>> by_point;
  for (const TrialResult& t : results.trials()) {
    auto& [p, counts] = by_point[t.point()];
    if (counts.empty()) {
      p.point = t.point();
      for (int i = 0; i < k; ++i)
        p.values.push_back(i < t.parameters_size() ? t.parameters(i) : kNaN);
      p.means.assign(static_cast<std::size_t>(scalars), 0.0);
      counts.assign(static_cast<std::size_t>(scalars), 0);
    }
    for (int s = 0; s < scalars && s < t.scalars_size(); ++s)
      if (std::isfinite(t.scalars(s))) {
        p.means[static_cast<std::size_t>(s)] += t.scalars(s);
        ++counts[static_cast<std::size_t>(s)];
      }
  }
  std::vector<PointMeans> out;
  for (auto& [point, entry] : by_point) {
    auto& [p, counts] = entry;
    for (std::size_t s = 0; s < p.means.size(); ++s)
      p.means[s] = counts[s] > 0 ? p.means[s] / counts[s] : kNaN;
    out.push_back(std::move(p));
  }
  return out;
}

// The mean of y per distinct x (few values, as on a grid) or per equal-width bin of x.
void mean_line(const std::vector<double>& x, const std::vector<double>& y,
               std::vector<double>& line_x, std::vector<double>& line_y) {
  std::map<double, std::pair<double, int>> distinct;
  double low = HUGE_VAL;
  double high = -HUGE_VAL;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (std::isfinite(x[i]) && std::isfinite(y[i])) {
      auto& [sum, n] = distinct[x[i]];
      sum += y[i];
      ++n;
      low = std::min(low, x[i]);
      high = std::max(high, x[i]);
    }
  if (distinct.size() <= kMaxDistinct) {
    for (const auto& [value, entry] : distinct) {
      line_x.push_back(value);
      line_y.push_back(entry.first / entry.second);
    }
    return;
  }
  std::vector<double> sum_x(kBins, 0.0);
  std::vector<double> sum_y(kBins, 0.0);
  std::vector<int> count(kBins, 0);
  for (const auto& [value, entry] : distinct) {
    const int bin = std::min(kBins - 1, static_cast<int>((value - low) / (high - low) * kBins));
    sum_x[static_cast<std::size_t>(bin)] += value * entry.second;
    sum_y[static_cast<std::size_t>(bin)] += entry.first;
    count[static_cast<std::size_t>(bin)] += entry.second;
  }
  for (std::size_t b = 0; b < static_cast<std::size_t>(kBins); ++b)
    if (count[b] > 0) {
      line_x.push_back(sum_x[b] / count[b]);
      line_y.push_back(sum_y[b] / count[b]);
    }
}

std::string main_effects(const Results& results, const std::vector<PointMeans>& points) {
  const Sweep& sweep = results.manifest().experiment().sweep();
  std::string out =
      "<h3>Main effects</h3>\n<p class=\"note\">Each scalar's mean over a point's replicates "
      "(dots) against each swept parameter's value, and the mean over points at each value (or "
      "in each of " +
      std::to_string(kBins) + " equal bins of it) as a line.</p>\n";
  for (int s = 0; s < results.scalar_names_size(); ++s) {
    const std::string& scalar = results.scalar_names(s);
    const std::string unit = results::scalar_unit(results, scalar);
    out += "<div class=\"charts\">\n";
    for (int k = 0; k < sweep.parameters_size(); ++k) {
      ScatterChart chart;
      chart.label = scalar + " against " + sweep.parameters(k).path();
      for (const PointMeans& p : points) {
        chart.x.push_back(p.values[static_cast<std::size_t>(k)]);
        chart.y.push_back(p.means[static_cast<std::size_t>(s)]);
      }
      mean_line(chart.x, chart.y, chart.line_x, chart.line_y);
      out += figure(
          "<b>" + escape_html(scalar) + "</b>" +
              (unit.empty() ? "" : " <span class=\"unit\">(" + escape_html(unit) + ")</span>") +
              " against <code>" + escape_html(sweep.parameters(k).path()) + "</code>",
          scatter_chart_svg(chart));
    }
    out += "</div>\n";
  }
  return out;
}

std::string points_table(const Results& results, const std::vector<PointMeans>& points) {
  const Sweep& sweep = results.manifest().experiment().sweep();
  std::vector<std::string> header{"point"};
  for (const SweepParameter& p : sweep.parameters())
    header.push_back(p.path());
  for (const std::string& s : results.scalar_names())
    header.push_back(s);
  std::vector<std::vector<Cell>> rows;
  for (const PointMeans& p : points) {
    std::vector<Cell> row{number_cell(static_cast<double>(p.point), 10)};
    for (const double v : p.values)
      row.push_back(number_cell(v, 6));
    for (const double m : p.means)
      row.push_back(number_cell(m, 5));
    rows.push_back(std::move(row));
  }
  return "<h3>Points</h3>\n<p class=\"note\">As points.csv: each point's swept values and each "
         "scalar's mean over its replicates.</p>\n" +
         table_html(header, rows, true);
}

std::string sensitivity(const ReportInput& input) {
  std::string out = "<h3>Sensitivity indices</h3>\n<p class=\"note\">" +
                    escape_html(input.sensitivity_note) + "</p>\n";
  if (!input.sensitivity) return out;
  const experiment::SensitivityReport& report = *input.sensitivity;
  const bool sobol = report.design == DESIGN_SALTELLI;
  const std::vector<std::string> shown = sobol ? std::vector<std::string>{"first", "total"}
                                               : std::vector<std::string>{"mu_star", "sigma"};

  std::vector<std::string> unresolved;
  for (const auto& row : report.rows)
    if (index_unresolved(row))
      unresolved.push_back(row.metric + " / " + row.parameter + " / " + row.index);
  if (!unresolved.empty()) {
    out += "<div class=\"warning\" role=\"alert\"><b>" + std::to_string(unresolved.size()) +
           " unresolved " + (unresolved.size() == 1 ? "index" : "indices") +
           "</b>: the 95 % interval is wider than " + format_value(kUnresolvedWidth) +
           ", or lies outside [0, 1]; more points (a larger base sample) would resolve them. "
           "They are drawn hatched and marked &quot;!&quot;.<details><summary>Which</summary><ul>";
    for (const std::string& u : unresolved)
      out += "<li><code>" + escape_html(u) + "</code></li>";
    out += "</ul></details></div>\n";
  }

  std::vector<std::vector<Cell>> noise_rows;
  std::vector<std::string> noisy;
  for (const auto& noise : report.noise) {
    const bool flagged = noise.share() > experiment::kNoisyShare;
    if (flagged) noisy.push_back(noise.metric);
    noise_rows.push_back({text_cell(noise.metric), number_cell(noise.share()),
                          flagged ? Cell{"noisy", "fail"} : Cell{"", {}}});
  }
  if (!noisy.empty()) {
    out += "<div class=\"warning\" role=\"alert\"><b>" + std::to_string(noisy.size()) + " noisy " +
           (noisy.size() == 1 ? "metric" : "metrics") + "</b>: more than " +
           format_value(experiment::kNoisyShare) +
           " of the variance between their point means is replicate noise, which each total "
           "index counts as an effect; more replicates, or a metric averaged over a longer "
           "window, would reduce it.<details><summary>Which</summary><ul>";
    for (const std::string& m : noisy)
      out += "<li><code>" + escape_html(m) + "</code></li>";
    out += "</ul></details></div>\n";
  }

  std::map<std::string, IntervalChart> charts;
  std::vector<std::string> order;
  for (const auto& row : report.rows) {
    const auto series = std::find(shown.begin(), shown.end(), row.index);
    if (series == shown.end()) continue;
    auto [it, added] = charts.try_emplace(row.metric);
    if (added) {
      order.push_back(row.metric);
      it->second.series = shown;
      it->second.include_max = sobol ? 1 : 0;
      if (sobol) {  // an index far outside [0, 1] is unresolved anyway: draw it at the edge
        it->second.clip_min = -kSobolAxisMargin;
        it->second.clip_max = 1 + kSobolAxisMargin;
      }
      it->second.label = row.metric + ": sensitivity indices by parameter";
    }
    it->second.bars.push_back({row.parameter, static_cast<int>(series - shown.begin()),
                               row.estimate, row.low, row.high, index_unresolved(row)});
  }
  out += "<div class=\"charts\">\n";
  for (const std::string& metric : order)
    out += figure("<b>" + escape_html(metric) + "</b>", interval_chart_svg(charts[metric]));
  out += "</div>\n";

  std::vector<std::vector<Cell>> rows;
  for (const auto& row : report.rows) {
    const bool warn = index_unresolved(row);
    rows.push_back({text_cell(row.metric),
                    {"<code>" + escape_html(row.parameter) + "</code>", {}},
                    text_cell(row.index),
                    number_cell(row.estimate),
                    number_cell(row.low),
                    number_cell(row.high),
                    warn ? Cell{"unresolved", "fail"} : Cell{"", {}}});
  }
  out += table_html({"metric", "parameter", "index", "estimate", "low", "high", ""}, rows);
  if (!noise_rows.empty()) {
    out +=
        "<p class=\"note\">Replicate noise: the share of the variance between point means "
        "that is noise from replicate to replicate (as reesim analyze prints it).</p>\n";
    out += table_html({"metric", "noise share", ""}, noise_rows);
  }
  if (!report.skipped.empty()) {
    out += "<p class=\"note\">Skipped:</p><ul class=\"note\">";
    for (const std::string& s : report.skipped)
      out += "<li>" + escape_html(s) + "</li>";
    out += "</ul>\n";
  }
  return out;
}

}  // namespace

std::string sweep_section(const ReportInput& input) {
  const Results& results = *input.results;
  const Experiment& experiment = results.manifest().experiment();
  if (!experiment.has_sweep()) return {};
  const std::vector<PointMeans> points = point_means(results);
  std::string out = section_open("sweep", "Sweep");
  out += "<p>" + escape_html(Design_Name(experiment.sweep().design())) + ", " +
         std::to_string(points.size()) + " points in this folder, " +
         std::to_string(results.manifest().trials()) +
         " replicates each. Series are not aggregated across points.</p>\n";
  out += sensitivity(input);
  out += main_effects(results, points);
  out += points_table(results, points);
  return out + "</section>\n";
}

}  // namespace reesim::report::detail
