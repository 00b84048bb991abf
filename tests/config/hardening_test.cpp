// Strings, ids and numbers: one rule for every field, whatever path set it (docs/limits.md).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "config/checks.h"
#include "config/input_file.h"
#include "config/loader.h"
#include "config/validate.h"

using namespace reesim::config;
using reesim::config::detail::id_problem;
using reesim::config::detail::text_problem;

namespace {

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

TEST_CASE("Well-formed UTF-8 is accepted, every ill-formed sequence refused", "[config][utf8]") {
  for (const char* good : {"", "plain", "caf\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
                           "\xED\x9F\xBF", "\xEE\x80\x80", "\xF4\x8F\xBF\xBF"}) {
    INFO(good);
    CHECK_FALSE(invalid_utf8_at(good));
  }
  const std::vector<std::pair<std::string, std::size_t>> bad = {
      {"\xED\xA0\x80", 0},      // UTF-16 surrogate U+D800
      {"a\xED\xBF\xBF", 1},     // surrogate U+DFFF
      {"\xF4\x90\x80\x80", 0},  // U+110000, above U+10FFFF
      {"\xF5\x80\x80\x80", 0},  // lead byte beyond any code point
      {"\xC0\xAF", 0},          // overlong '/'
      {"\xC1\xBF", 0},          // overlong
      {"\xE0\x80\xAF", 0},      // overlong, three bytes
      {"\xF0\x80\x80\xAF", 0},  // overlong, four bytes
      {"ab\x80", 2},            // stray continuation byte
      {"\xFF\xFE", 0},          // never in UTF-8
      {"\xE2\x82", 0},          // truncated
  };
  for (const auto& [text, offset] : bad) {
    INFO(text);
    REQUIRE(invalid_utf8_at(text));
    CHECK(*invalid_utf8_at(text) == offset);
  }
}

TEST_CASE("Ids are kept to a safe set of characters and a length", "[config][ids]") {
  for (const char* good : {"CN", "dy_oxide", "in-ev.2030", "_x", "9a"})
    CHECK(id_problem(good).empty());
  CHECK(id_problem("") == "must not be empty");
  CHECK_THAT(id_problem(std::string(65, 'a')), Catch::Contains("over the limit of 64"));
  CHECK_THAT(id_problem("a b"), Catch::StartsWith("holds byte 0x20 at position 2"));
  CHECK_THAT(id_problem(std::string("\0\xFF", 2)),
             Catch::StartsWith("holds byte 0x00 at position 1"));
  CHECK_THAT(id_problem("../etc"), Catch::StartsWith("holds '.' at position 1"));
  CHECK_THAT(id_problem("-x"), Catch::Contains("starts with a letter, a digit or '_'"));
  CHECK_THAT(id_problem("a/b"), Catch::StartsWith("holds '/' at position 2"));
  CHECK_THAT(id_problem("caf\xC3\xA9"), Catch::StartsWith("holds byte 0xC3 at position 4"));
}

TEST_CASE("Text in a field is UTF-8 without NUL or control characters", "[config][utf8]") {
  CHECK(text_problem("China\tmainland\nline two").empty());
  CHECK(text_problem("\xFF\xFE") == "is not valid UTF-8 (byte 0xFF at offset 0)");
  CHECK(text_problem(std::string("a\0b", 3)) ==
        "holds a control character (NUL, 0x00 at offset 1)");
  CHECK(text_problem("a\x1B") == "holds a control character (0x1B at offset 1)");
}

TEST_CASE("Every string of a scenario is checked, at its path", "[config][validate][utf8]") {
  auto scenario = tiny();
  scenario.mutable_nations(0)->set_name("\xED\xA0\x80");
  scenario.mutable_metrics(0)->mutable_scalars(0)->set_id(std::string("\0\xFF", 2));
  (*scenario.mutable_venues(0)->mutable_freight())["\xFF"] = 1;
  const auto lines = problems(scenario);
  const auto has = [&](const std::string& line) {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
  };
  CHECK(has("s: nations[0].name: is not valid UTF-8 (byte 0xED at offset 0)"));
  CHECK(has("s: metrics[0].scalars[0].id: is not valid UTF-8 (byte 0xFF at offset 1)"));
  CHECK(
      has("s: metrics[0].scalars[0].id: holds byte 0x00 at position 1; an id takes letters A-Z "
          "a-z, digits 0-9, '_', '-' and '.', and starts with a letter, a digit or '_'"));
  CHECK(has("s: venues[0].freight[0] (key): is not valid UTF-8 (byte 0xFF at offset 0)"));
}

TEST_CASE("Every number of a scenario is finite, whatever field holds it",
          "[config][validate][numbers]") {
  auto scenario = tiny();
  auto* per_year = scenario.mutable_agents(0)->mutable_capacities(0)->mutable_per_year();
  per_year->mutable_normal()->set_mean(std::nan(""));
  per_year->mutable_normal()->set_sd(1);
  scenario.mutable_commodities(0)->set_price_tick(INFINITY);
  (*scenario.mutable_venues(0)->mutable_freight())["CN"] = -INFINITY;
  const auto lines = problems(scenario);
  const auto has = [&](const std::string& line) {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
  };
  CHECK(has("s: agents[0].capacities[0].per_year.normal.mean: must be a finite number, got nan"));
  CHECK(has("s: commodities[0].price_tick: must be a finite number, got inf"));
  CHECK(has("s: venues[0].freight[CN]: must be a finite number, got -inf"));
  // Reported once, though two checks find it.
  CHECK(std::count(lines.begin(), lines.end(),
                   "s: commodities[0].price_tick: must be a finite number, got inf") == 1);
}

TEST_CASE("Sizes, prices and money stay below their physical bounds",
          "[config][validate][numbers]") {
  auto scenario = tiny();
  scenario.mutable_commodities(0)->set_quantity_lot(1e19);
  scenario.mutable_commodities(0)->set_reference_price(2e9);
  scenario.mutable_agents(0)->mutable_capacities(0)->mutable_per_year()->set_fixed(1e300);
  scenario.mutable_agents(0)->set_cash(1e16);
  const auto lines = problems(scenario);
  const auto has = [&](const std::string& line) {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
  };
  CHECK(has("s: commodities[0].quantity_lot: must be at most 1000000 units, got 1e+19"));
  CHECK(
      has("s: commodities[0].reference_price: must be at most 1000000000 USD per unit, got "
          "2000000000"));
  CHECK(
      has("s: agents[0].capacities[0].per_year: value 1e+300 is outside the valid range [0, "
          "1000000000000]"));
  CHECK(has("s: agents[0].cash: must be at most 1e+15 USD, got 1e+16"));

  auto fine = tiny();
  fine.mutable_commodities(0)->set_price_tick(1e-300);
  CHECK(problems(fine) ==
        std::vector<std::string>{"s: commodities[0].price_tick: is too fine for the reference "
                                 "price: reference_price / price_tick is more than 10^8 ticks"});
}

TEST_CASE("An experiment's sizes are bounded: trials, points x replicates",
          "[config][validate][sizes]") {
  reesim::Experiment experiment;
  experiment.set_trials(kMaxTrials);
  CHECK(size_problem(experiment).empty());
  experiment.set_trials(kMaxTrials + 1);
  CHECK(size_problem(experiment) == "trials: must be at most 100000000, got 100000001");
  experiment.set_trials(4);
  auto* sweep = experiment.mutable_sweep();
  sweep->set_design(reesim::DESIGN_GRID);
  auto* p = sweep->add_parameters();
  p->set_path("calendar.tick_days");
  p->add_values(7);
  p->add_values(14);
  sweep->set_replicates(500'000'000);
  CHECK(size_problem(experiment).empty());
  sweep->set_replicates(2147483647);
  CHECK(size_problem(experiment) ==
        "sweep.replicates: 2 points x 2147483647 replicates is more than the 1000000000 jobs a "
        "sweep may have");
}

TEST_CASE("A check's band with a NaN end is reported as not finite", "[config][validate]") {
  reesim::Experiment experiment;
  experiment.set_id("e");
  experiment.set_scenario("s");
  experiment.set_trials(2);
  auto* check = experiment.add_checks();
  check->set_scalar("peak");
  check->set_min(std::nan(""));
  check->set_max(1);
  Diagnostics diagnostics;
  CHECK_FALSE(validate_experiment(experiment, "e", nullptr, diagnostics));
  REQUIRE(diagnostics.items().size() == 1);
  CHECK(diagnostics.items()[0].to_string() == "e: checks[0].min: must be a finite number, got nan");
}
