// A producer listed with no capacity and no stock (a plant a capacity project will build,
// docs/model.md §7.4 `project`) makes nothing and sends no orders, without dividing by zero,
// until an award comes on line; from then it produces and sells. On every producing type of the
// bench world.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <variant>

#include "tests/agents/agent_bench.h"

using reesim::agents::Agent;
using reesim::market::Side;
using reesim::testing::bench::Bench;
using reesim::testing::bench::units_of;
namespace world = reesim::world;

namespace {

constexpr double kAward = 52000;  // kg/yr: 1,000 kg a week

// The bench agent `id` as a newcomer: no capacity, no stock, no builds, no mission of its own.
Agent newcomer(const Bench& bench, const std::string& id) {
  Agent a = bench.agent(id);
  std::fill(a.capacity.begin(), a.capacity.end(), 0.0);
  std::fill(a.inventory.begin(), a.inventory.end(), 0.0);
  a.builds.clear();
  if (auto* psu = std::get_if<reesim::agents::Psu>(&a.kind)) psu->params.mission_budget_usd = 0;
  return a;
}

void check_finite(const Agent& a) {
  for (const double x : a.inventory)
    CHECK(std::isfinite(x));
  for (const double x : a.utilisation)
    CHECK(std::isfinite(x));
}

}  // namespace

TEST_CASE("A producer with no capacity makes nothing and sends no orders until an award arrives",
          "[agents][project]") {
  // Each producer gets an award of 52 t/yr of each output at tick 2, on line at tick 4;
  // the separator, the maker and the recycler get the feed they need once it is.
  const std::string id =
      GENERATE(as<std::string>{}, "us_miner", "cn_separator", "in_psu", "us_recycler", "in_maker");
  INFO(id);
  Bench bench;
  Agent a = newcomer(bench, id);
  const world::CommodityIndex made = bench.info(id).outputs[0];
  for (int tick = 0; tick < 4; ++tick) {
    bench.snapshot.tick = tick;
    bench.effects.awards.clear();
    if (tick == 2)
      for (const world::CommodityIndex c : bench.info(id).outputs)
        bench.effects.awards.push_back({c, kAward, 4});
    const auto output = bench.produce(id, a);
    for (const double units : output)
      CHECK(units == 0);
    CHECK(bench.decide(id, a).empty());
    check_finite(a);
  }
  CHECK(a.capacity[made] == 0);

  // On line: with feed it produces, and then it offers what it made.
  bench.effects.awards.clear();
  bench.snapshot.tick = 4;
  bench.set_end_of_life("US", world::Input::kNdPr, 1e6);
  a.inventory[bench.commodity("conc")] = 1e6;
  a.inventory[bench.commodity("ndpr")] += id == "in_maker" ? 1e5 : 0.0;
  a.inventory[bench.commodity("dy")] += id == "in_maker" ? 1e4 : 0.0;
  const auto output = bench.produce(id, a);
  CHECK(a.capacity[made] == kAward);
  CHECK(output[made] > 0);
  check_finite(a);
  CHECK(units_of(bench.decide(id, a), Side::kSell) > 0);
}
