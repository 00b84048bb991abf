#include "agents/types/miner.h"

#include "world/catalog.h"

namespace reesim::agents {

const TypeSpec& Miner::spec() {
  static const TypeSpec kSpec{"miner", "mines concentrate; output and investment respond to price",
                              producer_specs(), world::kSells | world::kPrimaryProducer};
  return kSpec;
}

void Miner::produce(const Context& ctx, AgentState& state, world::RandomStream& random,
                    ByCommodity& output) {
  const bool out =
      outage(ctx, supply, params.outage_probability_per_year, params.outage_weeks, random);
  if (ctx.info.outputs.empty()) return;
  const world::CommodityIndex main = ctx.info.outputs[0];
  remember_margin(ctx.model, supply, received(ctx, main), params.unit_cost);
  planned.assign(state.capacity.size(), 0.0);
  const double share = available(out, params.outage_share);
  if (share > 0) {
    plan_by_utilisation(ctx, state, params.supply_elasticity, params.unit_cost, 0.0, planned);
    if (share < 1)
      for (double& units : planned)
        units *= share;
  }
  book_output(ctx.info, state, planned, output);
  maybe_invest(ctx, state, supply,
               {params.invest_price_ratio, params.build_years, params.build_delay_sigma}, random);
}

void Miner::decide(const Context& ctx, const AgentState& state,
                   std::vector<OrderRequest>& orders) const {
  sell_outputs(
      ctx, state, preference(ctx, {}), [this](world::CommodityIndex) { return params.unit_cost; },
      orders);
}

}  // namespace reesim::agents
