// A recycler's rules (docs/model.md §7.5; cal §7): it recovers a share of the content reaching
// end of life in its nation's magnets; the share grows with the price it receives and never
// falls below a mandate's; its plant grows with it. The bench recycler (US) starts recovering
// 2 % of end-of-life NdPr, growing at 0.5 a year at the reference price (50 USD/kg), with a
// plant of 50,000 kg/yr and a cost of 20 USD/kg.
#include <catch2/catch.hpp>

#include <vector>

#include "tests/agents/agent_bench.h"

using reesim::agents::Agent;
using reesim::agents::Recycler;
using reesim::testing::bench::Bench;
using reesim::world::Input;

namespace {

constexpr double kStartRecovery = 0.02;
constexpr double kGrowth = 0.5;      // a year, at the reference price
constexpr double kCapacity = 50000;  // kg/yr at the starting recovery

struct Recovered {
  double recovery = 0;  // its recovery rate after the tick
  double output = 0;    // kg of NdPr recovered in the tick
};

// One tick of the recycler with `eol` kg of NdPr reaching end of life in the US, at `multiple`
// times the reference price.
Recovered recycle(Bench& bench, Agent& recycler, double eol, double multiple) {
  bench.set_end_of_life("US", Input::kNdPr, eol);
  bench.set_price_multiple("ndpr", multiple);
  const auto made = bench.produce("us_recycler", recycler);
  return {std::get<Recycler>(recycler.kind).recovery, made[bench.commodity("ndpr")]};
}

}  // namespace

TEST_CASE("A recycler at the reference price recovers its share of end-of-life content",
          "[agents][recycler]") {
  // The share grows by a week at the reference first: 0.02 * (1 + 0.5 * 7/365).
  Bench bench;
  Agent recycler = bench.agent("us_recycler");
  const Recovered r = recycle(bench, recycler, 10000, 1.0);
  const double expected = kStartRecovery * (1 + kGrowth * bench.snapshot.dt_years);
  CHECK(r.recovery == Approx(expected));
  CHECK(r.output == Approx(expected * 10000));
}

TEST_CASE("A recycler paid three times the reference grows its recovery three times as fast",
          "[agents][recycler]") {
  Bench bench;
  Agent at_reference = bench.agent("us_recycler");
  Agent at_triple = bench.agent("us_recycler");
  const double reference_growth =
      recycle(bench, at_reference, 10000, 1.0).recovery - kStartRecovery;
  const Recovered triple = recycle(bench, at_triple, 10000, 3.0);
  CHECK(triple.recovery == Approx(kStartRecovery * (1 + 3 * kGrowth * bench.snapshot.dt_years)));
  CHECK(triple.recovery - kStartRecovery == Approx(3 * reference_growth));
  CHECK(triple.output == Approx(triple.recovery * 10000));
}

TEST_CASE("A recycling mandate lifts a recycler's recovery to the mandated share at once",
          "[agents][recycler]") {
  // 10 % of 10,000 kg; its plant, grown fivefold with its recovery, is not the bound.
  Bench bench;
  Agent recycler = bench.agent("us_recycler");
  bench.effects.mandated_recovery = 0.1;
  const Recovered r = recycle(bench, recycler, 10000, 1.0);
  CHECK(r.recovery == Approx(0.1));
  CHECK(r.output == Approx(1000));
}

TEST_CASE("A recycler under a mandate recovers no less than the mandate when prices are low",
          "[agents][recycler]") {
  // Without growth its recovery would stay at 2 %; the mandate holds 10 % while oxide is at
  // 0.5 of its reference (still above its cost).
  Bench bench;
  Agent recycler = bench.agent("us_recycler");
  std::get<Recycler>(recycler.kind).params.growth_per_year = 0.0;
  bench.effects.mandated_recovery = 0.1;
  for (int tick = 0; tick < 5; ++tick) {
    bench.snapshot.tick = tick;
    const Recovered r = recycle(bench, recycler, 10000, 0.5);
    CHECK(r.recovery == Approx(0.1));
    CHECK(r.output == Approx(1000));
  }
}

TEST_CASE("A recycler's plant, grown with its recovery, caps what it takes from a large feed",
          "[agents][recycler]") {
  // A million kg reaching end of life: the plant's 50,000 kg/yr, scaled by its recovery over
  // the starting 2 %, binds.
  Bench bench;
  Agent recycler = bench.agent("us_recycler");
  const Recovered r = recycle(bench, recycler, 1e6, 1.0);
  CHECK(r.output == Approx(bench.per_tick(kCapacity) * r.recovery / kStartRecovery));
  CHECK(r.output < r.recovery * 1e6);
}

TEST_CASE("A recycler paid below its cost recovers nothing, though its share still grows",
          "[agents][recycler]") {
  // 15 USD/kg against a cost of 20.
  Bench bench;
  Agent recycler = bench.agent("us_recycler");
  const Recovered r = recycle(bench, recycler, 10000, 0.3);
  CHECK(r.output == 0.0);
  CHECK(r.recovery == Approx(kStartRecovery * (1 + 0.3 * kGrowth * bench.snapshot.dt_years)));
}
