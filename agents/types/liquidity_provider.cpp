#include "agents/types/liquidity_provider.h"

#include "agents/trading.h"
#include "core/param_binding.h"
#include "world/catalog.h"

namespace reesim::agents {
namespace {

constexpr ParamBinding<LiquidityProvider::Params> kParams[] = {
    {{"half_spread", "fraction", "half the quoted spread around the reference price", 0.05, 0.0,
      1.0},
     &LiquidityProvider::Params::half_spread},
    {{"depth_units", "commodity units", "quantity quoted on each side", 1.0, 0.0, kUnbounded},
     &LiquidityProvider::Params::depth_units},
    {{"reference_weight", "fraction", "weight of the scenario reference price vs the last trade",
      0.1, 0.0, 1.0},
     &LiquidityProvider::Params::reference_weight},
};
constexpr auto kSpecs = specs_of(kParams);
static_assert(std::size(kParams) * sizeof(double) == sizeof(LiquidityProvider::Params));

}  // namespace

const TypeSpec& LiquidityProvider::spec() {
  static const TypeSpec kSpec{"liquidity_provider", "quotes both sides so books are never empty",
                              kSpecs, world::kQuotes};
  return kSpec;
}

LiquidityProvider::LiquidityProvider(std::span<const double> values)
    : params(bind_params<Params>(kParams, values)) {}

void LiquidityProvider::decide(const Context& ctx, const AgentState&,
                               std::vector<OrderRequest>& orders) const {
  const double weight = params.reference_weight;
  for (const world::VenueIndex v : ctx.info.venues) {
    const world::CommodityIndex c = ctx.world.venues()[v].commodity;
    const double anchor =
        weight * reference(ctx.world, c) + (1 - weight) * ctx.snapshot.venue_price[v];
    orders.push_back(
        {v, market::Side::kBuy, anchor * (1 - params.half_spread), params.depth_units});
    orders.push_back(
        {v, market::Side::kSell, anchor * (1 + params.half_spread), params.depth_units});
  }
}

}  // namespace reesim::agents
