#include "policies/types/stockpile.h"

#include <algorithm>

#include "core/param_binding.h"
#include "world/catalog.h"

namespace reesim::policies {
namespace {

constexpr ParamBinding<StockpilePolicy::Params> kParams[] = {
    {{"buy_below_price", "USD/commodity unit",
      "the agency buys while the price is below this (0: the agency's own buy_below_price)", 0.0,
      0.0, kUnbounded},
     &StockpilePolicy::Params::buy_below_price},
    {{"release_shortfall", "fraction",
      "the agency releases while domestic unmet demand exceeds this share of demand (0: the "
      "agency's own release_shortfall)",
      0.0, 0.0, 1.0},
     &StockpilePolicy::Params::release_shortfall},
    {{"target_units", "commodity units",
      "stock the agency aims to hold; it stops buying there (0: no target)", 0.0, 0.0, kUnbounded},
     &StockpilePolicy::Params::target_units},
    {{"budget_usd", "USD",
      "USD the agencies may spend buying while the policy is in force (cal §7: Project Vault USD "
      "12 bn); 0: no limit",
      0.0, 0.0, kUnbounded},
     &StockpilePolicy::Params::budget_usd},
    {{"max_release_per_tick", "commodity units/tick", "largest release in one tick", kUnbounded,
      0.0, kUnbounded},
     &StockpilePolicy::Params::max_release_per_tick},
    {{"release_above_price", "USD/commodity unit",
      "the agency also releases while the price is above this, a state reserve's price rule "
      "(0: only on shortfall)",
      0.0, 0.0, kUnbounded, "prior"},
     &StockpilePolicy::Params::release_above_price},
};
constexpr auto kSpecs = specs_of(kParams);
static_assert(std::size(kParams) * sizeof(double) == sizeof(StockpilePolicy::Params));

// Whether `agent` is a stockpile agency of the nation enacting `info`.
bool agency(const world::World& world, const world::PolicyInfo& info, world::AgentIndex agent) {
  const world::AgentInfo& a = world.agents()[agent];
  return a.nation == info.enacted_by && (a.spec->traits & world::kStockpileAgency) != 0;
}

}  // namespace

const TypeSpec& StockpilePolicy::spec() {
  static const TypeSpec kSpec{"stockpile",
                              "a strategic stockpile buys cheap and releases in shortage", kSpecs};
  return kSpec;
}

StockpilePolicy::StockpilePolicy(std::span<const double> values, const world::World& world,
                                 const world::PolicyInfo& info)
    : params(bind_params<Params>(kParams, values)) {
  for (const world::AgentIndex a : world.agents().indices())
    if (agency(world, info, a)) agencies.push_back(a);
}

// What it has left to spend: its budget_usd less its nation's agencies' purchases since it came
// into force (no limit without a budget). An agency under several policies may spend the largest
// sum left.
void StockpilePolicy::every_tick(const Env& env,
                                 const world::ByIndex<world::AgentIndex, double>& purchases,
                                 world::PolicyView& view) {
  if (!env.activity.active) {
    purchases_at_start = NAN;
    return;
  }
  double spent = 0;
  for (const world::AgentIndex i : agencies)
    spent += purchases[i];
  if (std::isnan(purchases_at_start)) purchases_at_start = spent;
  const double budget = params.budget_usd;
  const double left = budget > 0 ? std::max(0.0, budget - (spent - purchases_at_start)) : INFINITY;
  for (const world::AgentIndex i : agencies)
    view[i].stockpile_budget_left = std::max(view[i].stockpile_budget_left, left);
}

// With several policies in force the loosest terms hold: the largest target, release cap and
// purchase price, and the smallest release shortfall and release price; a target, price or
// shortfall of 0 sets none (prior).
void StockpilePolicy::shape(const Env&, world::PolicyView& view) const {
  const double target = params.target_units > 0 ? params.target_units : INFINITY;
  for (const world::AgentIndex i : agencies) {
    world::AgentEffects& a = view[i];
    a.stockpile_enabled = true;
    a.stockpile_target = std::max(a.stockpile_target, target);
    a.stockpile_max_release = std::max(a.stockpile_max_release, params.max_release_per_tick);
    a.stockpile_buy_below = std::max(a.stockpile_buy_below, params.buy_below_price);
    if (params.release_above_price > 0)
      a.stockpile_release_above =
          a.stockpile_release_above > 0
              ? std::min(a.stockpile_release_above, params.release_above_price)
              : params.release_above_price;
    if (params.release_shortfall > 0)
      a.stockpile_release_shortfall =
          std::isnan(a.stockpile_release_shortfall)
              ? params.release_shortfall
              : std::min(a.stockpile_release_shortfall, params.release_shortfall);
  }
}

}  // namespace reesim::policies
