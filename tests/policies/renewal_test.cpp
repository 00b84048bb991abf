// Recurring, windowed and scheduled activation (DESIGN §3, docs/model.md §7.2): a renewal
// process's mean number of episodes matches its expectation, and would not match with twice the
// hazard; windows switch a policy on and off by date; a dated parameter change takes effect on
// its day; per-trial activation probabilities are drawn and reported; and malformed renewals,
// windows and schedules are refused at their field.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/text_format.h>

#include "config/validate.h"
#include "core/model_params.h"
#include "policies/engine.h"
#include "sim/catalog.h"
#include "sim/trial.h"
#include "tests/policies/world_runner.h"
#include "tests/policies/worlds.h"
#include "world/world.h"

using reesim::policies::PolicyEngine;
using reesim::testing::kSeed;
using reesim::testing::WorldRunner;
namespace worlds = reesim::testing::worlds;
namespace world = reesim::world;

namespace {

reesim::ModelParams default_model() {
  return reesim::resolve_model_params({});
}

// A US tariff on Chinese oxide that recurs: each week while off it starts with probability
// HAZARD, and each episode lasts four weeks.
std::string recurring_tariff(double hazard, int max_count = 0) {
  return R"txt(
    policies {
      id: "us_tariff" type: "tariff" enacted_by: "US" origins: ["CN"] destinations: ["US"]
      activation { renewal { per_tick { fixed: )txt" +
         std::to_string(hazard) + R"txt( } duration_days { fixed: 28 } max_count: )txt" +
         std::to_string(max_count) + R"txt( } }
      params { name: "rate" value { fixed: 0.25 } }
    }
  )txt";
}

// The expected number of episodes of a renewal process over `ticks` ticks: hazard `h` per tick
// while off, episodes of `length` ticks, and the tick an episode ends spent off without a draw.
// E(t) = h (1 + E(t + length + 1)) + (1 − h) E(t + 1), E(t) = 0 from `ticks` on.
double expected_episodes(double h, int length, int ticks) {
  std::vector<double> e(static_cast<std::size_t>(ticks + length + 2), 0.0);
  for (int t = ticks - 1; t >= 0; --t)
    e[static_cast<std::size_t>(t)] = h * (1 + e[static_cast<std::size_t>(t + length + 1)]) +
                                     (1 - h) * e[static_cast<std::size_t>(t + 1)];
  return e[0];
}

struct Sample {
  double mean = 0;
  double se = 0;
};

// The policy's episodes per trial over `trials` trials, running only the policy engine.
Sample episodes(const world::World& w, std::uint64_t trials) {
  const std::vector<double> no_metrics(static_cast<std::size_t>(w.scenario().metrics_size()));
  const reesim::ModelParams model = default_model();
  double sum = 0;
  double squares = 0;
  for (std::uint64_t trial = 0; trial < trials; ++trial) {
    PolicyEngine engine(w, model, kSeed, trial);
    for (int t = 0; t < w.ticks(); ++t)
      engine.begin_tick(t, no_metrics);
    const double n = engine.episodes(world::PolicyIndex{0});
    sum += n;
    squares += n * n;
  }
  const auto count = static_cast<double>(trials);
  const double mean = sum / count;
  const double variance = (squares - count * mean * mean) / (count - 1);
  return {mean, std::sqrt(variance / count)};
}

// Validation messages of the scenario made of `parts`, or "" when it validates.
std::string problems(std::initializer_list<std::string_view> parts) {
  reesim::Scenario scenario;
  for (const std::string_view part : parts)
    REQUIRE(google::protobuf::TextFormat::MergeFromString(std::string(part), &scenario));
  reesim::config::Diagnostics diagnostics;
  if (reesim::config::validate_scenario(scenario, "test world", diagnostics)) return "";
  std::ostringstream text;
  diagnostics.print(text);
  return text.str();
}

}  // namespace

TEST_CASE("A renewal process's mean number of episodes matches its expectation",
          "[policies][activation][renewal]") {
  constexpr double kHazard = 0.05;
  constexpr std::uint64_t kTrials = 2000;
  const std::string policy = recurring_tariff(kHazard);
  WorldRunner runner({worlds::kOxideTrade, policy});
  const world::World& w = runner.world();
  const int length = static_cast<int>(std::lround(28.0 / w.tick_days()));
  const double expected = expected_episodes(kHazard, length, w.ticks());
  const Sample measured = episodes(w, kTrials);
  CAPTURE(w.ticks(), length, expected, measured.mean, measured.se);
  CHECK(std::abs(measured.mean - expected) < 4 * measured.se);

  // The same check fails for a process with twice the hazard: it is sharp enough to tell.
  const std::string doubled_policy = recurring_tariff(2 * kHazard);
  WorldRunner doubled_runner({worlds::kOxideTrade, doubled_policy});
  const Sample doubled = episodes(doubled_runner.world(), kTrials);
  CAPTURE(doubled.mean, doubled.se);
  CHECK(std::abs(doubled.mean - expected) > 4 * measured.se);
  // ...while it matches its own expectation.
  CHECK(std::abs(doubled.mean - expected_episodes(2 * kHazard, length, w.ticks())) <
        4 * doubled.se);
}

TEST_CASE("A renewal process stops after max_count episodes", "[policies][activation][renewal]") {
  const std::string policy = recurring_tariff(0.5, 2);
  WorldRunner runner({worlds::kOxideTrade, policy});
  const world::World& w = runner.world();
  const std::vector<double> no_metrics(static_cast<std::size_t>(w.scenario().metrics_size()));
  for (std::uint64_t trial = 0; trial < 20; ++trial) {
    PolicyEngine engine(w, default_model(), kSeed, trial);
    for (int t = 0; t < w.ticks(); ++t)
      engine.begin_tick(t, no_metrics);
    CHECK(engine.episodes(world::PolicyIndex{0}) == 2);
    CHECK_FALSE(engine.active(world::PolicyIndex{0}));
  }
}

TEST_CASE("A policy with windows is in force inside each window only",
          "[policies][activation][windows]") {
  constexpr std::string_view kWindows = R"txt(
    policies {
      id: "us_tariff" type: "tariff" enacted_by: "US" origins: ["CN"] destinations: ["US"]
      activation {
        windows { from: "2024-02-01" to: "2024-03-01" }
        windows { from: "2024-06-01" to: "2024-07-01" }
      }
      params { name: "rate" value { fixed: 0.25 } }
    }
  )txt";
  WorldRunner runner({worlds::kOxideTrade, kWindows});
  const world::World& w = runner.world();
  const std::vector<double> no_metrics(static_cast<std::size_t>(w.scenario().metrics_size()));
  PolicyEngine engine(w, default_model(), kSeed, 0);
  const int a = w.tick_of("2024-02-01", 0);
  const int b = w.tick_of("2024-03-01", 0);
  const int c = w.tick_of("2024-06-01", 0);
  const int d = w.tick_of("2024-07-01", 0);
  for (int t = 0; t < w.ticks(); ++t) {
    engine.begin_tick(t, no_metrics);
    INFO("tick " << t);
    CHECK(engine.active(world::PolicyIndex{0}) == ((t >= a && t < b) || (t >= c && t < d)));
  }
  CHECK(engine.episodes(world::PolicyIndex{0}) == 2);
}

TEST_CASE("A scheduled parameter change takes effect on its date",
          "[policies][activation][schedule]") {
  // The US tariff on India as one policy: 50 % from 27 August 2025, 18 % from 1 February 2026.
  constexpr std::string_view kCalendar = R"txt(
    calendar { start: "2025-06-01" end: "2026-06-30" }
  )txt";
  constexpr std::string_view kTariffOnIndia = R"txt(
    policies {
      id: "us_tariff_in" type: "tariff" enacted_by: "US" origins: ["IN"] destinations: ["US"]
      activation { date: "2025-08-27" }
      params { name: "rate" value { fixed: 0.5 } }
      param_schedule { name: "rate" date: "2026-02-01" value: 0.18 }
    }
  )txt";
  reesim::Scenario base = reesim::testing::scenario_of({worlds::kOxideTrade});
  REQUIRE(google::protobuf::TextFormat::MergeFromString(std::string(kTariffOnIndia), &base));
  base.clear_calendar();
  REQUIRE(google::protobuf::TextFormat::MergeFromString(std::string(kCalendar), &base));
  const world::World w(base, reesim::sim::catalog());
  const std::vector<double> no_metrics(static_cast<std::size_t>(w.scenario().metrics_size()));
  PolicyEngine engine(w, default_model(), kSeed, 0);
  const auto venue =
      reesim::market::VenueId{static_cast<std::uint16_t>(w.venue_index("ndpr_global")->value())};
  const auto india =
      reesim::market::NationId{static_cast<std::uint8_t>(w.nation_index("IN")->value())};
  const auto us =
      reesim::market::NationId{static_cast<std::uint8_t>(w.nation_index("US")->value())};
  const int on = w.tick_of("2025-08-27", 0);
  const int cut = w.tick_of("2026-02-01", 0);
  for (int t = 0; t < w.ticks(); ++t) {
    const bool changed = engine.begin_tick(t, no_metrics);
    INFO("tick " << t);
    const std::int32_t expected = t < on ? 0 : t < cut ? 5000 : 1800;
    CHECK(engine.terms(venue, india, us).tariff_bp == expected);
    if (t == on || t == cut) CHECK(changed);
  }
  // What the trial reports as sampled stays the drawn value; the value in force is the new one.
  CHECK(engine.param(world::PolicyIndex{0}, 0) == 0.5);
  CHECK(engine.current_param(world::PolicyIndex{0}, 0) == 0.18);
}

TEST_CASE("Per-trial activation probabilities are drawn and reported with the trial",
          "[policies][activation][renewal]") {
  constexpr std::string_view kUncertain = R"txt(
    policies {
      id: "us_tariff" type: "tariff" enacted_by: "US" origins: ["CN"] destinations: ["US"]
      activation {
        renewal {
          per_tick { uniform { min: 0.01 max: 0.2 } } duration_days { fixed: 28 }
          from_offset_days { uniform { min: 30 max: 150 } }
        }
      }
      params { name: "rate" value { fixed: 0.25 } }
    }
    policies {
      id: "us_ban" type: "export_ban" enacted_by: "US" origins: ["US"]
      activation { chance { per_tick_dist { uniform { min: 0.0 max: 0.1 } } } }
    }
  )txt";
  WorldRunner runner({worlds::kOxideTrade, kUncertain});
  const world::World& w = runner.world();
  std::vector<std::string> names;
  for (const world::SampledParameter& p : w.sampled_parameters())
    names.push_back(p.name);
  REQUIRE(names ==
          std::vector<std::string>{"policies[us_tariff].activation.renewal.per_tick",
                                   "policies[us_tariff].activation.renewal.from_offset_days",
                                   "policies[us_ban].activation.chance.per_tick_dist"});
  const reesim::sim::TrialOutput first = reesim::sim::run_trial(w, kSeed, 0);
  const reesim::sim::TrialOutput second = reesim::sim::run_trial(w, kSeed, 1);
  REQUIRE(first.parameters.size() == 3);
  for (std::size_t k = 0; k < 3; ++k)
    CHECK(first.parameters[k] != second.parameters[k]);
  CHECK(first.parameters[0] >= 0.01);
  CHECK(first.parameters[0] <= 0.2);
  CHECK(first.parameters[1] >= 30);
  CHECK(first.parameters[1] <= 150);
  CHECK(first.parameters[2] <= 0.1);
  // No episode starts before the drawn first day.
  const std::vector<double> no_metrics(static_cast<std::size_t>(w.scenario().metrics_size()));
  for (std::uint64_t trial = 0; trial < 20; ++trial) {
    PolicyEngine engine(w, default_model(), kSeed, trial);
    const double offset = engine.from_offset_days(world::PolicyIndex{0});
    const int from = static_cast<int>(std::lround(offset / w.tick_days()));
    for (int t = 0; t < w.ticks(); ++t) {
      engine.begin_tick(t, no_metrics);
      if (t < from) CHECK_FALSE(engine.active(world::PolicyIndex{0}));
    }
  }
  PolicyEngine engine(w, default_model(), kSeed, 0);
  CHECK(engine.per_tick(world::PolicyIndex{0}) == first.parameters[0]);
  CHECK(engine.from_offset_days(world::PolicyIndex{0}) == first.parameters[1]);
}

TEST_CASE("Malformed renewals, windows and schedules are refused at their field",
          "[policies][activation][validation]") {
  auto policy = [](std::string_view body) {
    return R"txt(policies { id: "p" type: "tariff" enacted_by: "US" )txt" + std::string(body) +
           " }";
  };
  SECTION("a renewal without its hazard or duration") {
    const std::string p = policy("activation { renewal { max_count: -1 } }");
    const std::string text = problems({worlds::kOxideTrade, p});
    CHECK_THAT(text, Catch::Contains("policies[0].activation.renewal.per_tick: is required"));
    CHECK_THAT(text, Catch::Contains("policies[0].activation.renewal.duration_days: is required"));
    CHECK_THAT(text,
               Catch::Contains("policies[0].activation.renewal.max_count: must be at least 0"));
  }
  SECTION("a renewal hazard above 1 and a second duration") {
    const std::string p = policy(
        "activation { renewal { per_tick { fixed: 1.5 } duration_days { fixed: 7 } } "
        "duration_days { fixed: 7 } }");
    const std::string text = problems({worlds::kOxideTrade, p});
    CHECK_THAT(text, Catch::Contains("policies[0].activation.renewal.per_tick"));
    CHECK_THAT(
        text, Catch::Contains("policies[0].activation.duration_days: is not allowed with renewal"));
  }
  SECTION("windows with a date, and a window that ends before it starts") {
    const std::string p = policy(
        R"(activation { date: "2024-01-01" windows { from: "2024-05-01" to: "2024-04-01" } })");
    const std::string text = problems({worlds::kOxideTrade, p});
    CHECK_THAT(text, Catch::Contains("policies[0].activation.windows: are not allowed"));
    CHECK_THAT(text,
               Catch::Contains("policies[0].activation.windows[0].to: must not be before from"));
  }
  SECTION("a schedule naming an unknown parameter, a bad date or a value out of range") {
    const std::string p = policy(
        R"(param_schedule { name: "rat" date: "2024-02-01" value: 0.1 }
           param_schedule { name: "rate" date: "2024-02-30x" value: 0.1 }
           param_schedule { name: "rate" date: "2024-02-01" value: -1 })");
    const std::string text = problems({worlds::kOxideTrade, p});
    CHECK_THAT(text, Catch::Contains("policies[0].param_schedule[0].name"));
    CHECK_THAT(text, Catch::Contains("policies[0].param_schedule[1].date"));
    CHECK_THAT(text, Catch::Contains("policies[0].param_schedule[2].value: must be in"));
  }
}
