#include <catch2/catch.hpp>

#include <limits>

#include "config/field_path.h"
#include "scenario.pb.h"

using reesim::config::apply_override;

namespace {

reesim::Scenario small_world() {
  reesim::Scenario scenario;
  scenario.mutable_calendar()->set_start("2024-01-01");
  scenario.mutable_calendar()->set_end("2035-12-31");
  auto* venue = scenario.add_venues();
  venue->set_id("dy_global");
  (*venue->mutable_freight())["CN"] = 0.5;
  auto* policy = scenario.add_policies();
  policy->set_id("cn_licensing");
  policy->add_origins("CN");
  auto* param = policy->add_params();
  param->set_name("approval_probability");
  param->mutable_value()->set_fixed(0.5);
  return scenario;
}

}  // namespace

TEST_CASE("An override sets a scalar field by path", "[config][field_path]") {
  auto scenario = small_world();
  REQUIRE_FALSE(apply_override(scenario, "calendar.end", "2030-12-31"));
  CHECK(scenario.calendar().end() == "2030-12-31");
  REQUIRE_FALSE(apply_override(scenario, "calendar.tick_days", "14"));
  CHECK(scenario.calendar().tick_days() == 14);
}

TEST_CASE("List elements are found by id or index, parameters by name", "[config][field_path]") {
  auto scenario = small_world();
  REQUIRE_FALSE(
      apply_override(scenario, "policies[cn_licensing].params[approval_probability].value", "0.2"));
  CHECK(scenario.policies(0).params(0).value().fixed() == 0.2);
  REQUIRE_FALSE(apply_override(scenario, "policies[0].origins[0]", "\"IN\""));
  CHECK(scenario.policies(0).origins(0) == "IN");
}

TEST_CASE("A distribution takes a text-format message", "[config][field_path]") {
  auto scenario = small_world();
  REQUIRE_FALSE(apply_override(scenario,
                               "policies[cn_licensing].params[approval_probability].value",
                               "uniform { min: 0.1 max: 0.4 }"));
  const auto& value = scenario.policies(0).params(0).value();
  REQUIRE(value.has_uniform());
  CHECK(value.uniform().max() == 0.4);
}

TEST_CASE("A parameter not yet set is added by its name", "[config][field_path]") {
  auto scenario = small_world();
  REQUIRE_FALSE(
      apply_override(scenario, "policies[cn_licensing].params[delay_mean_days].value", "90"));
  REQUIRE(scenario.policies(0).params_size() == 2);
  CHECK(scenario.policies(0).params(1).name() == "delay_mean_days");
  CHECK(scenario.policies(0).params(1).value().fixed() == 90);
}

TEST_CASE("A misspelt parameter of a registered type is refused with the nearest names",
          "[config][field_path]") {
  auto scenario = small_world();
  scenario.mutable_policies(0)->set_type("export_licensing");
  const std::string before = scenario.SerializeAsString();
  CHECK(apply_override(scenario, "policies[cn_licensing].params[delay_men_days].value", "90") ==
        "'delay_men_days' is not a parameter of export_licensing; did you mean 'delay_mean_days'?");
  CHECK(apply_override(scenario, "model.params[price_stp].value", "0.1") ==
        "'price_stp' is not a parameter of model; did you mean 'price_step'?");
  CHECK(scenario.SerializeAsString() == before);
  REQUIRE_FALSE(apply_override(scenario, "model.params[price_step].value", "0.1"));
  CHECK(scenario.model().params(0).name() == "price_step");
}

TEST_CASE("Misspelt fields, ids and enum values are refused with the nearest names",
          "[config][field_path]") {
  auto scenario = small_world();
  CHECK(apply_override(scenario, "calendar.ned", "2030-01-01") ==
        "'ned' is not a field of reesim.Calendar; did you mean 'end'?");
  CHECK(apply_override(scenario, "calendar.colour", "red") ==
        "'colour' is not a field of reesim.Calendar; known: start, end, tick_days");
  CHECK(apply_override(scenario, "policies[cn_licencing].origins[0]", "IN") ==
        "no element with id 'cn_licencing' in 'policies'; did you mean 'cn_licensing'?");
  scenario.add_metrics()->set_id("price");
  CHECK(apply_override(scenario, "metrics[price].kind", "METRIC_PRCE") ==
        "unknown value 'METRIC_PRCE' for 'kind'; did you mean 'METRIC_PRICE'?");
}

TEST_CASE("Map entries are set by key", "[config][field_path]") {
  auto scenario = small_world();
  REQUIRE_FALSE(apply_override(scenario, "venues[dy_global].freight[CN]", "0.8"));
  REQUIRE_FALSE(apply_override(scenario, "venues[dy_global].freight[AU]", "1.1"));
  CHECK(scenario.venues(0).freight().at("CN") == 0.8);
  CHECK(scenario.venues(0).freight().at("AU") == 1.1);
}

TEST_CASE("Wrong paths and values are refused and leave the message unchanged",
          "[config][field_path]") {
  auto scenario = small_world();
  const std::string before = scenario.SerializeAsString();
  CHECK(apply_override(scenario, "calendar.colour", "red").value().find("colour") !=
        std::string::npos);
  CHECK(apply_override(scenario, "calendar.tick_days", "weekly").value().find("int32") !=
        std::string::npos);
  CHECK(apply_override(scenario, "policies[nope].id", "x").value().find("nope") !=
        std::string::npos);
  CHECK(apply_override(scenario, "policies[7].id", "x").value().find("out of range") !=
        std::string::npos);
  CHECK(apply_override(scenario, "policies.id", "x").value().find("is a list") !=
        std::string::npos);
  CHECK(apply_override(scenario, "calendar[0].end", "x"));
  CHECK(apply_override(scenario, "policies[0].params[0].value", "uniform { min: }"));
  CHECK(apply_override(scenario, "metrics[0].kind", "METRIC_PLASMA"));
  CHECK(apply_override(scenario, "calendar..end", "x"));
  CHECK(apply_override(scenario, "", "x"));
  CHECK(apply_override(scenario, "calendar.end.x", "x"));
  CHECK(scenario.SerializeAsString() == before);
}

TEST_CASE("Assignments split at the first equals sign", "[config][field_path]") {
  const auto split = reesim::config::split_assignment("a.b=c=d");
  REQUIRE(split);
  CHECK(split->first == "a.b");
  CHECK(split->second == "c=d");
  CHECK_FALSE(reesim::config::split_assignment("novalue"));
  CHECK_FALSE(reesim::config::split_assignment("=x"));
}

TEST_CASE("A swept number keeps every digit of a double", "[config][field_path][sweep]") {
  auto scenario = small_world();
  const double value = 0.1 + 0.2;  // 0.30000000000000004: needs 17 digits
  REQUIRE_FALSE(reesim::config::apply_number(
      scenario, "policies[cn_licensing].params[approval_probability].value", value));
  CHECK(scenario.policies(0).params(0).value().fixed() == value);
  REQUIRE_FALSE(reesim::config::apply_number(scenario, "venues[dy_global].freight[CN]", 1e-300));
  CHECK(scenario.venues(0).freight().at("CN") == 1e-300);
}

TEST_CASE("A swept number rounds to the nearest integer in an integer field",
          "[config][field_path][sweep]") {
  auto scenario = small_world();
  REQUIRE_FALSE(reesim::config::apply_number(scenario, "calendar.tick_days", 13.6));
  CHECK(scenario.calendar().tick_days() == 14);
  REQUIRE_FALSE(reesim::config::apply_number(scenario, "calendar.tick_days", 7.5));
  CHECK(scenario.calendar().tick_days() == 8);
}

TEST_CASE("A swept number is refused where no number fits", "[config][field_path][sweep]") {
  auto scenario = small_world();
  CHECK(reesim::config::apply_number(scenario, "calendar.colour", 1.0));
  CHECK(reesim::config::apply_number(scenario, "calendar.tick_days",
                                     std::numeric_limits<double>::infinity()));
  CHECK(scenario.calendar().tick_days() == 0);  // unchanged
}
