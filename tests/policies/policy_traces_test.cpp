// Policy traces in the outputs (docs/model.md §7.11): whether a policy is in force, tick by tick
// (POLICY_IN_FORCE), with its episodes counted, the first dated and their days summed by the
// RISES, FIRST_ABOVE and DAYS_ABOVE scalars; an export licensing policy's applications made,
// granted and denied; an export or production quota's units used.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tests/policies/world_runner.h"
#include "tests/policies/worlds.h"

using reesim::testing::WorldRunner;
namespace worlds = reesim::testing::worlds;

namespace {

// China licenses NdPr exports in two windows: weeks 9-21 and weeks 35-47 of 2024 (13 weeks each),
// granting an application with probability 0.4 after about three weeks.
constexpr std::string_view kTwoWindows = R"txt(
  policies {
    id: "cn_licensing" type: "export_licensing" enacted_by: "CN" origins: ["CN"]
    commodities: ["ndpr"]
    activation {
      windows { from: "2024-03-04" to: "2024-06-02" }
      windows { from: "2024-09-02" to: "2024-12-01" }
    }
    params { name: "approval_probability" value { fixed: 0.4 } }
    params { name: "delay_mean_days" value { fixed: 21 } }
    params { name: "delay_sd_days" value { fixed: 0 } }
  }
  metrics {
    id: "licensing_in_force" kind: METRIC_POLICY_IN_FORCE policy: "cn_licensing" series: true
    scalars { id: "licensing_episodes" kind: SCALAR_RISES threshold: 0.5 }
    scalars { id: "licensing_first_day" kind: SCALAR_FIRST_ABOVE threshold: 0.5 }
    scalars { id: "licensing_days" kind: SCALAR_DAYS_ABOVE threshold: 0.5 }
    scalars { id: "first_quarter_in_force" kind: SCALAR_FIRST_ABOVE threshold: 0.5 for_ticks: 13 }
    scalars { id: "first_14_weeks_in_force" kind: SCALAR_FIRST_ABOVE threshold: 0.5 for_ticks: 14 }
    scalars { id: "first_10_weeks_off" kind: SCALAR_FIRST_BELOW threshold: 0.5 for_ticks: 10 }
    scalars { id: "first_20_weeks_off" kind: SCALAR_FIRST_BELOW threshold: 0.5 for_ticks: 20 }
  }
  metrics {
    id: "applied" kind: METRIC_LICENCES_APPLIED policy: "cn_licensing" series: true
    scalars { id: "applied_total" kind: SCALAR_CUMULATIVE }
  }
  metrics {
    id: "granted" kind: METRIC_LICENCES_GRANTED policy: "cn_licensing" series: true
    scalars { id: "granted_total" kind: SCALAR_CUMULATIVE }
  }
  metrics {
    id: "denied" kind: METRIC_LICENCES_DENIED policy: "cn_licensing" series: true
    scalars { id: "denied_total" kind: SCALAR_CUMULATIVE }
  }
)txt";

// China caps NdPr exports at 100 t a year from March, paced evenly.
constexpr std::string_view kQuota = R"txt(
  policies {
    id: "cn_quota" type: "export_quota" enacted_by: "CN" origins: ["CN"] commodities: ["ndpr"]
    activation { date: "2024-03-04" }
    params { name: "quota_per_year" value { fixed: 100000 } }
  }
  metrics {
    id: "quota_used" kind: METRIC_QUOTA_USED policy: "cn_quota" series: true
    scalars { id: "quota_used_total" kind: SCALAR_CUMULATIVE }
  }
)txt";

}  // namespace

TEST_CASE("A policy's in-force series, episodes, first day and days in force",
          "[policies][traces]") {
  WorldRunner world({worlds::kOxideTrade, kTwoWindows});
  const std::vector<double>& in_force = world.series("licensing_in_force", 0);
  const int first = world.tick_of("2024-03-04");
  const int second = world.tick_of("2024-09-02");
  for (std::size_t t = 0; t < in_force.size(); ++t) {
    const auto tick = static_cast<int>(t);
    const bool inside =
        (tick >= first && tick < first + 13) || (tick >= second && tick < second + 13);
    INFO("tick " << tick);
    CHECK(in_force[t] == (inside ? 1.0 : 0.0));
  }
  CHECK(world.scalar("licensing_episodes", 0) == 2);
  CHECK(world.scalar("licensing_first_day", 0) == 63);  // 2024-03-04
  CHECK(world.scalar("licensing_days", 0) == 26 * 7);
  // Held for a number of ticks: each window lasts 13 weeks, so 13 in force are first met from
  // 2024-03-04 and 14 never; off for 10 weeks running first from 2024-06-03 (the 9 weeks before
  // the first window are too few), for 20 never.
  CHECK(world.scalar("first_quarter_in_force", 0) == 63);
  CHECK(std::isnan(world.scalar("first_14_weeks_in_force", 0)));
  CHECK(world.scalar("first_10_weeks_off", 0) == 154);
  CHECK(std::isnan(world.scalar("first_20_weeks_off", 0)));
}

TEST_CASE("Licences applied are decided, granted or denied, at the approval probability",
          "[policies][traces]") {
  // One application a tick for each destination (the US, Australia, India) while in force: 26
  // ticks, 78 applications. Each is decided three weeks on, at a tick when licensing is in force:
  // the first window's last three are decided when the second opens; the second window's last
  // three (nine applications) are still waiting at the end of the year.
  WorldRunner world({worlds::kOxideTrade, kTwoWindows});
  double granted = 0, denied = 0;
  const int trials = 20;
  for (int t = 0; t < trials; ++t) {
    CHECK(world.scalar("applied_total", t) == 78);
    const double g = world.scalar("granted_total", t);
    const double d = world.scalar("denied_total", t);
    CHECK(g + d == 78 - 9);
    granted += g;
    denied += d;
  }
  const double share = granted / (granted + denied);
  INFO("granted " << granted << ", denied " << denied);
  CHECK(std::abs(share - 0.4) < 0.05);
  // Nothing is applied for while licensing is not in force.
  const std::vector<double>& series = world.series("applied", 0);
  CHECK(series[static_cast<std::size_t>(world.tick_of("2024-07-01"))] == 0);
  CHECK(series[static_cast<std::size_t>(world.tick_of("2024-03-04"))] == 3);
}

TEST_CASE("An export quota's units used stay within it and stop without it", "[policies][traces]") {
  WorldRunner world({worlds::kOxideTrade, kQuota});
  const double used = world.scalar("quota_used_total", 0);
  INFO("quota used " << used);
  CHECK(used > 0);
  CHECK(used <= 100000 * 1.0001);  // within the year's 100 t (released from March)
  const std::vector<double>& series = world.series("quota_used", 0);
  for (int t = 0; t < world.tick_of("2024-03-04"); ++t)
    CHECK(series[static_cast<std::size_t>(t)] == 0);
}

namespace {

// The US tariffs Chinese NdPr from 4 March 2024 for a drawn 4 to 20 weeks.
constexpr std::string_view kDrawnDuration = R"txt(
  policies {
    id: "us_tariff" type: "tariff" enacted_by: "US" origins: ["CN"] destinations: ["US"]
    commodities: ["ndpr"]
    activation { date: "2024-03-04" duration_days { uniform { min: 28 max: 140 } } }
    params { name: "rate" value { fixed: 0.25 } }
  }
  metrics {
    id: "tariff_in_force" kind: METRIC_POLICY_IN_FORCE policy: "us_tariff"
    scalars { id: "tariff_episodes" kind: SCALAR_RISES threshold: 0.5 }
    scalars { id: "tariff_first_day" kind: SCALAR_FIRST_ABOVE threshold: 0.5 }
    scalars { id: "tariff_days" kind: SCALAR_DAYS_ABOVE threshold: 0.5 }
  }
)txt";

}  // namespace

TEST_CASE("A drawn duration is a per-trial parameter, and the days in force follow it",
          "[policies][traces]") {
  // trials.csv reports policies[ID].activation.duration_days beside the policy's traces: one
  // episode from 2024-03-04 (day 63), in force for the drawn days rounded to whole weeks.
  WorldRunner world({worlds::kOxideTrade, kDrawnDuration});
  double lowest = 1e9, highest = 0;
  for (std::uint64_t t = 0; t < 8; ++t) {
    INFO("trial " << t);
    const double days = world.parameter("policies[us_tariff].activation.duration_days", t);
    CHECK(days >= 28);
    CHECK(days <= 140);
    lowest = std::min(lowest, days);
    highest = std::max(highest, days);
    CHECK(world.scalar("tariff_episodes", t) == 1);
    CHECK(world.scalar("tariff_first_day", t) == 63);
    CHECK(world.scalar("tariff_days", t) == 7.0 * std::lround(days / 7.0));
  }
  CHECK(highest - lowest > 14);  // drawn per trial, not one value for all
}

TEST_CASE("A fixed duration is not a per-trial parameter", "[policies][traces]") {
  std::string fixed(kDrawnDuration);
  fixed.replace(fixed.find("uniform { min: 28 max: 140 }"),
                std::string_view("uniform { min: 28 max: 140 }").size(), "fixed: 70");
  WorldRunner world({worlds::kOxideTrade, fixed});
  for (const auto& p : world.world().sampled_parameters())
    CHECK(p.name.find("duration_days") == std::string::npos);
  CHECK(world.scalar("tariff_days", 0) == 70);
}

namespace {

// China caps its NdPr output at 1,300 t a year (half its capacity), enforced in full or by half.
constexpr std::string_view kOutputCap = R"txt(
  policies {
    id: "cn_cap" type: "production_quota" enacted_by: "CN" commodities: ["ndpr"]
    params { name: "units_per_year" value { fixed: 1300000 } }
  }
  metrics {
    id: "cap_used" kind: METRIC_QUOTA_USED policy: "cn_cap" series: true
    scalars { id: "cap_used_total" kind: SCALAR_CUMULATIVE }
  }
  metrics {
    id: "cn_made" kind: METRIC_OUTPUT nation: "CN" commodity: "ndpr"
    scalars { id: "cn_made_total" kind: SCALAR_CUMULATIVE }
  }
)txt";

}  // namespace

TEST_CASE("A production quota's units used are the output within its caps",
          "[policies][traces][production_quota]") {
  WorldRunner tight({worlds::kOxideTrade, kOutputCap});
  // The year's allowance on the weekly calendar (tick_days / 365 of it a tick).
  const double allowance = 1300000.0 * tight.world().ticks() * tight.world().tick_days() / 365.0;
  const std::vector<double>& used = tight.series("cap_used", 0);
  const std::vector<double>& output = tight.series("cn_output", 0);
  REQUIRE(used.size() == output.size());
  // Enforced in full, China's output (its separators are all reached) is all drawn from the quota.
  for (std::size_t t = 0; t < used.size(); ++t) {
    INFO("tick " << t);
    CHECK(used[t] == Approx(output[t]).epsilon(1e-9).margin(1e-6));
  }
  const double total = tight.scalar("cap_used_total", 0);
  CAPTURE(total, allowance);
  CHECK(total <= allowance * (1 + 1e-9));
  CHECK(total > 0.97 * allowance);
}

TEST_CASE("A production quota's units used leave out the excess a lax one lets through",
          "[policies][traces][production_quota]") {
  // The same cap enforced by half.
  std::string half(kOutputCap);
  const std::string_view cap = R"(params { name: "units_per_year" value { fixed: 1300000 } })";
  half.insert(half.find(cap) + cap.size(),
              R"( params { name: "enforcement" value { fixed: 0.5 } })");
  WorldRunner lax({worlds::kOxideTrade, half});
  const double allowance = 1300000.0 * lax.world().ticks() * lax.world().tick_days() / 365.0;
  const std::vector<double>& used = lax.series("cap_used", 0);
  const std::vector<double>& output = lax.series("cn_output", 0);
  for (std::size_t t = 0; t < used.size(); ++t) {
    INFO("tick " << t);
    CHECK(used[t] <= output[t] * (1 + 1e-9) + 1e-6);
  }
  const double total = lax.scalar("cap_used_total", 0);
  const double made = lax.scalar("cn_made_total", 0);
  CAPTURE(total, made, allowance);
  CHECK(total <= allowance * (1 + 1e-9));
  CHECK(total > 0.97 * allowance);
  CHECK(made > 1.1 * total);  // the excess produced anyway is not quota used
}
