// Large worlds (bench/scale_world.h, sim/trial.h TrialOptions): a world split into firms keeps
// its totals and its policies' reach, and a trial whose agents decide in parallel gives the
// output of the same trial run in turn, bit for bit, on any thread count.
#include <catch2/catch.hpp>

#include <tbb/task_arena.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "bench/scale_world.h"
#include "sim/catalog.h"
#include "sim/trial.h"
#include "tests/policies/world_runner.h"
#include "tests/sim/habitats.h"
#include "world/sampling.h"

using reesim::Scenario;
using reesim::bench::split_world;
namespace habitats = reesim::testing::habitats;

namespace {

// kChain with an Australian mine expansion announced for the mine, a quota share held by the
// Chinese separator and a price series on every venue.
constexpr std::string_view kNamedAgents = R"txt(
  policies {
    id: "au_expansion" type: "project" enacted_by: "AU" commodities: ["conc"]
    agents: ["au_miner"] activation { date: "2024-03-04" }
    params { name: "capacity" value { fixed: 300000 } }
  }
  policies {
    id: "cn_output_cap" type: "production_quota" enacted_by: "CN" commodities: ["ndpr"]
    params { name: "units_per_year" value { fixed: 1000000 } }
    shares { agent: "cn_separator" share: 1 }
  }
  metrics { id: "ndpr_price" kind: METRIC_PRICE venue: "ndpr_global" series: true }
  metrics { id: "magnet_price" kind: METRIC_PRICE venue: "magnet_global" series: true }
  metrics { id: "us_unmet" kind: METRIC_UNMET_DEMAND nation: "US" commodity: "magnet" series: true }
)txt";

// An export quota on China's NdPr, capital support for the magnet maker's builds, and series of
// US public spending and of the volumes on the Tb and seaborne NdPr venues.
constexpr std::string_view kQuotaAuctionSupport = R"txt(
  policies {
    id: "cn_ndpr_quota" type: "export_quota" enacted_by: "CN" origins: ["CN"]
    commodities: ["ndpr"] activation { date: "2024-02-05" }
    params { name: "quota_per_year" value { fixed: 200000 } }
  }
  policies {
    id: "us_support" type: "capital_support" enacted_by: "US" agents: ["us_maker"]
    activation { date: "2024-01-01" }
  }
  metrics { id: "us_spending" kind: METRIC_SPENDING nation: "US" series: true }
  metrics { id: "tb_volume" kind: METRIC_VOLUME venue: "tb_global" series: true }
  metrics { id: "ndpr_volume" kind: METRIC_VOLUME venue: "ndpr_global" series: true }
)txt";

// kChain with kNamedAgents and `extra`.
Scenario chain(std::string_view extra = {}) {
  std::string text;
  for (const std::string_view part : {habitats::kChain, kNamedAgents, extra})
    text += part;
  // The habitats' parameter markers, unused here.
  for (std::size_t at = text.find('@'); at != std::string::npos; at = text.find('@'))
    text.erase(at, text.find('@', at + 1) - at + 1);
  return reesim::testing::scenario_of({text});
}

// Capacity per year of each commodity over all agents, at the distributions' fixed values.
std::map<std::string, double> capacities(const Scenario& s) {
  std::map<std::string, double> total;
  for (const reesim::Agent& a : s.agents())
    for (const reesim::Capacity& c : a.capacities())
      total[c.commodity()] += c.per_year().fixed();
  return total;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  // (memcmp is not given the null data() of an empty vector.)
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

bool same_output(const reesim::sim::TrialOutput& a, const reesim::sim::TrialOutput& b) {
  if (!same_bits(a.scalars, b.scalars) || !same_bits(a.parameters, b.parameters) ||
      a.series.size() != b.series.size() || a.orders != b.orders)
    return false;
  for (std::size_t k = 0; k < a.series.size(); ++k)
    if (!same_bits(a.series[k], b.series[k])) return false;
  return true;
}

}  // namespace

TEST_CASE("A world split into firms keeps its totals and its policies' reach", "[sim][large]") {
  const Scenario base = chain();
  const std::vector<int> ten(static_cast<std::size_t>(base.agents_size()), 10);
  const Scenario split = split_world(base, ten, 7);
  // Every agent of this world splits (it has no government, stockpile agency or liquidity
  // provider).
  CHECK(reesim::bench::splittable_agents(base) == base.agents_size());
  REQUIRE(split.agents_size() == 10 * base.agents_size());
  CHECK(split.agents(0).id() == "au_miner_f1");
  CHECK(split.agents(9).id() == "au_miner_f10");
  for (const auto& [commodity, units] : capacities(base))
    CHECK(capacities(split)[commodity] == Approx(units).epsilon(1e-12));
  // Firms differ in size, by at most three times.
  double least = 1e300;
  double most = 0;
  for (int k = 0; k < 10; ++k) {
    const double units = split.agents(k).capacities(0).per_year().fixed();
    least = std::min(least, units);
    most = std::max(most, units);
  }
  CHECK(most > least);
  CHECK(most <= 3 * least);
  // The project becomes one per firm, the first keeping its id, with the capacity shared out;
  // the quota share is divided among the separator's firms.
  double project_capacity = 0;
  int projects = 0;
  for (const reesim::Policy& p : split.policies()) {
    if (p.type() == "project") {
      ++projects;
      REQUIRE(p.agents_size() == 1);
      CHECK(p.agents(0).rfind("au_miner_f", 0) == 0);
      project_capacity += p.params(0).value().fixed();
    }
    if (p.type() == "production_quota") {
      REQUIRE(p.shares_size() == 10);
      double held = 0;
      for (const reesim::QuotaShare& s : p.shares())
        held += s.share();
      CHECK(held == Approx(1.0));
    }
  }
  CHECK(projects == 10);
  CHECK(project_capacity == Approx(300000));
  CHECK(split.policies(0).id() == "au_expansion");
  // The split world validates and runs.
  reesim::config::Diagnostics diagnostics;
  CHECK(reesim::config::validate_scenario(split, "split", diagnostics));
}

TEST_CASE("Firms are given in proportion to an agent's size, each trading enough lots",
          "[sim][large]") {
  // kChain's agents a thousand times larger, so that each may split into many firms.
  Scenario base = chain();
  for (reesim::Agent& a : *base.mutable_agents())
    for (reesim::Capacity& c : *a.mutable_capacities())
      c.mutable_per_year()->set_fixed(1000 * c.per_year().fixed());
  const std::vector<int> firms = reesim::bench::firm_counts(base, 200);
  REQUIRE(firms.size() == static_cast<std::size_t>(base.agents_size()));
  int total = 0;
  for (const int f : firms)
    total += f;
  CHECK(total >= 200);
  CHECK(total <= 200 + base.agents_size());  // rounding adds at most one per agent
  // Agent order in kChain: au_miner (1,100 kt of concentrate at 8 USD/kg: 8.8 G USD a year),
  // cn_separator (about 33 G USD of oxides), ..., in_psu (30 kt of NdPr: 1.65 G USD).
  CHECK(firms[1] > firms[0]);
  CHECK(firms[0] > firms[5]);
  for (int i = 0; i < base.agents_size(); ++i) {
    const reesim::Capacity& first = base.agents(i).capacities(0);
    const double weekly_lots = first.per_year().fixed() / 52.0;  // 1 kg lots
    INFO(base.agents(i).id() << ": " << firms[static_cast<std::size_t>(i)] << " firms");
    CHECK(firms[static_cast<std::size_t>(i)] >= 1);
    CHECK(weekly_lots / firms[static_cast<std::size_t>(i)] >= reesim::bench::kMinLotsPerWeek);
  }
  // A world asked far beyond its caps stops at them (a firm trades 1,000 lots a week at least).
  const std::vector<int> capped = reesim::bench::firm_counts(base, 100000000);
  for (int i = 0; i < base.agents_size(); ++i)
    CHECK(base.agents(i).capacities(0).per_year().fixed() / 52.0 /
              capped[static_cast<std::size_t>(i)] >=
          reesim::bench::kMinLotsPerWeek);
}

TEST_CASE("Agents deciding in parallel give the sequential trial bit for bit",
          "[sim][large][determinism]") {
  // 700 firms: above kParallelAgents.
  const Scenario base = chain();
  const Scenario split =
      split_world(base, std::vector<int>(static_cast<std::size_t>(base.agents_size()), 100), 3);
  const reesim::world::World world(split, reesim::sim::catalog());
  REQUIRE(world.agents().size() == 700);
  REQUIRE(world.agents().size() >= reesim::sim::kParallelAgents);
  auto run = [&](int threads, const reesim::sim::TrialOptions& options) {
    reesim::sim::TrialOutput out;
    tbb::task_arena arena(threads);
    arena.execute([&] { out = reesim::sim::run_trial(world, 11, 2, options); });
    return out;
  };
  // One after another, orders entering in turn; then entering venue by venue; then in parallel.
  const reesim::sim::TrialOutput in_turn = run(1, {.parallel_agents = 0, .by_venue_agents = 0});
  REQUIRE(in_turn.orders > 0);
  CHECK(same_output(in_turn, run(1, {.parallel_agents = 0})));
  CHECK(same_output(in_turn, run(1, {.parallel_agents = 1})));
  CHECK(same_output(in_turn, run(2, {.parallel_agents = 1})));
  CHECK(same_output(in_turn, run(2, {})));
  // And the check can fail: another trial differs.
  reesim::sim::TrialOutput other;
  other = reesim::sim::run_trial(world, 11, 3);
  CHECK_FALSE(same_output(in_turn, other));
}

TEST_CASE("Books matched in parallel, some reading quotas, give the sequential trial bit for bit",
          "[sim][large][determinism]") {
  // The chain with call auctions for Dy and Tb, an export quota on China's NdPr (its books read
  // quotas, so their orders enter at their turn while the other books match on their own), and
  // capital support for the magnet maker's builds (paid in agent order, before it decides).
  Scenario base = chain(kQuotaAuctionSupport);
  for (reesim::Venue& v : *base.mutable_venues())
    if (v.id() == "dy_global" || v.id() == "tb_global")
      v.set_matching(reesim::MATCHING_CALL_AUCTION);
  const Scenario split =
      split_world(base, std::vector<int>(static_cast<std::size_t>(base.agents_size()), 100), 5);
  const reesim::world::World world(split, reesim::sim::catalog());
  REQUIRE(world.agents().size() >= reesim::sim::kParallelAgents);
  auto run = [&](int threads, const reesim::sim::TrialOptions& options) {
    reesim::sim::TrialOutput out;
    tbb::task_arena arena(threads);
    arena.execute([&] { out = reesim::sim::run_trial(world, 17, 1, options); });
    return out;
  };
  const reesim::sim::TrialOutput in_turn = run(1, {.parallel_agents = 0, .by_venue_agents = 0});
  // The world does what the test is for: the auction and the quota-limited venue trade, and the
  // support is paid.
  const std::vector<std::string> names = reesim::sim::series_names(world);
  auto total = [&](const std::string& id) {
    const auto at =
        static_cast<std::size_t>(std::find(names.begin(), names.end(), id) - names.begin());
    REQUIRE(at < in_turn.series.size());
    double sum = 0;
    for (const double x : in_turn.series[at])
      sum += x;
    return sum;
  };
  CHECK(total("tb_volume") > 0);
  CHECK(total("ndpr_volume") > 0);
  CHECK(total("us_spending") > 0);
  CHECK(same_output(in_turn, run(1, {.parallel_agents = 0})));
  CHECK(same_output(in_turn, run(1, {.parallel_agents = 1})));
  CHECK(same_output(in_turn, run(2, {.parallel_agents = 1})));
}
