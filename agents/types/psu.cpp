#include "agents/types/psu.h"

#include <cmath>

#include "core/detmath.h"
#include "core/param_binding.h"
#include "world/catalog.h"

namespace reesim::agents {
namespace {

constexpr ParamBinding<Psu::Params> kParams[] = {
    {{"unit_cost", "USD/commodity unit", "cash cost of one unit of output", 0.0, 0.0, kUnbounded},
     &Psu::Params::unit_cost},
    {{"home_first_share", "fraction", "share of output offered to home buyers first (mandate)", 1.0,
      0.0, 1.0},
     &Psu::Params::home_first_share},
    {{"mission_budget_usd", "USD",
      "mission money the PSU commits to new capacity at the start (cal §6: NCMM)", 0.0, 0.0,
      kUnbounded},
     &Psu::Params::mission_budget_usd},
    {{"capex_usd_per_unit_year", "USD per commodity unit/yr",
      "capital cost of one unit a year of new capacity (prior)", 0.0, 0.0, kUnbounded},
     &Psu::Params::capex_usd_per_unit_year},
    {{"build_years", "years", "median delay until new capacity produces (cal §8)", 3.0, 0.0, 20.0},
     &Psu::Params::build_years},
    {{"build_delay_sigma", "log-sd", "log-normal spread of the build delay", 0.3, 0.0, 3.0},
     &Psu::Params::build_delay_sigma},
    {{"success_probability", "fraction",
      "chance a project reaches production (GMDC pilot to production, cal §6)", 1.0, 0.0, 1.0},
     &Psu::Params::success_probability},
    {{"utilisation_target", "fraction",
      "least utilisation the mandate keeps whatever the price (cal §6: refineries at ~40 %)", 0.4,
      0.0, 1.0},
     &Psu::Params::utilisation_target},
    {{"outage_probability_per_year", "probability/yr",
      "chance of an unplanned outage in a year (prior: none unless set)", 0.0, 0.0, 1.0},
     &Psu::Params::outage_probability_per_year},
    {{"outage_weeks", "weeks", "mean length of an outage", 4.0, 0.0, 104.0},
     &Psu::Params::outage_weeks},
};
constexpr auto kSpecs = specs_of(kParams);
static_assert(std::size(kParams) * sizeof(double) == sizeof(Psu::Params));

}  // namespace

const TypeSpec& Psu::spec() {
  static const TypeSpec kSpec{"psu",
                              "state-owned firm with a mandate: home buyers first, mission budgets",
                              kSpecs, world::kSells | world::kPrimaryProducer};
  return kSpec;
}

Psu::Psu(std::span<const double> values) : params(bind_params<Params>(kParams, values)) {}

void Psu::start(const Context& ctx, AgentState&) {
  if (ctx.info.nation.value() < 64)
    home_mask = std::uint64_t{1} << static_cast<unsigned>(ctx.info.nation.value());
}

void Psu::produce(const Context& ctx, AgentState& state, world::RandomStream& random,
                  ByCommodity& output) {
  const bool out =
      outage(ctx, supply, params.outage_probability_per_year, params.outage_weeks, random);
  if (ctx.info.outputs.empty()) return;
  const world::CommodityIndex main = ctx.info.outputs[0];
  remember_margin(ctx.model, supply, received(ctx, main), params.unit_cost);
  planned.assign(state.capacity.size(), 0.0);
  // Its output does not respond to price (elasticity 0), and its mandate keeps it at its
  // target utilisation.
  if (!out)
    plan_by_utilisation(ctx, state, 0.0, params.unit_cost, params.utilisation_target, planned);
  book_output(ctx.info, state, planned, output);
  start_mission(ctx, state, random);
}

// A PSU commits its mission budget once, at the start: capacity of budget / capex units a year
// of its main output, ready after a log-normal delay around build_years (cal §8), reached only
// with success_probability (GMDC's pilot may never reach production, cal §6). The money is public
// and spent when committed, whether or not the project succeeds.
void Psu::start_mission(const Context& ctx, AgentState& state, world::RandomStream& random) {
  if (mission_started) return;
  mission_started = true;
  const double budget = params.mission_budget_usd;
  const double capex = params.capex_usd_per_unit_year;
  if (budget <= 0 || capex <= 0) return;
  state.public_spent += budget;
  const double years = params.build_years * ctx.effects.build_time_factor *
                       detmath::exp(params.build_delay_sigma * random.normal());
  if (!random.bernoulli(params.success_probability)) return;
  const int ready =
      ctx.snapshot.tick + static_cast<int>(std::lround(years / ctx.snapshot.dt_years));
  state.add_build({ctx.info.outputs[0], budget / capex, ready});
}

void Psu::decide(const Context& ctx, const AgentState& state,
                 std::vector<OrderRequest>& orders) const {
  sell_outputs(
      ctx, state, preference(ctx, {params.home_first_share, home_mask}),
      [this](world::CommodityIndex) { return params.unit_cost; }, orders);
}

}  // namespace reesim::agents
