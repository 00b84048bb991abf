// Production quotas and export duties (DESIGN §3): a quota caps the enacting nation's output at
// about its annual figure, and lets the share of the excess that enforcement misses through; a
// duty raises the landed price of the nation's exports, and it and tariffs are public revenue
// of the nations that levy them.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "core/model_params.h"
#include "policies/engine.h"
#include "tests/policies/world_runner.h"
#include "tests/policies/worlds.h"
#include "tests/sim/habitats.h"

using reesim::policies::PolicyEngine;
using reesim::testing::kSeed;
using reesim::testing::WorldRunner;
namespace worlds = reesim::testing::worlds;

namespace {

constexpr std::uint64_t kTrials = 6;
constexpr double kQuota = 1300000;  // half of China's separation capacity in kOxideTrade

constexpr std::string_view kYearTotals = R"txt(
  metrics {
    id: "cn_made" kind: METRIC_OUTPUT nation: "CN" commodity: "ndpr"
    scalars { id: "cn_made_total" kind: SCALAR_CUMULATIVE }
  }
  metrics {
    id: "global" kind: METRIC_PRICE venue: "ndpr_global"
    scalars { id: "global_price_mean" kind: SCALAR_MEAN from: "2024-03-04" }
  }
)txt";

constexpr std::string_view kChinaQuota = R"txt(
  policies {
    id: "cn_quota" type: "production_quota" enacted_by: "CN" commodities: ["ndpr"]
    params { name: "units_per_year" value { fixed: 1300000 } }
  }
)txt";

constexpr std::string_view kLaxChinaQuota = R"txt(
  policies {
    id: "cn_quota" type: "production_quota" enacted_by: "CN" commodities: ["ndpr"]
    params { name: "units_per_year" value { fixed: 1300000 } }
    params { name: "enforcement" value { fixed: 0.5 } }
  }
)txt";

// What the year's allowance comes to on the world's weekly calendar (tick_days / 365 a tick).
double released(const WorldRunner& runner) {
  return kQuota * runner.world().ticks() * runner.world().tick_days() / 365.0;
}

}  // namespace

TEST_CASE("A production quota below capacity holds output to the quota and raises prices",
          "[policies][production_quota]") {
  WorldRunner open({worlds::kOxideTrade, kYearTotals});
  WorldRunner capped({worlds::kOxideTrade, kYearTotals, kChinaQuota});

  const double free_output = open.mean_scalar("cn_made_total", kTrials);
  const double output = capped.mean_scalar("cn_made_total", kTrials);
  const double free_price = open.mean_scalar("global_price_mean", kTrials);
  const double price = capped.mean_scalar("global_price_mean", kTrials);
  CAPTURE(free_output, output, free_price, price, released(capped));
  CHECK(free_output > 1.3 * kQuota);
  CHECK(std::abs(output / kQuota - 1.0) < 0.03);
  CHECK(output <= released(capped) * (1 + 1e-9));
  CHECK(price > 1.1 * free_price);
}

TEST_CASE("A production quota enforced by half lets about half the excess through",
          "[policies][production_quota]") {
  WorldRunner open({worlds::kOxideTrade, kYearTotals});
  WorldRunner tight({worlds::kOxideTrade, kYearTotals, kChinaQuota});
  WorldRunner lax({worlds::kOxideTrade, kYearTotals, kLaxChinaQuota});

  const double free_output = open.mean_scalar("cn_made_total", kTrials);
  const double tight_output = tight.mean_scalar("cn_made_total", kTrials);
  const double lax_output = lax.mean_scalar("cn_made_total", kTrials);
  CAPTURE(free_output, tight_output, lax_output);
  // The excess is what producers would make over the quota, at the prices the lax quota brings.
  const double leaked = (lax_output - tight_output) / (free_output - tight_output);
  CAPTURE(leaked);
  CHECK(lax_output > tight_output);
  CHECK(leaked > 0.35);
  CHECK(leaked < 0.75);
}

TEST_CASE("A production quota binds only the producers it reaches",
          "[policies][production_quota][engine]") {
  WorldRunner runner({worlds::kOxideTrade, kChinaQuota});
  const reesim::world::World& world = runner.world();
  PolicyEngine engine(world, reesim::resolve_model_params({}), kSeed, 0);
  reesim::world::PolicyView view(world.agents().size(), {});
  const std::vector<double> no_metrics(static_cast<std::size_t>(world.scenario().metrics_size()));
  const auto ndpr = reesim::world::CommodityIndex{0};
  for (const reesim::world::AgentIndex a : world.agents().indices()) {
    reesim::world::ByIndex<reesim::world::CommodityIndex, double> capacity(1, 0.0);
    if (world.agents()[a].type == "separator") capacity[ndpr] = 1000000;
    engine.set_capacity(a, capacity);
  }
  REQUIRE(engine.caps_output());
  engine.begin_tick(0, no_metrics);
  engine.update_view(view, 0);

  const double week = kQuota * world.tick_days() / 365.0;
  for (const reesim::world::AgentIndex a : view.indices()) {
    const reesim::world::AgentInfo& info = world.agents()[a];
    INFO("agent " << info.id);
    const bool chinese_separator = info.id == "cn_separators";
    if (chinese_separator)
      CHECK(view[a].output_cap[ndpr] == Approx(week));
    else
      CHECK(std::isinf(view[a].output_cap[ndpr]));
  }
}

TEST_CASE("A production quota's dated releases cap each period's output at its share",
          "[policies][production_quota]") {
  // Half the quota on 1 January and half on 1 July: output runs at capacity until a release is
  // used up, then stops until the next.
  constexpr std::string_view kReleases = R"txt(
    policies {
      id: "cn_quota" type: "production_quota" enacted_by: "CN" commodities: ["ndpr"]
      params { name: "units_per_year" value { fixed: 1300000 } }
      releases { day: "01-01" share: 0.5 }
      releases { day: "07-01" share: 0.5 }
    }
  )txt";
  WorldRunner runner({worlds::kOxideTrade, kReleases});
  const int july = runner.tick_of("2024-07-01");
  const int june = runner.tick_of("2024-06-03");
  const int ticks = runner.world().ticks();
  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    INFO("trial " << trial);
    const std::vector<double>& weekly = runner.series("cn_output", trial);
    const double first = reesim::testing::sum_between(weekly, 0, july);
    const double second = reesim::testing::sum_between(weekly, july, ticks);
    const double in_june = reesim::testing::sum_between(weekly, june, july);
    const double first_week = weekly[static_cast<std::size_t>(july)];
    CAPTURE(first, second, in_june, first_week);
    CHECK(first <= 0.5 * kQuota * (1 + 1e-9));
    CHECK(first > 0.97 * 0.5 * kQuota);
    CHECK(second <= 0.5 * kQuota * (1 + 1e-9));
    CHECK(second > 0.97 * 0.5 * kQuota);
    // The January release is used up before June; July's comes on its day, at capacity.
    CHECK(in_june < 0.01 * kQuota);
    CHECK(first_week > 0.5 * 2600000 * 7 / 365.0);  // half of capacity at least
  }
}

TEST_CASE("A production quota with named holders caps each holder at its share",
          "[policies][production_quota]") {
  // China's quota held 80 % by its separators and 20 % by Australia's: 1,040 t and 260 t a year,
  // both under their capacity (2,600 t and 520 t). By capacity the split would be 5 : 1.
  constexpr std::string_view kNamed = R"txt(
    policies {
      id: "cn_quota" type: "production_quota" enacted_by: "CN" commodities: ["ndpr"]
      agents: ["cn_separators", "au_separator"]
      params { name: "units_per_year" value { fixed: 1300000 } }
      shares { agent: "cn_separators" share: 0.8 }
      shares { agent: "au_separator" share: 0.2 }
    }
  )txt";
  WorldRunner runner({worlds::kOxideTrade, kNamed});
  const int ticks = runner.world().ticks();
  // What even release over the world's weekly calendar comes to (tick_days / 365 a tick).
  const double year = kQuota * ticks * runner.world().tick_days() / 365.0;
  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    INFO("trial " << trial);
    const double cn = reesim::testing::sum_between(runner.series("cn_output", trial), 0, ticks);
    const double au = reesim::testing::sum_between(runner.series("au_output", trial), 0, ticks);
    CAPTURE(cn, au, year);
    CHECK(cn <= 0.8 * year * (1 + 1e-9));
    CHECK(cn > 0.97 * 0.8 * year);
    CHECK(au <= 0.2 * year * (1 + 1e-9));
    CHECK(au > 0.97 * 0.2 * year);
  }
}

TEST_CASE("A pooled production quota caps the covered commodities together",
          "[policies][production_quota]") {
  // 200 t a year of NdPr and Dy oxide together, against 200 t of each apart: the separator's
  // 2024 output of the two (over 380 t of NdPr and 24 t of Dy capacity) adds up to the quota.
  constexpr std::string_view kOutputs = R"txt(
    metrics {
      id: "ndpr_made" kind: METRIC_OUTPUT nation: "CN" commodity: "ndpr"
      scalars { id: "ndpr_2024" kind: SCALAR_CUMULATIVE to: "2024-12-31" }
    }
    metrics {
      id: "dy_made" kind: METRIC_OUTPUT nation: "CN" commodity: "dy"
      scalars { id: "dy_2024" kind: SCALAR_CUMULATIVE to: "2024-12-31" }
    }
  )txt";
  auto quota = [](bool pooled) {
    return std::string(R"txt(
      policies {
        id: "cn_quota" type: "production_quota" enacted_by: "CN" commodities: ["ndpr", "dy"]
        params { name: "units_per_year" value { fixed: 200000 } }
      )txt") +
           (pooled ? R"txt(params { name: "pooled" value { fixed: 1 } })txt" : "") + "}";
  };
  // The chain world without its parameter markers ("@id@").
  const std::string chain =
      std::regex_replace(std::string(reesim::testing::habitats::kChain), std::regex("@\\w+@"), "");
  const std::string apart_text = quota(false);
  const std::string pooled_text = quota(true);
  WorldRunner apart({chain, kOutputs, apart_text});
  WorldRunner pooled({chain, kOutputs, pooled_text});
  int weeks = 0;  // weekly releases in 2024
  for (const reesim::Date& date : pooled.world().tick_dates())
    weeks += date.year == 2024 ? 1 : 0;
  const double year = 200000.0 * weeks * 7 / 365.0;
  for (std::uint64_t trial = 0; trial < 2; ++trial) {
    INFO("trial " << trial);
    const double ndpr_apart = apart.scalar("ndpr_2024", trial);
    const double dy_apart = apart.scalar("dy_2024", trial);
    const double ndpr = pooled.scalar("ndpr_2024", trial);
    const double dy = pooled.scalar("dy_2024", trial);
    CAPTURE(ndpr_apart, dy_apart, ndpr, dy, year);
    CHECK(ndpr_apart <= year * (1 + 1e-9));
    CHECK(ndpr_apart + dy_apart > 1.05 * year);  // apart, Dy comes on top
    CHECK(ndpr + dy <= year * (1 + 1e-9));
    CHECK(ndpr + dy > 0.95 * year);
    CHECK(dy < dy_apart);
  }
}

TEST_CASE("A separation quota in REO caps the REO separated, each oxide by its feed content",
          "[policies][production_quota]") {
  // The chain world's concentrate holds 0.4 NdPr and 0.025 Dy per unit of REO, so a kg of NdPr
  // oxide stands for 2.5 kg of REO separated and a kg of Dy for 40. 500 t of REO a year, with
  // the separator able to separate about twice that: counted in REO, its NdPr and its Dy each
  // come to the REO allowed (counted once, not once per oxide); counted in oxide units, the same
  // figure does not bind at all.
  constexpr std::string_view kOutputs = R"txt(
    metrics {
      id: "ndpr_made" kind: METRIC_OUTPUT nation: "CN" commodity: "ndpr"
      scalars { id: "ndpr_2024" kind: SCALAR_CUMULATIVE to: "2024-12-31" }
    }
    metrics {
      id: "dy_made" kind: METRIC_OUTPUT nation: "CN" commodity: "dy"
      scalars { id: "dy_2024" kind: SCALAR_CUMULATIVE to: "2024-12-31" }
    }
  )txt";
  auto quota = [](bool reo) {
    return std::string(R"txt(
      policies {
        id: "cn_separation_quota" type: "production_quota" enacted_by: "CN"
        commodities: ["ndpr", "dy", "tb"]
        params { name: "units_per_year" value { fixed: 500000 } }
        params { name: "pooled" value { fixed: 1 } }
      )txt") +
           (reo ? R"txt(params { name: "reo_equivalent" value { fixed: 1 } })txt" : "") + "}";
  };
  const std::string chain =
      std::regex_replace(std::string(reesim::testing::habitats::kChain), std::regex("@\\w+@"), "");
  const std::string units_text = quota(false);
  const std::string reo_text = quota(true);
  WorldRunner units({chain, kOutputs, units_text});
  WorldRunner reo({chain, kOutputs, reo_text});
  int weeks = 0;
  for (const reesim::Date& date : reo.world().tick_dates())
    weeks += date.year == 2024 ? 1 : 0;
  const double year = 500000.0 * weeks * 7 / 365.0;
  for (std::uint64_t trial = 0; trial < 2; ++trial) {
    INFO("trial " << trial);
    const double ndpr_reo = reo.scalar("ndpr_2024", trial) / 0.4;
    const double dy_reo = reo.scalar("dy_2024", trial) / 0.025;
    const double ndpr_units = units.scalar("ndpr_2024", trial) / 0.4;
    CAPTURE(ndpr_reo, dy_reo, ndpr_units, year);
    CHECK(ndpr_reo <= year * (1 + 1e-9));
    CHECK(ndpr_reo > 0.95 * year);
    CHECK(dy_reo == Approx(ndpr_reo).epsilon(1e-9));
    CHECK(ndpr_units > 1.3 * year);  // in oxide units the same figure leaves it free
  }
}

TEST_CASE("A production quota that grows each year releases more in the next",
          "[policies][production_quota]") {
  // 200 t of NdPr in 2024, 1.5 times that in 2025 (the chain world runs to June 2025); the
  // separator would make over 300 t a year, so both years bind.
  constexpr std::string_view kOutputs = R"txt(
    metrics {
      id: "ndpr_made" kind: METRIC_OUTPUT nation: "CN" commodity: "ndpr"
      scalars { id: "ndpr_2024" kind: SCALAR_CUMULATIVE to: "2024-12-31" }
      scalars { id: "ndpr_2025" kind: SCALAR_CUMULATIVE from: "2025-01-01" }
    }
  )txt";
  constexpr std::string_view kGrowing = R"txt(
    policies {
      id: "cn_quota" type: "production_quota" enacted_by: "CN" commodities: ["ndpr"]
      params { name: "units_per_year" value { fixed: 200000 } }
      params { name: "growth_per_year" value { fixed: 0.5 } }
    }
  )txt";
  const std::string chain =
      std::regex_replace(std::string(reesim::testing::habitats::kChain), std::regex("@\\w+@"), "");
  WorldRunner growing({chain, kOutputs, kGrowing});
  int weeks_2024 = 0, weeks_2025 = 0;
  for (const reesim::Date& date : growing.world().tick_dates()) {
    weeks_2024 += date.year == 2024 ? 1 : 0;
    weeks_2025 += date.year == 2025 ? 1 : 0;
  }
  const double first = 200000.0 * weeks_2024 * 7 / 365.0;
  const double second = 300000.0 * weeks_2025 * 7 / 365.0;
  for (std::uint64_t trial = 0; trial < 2; ++trial) {
    INFO("trial " << trial);
    const double made_2024 = growing.scalar("ndpr_2024", trial);
    const double made_2025 = growing.scalar("ndpr_2025", trial);
    CAPTURE(made_2024, made_2025, first, second);
    CHECK(made_2024 <= first * (1 + 1e-9));
    CHECK(made_2024 > 0.95 * first);
    CHECK(made_2025 <= second * (1 + 1e-9));
    CHECK(made_2025 > 0.95 * second);
  }
}

namespace {

constexpr std::string_view kChinaDuty = R"txt(
  policies {
    id: "cn_duty" type: "export_duty" enacted_by: "CN" commodities: ["ndpr"]
    params { name: "rate" value { fixed: 0.2 } }
  }
)txt";
constexpr std::string_view kUsTariff = R"txt(
  policies {
    id: "us_tariff" type: "tariff" enacted_by: "US"
    origins: ["CN"] destinations: ["US"] commodities: ["ndpr"]
    params { name: "rate" value { fixed: 0.1 } }
  }
)txt";
constexpr std::string_view kRevenue = R"txt(
  metrics { id: "cn_revenue" kind: METRIC_REVENUE nation: "CN" series: true }
  metrics { id: "us_revenue" kind: METRIC_REVENUE nation: "US" series: true }
  metrics { id: "cn_to_us" kind: METRIC_FLOW commodity: "ndpr" origin: "CN" nation: "US" series: true }
)txt";

// Σ over ticks of rate × units × the venue's VWAP: the value of the covered flow, taxed. The
// VWAP includes Australia's sales at their own prices, so it is near the value, not exact.
double levied(WorldRunner& runner, std::string_view flow, double rate, std::uint64_t trial) {
  const std::vector<double>& units = runner.series(flow, trial);
  const std::vector<double>& price = runner.series("price_global", trial);
  double sum = 0;
  for (std::size_t t = 0; t < units.size(); ++t)
    if (units[t] > 0) sum += rate * units[t] * price[t];
  return sum;
}

double total(const std::vector<double>& series) {
  double sum = 0;
  for (const double v : series)
    if (std::isfinite(v)) sum += v;
  return sum;
}

}  // namespace

TEST_CASE("An export duty adds to the landed price of the nation's exports only",
          "[policies][export_duty][engine]") {
  WorldRunner runner({worlds::kOxideTrade, kChinaDuty, kUsTariff});
  const reesim::world::World& world = runner.world();
  PolicyEngine engine(world, reesim::resolve_model_params({}), kSeed, 0);
  const std::vector<double> no_metrics(static_cast<std::size_t>(world.scenario().metrics_size()));
  engine.begin_tick(0, no_metrics);
  const auto cn = *world.nation_index("CN");
  const auto us = *world.nation_index("US");
  const auto au = *world.nation_index("AU");
  const reesim::market::VenueId global{1};
  auto bp = [&](reesim::world::NationIndex from, reesim::world::NationIndex to) {
    return engine
        .terms(global, reesim::market::NationId{static_cast<std::uint8_t>(from.value())},
               reesim::market::NationId{static_cast<std::uint8_t>(to.value())})
        .tariff_bp;
  };
  CHECK(bp(cn, us) == 3000);  // the duty and the US tariff
  CHECK(bp(cn, au) == 2000);  // the duty alone
  CHECK(bp(au, us) == 0);
  CHECK(bp(cn, cn) == 0);

  std::vector<reesim::policies::Levy> levies;
  engine.levies(reesim::world::VenueIndex{1}, cn, us, levies);
  REQUIRE(levies.size() == 2);
  CHECK(levies[0].nation == cn);
  CHECK(levies[0].rate == Approx(0.2));
  CHECK(levies[1].nation == us);
  CHECK(levies[1].rate == Approx(0.1));
}

TEST_CASE("An export duty's revenue is its rate times the value of the covered exports",
          "[policies][export_duty]") {
  WorldRunner dutied({worlds::kOxideTrade, kRevenue, kChinaDuty});
  for (std::uint64_t trial = 0; trial < 3; ++trial) {
    const double revenue = total(dutied.series("cn_revenue", trial));
    const double expected = levied(dutied, "cn_exports", 0.2, trial);
    CAPTURE(trial, revenue, expected);
    CHECK(expected > 0);
    CHECK(revenue == Approx(expected).epsilon(0.05));
    CHECK(total(dutied.series("us_revenue", trial)) == 0);
  }
}

TEST_CASE("Tariff revenue goes to the levying nation", "[policies][tariff]") {
  WorldRunner tariffed({worlds::kOxideTrade, kRevenue, kUsTariff});
  WorldRunner open({worlds::kOxideTrade, kRevenue});
  for (std::uint64_t trial = 0; trial < 3; ++trial) {
    const double revenue = total(tariffed.series("us_revenue", trial));
    const double expected = levied(tariffed, "cn_to_us", 0.1, trial);
    CAPTURE(trial, revenue, expected);
    CHECK(expected > 0);
    CHECK(revenue == Approx(expected).epsilon(0.05));
    CHECK(total(tariffed.series("cn_revenue", trial)) == 0);
    CHECK(total(open.series("us_revenue", trial)) == 0);
  }
}

TEST_CASE("Each levy's revenue is traced to its policy", "[policies][tariff][export_duty]") {
  // China's duty and the US tariff both tax China's exports to the US; the policy traces split
  // the revenue the two nations' totals hold.
  constexpr std::string_view kTraces = R"txt(
    metrics { id: "duty_revenue" kind: METRIC_REVENUE policy: "cn_duty" series: true }
    metrics { id: "tariff_revenue" kind: METRIC_REVENUE policy: "us_tariff" series: true }
  )txt";
  WorldRunner runner({worlds::kOxideTrade, kRevenue, kTraces, kChinaDuty, kUsTariff});
  for (std::uint64_t trial = 0; trial < 3; ++trial) {
    INFO("trial " << trial);
    const std::vector<double>& duty = runner.series("duty_revenue", trial);
    const std::vector<double>& tariff = runner.series("tariff_revenue", trial);
    const std::vector<double>& cn = runner.series("cn_revenue", trial);
    const std::vector<double>& us = runner.series("us_revenue", trial);
    CHECK(total(tariff) > 0);
    CHECK(total(duty) > total(tariff));  // the duty taxes all China's exports, at twice the rate
    for (std::size_t t = 0; t < duty.size(); ++t) {
      CAPTURE(t);
      CHECK(duty[t] == Approx(cn[t]).margin(1e-6));
      CHECK(tariff[t] == Approx(us[t]).margin(1e-6));
    }
  }
}
