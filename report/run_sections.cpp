// The sections of a report about any run: what was run, the checks, the series and the summary.
#include <cmath>
#include <map>
#include <utility>
#include <vector>

#include "core/calendar.h"
#include "experiment/checks.h"
#include "experiment/series_checks.h"
#include "report/html.h"
#include "report/sections.h"
#include "report/svg.h"
#include "results/csv_format.h"
#include "results/units.h"

namespace reesim::report::detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string code(const std::string& text) {
  return "<code>" + escape_html(text) + "</code>";
}

void meta_row(std::string& out, const std::string& name, const std::string& value_html) {
  out += "<dt>" + escape_html(name) + "</dt><dd>" + value_html + "</dd>\n";
}

std::string run_size(const RunManifest& m) {
  if (!m.experiment().has_sweep()) return std::to_string(m.trials());
  return std::to_string(m.trials()) + " replicates per point (" +
         std::to_string(m.experiment().sweep().parameters_size()) + " swept parameters)";
}

double day_of(const std::string& iso) {
  const auto date = parse_iso_date(iso);
  return date ? static_cast<double>(date->days()) : kNaN;
}

std::string unit_span(const std::string& unit) {
  return unit.empty() ? "" : " <span class=\"unit\">(" + escape_html(unit) + ")</span>";
}

std::string label_of(const std::string& metric, const std::string& key) {
  return key.empty() ? metric : metric + "[" + key + "]";
}

// One series (metric and key) and its points, in results order.
struct SeriesGroup {
  std::string metric;
  std::string key;
  std::vector<const SeriesPoint*> points;
};

std::vector<SeriesGroup> series_groups(const Results& results) {
  std::vector<SeriesGroup> groups;
  std::map<std::pair<std::string, std::string>, std::size_t> index;
  for (const SeriesPoint& p : results.series()) {
    const auto [it, added] = index.try_emplace({p.metric(), p.key()}, groups.size());
    if (added) groups.push_back({p.metric(), p.key(), {}});
    groups[it->second].points.push_back(&p);
  }
  return groups;
}

FanChart fan_chart(const Results& results, const SeriesGroup& group) {
  FanChart chart;
  chart.label = label_of(group.metric, group.key) + ": cross-trial quantiles by date";
  chart.levels.assign(results.quantiles().begin(), results.quantiles().end());
  chart.quantiles.assign(chart.levels.size(), {});
  std::map<std::string, std::size_t> tick_of_date;
  for (const SeriesPoint* p : group.points) {
    tick_of_date[p->date()] = chart.days.size();
    chart.days.push_back(day_of(p->date()));
    for (std::size_t l = 0; l < chart.levels.size(); ++l)
      chart.quantiles[l].push_back(
          static_cast<int>(l) < p->quantiles_size() ? p->quantiles(static_cast<int>(l)) : kNaN);
  }
  for (const TrialSeries& t : results.trial_series()) {
    if (t.point() != 0 || t.trial() >= kTrialPaths || t.metric() != group.metric ||
        t.key() != group.key)
      continue;
    std::vector<double> path(chart.days.size(), kNaN);
    for (int i = 0; i < t.values_size() && i < results.tick_dates_size(); ++i) {
      const auto at = tick_of_date.find(results.tick_dates(i));
      if (at != tick_of_date.end()) path[at->second] = t.values(i);
    }
    chart.trials.push_back(std::move(path));
  }
  return chart;
}

std::string series_legend(const Results& results, bool with_trials) {
  const int n = results.quantiles_size();
  std::string out = "<p class=\"legend\">";
  for (int i = 0; i < n / 2; ++i)
    out += "<span class=\"swatch band-" + std::to_string(i) + "\"></span>" +
           results::quantile_column_name(results.quantiles(i)) + "&ndash;" +
           results::quantile_column_name(results.quantiles(n - 1 - i)) + " &nbsp; ";
  out += "<span class=\"swatch line median\"></span>median";
  if (with_trials)
    out += " &nbsp; <span class=\"swatch line trial\"></span>the first " +
           std::to_string(kTrialPaths) + " trials";
  return out + " (across trials, by tick date)</p>\n";
}

std::vector<Cell> scalar_check_row(const Check& c, const Results& results) {
  const experiment::CheckOutcome o = experiment::evaluate_check(c, results);
  const std::string result = o.pass ? "pass" : "fail";
  return {text_cell(c.scalar()),
          text_cell(experiment::statistic_name(c)),
          {interval_text(c.min(), c.max()), "num"},
          number_cell(o.measured, 5),
          {check_band_svg(c.min(), c.max(), o.measured, o.pass), {}},
          {o.pass ? "pass" : "FAIL", result},
          {escape_html(c.source()), "wrap"}};
}

std::vector<Cell> series_check_row(const SeriesCheck& c, const Results& results) {
  const experiment::SeriesCheckOutcome o = experiment::evaluate_series_check(c, results);
  std::string why;
  for (const std::string& line : o.failures)
    why += (why.empty() ? "" : "<br>") + escape_html(line);
  std::string base_band = "-";
  if (c.has_base_min() || c.has_base_max())
    base_band = interval_text(c.has_base_min() ? c.base_min() : -HUGE_VAL,
                              c.has_base_max() ? c.base_max() : HUGE_VAL);
  const std::string years = c.from_year() == c.to_year()
                                ? std::to_string(c.from_year())
                                : std::to_string(c.from_year()) + "-" + std::to_string(c.to_year());
  return {
      text_cell(experiment::series_label(c)),
      text_cell(years),
      {interval_text(c.min_ratio(), c.max_ratio()), "num"},
      {o.worst_year == 0 ? "-"
                         : std::to_string(o.worst_year) + ": " + format_value(o.worst_year_ratio),
       "num"},
      {o.peak_date.empty()
           ? "-"
           : format_value(o.peak_ratio) + " (" + format_value(c.max_peak_ratio()) + ")",
       "num"},
      number_cell(o.base_level),
      {base_band, "num"},
      {o.pass ? "pass" : "FAIL", o.pass ? "pass" : "fail"},
      {why.empty() ? escape_html(c.source()) : why, "wrap"}};
}

}  // namespace

std::string manifest_section(const Results& results, const std::string& folder) {
  const RunManifest& m = results.manifest();
  const Scenario& scenario = m.scenario();
  std::string out = section_open("run", "What was run") + "<dl class=\"meta\">\n";
  meta_row(out, "experiment", code(m.experiment().id()));
  std::string scenario_text = code(scenario.id());
  if (!scenario.title().empty()) scenario_text += " " + escape_html(scenario.title());
  meta_row(out, "scenario", scenario_text);
  meta_row(out, "calendar",
           escape_html(scenario.calendar().start() + " to " + scenario.calendar().end()));
  meta_row(out, "folder", code(folder));
  meta_row(out, "seed", code(std::to_string(m.seed())));
  meta_row(out, "trials", escape_html(run_size(m)));
  meta_row(out, "trials in this folder", escape_html(std::to_string(results.trials_size())));
  if (m.experiment().has_sweep())
    meta_row(out, "design", escape_html(Design_Name(m.experiment().sweep().design())));
  meta_row(out, "shard", code(m.shard()));
  if (m.merged_shards() > 0)
    meta_row(out, "merged shards", escape_html(std::to_string(m.merged_shards())));
  meta_row(out, "reesim", escape_html(m.version()) + ", commit " + code(m.git_commit()));
  meta_row(out, "digest", code(m.digest()));
  out += "</dl>\n<details><summary>Build, host and input files</summary>\n<dl class=\"meta\">\n";
  meta_row(out, "compiler", escape_html(m.compiler()) + " " + code(m.compiler_flags()));
  meta_row(out, "host, threads", escape_html(m.host() + ", " + std::to_string(m.threads())));
  meta_row(out, "started, finished", escape_html(m.started() + ", " + m.finished()));
  meta_row(out, "experiment SHA-256", code(m.experiment_sha256()));
  meta_row(out, "scenario SHA-256", code(m.scenario_sha256()));
  out += "</dl></details>\n";

  out += "<h3>Overrides</h3>\n";
  if (m.experiment().overrides().empty()) {
    out += "<p class=\"note\">None: the scenario as written.</p>\n";
  } else {
    std::vector<std::vector<Cell>> rows;
    for (const Override& o : m.experiment().overrides())
      rows.push_back({{code(o.path()), {}}, {code(o.value()), {}}});
    out += table_html({"field path", "value"}, rows);
  }
  if (!m.included_files().empty()) {
    out += "<h3>Included files</h3>\n";
    std::vector<std::vector<Cell>> rows;
    for (const IncludedFile& f : m.included_files())
      rows.push_back({{code(f.path()), {}}, text_cell(f.included_by()), {code(f.sha256()), {}}});
    out += table_html({"file", "included by", "SHA-256"}, rows);
  }
  return out + "</section>\n";
}

std::string checks_section(const Results& results) {
  const Experiment& e = results.manifest().experiment();
  if (e.checks().empty() && e.series_checks().empty()) return {};
  int failed = 0;
  std::string tables;
  if (!e.checks().empty()) {
    std::vector<std::vector<Cell>> rows;
    for (const Check& c : e.checks()) {
      rows.push_back(scalar_check_row(c, results));
      failed += rows.back()[5].css_class == "pass" ? 0 : 1;
    }
    tables +=
        "<h3>Calibration targets</h3>\n<p class=\"note\">The scalar's median (or mean) "
        "across trials against its target band (green); the dot is the measured value, "
        "an arrow one beyond the axis.</p>\n" +
        table_html({"scalar", "statistic", "band", "measured", "", "result", "source"}, rows);
  }
  if (!e.series_checks().empty()) {
    std::vector<std::vector<Cell>> rows;
    for (const SeriesCheck& c : e.series_checks()) {
      rows.push_back(series_check_row(c, results));
      failed += rows.back()[7].css_class == "pass" ? 0 : 1;
    }
    tables +=
        "<h3>Series checks</h3>\n<p class=\"note\">Each year's median of the weekly "
        "cross-trial medians over the base level, and the highest weekly peak quantile "
        "over it (its limit in brackets).</p>\n" +
        table_html({"series", "years", "ratio band", "worst year", "peak (max)", "base",
                    "base band", "result", "why / source"},
                   rows);
  }
  const int total = e.checks_size() + e.series_checks_size();
  return section_open("checks", "Checks") + "<p><span class=\"" + (failed == 0 ? "pass" : "fail") +
         "\">" + std::to_string(total - failed) + " passed, " + std::to_string(failed) +
         " failed</span> (" + std::to_string(results.trials_size()) + " trials)</p>\n" + tables +
         "</section>\n";
}

std::string series_section(const Results& results) {
  if (results.series().empty()) return {};
  const bool with_trials = !results.trial_series().empty();
  std::string out = section_open("series", "Series") + series_legend(results, with_trials) +
                    "<div class=\"charts\">\n";
  for (const SeriesGroup& group : series_groups(results))
    out += figure("<b>" + escape_html(label_of(group.metric, group.key)) + "</b>" +
                      unit_span(results::metric_unit(results, group.metric)),
                  fan_chart_svg(fan_chart(results, group)));
  return out + "</div>\n</section>\n";
}

std::string summary_section(const Results& results) {
  std::vector<std::vector<Cell>> rows;
  for (const ScalarSummary& s : results.summary())
    rows.push_back({text_cell(s.scalar()),
                    text_cell(results::scalar_unit(results, s.scalar())),
                    number_cell(s.mean(), 5),
                    {interval_text(s.ci95_low(), s.ci95_high(), 5), "num"},
                    number_cell(s.sd()),
                    number_cell(s.p05()),
                    number_cell(s.p50()),
                    number_cell(s.p95()),
                    number_cell(static_cast<double>(s.count()), 10)});
  return section_open("summary", "Summary") +
         "<p class=\"note\">Each scalar across trials (NaN trials skipped): mean with the 95 % "
         "confidence interval of the mean, standard deviation and quantiles.</p>\n" +
         table_html({"scalar", "unit", "mean", "95 % CI", "sd", "p05", "p50", "p95", "count"},
                    rows) +
         "</section>\n";
}

}  // namespace reesim::report::detail
