#include "policies/types/capital_support.h"

#include <algorithm>

#include "core/param_binding.h"
#include "world/catalog.h"

namespace reesim::policies {
namespace {

constexpr ParamBinding<CapitalSupport::Params> kParams[] = {
    {{"share_of_capex", "fraction", "share of capital cost paid by the state", 0.25, 0.0, 1.0},
     &CapitalSupport::Params::share_of_capex},
    {{"budget_usd", "USD", "total budget (cal §6: INR 750 crore capital subsidy); 0: no limit", 0.0,
      0.0, kUnbounded},
     &CapitalSupport::Params::budget_usd},
    {{"build_years", "years", "construction time of supported capacity (cal §8)", 2.0, 0.0, 20.0},
     &CapitalSupport::Params::build_years},
};
constexpr auto kSpecs = specs_of(kParams);
static_assert(std::size(kParams) * sizeof(double) == sizeof(CapitalSupport::Params));

}  // namespace

const TypeSpec& CapitalSupport::spec() {
  static const TypeSpec kSpec{"capital_support", "the state pays part of the cost of new capacity",
                              kSpecs};
  return kSpec;
}

CapitalSupport::CapitalSupport(std::span<const double> values, const world::World&,
                               const world::PolicyInfo&)
    : params(bind_params<Params>(kParams, values)) {}

bool CapitalSupport::open(const Env&) const {
  return params.budget_usd <= 0 || paid < params.budget_usd;
}

// It pays for the builds of a reached agent's main output, the one it invests in; the largest
// share in force holds.
void CapitalSupport::domestic(const Env& env, world::PolicyView& view, Payers& payers) const {
  if (!open(env)) return;
  const auto& infos = env.world.agents();
  for (const world::AgentIndex i : view.indices()) {
    if (!env.reaches(i, world::kSells)) continue;
    if (infos[i].outputs.empty() || !env.info.commodities[infos[i].outputs[0]] ||
        !(params.share_of_capex > view[i].capex_share))
      continue;
    view[i].capex_share = params.share_of_capex;
    view[i].supported_build_years = params.build_years;
    payers.capital[i] = env.index;
  }
}

// Capital cost of new capacity, USD per unit/yr, as years of revenue at the reference price
// (capex_years_of_revenue, a prior checked against cal §6: INR 750 crore of capital subsidy for
// 6,000 t/yr of magnets is about USD 14/kg/yr, a quarter of about one year's revenue).
double CapitalSupport::pay(const Env& env, world::CommodityIndex commodity, double capacity) {
  const double capex = env.model.capex_years_of_revenue *
                       env.world.commodities()[commodity].reference_price * capacity;
  double amount = params.share_of_capex * capex;
  if (params.budget_usd > 0) amount = std::clamp(params.budget_usd - paid, 0.0, amount);
  paid += amount;
  return amount;
}

}  // namespace reesim::policies
