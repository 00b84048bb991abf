// How policies switch on (DESIGN §3): a policy activated by trigger takes effect its government's
// reaction time after the trigger fires.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string_view>
#include <vector>

#include "tests/policies/world_runner.h"
#include "tests/policies/worlds.h"

using reesim::testing::WorldRunner;
namespace worlds = reesim::testing::worlds;

namespace {

constexpr std::uint64_t kTrials = 3;

// India awards its price-insensitive separator (worlds::kIndianSeparator) 260 t/yr,
// built at once, when the seaborne price has been above 1 USD/kg for two weeks: the condition
// holds from the first price, so the trigger fires at tick 2.
constexpr std::string_view kTriggeredAward = R"txt(
  policies {
    id: "in_award" type: "production_incentive" enacted_by: "IN"
    agents: ["in_separator"] commodities: ["ndpr"]
    activation {
      trigger { metric: "price_global" comparison: COMPARISON_ABOVE threshold: 1 sustain_ticks: 2 }
    }
    params { name: "max_units_per_year" value { fixed: 260000 } }
    params { name: "build_years" value { fixed: 0 } }
  }
)txt";

// India's government, reacting in 0 or 70 days (0 or 10 weekly ticks).
constexpr std::string_view kSwiftGovernment = R"txt(
  agents {
    id: "in_government" type: "government" nation: "IN"
    params { name: "reaction_days" value { fixed: 0 } }
  }
)txt";
constexpr std::string_view kSlowGovernment = R"txt(
  agents {
    id: "in_government" type: "government" nation: "IN"
    params { name: "reaction_days" value { fixed: 70 } }
  }
)txt";

// The first tick at which `series` exceeds its first value by 5 %, or its length: the award's
// capacity produces from the tick the policy takes effect.
int first_rise(const std::vector<double>& series) {
  for (std::size_t t = 0; t < series.size(); ++t)
    if (series[t] > 1.05 * series.front()) return static_cast<int>(t);
  return static_cast<int>(series.size());
}

}  // namespace

TEST_CASE("A triggered policy takes effect its government's reaction time after the trigger",
          "[policies][activation]") {
  WorldRunner swift(
      {worlds::kOxideTrade, kSwiftGovernment, worlds::kIndianSeparator, kTriggeredAward});
  WorldRunner slow(
      {worlds::kOxideTrade, kSlowGovernment, worlds::kIndianSeparator, kTriggeredAward});

  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    INFO("trial " << trial);
    const int swift_start = first_rise(swift.series("in_output", trial));
    const int slow_start = first_rise(slow.series("in_output", trial));
    CAPTURE(swift_start, slow_start);
    CHECK(swift_start == 2);
    CHECK(slow_start == swift_start + 10);
  }
}

TEST_CASE("A triggered policy without a government takes the default reaction time",
          "[policies][activation]") {
  // No Indian government agent: the registered default, 28 days (4 ticks).
  WorldRunner swift(
      {worlds::kOxideTrade, kSwiftGovernment, worlds::kIndianSeparator, kTriggeredAward});
  WorldRunner ungoverned({worlds::kOxideTrade, worlds::kIndianSeparator, kTriggeredAward});

  const int swift_start = first_rise(swift.series("in_output", 0));
  const int default_start = first_rise(ungoverned.series("in_output", 0));
  CAPTURE(swift_start, default_start);
  CHECK(default_start == swift_start + 4);
}
