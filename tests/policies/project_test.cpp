// Announced capacity projects (docs/model.md §7.4 `project`): the award is made once, at the
// announced date, on line after the drawn delay and ramped; a project that fails in a trial
// awards nothing; in a run its capacity raises the named agent's output after its date, and more
// of it lowers the price.
#include <catch2/catch.hpp>

#include <cstdint>
#include <numeric>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/model_params.h"
#include "policies/engine.h"
#include "tests/agents/agent_bench.h"
#include "tests/policies/world_runner.h"
#include "tests/policies/worlds.h"
#include "world/policy_view.h"

using reesim::policies::PolicyEngine;
using reesim::testing::kSeed;
using reesim::testing::scenario_of;
using reesim::testing::window_mean;
using reesim::testing::WorldRunner;
namespace world = reesim::world;
namespace worlds = reesim::testing::worlds;

namespace {

// India's separator is announced 100 t/yr more NdPr from 4 March 2024 (tick 9).
std::string project(double success, double delay_years, double ramp_years,
                    double capacity = 100000) {
  return R"txt(
    policies {
      id: "in_expansion" type: "project" enacted_by: "IN"
      agents: ["in_separator"] commodities: ["ndpr"]
      activation { date: "2024-03-04" }
      params { name: "capacity" value { fixed: )txt" +
         std::to_string(capacity) + R"txt( } }
      params { name: "success_probability" value { fixed: )txt" +
         std::to_string(success) + R"txt( } }
      params { name: "delay_years" value { fixed: )txt" +
         std::to_string(delay_years) + R"txt( } }
      params { name: "ramp_years" value { fixed: )txt" +
         std::to_string(ramp_years) + R"txt( } }
    }
  )txt";
}

// The awards the engine makes each tick of trial `trial`, by tick (all agents together).
std::vector<std::vector<world::Award>> awards_by_tick(const world::World& w, std::uint64_t trial,
                                                      int ticks) {
  PolicyEngine engine(w, reesim::resolve_model_params({}), kSeed, trial);
  world::PolicyView view(w.agents().size(), {});
  for (world::AgentEffects& row : view) {
    row.floor_usd.assign(w.commodities().size(), 0.0);
    row.incentive_usd.assign(w.commodities().size(), 0.0);
  }
  const std::vector<double> no_metrics(static_cast<std::size_t>(w.scenario().metrics_size()));
  std::vector<std::vector<world::Award>> out;
  for (int tick = 0; tick < ticks; ++tick) {
    engine.begin_tick(tick, no_metrics);
    engine.update_view(view, tick);
    std::vector<world::Award> all;
    for (const world::AgentEffects& row : view)
      all.insert(all.end(), row.awards.begin(), row.awards.end());
    out.push_back(all);
  }
  return out;
}

world::AgentIndex agent_index(const world::World& w, std::string_view id) {
  for (const world::AgentIndex a : w.agents().indices())
    if (w.agents()[a].id == id) return a;
  throw std::out_of_range("no agent");
}

}  // namespace

TEST_CASE("A project awards its capacity once, at its date, on line after its delay",
          "[policies][project]") {
  // Half a year (183 days) after 4 March 2024 is 3 September 2024, the first tick on or after it.
  const std::string text = project(1, 0.5, 0);
  WorldRunner runner({worlds::kOxideTrade, worlds::kIndianSeparator, text});
  const world::World& w = runner.world();
  const auto awards = awards_by_tick(w, 0, 20);
  const int start = runner.tick_of("2024-03-04");
  const int online =
      w.tick_of(reesim::Date::from_days(reesim::parse_iso_date("2024-03-04")->days() + 183));
  for (int tick = 0; tick < 20; ++tick) {
    INFO("tick " << tick);
    CHECK(awards[static_cast<std::size_t>(tick)].size() == (tick == start ? 1U : 0U));
  }
  const world::Award& a = awards[static_cast<std::size_t>(start)].at(0);
  CHECK(a.per_year == 100000);
  CHECK(a.ready == online);
  CHECK(a.ready > start + 20);
  // Only the named agent is awarded.
  PolicyEngine engine(w, reesim::resolve_model_params({}), kSeed, 0);
  world::PolicyView view(w.agents().size(), {});
  for (world::AgentEffects& row : view) {
    row.floor_usd.assign(w.commodities().size(), 0.0);
    row.incentive_usd.assign(w.commodities().size(), 0.0);
  }
  const std::vector<double> none(static_cast<std::size_t>(w.scenario().metrics_size()));
  for (int tick = 0; tick <= start; ++tick) {
    engine.begin_tick(tick, none);
    engine.update_view(view, tick);
  }
  for (const world::AgentIndex i : view.indices())
    CHECK(view[i].awards.size() == (i == agent_index(w, "in_separator") ? 1U : 0U));
}

TEST_CASE("A project that is never built awards nothing; one sure to be built always awards",
          "[policies][project]") {
  WorldRunner never({worlds::kOxideTrade, worlds::kIndianSeparator, project(0, 0, 0)});
  WorldRunner sure({worlds::kOxideTrade, worlds::kIndianSeparator, project(1, 0, 0)});
  for (std::uint64_t trial = 0; trial < 8; ++trial) {
    INFO("trial " << trial);
    std::size_t never_count = 0;
    std::size_t sure_count = 0;
    for (const auto& tick : awards_by_tick(never.world(), trial, 12))
      never_count += tick.size();
    for (const auto& tick : awards_by_tick(sure.world(), trial, 12))
      sure_count += tick.size();
    CHECK(never_count == 0);
    CHECK(sure_count == 1);
  }
}

TEST_CASE("A project's success is drawn once per trial, at its probability, the same on a rerun",
          "[policies][project]") {
  WorldRunner even({worlds::kOxideTrade, worlds::kIndianSeparator, project(0.5, 0, 0)});
  constexpr std::uint64_t kTrials = 200;
  int built = 0;
  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    const auto first = awards_by_tick(even.world(), trial, 10);
    const auto again = awards_by_tick(even.world(), trial, 10);
    CHECK(first[9].size() == again[9].size());
    built += first[9].empty() ? 0 : 1;
  }
  // Binomial(200, 0.5): within 5 standard deviations (about 35) of 100.
  CHECK(built > 65);
  CHECK(built < 135);
}

TEST_CASE("A project's ramp brings its capacity on line in equal weekly steps",
          "[policies][project]") {
  // A quarter of a year (91 days) is 13 weekly steps of 100,000 / 13 kg/yr, from the date on.
  WorldRunner runner({worlds::kOxideTrade, worlds::kIndianSeparator, project(1, 0, 0.25)});
  const auto awards = awards_by_tick(runner.world(), 0, 10);
  const auto& steps = awards[9];
  REQUIRE(steps.size() == 13);
  double total = 0;
  for (std::size_t k = 0; k < steps.size(); ++k) {
    CHECK(steps[k].per_year == Approx(100000.0 / 13));
    CHECK(steps[k].ready == 9 + static_cast<int>(k));
    total += steps[k].per_year;
  }
  CHECK(total == Approx(100000));
}

TEST_CASE("A built project raises the agent's output only after it is on line",
          "[policies][project]") {
  // On line 13 weeks after 4 March (tick 9): tick 22.
  WorldRunner plain({worlds::kOxideTrade, worlds::kIndianSeparator});
  WorldRunner built({worlds::kOxideTrade, worlds::kIndianSeparator, project(1, 0.25, 0, 260000)});
  const int online = built.tick_of("2024-06-03");
  const double per_week = 260000 * 7 / 365.0;
  for (std::uint64_t trial = 0; trial < 4; ++trial) {
    INFO("trial " << trial);
    const auto& without = plain.series("in_output", trial);
    const auto& with = built.series("in_output", trial);
    const int end = static_cast<int>(with.size());
    const double gain_before = window_mean(with, 0, online) - window_mean(without, 0, online);
    const double gain_after = window_mean(with, online, end) - window_mean(without, online, end);
    CAPTURE(gain_before, gain_after, per_week);
    CHECK(gain_before == Approx(0).margin(1e-9));
    CHECK(gain_after > 0.5 * per_week);
  }
}

TEST_CASE("More project capacity lowers the price and raises the agent's output",
          "[policies][project]") {
  constexpr std::string_view kLatePrice = R"txt(
    metrics {
      id: "global_price" kind: METRIC_PRICE venue: "ndpr_global"
      scalars { id: "price_late" kind: SCALAR_MEAN from: "2024-06-03" }
    }
    metrics {
      id: "in_output_late" kind: METRIC_OUTPUT nation: "IN" commodity: "ndpr"
      scalars { id: "in_output_late_mean" kind: SCALAR_MEAN from: "2024-06-03" }
    }
  )txt";
  const std::string small = project(1, 0, 0, 100000);
  const std::string large = project(1, 0, 0, 1000000);
  WorldRunner less({worlds::kOxideTrade, worlds::kIndianSeparator, small, kLatePrice});
  WorldRunner more({worlds::kOxideTrade, worlds::kIndianSeparator, large, kLatePrice});
  constexpr std::uint64_t kTrials = 4;
  const double price_less = less.mean_scalar("price_late", kTrials);
  const double price_more = more.mean_scalar("price_late", kTrials);
  CAPTURE(price_less, price_more);
  CHECK(price_more < price_less);
  CHECK(more.mean_scalar("in_output_late_mean", kTrials) >
        less.mean_scalar("in_output_late_mean", kTrials));
}

TEST_CASE("A nation with no producer gains one when a project fills a plant listed at zero",
          "[policies][project]") {
  // India lists a separator with no capacity; a project builds it 520 t/yr from March.
  constexpr std::string_view kNewcomer = R"txt(
    agents {
      id: "in_newcomer" type: "separator" nation: "IN"
      capacities { commodity: "ndpr" per_year { fixed: 0 } }
      venues: ["ndpr_global"]
      params { name: "unit_cost" value { fixed: 20 } }
      params { name: "outage_probability_per_year" value { fixed: 0 } }
    }
    policies {
      id: "in_plant" type: "project" enacted_by: "IN"
      agents: ["in_newcomer"] commodities: ["ndpr"]
      activation { date: "2024-03-04" }
      params { name: "capacity" value { fixed: 520000 } }
    }
    metrics { id: "in_output" kind: METRIC_OUTPUT nation: "IN" commodity: "ndpr" series: true }
    metrics { id: "in_exports" kind: METRIC_FLOW origin: "IN" commodity: "ndpr" series: true }
  )txt";
  WorldRunner runner({worlds::kOxideTrade, kNewcomer});
  const int start = runner.tick_of("2024-03-04");
  for (std::uint64_t trial = 0; trial < 3; ++trial) {
    INFO("trial " << trial);
    const auto& output = runner.series("in_output", trial);
    const auto& exports = runner.series("in_exports", trial);
    const int end = static_cast<int>(output.size());
    CHECK(window_mean(output, 0, start) == 0);
    CHECK(window_mean(output, start, end) > 0.5 * 520000 * 7 / 365.0);
    // It sells what it makes abroad, and nothing before.
    CHECK(window_mean(exports, 0, start) == 0);
    CHECK(window_mean(exports, start, end) > 0);
  }
}

TEST_CASE("A separator's project adds its oxides in the proportions of its feed",
          "[policies][project]") {
  // The bench separator's concentrate carries 0.2 NdPr and 0.01 Dy: 100 t/yr of NdPr comes with
  // 5 t/yr of Dy, so that the new capacity raises its throughput.
  constexpr std::string_view kSeparation = R"txt(
    policies {
      id: "cn_expansion" type: "project" enacted_by: "CN"
      agents: ["cn_separator"] commodities: ["ndpr", "dy"]
      params { name: "capacity" value { fixed: 100000 } }
    }
  )txt";
  WorldRunner runner({reesim::testing::bench::kBenchWorld, kSeparation});
  const world::World& w = runner.world();
  const auto awards = awards_by_tick(w, 0, 2);
  REQUIRE(awards[0].size() == 2);
  for (const world::Award& a : awards[0]) {
    const std::string& id = w.commodities()[a.commodity].id;
    INFO(id);
    CHECK(a.per_year == Approx(id == "ndpr" ? 100000 : 5000));
    CHECK(a.ready == 0);
  }
  CHECK(awards[1].empty());
}

TEST_CASE("A project naming a buyer awards it nothing", "[policies][project]") {
  // A magnet buyer's capacity is its demand: a project must not raise it.
  constexpr std::string_view kBuyerProject = R"txt(
    policies {
      id: "us_mistake" type: "project" enacted_by: "US"
      agents: ["us_magnets", "au_separator"] commodities: ["ndpr"]
      params { name: "capacity" value { fixed: 100000 } }
    }
  )txt";
  WorldRunner runner({worlds::kOxideTrade, kBuyerProject});
  const world::World& w = runner.world();
  PolicyEngine engine(w, reesim::resolve_model_params({}), kSeed, 0);
  world::PolicyView view(w.agents().size(), {});
  for (world::AgentEffects& row : view) {
    row.floor_usd.assign(w.commodities().size(), 0.0);
    row.incentive_usd.assign(w.commodities().size(), 0.0);
  }
  const std::vector<double> none(static_cast<std::size_t>(w.scenario().metrics_size()));
  engine.begin_tick(0, none);
  engine.update_view(view, 0);
  CHECK(view[agent_index(w, "us_magnets")].awards.empty());
  CHECK(view[agent_index(w, "au_separator")].awards.size() == 1);
}
