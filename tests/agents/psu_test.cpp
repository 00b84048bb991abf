// A PSU's rules (docs/model.md §7.5, §7.6; cal §6): a mandate that keeps its utilisation whatever
// the price, a mission budget committed once, and a home-first share of its offers. The bench PSU
// (India) makes 100,000 kg/yr of NdPr at utilisation 0.9 and a cash cost of 40 USD/kg, with a
// utilisation target of 0.7, a home-first share of 0.6, and 5 million USD of mission money at
// 50 USD per kg/yr of capacity, built in 2 years for certain.
#include <catch2/catch.hpp>

#include <vector>

#include "tests/agents/agent_bench.h"

using reesim::agents::Agent;
using reesim::agents::Psu;
using reesim::market::Side;
using reesim::testing::bench::Bench;
using reesim::testing::bench::orders_of;

namespace {

constexpr double kCapacity = 100000;  // kg/yr

// What the PSU makes in its first tick at `multiple` times the NdPr reference price.
double output_at(Bench& bench, double multiple) {
  Agent psu = bench.agent("in_psu");
  bench.set_price_multiple("ndpr", multiple);
  return bench.produce("in_psu", psu)[bench.commodity("ndpr")];
}

}  // namespace

TEST_CASE("A PSU paid three times the reference produces what it does at the reference",
          "[agents][psu]") {
  Bench bench;
  const double usual = bench.per_tick(kCapacity) * 0.9;
  CHECK(output_at(bench, 1.0) == Approx(usual));
  CHECK(output_at(bench, 3.0) == Approx(usual));
}

TEST_CASE("A PSU paid below its cash cost keeps its mandated utilisation target", "[agents][psu]") {
  // At 20 USD/kg (cost 40) a producer would halve 0.9 to 0.45; the mandate holds 0.7.
  Bench bench;
  CHECK(output_at(bench, 0.4) == Approx(bench.per_tick(kCapacity) * 0.7));
}

TEST_CASE("A PSU commits its mission budget at its first tick to budget over capex of capacity",
          "[agents][psu]") {
  // 5 million USD at 50 USD per kg/yr: 100,000 kg/yr, ready after 2 years (104 weekly ticks).
  Bench bench;
  Agent psu = bench.agent("in_psu");
  bench.produce("in_psu", psu);
  CHECK(psu.public_spent == Approx(5e6));
  REQUIRE(psu.builds.size() == 1);
  CHECK(psu.builds[0].commodity == bench.commodity("ndpr"));
  CHECK(psu.builds[0].per_year == Approx(100000));
  CHECK(psu.builds[0].ready == 104);
  CHECK(psu.capacity[bench.commodity("ndpr")] == kCapacity);
}

TEST_CASE("A PSU commits its mission budget only once", "[agents][psu]") {
  Bench bench;
  Agent psu = bench.agent("in_psu");
  bench.produce("in_psu", psu);
  psu.public_spent = 0;  // the trial books it as public spending each tick
  for (int tick = 1; tick < 10; ++tick) {
    bench.snapshot.tick = tick;
    bench.produce("in_psu", psu);
  }
  CHECK(psu.public_spent == 0.0);
  CHECK(psu.builds.size() == 1);
}

TEST_CASE("A PSU whose project fails spends its mission budget and builds nothing",
          "[agents][psu]") {
  Bench bench;
  Agent psu = bench.agent("in_psu");
  std::get<Psu>(psu.kind).params.success_probability = 0.0;
  bench.produce("in_psu", psu);
  CHECK(psu.public_spent == Approx(5e6));
  CHECK(psu.builds.empty());
}

TEST_CASE("A PSU offers its home-first share on its home venue, and the rest everywhere",
          "[agents][psu]") {
  // 0.6 goes to India's venue first; the other 0.4 is spread evenly over its two venues at the
  // same price: 0.8 at home, 0.2 seaborne, both about the market price at target cover.
  Bench bench;
  Agent psu = bench.agent("in_psu");
  const auto ndpr = bench.commodity("ndpr");
  psu.inventory[ndpr] = 5 * bench.per_tick(kCapacity * 0.9);
  const auto orders = bench.decide("in_psu", psu);
  const auto home = orders_of(orders, Side::kSell, bench.venue("ndpr_in"));
  const auto seaborne = orders_of(orders, Side::kSell, bench.venue("ndpr_global"));
  // Its supply curve: four tranches on each venue, each split 0.8 : 0.2 and priced alike on
  // both, the first at half a percent under the market (docs/model.md §7.6).
  REQUIRE(home.size() == 4);
  REQUIRE(seaborne.size() == 4);
  for (int i = 0; i < 4; ++i) {
    CHECK(home[i].units == Approx(0.8 * psu.inventory[ndpr] / 4));
    CHECK(seaborne[i].units == Approx(0.2 * psu.inventory[ndpr] / 4));
    CHECK(home[i].price_usd == Approx(seaborne[i].price_usd));
  }
  CHECK(home[0].price_usd == Approx(50).epsilon(0.005));
}
