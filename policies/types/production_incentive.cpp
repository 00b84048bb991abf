#include "policies/types/production_incentive.h"

#include <algorithm>
#include <cmath>

#include "core/param_binding.h"
#include "world/catalog.h"

namespace reesim::policies {
namespace {

constexpr ParamBinding<ProductionIncentive::Params> kParams[] = {
    {{"per_unit_usd", "USD/commodity unit",
      "sales-linked incentive per unit sold (cal §6: INR 6,450 crore over 5 yr for 6,000 t/yr)",
      0.0, 0.0, kUnbounded},
     &ProductionIncentive::Params::per_unit_usd},
    {{"budget_usd", "USD", "total budget; payments stop when spent (0: no limit)", 0.0, 0.0,
      kUnbounded},
     &ProductionIncentive::Params::budget_usd},
    {{"max_units_per_year", "commodity units/yr",
      "cap per beneficiary (cal §6: 1,200 t/yr per beneficiary)", kUnbounded, 0.0, kUnbounded},
     &ProductionIncentive::Params::max_units_per_year},
    {{"years", "years", "years payments run after the build period (cal §6: 5)", 5.0, 0.0, 50.0},
     &ProductionIncentive::Params::years},
    {{"build_years", "years", "time beneficiaries take to build capacity (cal §6, §8: 2)", 2.0, 0.0,
      20.0},
     &ProductionIncentive::Params::build_years},
};
constexpr auto kSpecs = specs_of(kParams);
static_assert(std::size(kParams) * sizeof(double) == sizeof(ProductionIncentive::Params));

}  // namespace

const TypeSpec& ProductionIncentive::spec() {
  static const TypeSpec kSpec{"production_incentive",
                              "per-unit payments to eligible domestic producers", kSpecs};
  return kSpec;
}

ProductionIncentive::ProductionIncentive(std::span<const double> values, const world::World&,
                                         const world::PolicyInfo&)
    : params(bind_params<Params>(kParams, values)) {}

// A scheme pays for `years` after its build period and until its budget is spent (0: no
// limit) (cal §6: INR 6,450 crore over 5 years); awarded capacity is built either way.
bool ProductionIncentive::open(const Env& env) const {
  const double budget = params.budget_usd;
  const double pay_until_years = params.build_years + params.years;
  return (budget <= 0 || paid < budget) &&
         (env.tick - env.activity.start) * env.world.tick_days() < pay_until_years * 365.0;
}

// The agents it reaches (named, or the enacting nation's sellers) are paid per unit of their
// outputs among its commodities, and at activation awarded max_units_per_year of capacity built
// over the scheme's build period (cal §6: 2 years), slowed by technology bans in force.
void ProductionIncentive::domestic(const Env& env, world::PolicyView& view, Payers& payers) const {
  const auto& infos = env.world.agents();
  const double per_unit = params.per_unit_usd;
  const double award = params.max_units_per_year;
  const bool paying = open(env);
  const int tick = env.tick;
  for (const world::AgentIndex i : view.indices()) {
    if (!env.reaches(i, world::kSells)) continue;
    world::AgentEffects& a = view[i];
    for (const world::CommodityIndex c : infos[i].outputs) {
      if (env.info.commodities[c] == 0) continue;
      if (paying && per_unit > 0) {
        a.incentive_usd[c] += per_unit;
        payers.incentives[i].push_back({env.index, c, per_unit, params.budget_usd});
      }
      if (tick == env.activity.start && std::isfinite(award) && award > 0) {
        const double years = params.build_years * a.build_time_factor;
        a.awards.push_back(
            {c, award,
             tick + static_cast<int>(std::lround(years * 365.0 / env.world.tick_days()))});
      }
    }
  }
}

double ProductionIncentive::pay(double per_unit, double budget, double units) {
  double amount = per_unit * units;
  if (budget > 0) amount = std::clamp(budget - paid, 0.0, amount);
  paid += amount;
  return amount;
}

}  // namespace reesim::policies
