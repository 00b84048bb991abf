#include "agents/types/recycler.h"

#include <algorithm>

#include "core/param_binding.h"
#include "world/catalog.h"

namespace reesim::agents {
namespace {

constexpr ParamBinding<Recycler::Params> kParams[] = {
    {{"recovery_rate", "fraction", "share of end-of-life content recovered (cal §7: <1 % today)",
      0.01, 0.0, 1.0},
     &Recycler::Params::recovery_rate},
    {{"growth_per_year", "fraction/yr",
      "growth of the recovery rate at the reference price, in proportion to price (prior)", 0.1,
      0.0, 2.0},
     &Recycler::Params::growth_per_year},
    {{"unit_cost", "USD/commodity unit", "cost of one recycled unit", 0.0, 0.0, kUnbounded},
     &Recycler::Params::unit_cost},
    {{"outage_probability_per_year", "probability/yr",
      "chance of an unplanned outage in a year (prior: none unless set)", 0.0, 0.0, 1.0},
     &Recycler::Params::outage_probability_per_year},
    {{"outage_weeks", "weeks", "mean length of an outage", 4.0, 0.0, 104.0},
     &Recycler::Params::outage_weeks},
};
constexpr auto kSpecs = specs_of(kParams);
static_assert(std::size(kParams) * sizeof(double) == sizeof(Recycler::Params));

}  // namespace

const TypeSpec& Recycler::spec() {
  static const TypeSpec kSpec{"recycler", "recovers rare earths from end-of-life magnets", kSpecs,
                              world::kSells | world::kRecycles};
  return kSpec;
}

Recycler::Recycler(std::span<const double> values)
    : params(bind_params<Params>(kParams, values)), recovery(params.recovery_rate) {}

// The recovered share grows at growth_per_year scaled by the price it receives over the
// reference (dearer oxide pays for more collection), never below what a recycling mandate in
// force requires; its plant grows with it, so its capacity bounds output in proportion.
void Recycler::produce(const Context& ctx, AgentState& state, world::RandomStream& random,
                       ByCommodity& output) {
  const bool out =
      outage(ctx, supply, params.outage_probability_per_year, params.outage_weeks, random);
  const std::span<const world::CommodityIndex> outputs = ctx.info.outputs;
  if (outputs.empty()) return;
  remember_margin(ctx.model, supply, received(ctx, outputs[0]), params.unit_cost);
  planned.assign(state.capacity.size(), 0.0);
  const Snapshot& snapshot = ctx.snapshot;
  const double start = std::max(params.recovery_rate, 1e-9);
  for (const world::CommodityIndex c : outputs) {
    const world::CommodityInfo& oxide = ctx.world.commodities()[c];
    const double price = received(ctx, c);
    const double pull = price / std::max(oxide.reference_price, 1e-9);
    if (c == outputs[0])
      recovery = std::min(
          1.0, std::max(recovery * (1.0 + params.growth_per_year * pull * snapshot.dt_years),
                        ctx.effects.mandated_recovery));
    if (out || price < params.unit_cost) continue;
    const double feed = snapshot.end_of_life_of(ctx.info.nation, oxide.input);
    const double plant = state.capacity[c] * snapshot.dt_years * recovery / start;
    planned[c] = std::min(recovery * feed, plant);
  }
  book_output(ctx.info, state, planned, output);
}

void Recycler::decide(const Context& ctx, const AgentState& state,
                      std::vector<OrderRequest>& orders) const {
  sell_outputs(
      ctx, state, preference(ctx, {}), [this](world::CommodityIndex) { return params.unit_cost; },
      orders);
}

}  // namespace reesim::agents
