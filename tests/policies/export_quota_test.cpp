// Export quotas as governments issue them: the year's quota released in dated batches, paced
// evenly or spent first come, allocated to origins by their exporters' capacity, leaking a share
// of the flow it blocks, carrying unused quota into the next year, and counted in REO-equivalent
// units across commodities.
#include <catch2/catch.hpp>

#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/text_format.h>

#include "config/validate.h"
#include "core/model_params.h"
#include "market/types.h"
#include "policies/engine.h"
#include "tests/policies/world_runner.h"
#include "tests/policies/worlds.h"

using reesim::policies::PolicyEngine;
using reesim::testing::kSeed;
using reesim::testing::WorldRunner;
namespace worlds = reesim::testing::worlds;
namespace market = reesim::market;

namespace {

constexpr std::uint64_t kTrials = 2;

// China's NdPr exports in each tick of trial `trial` from tick `from` up to (not including) `to`.
double exports_between(WorldRunner& runner, std::uint64_t trial, int from, int to) {
  const std::vector<double>& weekly = runner.series("cn_exports", trial);
  double sum = 0;
  for (int t = from; t < to; ++t)
    sum += weekly[static_cast<std::size_t>(t)];
  return sum;
}

std::string quota_policy(std::string_view params, std::string_view activation = "") {
  return std::string(R"txt(
    policies {
      id: "cn_quota" type: "export_quota" enacted_by: "CN"
      origins: ["CN"] commodities: ["ndpr"]
  )txt") +
         std::string(activation) + std::string(params) + "}";
}

}  // namespace

TEST_CASE("A paced export quota spends each month its share of the release schedule",
          "[policies][export_quota]") {
  // 200 t a year against uncapped exports of more than 300 t: the quota binds all year.
  constexpr double kQuota = 200000;
  const std::string policy = quota_policy(R"txt(
      params { name: "quota_per_year" value { fixed: 200000 } }
      params { name: "pacing" value { fixed: 1 } }
  )txt");
  WorldRunner open({worlds::kOxideTrade});
  WorldRunner paced({worlds::kOxideTrade, policy});
  const std::vector<reesim::Date>& dates = paced.world().tick_dates();
  const int ticks = static_cast<int>(dates.size());  // every tick of 2024

  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    INFO("trial " << trial);
    CHECK(exports_between(open, trial, 0, ticks) > 1.5 * kQuota);
    double year = 0;
    for (int month = 1; month <= 12; ++month) {
      int from = ticks;
      int to = 0;
      for (int t = 0; t < ticks; ++t) {
        if (dates[static_cast<std::size_t>(t)].month != month) continue;
        from = std::min(from, t);
        to = std::max(to, t + 1);
      }
      // One allowance per tick: the month's share of the schedule is its share of the ticks.
      // Nothing is exported on the world's first tick, so January falls about one allowance
      // short (0.81 of its share); the unused allowance raises the later ones by 2 %.
      const double share = kQuota * (to - from) / ticks;
      const double exports = exports_between(paced, trial, from, to);
      year += exports;
      INFO("month " << month);
      CAPTURE(share, exports);
      CHECK(exports >= 0.8 * share);
      CHECK(exports <= 1.2 * share);
    }
    CHECK(year <= kQuota);
    CHECK(year > 0.95 * kQuota);
  }
}

TEST_CASE("An export quota's batches release on their dates", "[policies][export_quota]") {
  // 40 t a year in two batches (1 January, 1 July), spent first come: each lasts a few weeks.
  constexpr double kBatch = 20000;
  const std::string policy = quota_policy(R"txt(
      params { name: "quota_per_year" value { fixed: 40000 } }
      params { name: "batches" value { fixed: 2 } }
  )txt");
  WorldRunner batched({worlds::kOxideTrade, policy});
  const int july = batched.tick_of("2024-07-01");
  const int june = batched.tick_of("2024-06-01");
  const int ticks = batched.world().ticks();

  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    INFO("trial " << trial);
    const double first_half = exports_between(batched, trial, 0, july);
    const double second_half = exports_between(batched, trial, july, ticks);
    const double june_exports = exports_between(batched, trial, june, july);
    const double early_july = exports_between(batched, trial, july, july + 2);
    CAPTURE(first_half, second_half, june_exports, early_july);
    CHECK(first_half <= kBatch);
    CHECK(first_half > 0.9 * kBatch);
    CHECK(second_half <= kBatch);
    CHECK(second_half > 0.9 * kBatch);
    CHECK(june_exports < 0.05 * kBatch);  // the first batch is spent long before July
    CHECK(early_july > 0.5 * kBatch);     // the second is released on 1 July
  }
}

TEST_CASE("A leaky export quota lets about its share of the blocked flow through",
          "[policies][export_quota]") {
  // From March no quota is left, so all of China's usual exports are blocked; 30 % leak.
  constexpr std::string_view kFromMarch = R"txt(activation { date: "2024-03-04" })txt";
  WorldRunner open({worlds::kOxideTrade});
  WorldRunner tight({worlds::kOxideTrade, quota_policy(R"txt(
      params { name: "quota_per_year" value { fixed: 0 } }
  )txt",
                                                       kFromMarch)});
  WorldRunner leaky({worlds::kOxideTrade, quota_policy(R"txt(
      params { name: "quota_per_year" value { fixed: 0 } }
      params { name: "leakage" value { fixed: 0.3 } }
  )txt",
                                                       kFromMarch)});
  // An export ban leaking the same share of the usual flow.
  constexpr std::string_view kLeakyBan = R"txt(
    policies {
      id: "cn_ban" type: "export_ban" enacted_by: "CN" origins: ["CN"] commodities: ["ndpr"]
      activation { date: "2024-03-04" }
      params { name: "leakage" value { fixed: 0.3 } }
    }
  )txt";
  WorldRunner banned({worlds::kOxideTrade, kLeakyBan});
  const int from = open.tick_of("2024-03-04");
  const int ticks = open.world().ticks();

  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    INFO("trial " << trial);
    const double usual = exports_between(open, trial, 0, from) / from * (ticks - from);
    const double none = exports_between(tight, trial, from, ticks);
    const double leaked = exports_between(leaky, trial, from, ticks);
    const double smuggled = exports_between(banned, trial, from, ticks);
    CAPTURE(usual, none, leaked, smuggled);
    CHECK(none == 0);
    CHECK(leaked > 0.2 * usual);
    CHECK(leaked < 0.4 * usual);
    CHECK(leaked > 0.9 * smuggled);
    CHECK(leaked < 1.1 * smuggled);
  }
}

TEST_CASE("An export quota carries the unused share into the next year",
          "[policies][export_quota]") {
  // 100 t a year from the last week of 2024: most of 2024's quota is unused.
  constexpr double kQuota = 100000;
  constexpr std::string_view kAcrossNewYear = R"txt(
    calendar { start: "2024-09-02" end: "2025-06-30" }
    metrics {
      id: "exports" kind: METRIC_FLOW commodity: "ndpr" origin: "CN"
      scalars { id: "exports_2024" kind: SCALAR_CUMULATIVE from: "2024-12-30" to: "2025-01-01" }
      scalars { id: "exports_2025" kind: SCALAR_CUMULATIVE from: "2025-01-01" }
    }
  )txt";
  constexpr std::string_view kLastWeek = R"txt(activation { date: "2024-12-30" })txt";
  WorldRunner lapsing({worlds::kOxideTrade, kAcrossNewYear,
                       quota_policy(R"txt(
      params { name: "quota_per_year" value { fixed: 100000 } }
  )txt",
                                    kLastWeek)});
  WorldRunner carrying({worlds::kOxideTrade, kAcrossNewYear,
                        quota_policy(R"txt(
      params { name: "quota_per_year" value { fixed: 100000 } }
      params { name: "carry_over" value { fixed: 0.5 } }
  )txt",
                                     kLastWeek)});

  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    INFO("trial " << trial);
    const double unused = kQuota - carrying.scalar("exports_2024", trial);
    const double lapsed = lapsing.scalar("exports_2025", trial);
    const double carried = carrying.scalar("exports_2025", trial);
    CAPTURE(unused, lapsed, carried);
    CHECK(unused > 0.5 * kQuota);
    CHECK(lapsed <= kQuota);
    CHECK(lapsed > 0.95 * kQuota);
    CHECK(carried <= kQuota + 0.5 * unused);
    CHECK(carried > 0.95 * (kQuota + 0.5 * unused));
  }
}

TEST_CASE("An REO-equivalent export quota counts each commodity by its content",
          "[policies][export_quota][engine]") {
  // 100 t of REO across NdPr oxide (content 1) and magnets (content 0.31), China to India.
  constexpr std::string_view kReoQuota = R"txt(
    policies {
      id: "cn_quota" type: "export_quota" enacted_by: "CN"
      origins: ["CN"] commodities: ["ndpr", "magnet"]
      params { name: "quota_per_year" value { fixed: 100000 } }
      params { name: "reo_equivalent" value { fixed: 1 } }
    }
  )txt";
  WorldRunner runner({worlds::kMagnetTrade, kReoQuota});
  const reesim::world::World& world = runner.world();
  PolicyEngine engine(world, reesim::resolve_model_params({}), kSeed, 0);
  engine.begin_tick(0,
                    std::vector<double>(static_cast<std::size_t>(world.scenario().metrics_size())));
  const market::VenueId oxide{
      static_cast<std::uint16_t>(reesim::world::at(*world.venue_index("ndpr_global")))};
  const market::VenueId magnets{
      static_cast<std::uint16_t>(reesim::world::at(*world.venue_index("magnet_global")))};
  const market::NationId cn{
      static_cast<std::uint8_t>(reesim::world::at(*world.nation_index("CN")))};
  const market::NationId in{
      static_cast<std::uint8_t>(reesim::world::at(*world.nation_index("IN")))};

  // Lots of 10 kg: 100 t of oxide, or 100 t / 0.31 of magnets.
  CHECK(engine.quota_left(oxide, cn, in).value() == 10000);
  CHECK(engine.quota_left(magnets, cn, in).value() == 32258);
  // 100 t of magnets use 31 t of the quota.
  engine.consume_quota(magnets, cn, in, market::Quantity{10000});
  CHECK(engine.quota_left(oxide, cn, in).value() == 6900);
  // 50 t of oxide use 50 t.
  engine.consume_quota(oxide, cn, in, market::Quantity{5000});
  CHECK(engine.quota_left(oxide, cn, in).value() == 1900);
  CHECK(engine.quota_left(magnets, cn, in).value() == 6129);
}

TEST_CASE("An allocated export quota gives each origin its exporters' capacity share",
          "[policies][export_quota][engine]") {
  // 312 t a year for China (2600 t of separation) and Australia (520 t): 260 t and 52 t.
  constexpr std::string_view kAllocated = R"txt(
    policies {
      id: "quota" type: "export_quota" enacted_by: "CN"
      origins: ["CN", "AU"] commodities: ["ndpr"]
      params { name: "quota_per_year" value { fixed: 312000 } }
      params { name: "allocation" value { fixed: 1 } }
    }
  )txt";
  WorldRunner runner({worlds::kOxideTrade, kAllocated});
  const reesim::world::World& world = runner.world();
  PolicyEngine engine(world, reesim::resolve_model_params({}), kSeed, 0);
  engine.begin_tick(0,
                    std::vector<double>(static_cast<std::size_t>(world.scenario().metrics_size())));
  const market::VenueId global{
      static_cast<std::uint16_t>(reesim::world::at(*world.venue_index("ndpr_global")))};
  const market::NationId cn{
      static_cast<std::uint8_t>(reesim::world::at(*world.nation_index("CN")))};
  const market::NationId au{
      static_cast<std::uint8_t>(reesim::world::at(*world.nation_index("AU")))};
  const market::NationId us{
      static_cast<std::uint8_t>(reesim::world::at(*world.nation_index("US")))};

  CHECK(engine.quota_left(global, cn, us).value() == 26000);
  CHECK(engine.quota_left(global, au, us).value() == 5200);
  // China's exports draw on China's pool only.
  engine.consume_quota(global, cn, us, market::Quantity{26000});
  CHECK(engine.quota_left(global, cn, us).value() == 0);
  CHECK(engine.quota_left(global, au, us).value() == 5200);
}

TEST_CASE("A paced export quota with dated releases spends each month its share of them",
          "[policies][export_quota]") {
  // 200 t a year in three releases of unequal shares and spacing, paced: while demand exceeds
  // the quota, each release is spent evenly over the ticks until the next.
  constexpr double kQuota = 200000;
  const std::string policy = quota_policy(R"txt(
      params { name: "quota_per_year" value { fixed: 200000 } }
      params { name: "pacing" value { fixed: 1 } }
      releases { day: "01-01" share: 0.4 }
      releases { day: "04-15" share: 0.2 }
      releases { day: "08-01" share: 0.4 }
  )txt");
  WorldRunner open({worlds::kOxideTrade});
  WorldRunner paced({worlds::kOxideTrade, policy});
  const std::vector<reesim::Date>& dates = paced.world().tick_dates();
  const int ticks = static_cast<int>(dates.size());
  // Each release from the first tick on or after its day; 1 August 2024 is a Thursday.
  const std::vector<int> starts = {0, paced.tick_of("2024-04-15"), paced.tick_of("2024-08-01"),
                                   ticks};
  const std::vector<double> shares = {0.4, 0.2, 0.4};
  REQUIRE(starts[2] == paced.tick_of("2024-08-05"));
  // The schedule's amount in each tick: a release's share over the ticks of its period.
  std::vector<double> schedule(static_cast<std::size_t>(ticks), 0.0);
  for (std::size_t k = 0; k < shares.size(); ++k)
    for (int t = starts[k]; t < starts[k + 1]; ++t)
      schedule[static_cast<std::size_t>(t)] = kQuota * shares[k] / (starts[k + 1] - starts[k]);

  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    INFO("trial " << trial);
    CHECK(exports_between(open, trial, 0, ticks) > 1.5 * kQuota);
    double year = 0;
    for (int month = 1; month <= 12; ++month) {
      int from = ticks;
      int to = 0;
      for (int t = 0; t < ticks; ++t) {
        if (dates[static_cast<std::size_t>(t)].month != month) continue;
        from = std::min(from, t);
        to = std::max(to, t + 1);
      }
      double share = 0;
      for (int t = from; t < to; ++t)
        share += schedule[static_cast<std::size_t>(t)];
      const double exports = exports_between(paced, trial, from, to);
      year += exports;
      INFO("month " << month);
      CAPTURE(share, exports);
      CHECK(exports >= 0.8 * share);
      CHECK(exports <= 1.2 * share);
    }
    CHECK(year <= kQuota);
    CHECK(year > 0.95 * kQuota);
  }
}

TEST_CASE("An export quota's dated releases come on their days with their shares",
          "[policies][export_quota]") {
  // 40 t a year, a quarter on 1 January and the rest on 15 June (a Saturday: the tick of
  // 17 June), spent first come: each release lasts a few weeks.
  constexpr double kQuota = 40000;
  const std::string policy = quota_policy(R"txt(
      params { name: "quota_per_year" value { fixed: 40000 } }
      releases { day: "06-15" share: 0.75 }
      releases { day: "01-01" share: 0.25 }
  )txt");
  WorldRunner released({worlds::kOxideTrade, policy});
  const int june = released.tick_of("2024-06-15");
  const int ticks = released.world().ticks();
  REQUIRE(june == released.tick_of("2024-06-17"));

  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    INFO("trial " << trial);
    const double before = exports_between(released, trial, 0, june);
    const double after = exports_between(released, trial, june, ticks);
    const double week_before = exports_between(released, trial, june - 1, june);
    const double fortnight = exports_between(released, trial, june, june + 2);
    CAPTURE(before, after, week_before, fortnight);
    CHECK(before <= 0.25 * kQuota);
    CHECK(before > 0.9 * 0.25 * kQuota);
    CHECK(after <= 0.75 * kQuota);
    CHECK(after > 0.9 * 0.75 * kQuota);
    CHECK(week_before == 0);          // the January release is long spent
    CHECK(fortnight > 0.2 * kQuota);  // the June release comes on its day
  }
}

TEST_CASE("An export quota with named holders gives each origin its holders' shares",
          "[policies][export_quota][engine]") {
  // 312 t a year held 30 % by China's separators and 70 % by Australia's (by capacity it would
  // be 260 t and 52 t).
  constexpr std::string_view kNamed = R"txt(
    policies {
      id: "quota" type: "export_quota" enacted_by: "CN"
      origins: ["CN", "AU"] commodities: ["ndpr"]
      params { name: "quota_per_year" value { fixed: 312000 } }
      shares { agent: "cn_separators" share: 0.3 }
      shares { agent: "au_separator" share: 0.7 }
    }
  )txt";
  WorldRunner runner({worlds::kOxideTrade, kNamed});
  const reesim::world::World& world = runner.world();
  PolicyEngine engine(world, reesim::resolve_model_params({}), kSeed, 0);
  engine.begin_tick(0,
                    std::vector<double>(static_cast<std::size_t>(world.scenario().metrics_size())));
  const market::VenueId global{
      static_cast<std::uint16_t>(reesim::world::at(*world.venue_index("ndpr_global")))};
  const market::NationId cn{
      static_cast<std::uint8_t>(reesim::world::at(*world.nation_index("CN")))};
  const market::NationId au{
      static_cast<std::uint8_t>(reesim::world::at(*world.nation_index("AU")))};
  const market::NationId us{
      static_cast<std::uint8_t>(reesim::world::at(*world.nation_index("US")))};

  // Lots of 10 kg: 93.6 t and 218.4 t.
  CHECK(engine.quota_left(global, cn, us).value() == 9360);
  CHECK(engine.quota_left(global, au, us).value() == 21840);
  engine.consume_quota(global, au, us, market::Quantity{21840});
  CHECK(engine.quota_left(global, au, us).value() == 0);
  CHECK(engine.quota_left(global, cn, us).value() == 9360);
}

TEST_CASE("Malformed quota releases and shares are refused at their field",
          "[policies][export_quota][validation]") {
  auto problems = [](std::string_view policy) {
    reesim::Scenario scenario;
    REQUIRE(
        google::protobuf::TextFormat::MergeFromString(std::string(worlds::kOxideTrade), &scenario));
    REQUIRE(google::protobuf::TextFormat::MergeFromString(std::string(policy), &scenario));
    reesim::config::Diagnostics diagnostics;
    if (reesim::config::validate_scenario(scenario, "test world", diagnostics))
      return std::string();
    std::ostringstream text;
    diagnostics.print(text);
    return text.str();
  };
  SECTION("well-formed releases and shares validate") {
    CHECK(problems(quota_policy(R"txt(
        releases { day: "01-01" share: 0.5 } releases { day: "07-15" share: 0.5 }
        shares { agent: "cn_separators" share: 1 })txt")) == "");
  }
  SECTION("a bad day, a day twice, a share out of range and shares not adding up to 1") {
    const std::string text = problems(quota_policy(R"txt(
        releases { day: "02-29" share: 0.5 }
        releases { day: "03-01" share: 0.5 }
        releases { day: "03-01" share: 1.5 })txt"));
    CHECK_THAT(text, Catch::Contains("policies[0].releases[0].day: must be a day of the year"));
    CHECK_THAT(text, Catch::Contains("policies[0].releases[2].day: \"03-01\" is released twice"));
    CHECK_THAT(text, Catch::Contains("policies[0].releases[2].share: must be in (0, 1]"));
    CHECK_THAT(text, Catch::Contains("policies[0].releases: shares must add up to 1"));
  }
  SECTION("an unknown holder, a holder twice, and shares on another type") {
    const std::string text = problems(quota_policy(R"txt(
        shares { agent: "cn_separator" share: 0.5 }
        shares { agent: "au_separator" share: 0.25 }
        shares { agent: "au_separator" share: 0.25 })txt"));
    CHECK_THAT(text, Catch::Contains("policies[0].shares[0].agent"));
    CHECK_THAT(text, Catch::Contains("policies[0].shares[2].agent: \"au_separator\" holds two"));
    const std::string tariff = problems(R"txt(
        policies { id: "t" type: "tariff" enacted_by: "US" releases { day: "01-01" share: 1 } })txt");
    CHECK_THAT(tariff, Catch::Contains("policies[0].releases: apply to export_quota and "
                                       "production_quota only"));
  }
}

namespace {

// A second, small Chinese separator beside kOxideTrade's: 26 t a year, half a tonne a week.
constexpr std::string_view kSmallSeparator = R"txt(
  agents {
    id: "cn_small" type: "separator" nation: "CN"
    capacities { commodity: "ndpr" per_year { fixed: 26000 } }
    venues: ["ndpr_cn", "ndpr_global"]
    params { name: "unit_cost" value { fixed: 30 } }
  }
)txt";

// The engine of `world` at its first tick, and the ids the checks below name.
struct FirstTick {
  explicit FirstTick(const reesim::world::World& w)
      : world(w), engine(w, reesim::resolve_model_params({}), kSeed, 0) {
    engine.begin_tick(0,
                      std::vector<double>(static_cast<std::size_t>(w.scenario().metrics_size())));
  }
  [[nodiscard]] market::NationId nation(std::string_view id) const {
    return market::NationId{
        static_cast<std::uint8_t>(reesim::world::at(*world.nation_index(std::string(id))))};
  }
  [[nodiscard]] market::AgentId agent(std::string_view id) const {
    for (const reesim::world::AgentIndex a : world.agents().indices())
      if (world.agents()[a].id == id)
        return market::AgentId{static_cast<std::uint32_t>(reesim::world::at(a))};
    FAIL("no agent " << id);
    return market::AgentId{0};
  }
  [[nodiscard]] market::VenueId venue(std::string_view id) const {
    return market::VenueId{
        static_cast<std::uint16_t>(reesim::world::at(*world.venue_index(std::string(id))))};
  }
  const reesim::world::World& world;
  PolicyEngine engine;
};

}  // namespace

TEST_CASE("An export quota allotted to firms keeps each firm's allotment apart",
          "[policies][export_quota][engine][per_firm]") {
  // 200 t a year in two batches, a quarter held by China's large separator and half by its small
  // one; the last quarter is allotted to no one.
  constexpr std::string_view kAllotted = R"txt(
    policies {
      id: "cn_quota" type: "export_quota" enacted_by: "CN" origins: ["CN"] commodities: ["ndpr"]
      params { name: "quota_per_year" value { fixed: 200000 } }
      params { name: "batches" value { fixed: 2 } }
      params { name: "per_firm" value { fixed: 1 } }
      shares { agent: "cn_separators" share: 0.25 }
      shares { agent: "cn_small" share: 0.5 }
    }
  )txt";
  WorldRunner runner({worlds::kOxideTrade, kSmallSeparator, kAllotted});
  FirstTick at(runner.world());
  const market::VenueId global = at.venue("ndpr_global");
  const market::NationId cn = at.nation("CN");
  const market::NationId us = at.nation("US");
  const market::NationId au = at.nation("AU");
  const market::AgentId large = at.agent("cn_separators");
  const market::AgentId small = at.agent("cn_small");
  PolicyEngine& engine = at.engine;

  // The pair's quota is each seller's own.
  CHECK(engine.terms(global, cn, us).quota_limited);
  CHECK(engine.terms(global, cn, us).quota_by_seller);
  CHECK_FALSE(engine.terms(global, au, us).quota_limited);
  // The January batch, 100 t: 25 t and 50 t, in lots of 10 kg; a firm without an allotment has
  // none, and together the holders have 75 t.
  CHECK(engine.seller_quota_left(global, cn, us, large).value() == 2500);
  CHECK(engine.seller_quota_left(global, cn, us, small).value() == 5000);
  CHECK(engine.seller_quota_left(global, cn, us, at.agent("cn_magnets")).value() == 0);
  CHECK(engine.quota_left(global, cn, us).value() == 7500);
  // The large firm spends its allotment: the small one's is untouched.
  engine.consume_seller_quota(global, cn, us, large, market::Quantity{2500});
  CHECK(engine.seller_quota_left(global, cn, us, large).value() == 0);
  CHECK(engine.seller_quota_left(global, cn, us, small).value() == 5000);
  CHECK(engine.quota_left(global, cn, us).value() == 5000);
  engine.consume_seller_quota(global, cn, us, small, market::Quantity{1000});
  CHECK(engine.seller_quota_left(global, cn, us, small).value() == 4000);
  // Sales at home draw on no quota.
  CHECK(engine.seller_quota_left(global, cn, cn, large).value() == market::kUnlimited.value());

  SECTION("the July batch adds each firm's share to what it has left") {
    const int july = runner.tick_of("2024-07-01");
    for (int t = 1; t <= july; ++t)
      engine.begin_tick(t, std::vector<double>(
                               static_cast<std::size_t>(runner.world().scenario().metrics_size())));
    CHECK(engine.seller_quota_left(global, cn, us, large).value() == 2500);
    CHECK(engine.seller_quota_left(global, cn, us, small).value() == 9000);
  }
}

TEST_CASE("An export quota allotted to firms by capacity follows their capacities",
          "[policies][export_quota][engine][per_firm]") {
  // 312 t a year for China's separators: 2600 t and 26 t of capacity, so 308.9 t and 3.09 t; the
  // Australian separator is not covered.
  constexpr std::string_view kByCapacity = R"txt(
    policies {
      id: "cn_quota" type: "export_quota" enacted_by: "CN" origins: ["CN"] commodities: ["ndpr"]
      params { name: "quota_per_year" value { fixed: 312000 } }
      params { name: "per_firm" value { fixed: 1 } }
    }
  )txt";
  WorldRunner runner({worlds::kOxideTrade, kSmallSeparator, kByCapacity});
  FirstTick at(runner.world());
  const market::VenueId global = at.venue("ndpr_global");
  const market::NationId cn = at.nation("CN");
  const market::NationId us = at.nation("US");
  const std::int64_t large =
      at.engine.seller_quota_left(global, cn, us, at.agent("cn_separators")).value();
  const std::int64_t small =
      at.engine.seller_quota_left(global, cn, us, at.agent("cn_small")).value();
  // 312 t × 2600 / 2626 = 308.911 t and 312 t × 26 / 2626 = 3.089 t, in whole lots of 10 kg
  // rounded down (the shares are fractions in binary, so a sum may fall a hair short of a lot).
  CHECK(large == 30891);
  CHECK(small == 308);
  const std::int64_t together = at.engine.quota_left(global, cn, us).value();
  CHECK(together >= 31199);
  CHECK(together <= 31200);
}

TEST_CASE("A firm that has used its allotment stops exporting while another still exports",
          "[policies][export_quota][per_firm]") {
  // 40 t a year from 1 January, spent first come, against far larger demand abroad. Pooled, the
  // large separator's cheap oxide uses it within weeks and nothing ships for the rest of the
  // year. Allotted half and half, the large one is held to its 20 t while the small one (26 t a
  // year of capacity) keeps exporting from its own 20 t.
  constexpr double kQuota = 40000;
  const std::string pooled = quota_policy(R"txt(
      params { name: "quota_per_year" value { fixed: 40000 } }
      shares { agent: "cn_separators" share: 0.5 }
      shares { agent: "cn_small" share: 0.5 }
  )txt");
  const std::string allotted = quota_policy(R"txt(
      params { name: "quota_per_year" value { fixed: 40000 } }
      params { name: "per_firm" value { fixed: 1 } }
      shares { agent: "cn_separators" share: 0.5 }
      shares { agent: "cn_small" share: 0.5 }
  )txt");
  WorldRunner pool({worlds::kOxideTrade, kSmallSeparator, pooled});
  WorldRunner firms({worlds::kOxideTrade, kSmallSeparator, allotted});
  const int weeks = 12;
  const int july = firms.tick_of("2024-07-01");
  const int ticks = firms.world().ticks();

  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    INFO("trial " << trial);
    const double pool_early = exports_between(pool, trial, 0, weeks);
    const double pool_late = exports_between(pool, trial, july, ticks);
    const double firms_early = exports_between(firms, trial, 0, weeks);
    const double firms_late = exports_between(firms, trial, july, ticks);
    const double firms_year = exports_between(firms, trial, 0, ticks);
    CAPTURE(pool_early, pool_late, firms_early, firms_late, firms_year);
    // Pooled: the whole quota goes in the first weeks.
    CHECK(pool_early > 0.95 * kQuota);
    CHECK(pool_late == 0);
    // Allotted: in the first weeks at most the large firm's half and what the small one can make
    // (half a tonne a week).
    CHECK(firms_early <= 0.5 * kQuota + weeks * 26000.0 / 52 + 1e-6);
    CHECK(firms_early > 0.5 * kQuota);
    // The small firm still exports in the second half, from its own allotment.
    CHECK(firms_late > 0.1 * 0.5 * kQuota);
    CHECK(firms_year <= kQuota * (1 + 1e-9));
  }
}

TEST_CASE("A leaky export quota allotted to firms leaks each firm's part of the blocked flow",
          "[policies][export_quota][per_firm]") {
  // From March no quota is left, so China's usual exports are blocked; 30 % leak. Allotted by
  // capacity, each separator leaks its allotment's share of China's blocked flow, which adds up
  // to what the pooled quota leaks.
  constexpr std::string_view kFromMarch = R"txt(activation { date: "2024-03-04" })txt";
  WorldRunner open({worlds::kOxideTrade, kSmallSeparator});
  WorldRunner pooled({worlds::kOxideTrade, kSmallSeparator,
                      quota_policy(R"txt(
      params { name: "quota_per_year" value { fixed: 0 } }
      params { name: "leakage" value { fixed: 0.3 } }
  )txt",
                                   kFromMarch)});
  WorldRunner firms({worlds::kOxideTrade, kSmallSeparator,
                     quota_policy(R"txt(
      params { name: "quota_per_year" value { fixed: 0 } }
      params { name: "leakage" value { fixed: 0.3 } }
      params { name: "per_firm" value { fixed: 1 } }
  )txt",
                                  kFromMarch)});
  WorldRunner tight({worlds::kOxideTrade, kSmallSeparator,
                     quota_policy(R"txt(
      params { name: "quota_per_year" value { fixed: 0 } }
      params { name: "per_firm" value { fixed: 1 } }
  )txt",
                                  kFromMarch)});
  const int from = open.tick_of("2024-03-04");
  const int ticks = open.world().ticks();

  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    INFO("trial " << trial);
    const double usual = exports_between(open, trial, 0, from) / from * (ticks - from);
    const double pool = exports_between(pooled, trial, from, ticks);
    const double leaked = exports_between(firms, trial, from, ticks);
    const double none = exports_between(tight, trial, from, ticks);
    CAPTURE(usual, pool, leaked, none);
    CHECK(none == 0);
    CHECK(leaked > 0.2 * usual);
    CHECK(leaked < 0.4 * usual);
    CHECK(leaked > 0.9 * pool);
    CHECK(leaked < 1.1 * pool);
  }
}
