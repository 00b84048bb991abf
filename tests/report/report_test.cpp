#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "experiment/errors.h"
#include "report/report.h"
#include "report/report_folder.h"
#include "results/units.h"

using namespace reesim;
using report::index_unresolved;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A two-commodity world with a price, a dependence, an unmet-demand and a premium metric.
Scenario small_world() {
  Scenario s;
  s.set_id("tiny");
  s.mutable_calendar()->set_start("2024-01-01");
  s.mutable_calendar()->set_end("2024-03-31");
  auto* dy = s.add_commodities();
  dy->set_id("dy_oxide");
  dy->set_unit("kg");
  auto* magnet = s.add_commodities();
  magnet->set_id("ndfeb_magnet");
  magnet->set_unit("t");
  auto* venue = s.add_venues();
  venue->set_id("dy_global");
  venue->set_commodity("dy_oxide");
  auto* price = s.add_metrics();
  price->set_id("price_dy");
  price->set_kind(METRIC_PRICE);
  price->set_venue("dy_global");
  price->set_series(true);
  auto* peak = price->add_scalars();
  peak->set_id("dy_peak");
  peak->set_kind(SCALAR_PEAK);
  auto* relative = price->add_scalars();
  relative->set_id("dy_vs_q1");
  relative->set_kind(SCALAR_MEAN);
  relative->set_baseline_from("2024-01-01");
  relative->set_baseline_to("2024-03-31");
  auto* unmet = s.add_metrics();
  unmet->set_id("in_unmet");
  unmet->set_kind(METRIC_UNMET_DEMAND);
  unmet->set_commodity("ndfeb_magnet");
  auto* total = unmet->add_scalars();
  total->set_id("in_shortfall");
  total->set_kind(SCALAR_CUMULATIVE);
  auto* weeks = unmet->add_scalars();
  weeks->set_id("in_weeks_short");
  weeks->set_kind(SCALAR_TICKS_ABOVE);
  auto* dependence = s.add_metrics();
  dependence->set_id("in_from_cn");
  dependence->set_kind(METRIC_IMPORT_DEPENDENCE);
  auto* premium = s.add_metrics();
  premium->set_id("premium");
  premium->set_kind(METRIC_PREMIUM);
  return s;
}

// A finished three-trial run of small_world() with a passing and a failing check, and a hostile
// experiment description.
Results small_run() {
  Results r;
  RunManifest& m = *r.mutable_manifest();
  *m.mutable_scenario() = small_world();
  m.mutable_experiment()->set_id("tiny-run");
  m.mutable_experiment()->set_description("<img src=x onerror=alert(1)> & more");
  auto* o = m.mutable_experiment()->add_overrides();
  o->set_path("policies[p].params[rate].value");
  o->set_value("\"<b>\"");
  auto* pass = m.mutable_experiment()->add_checks();
  pass->set_scalar("dy_peak");
  pass->set_min(100);
  pass->set_max(500);
  auto* fail = m.mutable_experiment()->add_checks();
  fail->set_scalar("dy_peak");
  fail->set_statistic(STATISTIC_MEAN);
  fail->set_min(0);
  fail->set_max(10);
  m.set_seed(7);
  m.set_trials(3);
  m.set_shard("1/1");
  m.set_version("0.1.0");
  m.set_digest(std::string(64, 'a'));
  for (const double q : {0.05, 0.25, 0.5, 0.75, 0.95})
    r.add_quantiles(q);
  for (const char* date : {"2024-01-01", "2024-01-08", "2024-01-15"}) {
    SeriesPoint& p = *r.add_series();
    p.set_metric("price_dy");
    p.set_date(date);
    p.set_mean(300);
    for (const double v : {200, 250, 300, 350, 400})
      p.add_quantiles(v);
  }
  ScalarSummary& s = *r.add_summary();
  s.set_scalar("dy_peak");
  s.set_mean(310);
  s.set_p50(305);
  s.set_ci95_low(290);
  s.set_ci95_high(330);
  s.set_count(3);
  return r;
}

}  // namespace

TEST_CASE("Units come from the metric kind, its commodity and the tick", "[report][units]") {
  const Scenario s = small_world();
  CHECK(reesim::results::metric_unit(s, "price_dy") == "USD/kg");
  CHECK(reesim::results::metric_unit(s, "in_unmet") == "t/week");
  CHECK(reesim::results::metric_unit(s, "in_from_cn") == "share (0-1)");
  CHECK(reesim::results::metric_unit(s, "premium") == "ratio");
  CHECK(reesim::results::metric_unit(s, "nothing").empty());
  CHECK(reesim::results::scalar_unit(s, "dy_peak") == "USD/kg");
  CHECK(reesim::results::scalar_unit(s, "dy_vs_q1") == "ratio");
  CHECK(reesim::results::scalar_unit(s, "in_shortfall") == "t");
  CHECK(reesim::results::scalar_unit(s, "in_weeks_short") == "ticks");
  CHECK(reesim::results::scalar_unit(s, "nothing").empty());
}

TEST_CASE("fill_units gives results.pb the units of units.csv, in its order", "[report][units]") {
  Results r = small_run();
  r.add_scalar_names("dy_peak");
  r.add_scalar_names("in_shortfall");
  r.mutable_manifest()->mutable_experiment()->mutable_outputs()->add_metrics("in_unmet");
  r.mutable_manifest()->mutable_experiment()->mutable_outputs()->add_metrics("price_dy");
  reesim::results::fill_units(r);
  REQUIRE(r.scalar_units_size() == 2);
  CHECK(r.scalar_units(0) == "USD/kg");
  CHECK(r.scalar_units(1) == "t");
  // The kept metrics only, in the scenario's order (not outputs.metrics').
  REQUIRE(r.metric_units_size() == 2);
  CHECK(r.metric_units(0).metric() == "price_dy");
  CHECK(r.metric_units(0).unit() == "USD/kg");
  CHECK(r.metric_units(1).metric() == "in_unmet");
  CHECK(r.metric_units(1).unit() == "t/week");
  CHECK(reesim::results::units_csv(r) ==
        "name,kind,unit\nprice_dy,metric,USD/kg\nin_unmet,metric,t/week\n"
        "dy_peak,scalar,USD/kg\nin_shortfall,scalar,t\n");
  reesim::results::fill_units(r);  // replaces, does not append
  CHECK(r.scalar_units_size() == 2);
  CHECK(r.metric_units_size() == 2);
}

TEST_CASE("A reader takes the units results.pb carries, and derives them for an older one",
          "[report][units]") {
  Results r = small_run();
  r.add_scalar_names("dy_peak");
  // Written before results.pb kept units: derived from the manifest's scenario.
  CHECK(reesim::results::scalar_unit(r, "dy_peak") == "USD/kg");
  CHECK(reesim::results::metric_unit(r, "in_unmet") == "t/week");
  // Kept: read as they are, even where the scenario would say otherwise.
  r.add_scalar_units("USD/t");
  MetricUnit& kept = *r.add_metric_units();
  kept.set_metric("price_dy");
  kept.set_unit("USD/t");
  CHECK(reesim::results::scalar_unit(r, "dy_peak") == "USD/t");
  CHECK(reesim::results::metric_unit(r, "price_dy") == "USD/t");
  CHECK(reesim::results::metric_unit(r, "in_unmet").empty());  // not kept by the run
  CHECK(reesim::results::scalar_unit(r, "nothing").empty());
}

TEST_CASE("A Sobol index is unresolved when its interval is wide or outside [0, 1]",
          "[report][sensitivity]") {
  const auto row = [](std::string index, double estimate, double low, double high) {
    return experiment::SensitivityRow{"m", "p", std::move(index), estimate, low, high};
  };
  CHECK_FALSE(index_unresolved(row("first", 0.5, 0.45, 0.6)));
  CHECK(index_unresolved(row("first", 0.5, 0.2, 0.7)));
  CHECK(index_unresolved(row("total", 1.3, 1.1, 1.25)));
  CHECK(index_unresolved(row("first", -0.2, -0.25, -0.1)));
  CHECK_FALSE(index_unresolved(row("first", -0.05, -0.1, 0.0)));
  CHECK(index_unresolved(row("total", kNaN, kNaN, kNaN)));
  CHECK_FALSE(index_unresolved(row("mu_star", 3.0, kNaN, kNaN)));
}

TEST_CASE("sensitivity.csv reads back, quoted fields and NA included", "[report][sensitivity]") {
  const auto rows = report::parse_sensitivity_csv(
      "metric,parameter,index,estimate,low,high\n"
      "dy_peak,\"a,b\",first,0.25,0.1,0.4\n"
      "dy_peak,c,mu,1.5,NA,NA\n",
      "sensitivity.csv");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].parameter == "a,b");
  CHECK(rows[0].estimate == 0.25);
  CHECK(rows[0].high == 0.4);
  CHECK(rows[1].index == "mu");
  CHECK(std::isnan(rows[1].low));
  CHECK_THROWS_AS(report::parse_sensitivity_csv("metric,x\n", "s.csv"), experiment::InputError);
  CHECK_THROWS_WITH(report::parse_sensitivity_csv(
                        "metric,parameter,index,estimate,low,high\nm,p,first,zero,0,1\n", "s.csv"),
                    Catch::Contains("s.csv:2:"));
}

TEST_CASE("A run's page holds its manifest, checks, a fan chart and the summary, escaped",
          "[report][page]") {
  const Results results = small_run();
  report::ReportInput input;
  input.results = &results;
  input.folder = "out/<tiny>";
  const std::string page = report::render_report(input);

  CHECK(page.starts_with("<!DOCTYPE html>"));
  CHECK(contains(page, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
  CHECK(contains(page, "&lt;img src=x onerror=alert(1)&gt; &amp; more"));
  CHECK_FALSE(contains(page, "<img"));
  CHECK(contains(page, "<code>&quot;&lt;b&gt;&quot;</code>"));
  CHECK(contains(page, "out/&lt;tiny&gt;"));
  CHECK(contains(page, std::string(64, 'a')));
  // One check passes (median 305 in [100, 500]), one fails (mean 310 above 10).
  CHECK(contains(page, "1 passed, 1 failed"));
  CHECK(contains(page, "<svg class=\"chart\""));
  CHECK(contains(page, "class=\"band band-1\""));
  CHECK(contains(page, "class=\"median\""));
  CHECK(contains(page, "(USD/kg)"));
  CHECK(contains(page, "[290, 330]"));
  CHECK(contains(page, "<pre id=\"layout-facts\"></pre>"));
  // Self-contained: nothing is loaded from anywhere.
  CHECK_FALSE(contains(page, "http:"));
  CHECK_FALSE(contains(page, "https:"));
  CHECK_FALSE(contains(page, "<link"));
  CHECK_FALSE(contains(page, "src=\""));
  CHECK_FALSE(contains(page, "id=\"sweep\""));
}

TEST_CASE("The page prints the units results.pb carries", "[report][page][units]") {
  Results results = small_run();
  results.add_scalar_names("dy_peak");
  results.add_scalar_units("USD/t");  // not what the scenario would give (USD/kg)
  MetricUnit& unit = *results.add_metric_units();
  unit.set_metric("price_dy");
  unit.set_unit("USD/lb");
  report::ReportInput input;
  input.results = &results;
  const std::string page = report::render_report(input);
  CHECK(contains(page, "(USD/lb)"));        // the fan chart's
  CHECK(contains(page, "<td>USD/t</td>"));  // the summary's
  CHECK_FALSE(contains(page, "USD/kg"));
}

TEST_CASE("A run without checks has no checks section", "[report][page]") {
  Results results = small_run();
  results.mutable_manifest()->mutable_experiment()->clear_checks();
  report::ReportInput input;
  input.results = &results;
  const std::string page = report::render_report(input);
  CHECK_FALSE(contains(page, "id=\"checks\""));
  CHECK(contains(page, "id=\"series\""));
}
