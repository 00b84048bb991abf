// Policies that act on agents (DESIGN §3): stockpiles, production incentives, price floors and
// technology export bans. Each test runs the same trials of a small world with and without the
// policy and checks the direction of its effect.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tests/policies/world_runner.h"
#include "tests/policies/worlds.h"

using reesim::testing::window_mean;
using reesim::testing::WorldRunner;
namespace worlds = reesim::testing::worlds;

namespace {

constexpr std::uint64_t kTrials = 6;

// The first tick at which `series` exceeds its first value by 5 %, or its length.
int first_rise(const std::vector<double>& series) {
  for (std::size_t t = 0; t < series.size(); ++t)
    if (series[t] > 1.05 * series.front()) return static_cast<int>(t);
  return static_cast<int>(series.size());
}

}  // namespace

TEST_CASE("A stockpile release lowers the price spike of a supply shock", "[policies][stockpile]") {
  // China stops exporting from March to June; the US holds a reserve of 15 weeks of its demand,
  // released only while its stockpile policy is in force.
  constexpr double kReserve = 300000;
  constexpr std::string_view kPriceAndReserve = R"txt(
    metrics {
      id: "global_price" kind: METRIC_PRICE venue: "ndpr_global"
      scalars { id: "global_price_peak" kind: SCALAR_PEAK }
      scalars { id: "global_price_before" kind: SCALAR_MEAN to: "2024-03-04" }
    }
    metrics {
      id: "us_reserve_level" kind: METRIC_STOCKPILE commodity: "ndpr" nation: "US"
      scalars { id: "us_reserve_final" kind: SCALAR_FINAL }
    }
  )txt";
  constexpr std::string_view kStockpilePolicy = R"txt(
    policies { id: "us_reserve_policy" type: "stockpile" enacted_by: "US" commodities: ["ndpr"] }
  )txt";
  WorldRunner idle({worlds::kOxideTrade, worlds::kChinaShockAndUsReserve, kPriceAndReserve});
  WorldRunner released(
      {worlds::kOxideTrade, worlds::kChinaShockAndUsReserve, kPriceAndReserve, kStockpilePolicy});

  const double before = idle.mean_scalar("global_price_before", kTrials);
  const double spike_idle = idle.mean_scalar("global_price_peak", kTrials) - before;
  const double spike_released = released.mean_scalar("global_price_peak", kTrials) - before;
  CAPTURE(before, spike_idle, spike_released);
  CHECK(spike_idle > 0.1 * before);
  CHECK(spike_released < 0.67 * spike_idle);
  // The reserve was drawn on only where the policy enabled it.
  CHECK(idle.mean_scalar("us_reserve_final", kTrials) == kReserve);
  CHECK(released.mean_scalar("us_reserve_final", kTrials) < kReserve);
}

TEST_CASE("A larger state reserve that sells into a dear market lowers a shock's spike more",
          "[policies][stockpile]") {
  // China stops exporting from March to June. The US reserve releases only while NdPr is above
  // 1.2 x its reference price (never on a shortfall); 0, 100 and 300 t of stock.
  constexpr std::string_view kBan = R"txt(
    policies {
      id: "cn_export_ban" type: "export_ban" enacted_by: "CN"
      origins: ["CN"] commodities: ["ndpr"]
      activation { date: "2024-03-04" until: "2024-07-01" }
    }
    policies { id: "us_reserve_policy" type: "stockpile" enacted_by: "US" commodities: ["ndpr"] }
    metrics {
      id: "global_price" kind: METRIC_PRICE venue: "ndpr_global"
      scalars { id: "global_price_peak" kind: SCALAR_PEAK }
    }
    metrics {
      id: "us_reserve_level" kind: METRIC_STOCKPILE commodity: "ndpr" nation: "US"
      scalars { id: "us_reserve_final" kind: SCALAR_FINAL }
    }
  )txt";
  const auto reserve = [](std::string_view stock) {
    return std::string(R"txt(
      agents {
        id: "us_reserve" type: "stockpile" nation: "US" venues: ["ndpr_global"]
        params { name: "release_shortfall" value { fixed: 1 } }
        params { name: "release_above_ratio" value { fixed: 1.2 } }
        inventory { commodity: "ndpr" quantity { fixed: )txt") +
           std::string(stock) + " } }\n      }\n";
  };
  const std::string none = reserve("0");
  const std::string small = reserve("100000");
  const std::string large = reserve("300000");
  WorldRunner without({worlds::kOxideTrade, kBan, none});
  WorldRunner with_small({worlds::kOxideTrade, kBan, small});
  WorldRunner with_large({worlds::kOxideTrade, kBan, large});
  const double peak_none = without.mean_scalar("global_price_peak", kTrials);
  const double peak_small = with_small.mean_scalar("global_price_peak", kTrials);
  const double peak_large = with_large.mean_scalar("global_price_peak", kTrials);
  CAPTURE(peak_none, peak_small, peak_large);
  // Without a reserve the spike passes the release price (1.2 x 55); the reserve's sales take
  // a third or more off the peak's excess over the reference.
  CHECK(peak_none > 1.3 * 55);
  CHECK(peak_small < peak_none);
  CHECK(peak_large < peak_small);
  CHECK(peak_large - 55 < 0.67 * (peak_none - 55));
  // The larger reserve sold some of its stock.
  CHECK(with_large.mean_scalar("us_reserve_final", kTrials) < 300000);
}

namespace {}  // namespace

TEST_CASE("A production incentive raises domestic output only after the build time",
          "[policies][production_incentive]") {
  // From March (tick 9) India pays 5 USD/kg and awards 260 t/yr of new capacity, built in a
  // quarter of a year (13 weeks): the capacity produces from tick 22.
  constexpr std::string_view kIncentive = R"txt(
    policies {
      id: "in_pli" type: "production_incentive" enacted_by: "IN"
      agents: ["in_separator"] commodities: ["ndpr"]
      activation { date: "2024-03-04" }
      params { name: "per_unit_usd" value { fixed: 5 } }
      params { name: "max_units_per_year" value { fixed: 260000 } }
      params { name: "build_years" value { fixed: 0.25 } }
    }
  )txt";
  WorldRunner plain({worlds::kOxideTrade, worlds::kIndianSeparator});
  WorldRunner incentivised({worlds::kOxideTrade, worlds::kIndianSeparator, kIncentive});

  const int built = plain.tick_of("2024-03-04") + 13;
  const double award_per_week = 260000 * 7 / 365.0;
  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    INFO("trial " << trial);
    const auto& without = plain.series("in_output", trial);
    const auto& with = incentivised.series("in_output", trial);
    const int end = static_cast<int>(with.size());
    const double gain_before = window_mean(with, 0, built) - window_mean(without, 0, built);
    const double gain_after = window_mean(with, built, end) - window_mean(without, built, end);
    CAPTURE(gain_before, gain_after, award_per_week);
    CHECK(gain_before == Approx(0).margin(1e-9));
    CHECK(gain_after > 0.5 * award_per_week);
  }
}

TEST_CASE("A production incentive stops paying when its budget is spent",
          "[policies][production_incentive]") {
  // 5 USD/kg on about 4.5 t a week would cost about 1.2 M USD over the year; the budget is
  // 0.1 M USD.
  constexpr double kBudget = 100000;
  constexpr std::string_view kBudgetedIncentive = R"txt(
    policies {
      id: "in_pli" type: "production_incentive" enacted_by: "IN"
      agents: ["in_separator"] commodities: ["ndpr"]
      params { name: "per_unit_usd" value { fixed: 5 } }
      params { name: "budget_usd" value { fixed: 100000 } }
      params { name: "max_units_per_year" value { fixed: 0 } }
    }
    metrics {
      id: "in_spending" kind: METRIC_SPENDING nation: "IN"
      scalars { id: "in_spending_total" kind: SCALAR_CUMULATIVE }
    }
  )txt";
  WorldRunner incentivised({worlds::kOxideTrade, worlds::kIndianSeparator, kBudgetedIncentive});

  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    INFO("trial " << trial);
    const double spent = incentivised.scalar("in_spending_total", trial);
    CAPTURE(spent);
    CHECK(spent > 0);
    CHECK(spent <= 1.1 * kBudget);
  }
}

namespace {

// New Chinese lines at 20 USD/kg flood the market: the price falls below the cost of the US
// (45 USD/kg) and Australian (40 USD/kg) separators. The US guarantees its own 55 USD/kg. The
// US separator has no outages, so that only prices move its output.
constexpr std::string_view kCrash = R"txt(
  agents {
    id: "cn_new_lines" type: "separator" nation: "CN"
    capacities { commodity: "ndpr" per_year { fixed: 1300000 } }
    venues: ["ndpr_cn", "ndpr_global"]
    params { name: "unit_cost" value { fixed: 20 } }
  }
  agents {
    id: "us_separator" type: "separator" nation: "US"
    capacities { commodity: "ndpr" per_year { fixed: 260000 } }
    venues: ["ndpr_global"]
    params { name: "unit_cost" value { fixed: 45 } }
    params { name: "outage_probability_per_year" value { fixed: 0 } }
  }
  metrics { id: "us_output" kind: METRIC_OUTPUT nation: "US" commodity: "ndpr" series: true }
  metrics {
    id: "global_price" kind: METRIC_PRICE venue: "ndpr_global"
    scalars { id: "global_price_late" kind: SCALAR_MEAN from: "2024-06-03" }
  }
)txt";
constexpr std::string_view kFloor = R"txt(
  policies {
    id: "us_floor" type: "price_floor" enacted_by: "US"
    agents: ["us_separator"] commodities: ["ndpr"]
    params { name: "floor_price" value { fixed: 55 } }
  }
)txt";

}  // namespace

TEST_CASE("A price floor keeps a covered producer producing through a price crash",
          "[policies][price_floor]") {
  WorldRunner unprotected({worlds::kOxideTrade, kCrash});
  WorldRunner floored({worlds::kOxideTrade, kCrash, kFloor});

  const int june = unprotected.tick_of("2024-06-03");
  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    INFO("trial " << trial);
    CHECK(floored.scalar("global_price_late", trial) < 40);
    // Output from June as a share of output in the first four weeks.
    auto kept = [&](WorldRunner& runner, const char* metric) {
      const auto& output = runner.series(metric, trial);
      return window_mean(output, june, static_cast<int>(output.size())) / window_mean(output, 0, 4);
    };
    const double covered = kept(floored, "us_output");
    const double covered_without_floor = kept(unprotected, "us_output");
    const double uncovered = kept(floored, "au_output");
    CAPTURE(covered, covered_without_floor, uncovered);
    CHECK(covered > 0.85);
    CHECK(covered_without_floor < 0.7);
    CHECK(uncovered < 0.7);
  }
}

TEST_CASE("A price floor's volume cap leaves sales beyond it to the market",
          "[policies][price_floor]") {
  // The same floor, covering only 20 t a year: about four weeks of the US separator's output.
  constexpr std::string_view kCappedFloor = R"txt(
    policies {
      id: "us_floor" type: "price_floor" enacted_by: "US"
      agents: ["us_separator"] commodities: ["ndpr"]
      params { name: "floor_price" value { fixed: 55 } }
      params { name: "volume_cap_per_year" value { fixed: 20000 } }
    }
  )txt";
  constexpr std::string_view kSpending = R"txt(
    metrics {
      id: "us_spending" kind: METRIC_SPENDING nation: "US"
      scalars { id: "us_spending_total" kind: SCALAR_CUMULATIVE }
    }
  )txt";
  WorldRunner floored({worlds::kOxideTrade, kCrash, kFloor, kSpending});
  WorldRunner capped({worlds::kOxideTrade, kCrash, kCappedFloor, kSpending});

  const int june = floored.tick_of("2024-06-03");
  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    INFO("trial " << trial);
    auto kept = [&](WorldRunner& runner) {
      const auto& output = runner.series("us_output", trial);
      return window_mean(output, june, static_cast<int>(output.size())) / window_mean(output, 0, 4);
    };
    const double kept_floored = kept(floored);
    const double kept_capped = kept(capped);
    const double spent_floored = floored.scalar("us_spending_total", trial);
    const double spent_capped = capped.scalar("us_spending_total", trial);
    CAPTURE(kept_floored, kept_capped, spent_floored, spent_capped);
    CHECK(kept_floored > 0.85);
    CHECK(kept_capped < 0.7);
    // At most 55 USD/kg of top-up on each of the 20 t covered.
    CHECK(spent_capped > 0);
    CHECK(spent_capped <= 55.0 * 20000);
    CHECK(spent_capped < 0.5 * spent_floored);
  }
}

namespace {

// A US separator whose price is well above its cost (20 USD/kg against about 50) and whose
// producers expect demand to grow 30 %/yr: its builds take about 13 weeks (0.25 yr), more under a
// technology export ban, and it starts with one under way. Price-insensitive and outage-free, so
// output moves only with capacity.
constexpr std::string_view kInvestingUsSeparator = R"txt(
  calendar { end: "2025-06-30" }
  model { params { name: "expected_growth_prior" value { fixed: 0.3 } } }
  agents {
    id: "us_separator" type: "separator" nation: "US"
    capacities { commodity: "ndpr" per_year { fixed: 260000 } }
    venues: ["ndpr_global"]
    params { name: "unit_cost" value { fixed: 20 } }
    params { name: "build_years" value { fixed: 0.25 } }
    params { name: "supply_elasticity" value { fixed: 0 } }
    params { name: "outage_probability_per_year" value { fixed: 0 } }
  }
  metrics { id: "us_output" kind: METRIC_OUTPUT nation: "US" commodity: "ndpr" series: true }
)txt";
// China triples build times outside China.
constexpr std::string_view kChinaTechnologyBan = R"txt(
  policies {
    id: "cn_tech_ban" type: "technology_export_ban" enacted_by: "CN"
    params { name: "build_time_factor" value { fixed: 3 } }
  }
)txt";

}  // namespace

TEST_CASE("A technology export ban delays capacity built abroad",
          "[policies][technology_export_ban]") {
  WorldRunner open({worlds::kOxideTrade, kInvestingUsSeparator});
  WorldRunner banned({worlds::kOxideTrade, kInvestingUsSeparator, kChinaTechnologyBan});

  double delay = 0;
  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    const int horizon = static_cast<int>(open.series("us_output", trial).size());
    const int open_rise = first_rise(open.series("us_output", trial));
    const int banned_rise = first_rise(banned.series("us_output", trial));
    INFO("trial " << trial);
    CAPTURE(open_rise, banned_rise);
    CHECK(open_rise < horizon);
    CHECK(banned_rise > open_rise);
    delay += banned_rise - open_rise;
  }
  delay /= kTrials;
  CAPTURE(delay);
  CHECK(delay >= 13);  // at least one more nominal build time
}

TEST_CASE("A technology export ban delays an awarded build abroad whatever the policy order",
          "[policies][technology_export_ban]") {
  // The US awards its separator 260 t/yr built in 13 weeks from March; China's ban triples
  // build times abroad. The award is listed before the ban in one world, after it in the other.
  constexpr std::string_view kAwardedUsSeparator = R"txt(
    agents {
      id: "us_separator" type: "separator" nation: "US"
      capacities { commodity: "ndpr" per_year { fixed: 260000 } }
      venues: ["ndpr_global"]
      params { name: "unit_cost" value { fixed: 20 } }
      params { name: "invest_price_ratio" value { fixed: 20 } }
      params { name: "supply_elasticity" value { fixed: 0 } }
      params { name: "outage_probability_per_year" value { fixed: 0 } }
    }
    metrics { id: "us_output" kind: METRIC_OUTPUT nation: "US" commodity: "ndpr" series: true }
  )txt";
  constexpr std::string_view kUsAward = R"txt(
    policies {
      id: "us_award" type: "production_incentive" enacted_by: "US"
      agents: ["us_separator"] commodities: ["ndpr"]
      activation { date: "2024-03-04" }
      params { name: "max_units_per_year" value { fixed: 260000 } }
      params { name: "build_years" value { fixed: 0.25 } }
    }
  )txt";
  WorldRunner open({worlds::kOxideTrade, kAwardedUsSeparator, kUsAward});
  WorldRunner ban_first({worlds::kOxideTrade, kAwardedUsSeparator, kChinaTechnologyBan, kUsAward});
  WorldRunner award_first(
      {worlds::kOxideTrade, kAwardedUsSeparator, kUsAward, kChinaTechnologyBan});

  const int open_rise = first_rise(open.series("us_output", 0));
  const int rise_ban_first = first_rise(ban_first.series("us_output", 0));
  const int rise_award_first = first_rise(award_first.series("us_output", 0));
  CAPTURE(open_rise, rise_ban_first, rise_award_first);
  CHECK(rise_ban_first >= open_rise + 13);
  CHECK(rise_award_first >= open_rise + 13);
}
