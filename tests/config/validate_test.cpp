#include <catch2/catch.hpp>

#include <string>

#include "config/loader.h"
#include "config/validate.h"

using namespace reesim::config;

namespace {

const std::string kRuns = std::string(REESIM_SOURCE_DIR) + "/runs/";
const std::string kTiny =
    std::string(REESIM_SOURCE_DIR) + "/tests/e2e/malformed/tiny.scenario.textproto";

reesim::Scenario tiny() {
  Diagnostics diagnostics;
  auto scenario = load_scenario(kTiny, diagnostics);
  REQUIRE(scenario);
  return *scenario;
}

std::vector<std::string> problems(const reesim::Scenario& scenario) {
  Diagnostics diagnostics;
  validate_scenario(scenario, "s", diagnostics);
  std::vector<std::string> lines;
  for (const auto& d : diagnostics.items())
    lines.push_back(d.to_string());
  return lines;
}

}  // namespace

TEST_CASE("The published run folders validate", "[config][validate]") {
  Diagnostics diagnostics;
  CHECK(validate_files({kRuns + "quickstart-2024/experiment.textproto"}, diagnostics));
  CHECK(diagnostics.empty());
}

TEST_CASE("The base fixture is valid", "[config][validate]") {
  CHECK(problems(tiny()).empty());
}

TEST_CASE("Every semantic error is reported, not only the first", "[config][validate]") {
  auto scenario = tiny();
  scenario.mutable_commodities(0)->set_reference_price(-1);
  scenario.mutable_policies(0)->set_enacted_by("ZZ");
  scenario.mutable_policies(0)->add_commodities("gold");
  scenario.add_nations()->set_id("CN");
  const auto lines = problems(scenario);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == "s: nations[2].id: duplicate nation id \"CN\" (first at nations[0].id)");
  CHECK(lines[1] == "s: commodities[0].reference_price: must not be negative, got -1");
  CHECK(lines[2] == "s: policies[0].enacted_by: unknown nation \"ZZ\"");
  CHECK(lines[3] == "s: policies[0].commodities[1]: unknown commodity \"gold\"");
}

TEST_CASE("Misspelt types, parameters and ids are refused with the nearest names",
          "[config][validate]") {
  auto scenario = tiny();
  scenario.mutable_agents(0)->set_type("minr");
  scenario.mutable_policies(0)->set_type("export_licencing");
  scenario.mutable_policies(0)->set_enacted_by("CM");
  auto* param = scenario.mutable_model()->add_params();
  param->set_name("price_stp");
  param->mutable_value()->set_fixed(0.1);
  const auto lines = problems(scenario);
  CHECK(lines == std::vector<std::string>{
                     "s: agents[0].type: unknown agent type \"minr\"; did you mean 'miner'?",
                     "s: policies[0].type: unknown policy type \"export_licencing\"; did you mean "
                     "'export_licensing'?",
                     "s: policies[0].enacted_by: unknown nation \"CM\"; did you mean 'CN'?",
                     "s: model.params[0].name: 'price_stp' is not a parameter of model; did you "
                     "mean 'price_step'?"});
}

TEST_CASE("An unknown parameter far from every name lists the known ones", "[config][validate]") {
  auto scenario = tiny();
  auto* param = scenario.mutable_agents(0)->add_params();
  param->set_name("zzz");
  param->mutable_value()->set_fixed(1);
  const auto lines = problems(scenario);
  REQUIRE(lines.size() == 1);
  CHECK_THAT(lines[0], Catch::StartsWith("s: agents[0].params[0].name: 'zzz' is not a parameter of "
                                         "miner; known: unit_cost, supply_elasticity, "));
}

TEST_CASE("Distributions are checked against the parameter's range", "[config][validate]") {
  auto scenario = tiny();
  auto* policy = scenario.mutable_policies(0);
  policy->set_type("export_licensing");
  auto* param = policy->add_params();
  param->set_name("approval_probability");
  param->mutable_value()->mutable_normal()->set_mean(0.5);
  param->mutable_value()->mutable_normal()->set_sd(0.1);
  auto lines = problems(scenario);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] ==
        "s: policies[0].params[0].value: support [-inf, inf] is outside the valid range [0, 1]");

  param->mutable_value()->mutable_normal()->set_min(0);
  param->mutable_value()->mutable_normal()->set_max(1);
  CHECK(problems(scenario).empty());

  param->mutable_value()->mutable_triangular()->set_min(0.2);
  param->mutable_value()->mutable_triangular()->set_mode(0.1);
  param->mutable_value()->mutable_triangular()->set_max(0.9);
  lines = problems(scenario);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] == "s: policies[0].params[0].value.triangular: needs min <= mode <= max");

  param->mutable_value()->mutable_discrete()->add_values(0.3);
  param->mutable_value()->mutable_discrete()->add_weights(1);
  param->mutable_value()->mutable_discrete()->add_weights(2);
  lines = problems(scenario);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] ==
        "s: policies[0].params[0].value.discrete.weights: must have one weight per value");
}

TEST_CASE("Experiments are checked against their scenario", "[config][validate]") {
  reesim::Experiment experiment;
  experiment.set_id("e");
  experiment.set_scenario("tiny.scenario.textproto");
  experiment.set_trials(0);
  experiment.add_checks()->set_scalar("peak");
  experiment.add_checks()->set_scalar("valley");
  auto* override_ = experiment.add_overrides();
  override_->set_path("policies[ban].params[leakage].value");
  override_->set_value("0.5");
  const auto scenario = tiny();
  Diagnostics diagnostics;
  CHECK_FALSE(validate_experiment(experiment, "e", &scenario, diagnostics));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics.items()[0].to_string() == "e: trials: must be at least 1, got 0");
  CHECK(diagnostics.items()[1].to_string() == "e: checks[1].scalar: unknown scalar \"valley\"");
}

TEST_CASE("An experiment's scenario path is relative to the experiment", "[config][validate]") {
  reesim::Experiment experiment;
  experiment.set_scenario("../common/scenario.textproto");
  CHECK(resolve_scenario_path(experiment, "runs/a/experiment.textproto") ==
        "runs/common/scenario.textproto");
}

namespace {

// A valid experiment on the tiny scenario sweeping the ban's leakage over [0, 0.5].
reesim::Experiment sweep_experiment() {
  reesim::Experiment experiment;
  experiment.set_id("e");
  experiment.set_scenario("tiny.scenario.textproto");
  experiment.set_trials(2);
  auto& sweep = *experiment.mutable_sweep();
  sweep.set_design(reesim::DESIGN_LHS);
  sweep.set_points(4);
  auto& p = *sweep.add_parameters();
  p.set_path("policies[ban].params[leakage].value");
  p.set_min(0);
  p.set_max(0.5);
  return experiment;
}

std::vector<std::string> experiment_problems(const reesim::Experiment& experiment) {
  const auto scenario = tiny();
  Diagnostics diagnostics;
  validate_experiment(experiment, "e", &scenario, diagnostics);
  std::vector<std::string> lines;
  for (const auto& d : diagnostics.items())
    lines.push_back(d.to_string());
  return lines;
}

}  // namespace

TEST_CASE("A valid sweep passes", "[config][validate][sweep]") {
  CHECK(experiment_problems(sweep_experiment()).empty());
}

TEST_CASE("A sweep's design problems are reported at their field", "[config][validate][sweep]") {
  auto experiment = sweep_experiment();
  experiment.mutable_sweep()->set_points(0);
  experiment.mutable_sweep()->mutable_parameters(0)->set_max(-1);
  CHECK(experiment_problems(experiment) ==
        std::vector<std::string>{"e: sweep.points: must be >= 1 for DESIGN_LHS",
                                 "e: sweep.parameters[0].max: must be >= min"});
}

TEST_CASE("A sweep's path must name a field of the scenario", "[config][validate][sweep]") {
  auto experiment = sweep_experiment();
  experiment.mutable_sweep()->mutable_parameters(0)->set_path("policies[nothing].params[x].value");
  CHECK(experiment_problems(experiment) ==
        std::vector<std::string>{
            "e: sweep.parameters[0].path: no element with id 'nothing' in 'policies'"});
}

TEST_CASE("A sweep's range must keep the scenario valid", "[config][validate][sweep]") {
  auto experiment = sweep_experiment();
  experiment.mutable_sweep()->mutable_parameters(0)->set_max(1.5);
  const auto lines = experiment_problems(experiment);
  REQUIRE(lines.size() == 1);
  CHECK_THAT(lines[0], Catch::StartsWith("e: sweep.parameters[0].max: the scenario with "
                                         "policies[ban].params[leakage].value = 1.5 is invalid"));
}

TEST_CASE("A path swept twice is refused", "[config][validate][sweep]") {
  auto experiment = sweep_experiment();
  *experiment.mutable_sweep()->add_parameters() = experiment.sweep().parameters(0);
  CHECK(experiment_problems(experiment) ==
        std::vector<std::string>{"e: sweep.parameters[1].path: is swept twice"});
}

namespace {

// A valid experiment on the tiny scenario (its metric "price" recording its series) with one
// series check.
reesim::Experiment series_experiment() {
  reesim::Experiment experiment;
  experiment.set_id("e");
  experiment.set_scenario("tiny.scenario.textproto");
  experiment.set_trials(2);
  experiment.mutable_outputs()->set_series(true);
  auto& check = *experiment.add_series_checks();
  check.set_metric("price");
  check.set_base_from("2024-01-01");
  check.set_base_to("2024-03-31");
  check.set_from_year(2024);
  check.set_to_year(2024);
  check.set_min_ratio(0.67);
  check.set_max_ratio(1.5);
  check.set_peak_quantile(0.95);
  check.set_max_peak_ratio(2.5);
  check.set_base_min(100);
  check.set_base_max(400);
  return experiment;
}

std::vector<std::string> series_problems(const reesim::Experiment& experiment,
                                         bool metric_series = true) {
  auto scenario = tiny();
  scenario.mutable_metrics(0)->set_series(metric_series);
  Diagnostics diagnostics;
  validate_experiment(experiment, "e", &scenario, diagnostics);
  std::vector<std::string> lines;
  for (const auto& d : diagnostics.items())
    lines.push_back(d.to_string());
  return lines;
}

}  // namespace

TEST_CASE("A valid series check passes", "[config][validate][series_checks]") {
  CHECK(series_problems(series_experiment()).empty());
}

TEST_CASE("A series check must name a metric that records its series",
          "[config][validate][series_checks]") {
  auto experiment = series_experiment();
  CHECK(series_problems(experiment, false) ==
        std::vector<std::string>{"e: series_checks[0].metric: metric \"price\" records no series "
                                 "(set series: true on it in the scenario)"});
  experiment.mutable_series_checks(0)->set_metric("prices");
  CHECK(series_problems(experiment) ==
        std::vector<std::string>{
            "e: series_checks[0].metric: unknown metric \"prices\"; did you mean 'price'?"});
}

TEST_CASE("A series check's bands, years and dates are checked at their fields",
          "[config][validate][series_checks]") {
  auto experiment = series_experiment();
  auto& check = *experiment.mutable_series_checks(0);
  check.set_base_from("2024-02-30");
  check.set_base_to("2023-12-31");
  check.set_from_year(2025);
  check.set_min_ratio(2);
  check.set_max_peak_ratio(0);
  check.set_base_min(500);
  CHECK(series_problems(experiment) ==
        std::vector<std::string>{
            "e: series_checks[0].base_from: \"2024-02-30\" is not a date \"YYYY-MM-DD\"",
            "e: series_checks[0].to_year: must not be before from_year (2024 < 2025)",
            "e: series_checks[0].max_ratio: must not be below min_ratio (1.5 < 2)",
            "e: series_checks[0].max_peak_ratio: must be a finite number > 0, got 0",
            "e: series_checks[0].base_max: must not be below base_min (400 < 500)",
            "e: series_checks[0].from_year: 2025 is outside the scenario's calendar (2024-01-01 "
            "to 2024-12-31)",
            "e: series_checks[0].base_to: \"2023-12-31\" is outside the scenario's calendar "
            "(2024-01-01 to 2024-12-31)"});
  check.set_base_from("2024-06-01");
  check.set_base_to("2024-05-31");
  check.set_from_year(2024);
  check.set_min_ratio(0.5);
  check.set_max_peak_ratio(2);
  check.clear_base_min();
  CHECK(series_problems(experiment) ==
        std::vector<std::string>{
            "e: series_checks[0].base_to: must not be before base_from (2024-06-01)"});
}

TEST_CASE("A series check reads quantiles the run records", "[config][validate][series_checks]") {
  auto experiment = series_experiment();
  experiment.mutable_outputs()->add_quantiles(0.5);
  experiment.mutable_outputs()->add_quantiles(0.9);
  CHECK(series_problems(experiment) ==
        std::vector<std::string>{"e: series_checks[0].peak_quantile: 0.95 is not one of "
                                 "the recorded quantiles (outputs.quantiles): 0.5, 0.9"});
  experiment.mutable_outputs()->set_quantiles(0, 0.95);
  CHECK(series_problems(experiment) ==
        std::vector<std::string>{"e: outputs.quantiles: must include 0.5 for series_checks (they "
                                 "read the median), got 0.95, 0.9"});
  experiment.mutable_outputs()->clear_quantiles();  // the defaults hold 0.5 and 0.95
  experiment.mutable_outputs()->set_series(false);
  CHECK(series_problems(experiment) ==
        std::vector<std::string>{"e: outputs.series: must be true for series_checks (they read "
                                 "the series' quantiles)"});
}

TEST_CASE("A lever names its own nation's policy, a parameter of its type and bounds in range",
          "[config][validate][levers]") {
  auto scenario = tiny();
  auto* policy = scenario.add_policies();
  policy->set_id("tariff");
  policy->set_type("tariff");
  policy->set_enacted_by("IN");
  policy->add_origins("CN");
  auto lever = [&](const char* id, const char* policy_id, const char* nation, const char* param,
                   double min, double max) {
    auto* l = scenario.add_levers();
    l->set_id(id);
    l->set_policy(policy_id);
    l->set_nation(nation);
    l->set_param(param);
    l->set_min(min);
    l->set_max(max);
  };
  lever("rate", "tariff", "IN", "rate", 0, 0.5);
  lever("on", "tariff", "IN", "", 0, 0);
  CHECK(problems(scenario).empty());
  lever("china", "tariff", "CN", "rate", 0, 0.5);
  lever("backwards", "tariff", "IN", "rate", 0.5, 0.1);
  lever("switch", "ban", "CN", "", 0, 1);
  lever("on", "ban", "CN", "leakage", 0, 0.2);
  const auto lines = problems(scenario);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] ==
        "s: levers[2].nation: policy 'tariff' is enacted by 'IN', not 'CN': a "
        "government moves its own policies");
  CHECK(lines[1] ==
        "s: levers[3].min: bounds [0.5, 0.1] must be ordered and within the range of "
        "rate, [0, 10]");
  CHECK(lines[2] == "s: levers[4].min: a switch (no param) has no bounds");
  CHECK(lines[3] == "s: levers[5].id: duplicate lever id \"on\" (first at levers[1].id)");
}

TEST_CASE("A venue an agent lists twice is refused at its second place", "[config][validate]") {
  auto scenario = tiny();
  reesim::Agent& agent = *scenario.mutable_agents(0);
  agent.add_venues("dy_global");
  CHECK(problems(scenario).empty());
  agent.add_venues("dy_global");
  const auto lines = problems(scenario);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] == "s: agents[0].venues[1]: \"dy_global\" is listed twice");
}
