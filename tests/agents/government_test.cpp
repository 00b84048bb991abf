// A government (DESIGN §3; docs/model.md §7.6): it enacts its nation's policies through the
// policy engine and, as an agent, does nothing itself.
#include <catch2/catch.hpp>

#include <vector>

#include "tests/agents/agent_bench.h"

using reesim::testing::bench::Bench;

TEST_CASE("A government in a price shock sends no orders, makes nothing and holds nothing",
          "[agents][government]") {
  Bench bench;
  bench.set_price_multiple("ndpr", 3.0);
  bench.snapshot.nation_shortage[bench.nation("CN")] = 0.5;
  reesim::agents::Agent government = bench.agent("cn_government");
  const double cash_before = government.cash;

  const auto made = bench.produce("cn_government", government);
  const auto orders = bench.decide("cn_government", government);
  bench.consume("cn_government", government);

  CHECK(orders.empty());
  for (const double units : made)
    CHECK(units == 0.0);
  for (const double units : government.inventory)
    CHECK(units == 0.0);
  CHECK(government.cash == cash_before);
  CHECK(government.builds.empty());
  CHECK(government.demand == 0.0);
  CHECK(government.public_spent == 0.0);
}
