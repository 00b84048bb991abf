// A stockpile policy's limits (DESIGN §3): the stock the agency aims to hold and the most it
// releases in a tick. Each test runs the same trials of a small world with and without the limit.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "tests/policies/world_runner.h"
#include "tests/policies/worlds.h"

using reesim::testing::WorldRunner;
namespace worlds = reesim::testing::worlds;

namespace {

constexpr std::uint64_t kTrials = 6;

// The largest fall of `series` from one tick to the next.
double largest_fall(const std::vector<double>& series) {
  double fall = 0;
  for (std::size_t t = 1; t < series.size(); ++t)
    fall = std::max(fall, series[t - 1] - series[t]);
  return fall;
}

// The shock of worlds::kChinaShockAndUsReserve, with the reserve's level each week: the agency
// releases while US buyers go short.
constexpr std::string_view kReserveLevel = R"txt(
  metrics { id: "us_reserve_level" kind: METRIC_STOCKPILE commodity: "ndpr" nation: "US" series: true }
)txt";

}  // namespace

TEST_CASE("A stockpile stops buying at its target", "[policies][stockpile]") {
  // A US agency with 10 M USD bids whenever the price is under 100 USD/kg, that is every week:
  // each week it bids for 2 % of its cash, about 3.6 t at first.
  constexpr double kTarget = 50000;
  constexpr std::string_view kBuyingAgency = R"txt(
    agents {
      id: "us_reserve" type: "stockpile" nation: "US" venues: ["ndpr_global"] cash: 10000000
      params { name: "buy_below_price" value { fixed: 100 } }
    }
    metrics { id: "us_reserve_level" kind: METRIC_STOCKPILE commodity: "ndpr" nation: "US" series: true }
  )txt";
  constexpr std::string_view kUntargeted = R"txt(
    policies { id: "us_reserve_policy" type: "stockpile" enacted_by: "US" commodities: ["ndpr"] }
  )txt";
  constexpr std::string_view kTargeted = R"txt(
    policies {
      id: "us_reserve_policy" type: "stockpile" enacted_by: "US" commodities: ["ndpr"]
      params { name: "target_units" value { fixed: 50000 } }
    }
  )txt";
  WorldRunner untargeted({worlds::kOxideTrade, kBuyingAgency, kUntargeted});
  WorldRunner targeted({worlds::kOxideTrade, kBuyingAgency, kTargeted});

  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    INFO("trial " << trial);
    const auto& free_level = untargeted.series("us_reserve_level", trial);
    const auto& level = targeted.series("us_reserve_level", trial);
    const double free_peak = *std::max_element(free_level.begin(), free_level.end());
    const double peak = *std::max_element(level.begin(), level.end());
    CAPTURE(free_peak, peak, level.back());
    CHECK(free_peak > 1.5 * kTarget);
    CHECK(peak <= kTarget);
    CHECK(level.back() > 0.95 * kTarget);  // it did fill up to the target
  }
}

TEST_CASE("A stockpile's release in one tick never exceeds its cap", "[policies][stockpile]") {
  // In the shock (kChinaShockAndUsReserve) the agency releases a quarter of its stock a week unless
  // capped at 5 t.
  constexpr double kCap = 5000;
  constexpr std::string_view kUncapped = R"txt(
    policies { id: "us_reserve_policy" type: "stockpile" enacted_by: "US" commodities: ["ndpr"] }
  )txt";
  constexpr std::string_view kCapped = R"txt(
    policies {
      id: "us_reserve_policy" type: "stockpile" enacted_by: "US" commodities: ["ndpr"]
      params { name: "max_release_per_tick" value { fixed: 5000 } }
    }
  )txt";
  WorldRunner uncapped(
      {worlds::kOxideTrade, worlds::kChinaShockAndUsReserve, kReserveLevel, kUncapped});
  WorldRunner capped(
      {worlds::kOxideTrade, worlds::kChinaShockAndUsReserve, kReserveLevel, kCapped});

  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    INFO("trial " << trial);
    const auto& level = capped.series("us_reserve_level", trial);
    const double fall_uncapped = largest_fall(uncapped.series("us_reserve_level", trial));
    const double fall = largest_fall(level);
    CAPTURE(fall_uncapped, fall, level.back());
    CHECK(fall_uncapped > 2 * kCap);
    CHECK(fall > 0);  // it did release
    CHECK(fall <= kCap);
  }
}

TEST_CASE("A stockpile policy's purchase price and budget govern the agency",
          "[policies][stockpile]") {
  // A US agency with 10 M USD that would never buy by its own rule (buy_below_price 0): it buys
  // only when the policy names a price, and spends no more than the policy's budget. With no
  // other public money in this world, the US's public spending is the agency's purchases.
  constexpr double kBudget = 300000;
  constexpr std::string_view kIdleAgency = R"txt(
    agents {
      id: "us_reserve" type: "stockpile" nation: "US" venues: ["ndpr_global"] cash: 10000000
    }
    metrics { id: "us_reserve_level" kind: METRIC_STOCKPILE commodity: "ndpr" nation: "US" series: true }
    metrics { id: "us_spending" kind: METRIC_SPENDING nation: "US" series: true }
  )txt";
  constexpr std::string_view kNoPrice = R"txt(
    policies { id: "us_reserve_policy" type: "stockpile" enacted_by: "US" commodities: ["ndpr"] }
  )txt";
  constexpr std::string_view kPriced = R"txt(
    policies {
      id: "us_reserve_policy" type: "stockpile" enacted_by: "US" commodities: ["ndpr"]
      params { name: "buy_below_price" value { fixed: 100 } }
    }
  )txt";
  constexpr std::string_view kBudgeted = R"txt(
    policies {
      id: "us_reserve_policy" type: "stockpile" enacted_by: "US" commodities: ["ndpr"]
      params { name: "buy_below_price" value { fixed: 100 } }
      params { name: "budget_usd" value { fixed: 300000 } }
    }
  )txt";
  WorldRunner idle({worlds::kOxideTrade, kIdleAgency, kNoPrice});
  WorldRunner priced({worlds::kOxideTrade, kIdleAgency, kPriced});
  WorldRunner budgeted({worlds::kOxideTrade, kIdleAgency, kBudgeted});

  const auto total = [](const std::vector<double>& series) {
    double sum = 0;
    for (const double x : series)
      sum += x;
    return sum;
  };
  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    INFO("trial " << trial);
    const auto& idle_level = idle.series("us_reserve_level", trial);
    const double idle_peak = *std::max_element(idle_level.begin(), idle_level.end());
    const double spent_free = total(priced.series("us_spending", trial));
    const double spent = total(budgeted.series("us_spending", trial));
    const auto& level = budgeted.series("us_reserve_level", trial);
    CAPTURE(idle_peak, spent_free, spent, level.back());
    CHECK(idle_peak == 0);                 // the agency's own rule buys nothing
    CHECK(spent_free > 3 * kBudget);       // the policy's price makes it buy
    CHECK(spent <= kBudget * (1 + 1e-9));  // the budget caps what it spends
    CHECK(spent > 0.9 * kBudget);          // and it does spend it
    CHECK(level.back() > 0);
  }
}

TEST_CASE("A stockpile policy's release shortfall governs the agency's releases",
          "[policies][stockpile]") {
  // In the shock (kChinaShockAndUsReserve) the agency's own rule (release_shortfall 0.1) is
  // replaced by the policy's: a shortfall of 0.99 is never passed, so nothing is released.
  constexpr std::string_view kOwnRule = R"txt(
    policies { id: "us_reserve_policy" type: "stockpile" enacted_by: "US" commodities: ["ndpr"] }
  )txt";
  constexpr std::string_view kStrict = R"txt(
    policies {
      id: "us_reserve_policy" type: "stockpile" enacted_by: "US" commodities: ["ndpr"]
      params { name: "release_shortfall" value { fixed: 0.99 } }
    }
  )txt";
  WorldRunner own({worlds::kOxideTrade, worlds::kChinaShockAndUsReserve, kReserveLevel, kOwnRule});
  WorldRunner strict(
      {worlds::kOxideTrade, worlds::kChinaShockAndUsReserve, kReserveLevel, kStrict});
  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    INFO("trial " << trial);
    const double fall_own = largest_fall(own.series("us_reserve_level", trial));
    const double fall_strict = largest_fall(strict.series("us_reserve_level", trial));
    CAPTURE(fall_own, fall_strict);
    CHECK(fall_own > 0);
    CHECK(fall_strict == 0);
  }
}

TEST_CASE("A state reserve's price rule releases into a spike and lowers prices there",
          "[policies][stockpile][direction]") {
  // China's export ban (March to June) spikes the seaborne price. Releasing only when more than
  // 90 % of US demand goes unmet, the reserve keeps its stock; with a price rule at 65 USD/kg it
  // releases while the price is above that, in every trial whose price gets there, and the
  // seaborne price over the year is lower on average.
  constexpr std::string_view kShortfallOnly = R"txt(
    policies {
      id: "us_reserve_policy" type: "stockpile" enacted_by: "US" commodities: ["ndpr"]
      params { name: "release_shortfall" value { fixed: 0.9 } }
    }
  )txt";
  constexpr std::string_view kPriceRule = R"txt(
    policies {
      id: "us_reserve_policy" type: "stockpile" enacted_by: "US" commodities: ["ndpr"]
      params { name: "release_shortfall" value { fixed: 0.9 } }
      params { name: "release_above_price" value { fixed: 65 } }
    }
  )txt";
  WorldRunner shortfall(
      {worlds::kOxideTrade, worlds::kChinaShockAndUsReserve, kReserveLevel, kShortfallOnly});
  WorldRunner priced(
      {worlds::kOxideTrade, worlds::kChinaShockAndUsReserve, kReserveLevel, kPriceRule});
  double free_sum = 0;
  double damped_sum = 0;
  std::uint64_t reached = 0;
  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    INFO("trial " << trial);
    const auto& held = shortfall.series("us_reserve_level", trial);
    const auto& released = priced.series("us_reserve_level", trial);
    const auto& free_price = shortfall.series("price_global", trial);
    const auto& damped_price = priced.series("price_global", trial);
    for (std::size_t t = 0; t < free_price.size(); ++t) {
      free_sum += free_price[t];
      damped_sum += damped_price[t];
    }
    const double free_peak = *std::max_element(free_price.begin(), free_price.end());
    CAPTURE(free_peak, held.back(), released.back());
    if (free_peak > 65) {
      ++reached;
      CHECK(released.back() < held.back());
    }
  }
  CHECK(reached >= kTrials / 2);
  INFO("price summed over the year's weeks and trials: " << free_sum << " without the rule, "
                                                         << damped_sum << " with it");
  CHECK(damped_sum < free_sum);
}
