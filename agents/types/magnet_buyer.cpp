#include "agents/types/magnet_buyer.h"

#include <algorithm>

#include "agents/trading.h"
#include "core/param_binding.h"
#include "world/catalog.h"

namespace reesim::agents {
namespace {

constexpr ParamBinding<MagnetBuyer::Params> kParams[] = {
    {{"demand_growth", "fraction/yr", "growth of underlying demand (cal §3: +8 %/yr Nd prior)",
      0.08, -0.5, 1.0},
     &MagnetBuyer::Params::demand_growth},
    {{"short_run_elasticity", "ratio", "price elasticity of demand within a quarter (prior)", -0.05,
      -5.0, 0.0},
     &MagnetBuyer::Params::short_run_elasticity},
    {{"long_run_elasticity", "ratio", "price elasticity of demand over years (prior)", -0.3, -5.0,
      0.0},
     &MagnetBuyer::Params::long_run_elasticity},
    {{"buffer_weeks", "weeks", "inventory of magnets the buyer aims to hold", 6.0, 0.0, 104.0},
     &MagnetBuyer::Params::buffer_weeks},
    {{"max_price_ratio", "ratio",
      "most the buyer bids, as a multiple of the reference price; beyond it demand goes unmet "
      "(prior)",
      12.0, 1.0, 100.0},
     &MagnetBuyer::Params::max_price_ratio},
    {{"substitution_price_ratio", "ratio",
      "price over reference, sustained, that starts substitution (cal §7)", 2.0, 1.0, 20.0},
     &MagnetBuyer::Params::substitution_price_ratio},
    {{"substitution_lag_weeks", "weeks", "delay between sustained high prices and substitution",
      104.0, 0.0, 1040.0},
     &MagnetBuyer::Params::substitution_lag_weeks},
    {{"substitution_max_share", "fraction", "largest share of demand substitution can remove", 0.3,
      0.0, 1.0},
     &MagnetBuyer::Params::substitution_max_share},
};
constexpr auto kSpecs = specs_of(kParams);
static_assert(std::size(kParams) * sizeof(double) == sizeof(MagnetBuyer::Params));

}  // namespace

const TypeSpec& MagnetBuyer::spec() {
  static const TypeSpec kSpec{"magnet_buyer",
                              "buys magnets for a nation's sector (EV, wind, electronics, defence)",
                              kSpecs, world::kEndUser};
  return kSpec;
}

MagnetBuyer::MagnetBuyer(std::span<const double> values)
    : params(bind_params<Params>(kParams, values)) {}

double MagnetBuyer::weekly_demand(const Context& ctx, const AgentState& state,
                                  world::CommodityIndex commodity) const {
  const double base = state.capacity[commodity] * ctx.snapshot.dt_years;
  const double years = ctx.snapshot.years;
  if (growth_memo_[0] != params.demand_growth || growth_memo_[1] != years)
    growth_memo_ = {params.demand_growth, years, std::pow(1.0 + params.demand_growth, years)};
  return base * growth_memo_[2] * (1.0 - substituted) * price_response;
}

void MagnetBuyer::decide(const Context& ctx, const AgentState& state,
                         std::vector<OrderRequest>& orders) const {
  if (ctx.info.outputs.empty()) return;
  const world::CommodityIndex commodity = ctx.info.outputs[0];
  const double demand = weekly_demand(ctx, state, commodity);
  const double buffer = params.buffer_weeks;
  const double stock = state.inventory[commodity];
  const double need = demand * (1 + buffer) - stock;
  // A buyer pays at most max_price_ratio times the reference: beyond it, it goes without and
  // curtails production rather than bid (cal §5: an Indian carmaker cut its EV target by two
  // thirds for want of magnets in 2025, while ex-China premiums stayed at 3-4x).
  const double price =
      bid_price(ctx.model, market_price(ctx, commodity), stock / std::max(demand, 1e-9), buffer,
                shortage_memory, reference(ctx.world, commodity), params.max_price_ratio);
  post(ctx, state, commodity, market::Side::kBuy, need, price, orders);
}

// Price response of demand, a partial-adjustment form: demand moves with the long-run price level
// (its ratio to the reference) to the long-run elasticity, and with the quarter's departure from
// that level to the short-run elasticity, so a brief spike cuts demand little and a lasting one
// more. Thrift and quantity cuts only: switching technology is substitution (consume). Set after
// this tick's use, it shapes next tick's demand and bids alike.
void MagnetBuyer::update_price_response(const ModelParams& model, double ratio) {
  const double short_memory = 1.0 - 1.0 / model.short_price_memory_weeks;
  const double long_memory = 1.0 - 1.0 / model.long_price_memory_weeks;
  price_short = short_memory * price_short + (1 - short_memory) * ratio;
  price_long = long_memory * price_long + (1 - long_memory) * ratio;
  double response = 1;
  if (params.short_run_elasticity != 0)
    response *= std::pow(price_short / price_long, params.short_run_elasticity);
  if (params.long_run_elasticity != 0) response *= std::pow(price_long, params.long_run_elasticity);
  price_response = response;
}

// Consumption at the end of the tick: it uses its demand from stock and records what it could
// not get; substitution follows sustained high prices.
void MagnetBuyer::consume(const Context& ctx, AgentState& state) {
  if (ctx.info.outputs.empty()) return;
  const world::CommodityIndex c = ctx.info.outputs[0];  // a buyer's one "capacity": its demand
  const world::CommodityIndex commodity = c;
  state.demand = weekly_demand(ctx, state, commodity);
  const double used = std::min(state.demand, std::max(state.inventory[c], 0.0));
  state.inventory[c] -= used;
  state.unmet = state.demand - used;
  const double share = state.demand > 0 ? state.unmet / state.demand : 0.0;
  const double memory = ctx.model.signal_memory;
  shortage_memory = memory * shortage_memory + (1 - memory) * share;

  // Substitution (cal §7): after prices stay above the threshold for the lag, a growing share
  // of demand moves to ferrite, iron-nitride or reduced-Nd designs, up to a ceiling.
  const double reference_price = ctx.world.commodities()[c].reference_price;
  const double price = market_price(ctx, commodity);
  const double threshold = params.substitution_price_ratio * reference_price;
  high_price_weeks = price > threshold ? high_price_weeks + 1 : 0;
  update_price_response(ctx.model, price / std::max(reference_price, 1e-9));
  if (high_price_weeks > params.substitution_lag_weeks)
    substituted =
        std::min(substituted + ctx.model.substitution_rate, params.substitution_max_share);
}

void MagnetBuyer::fill_stocks(const Context& ctx, AgentState& state,
                              const CommodityFlags& set_by_scenario) const {
  if (ctx.info.outputs.empty()) return;
  const world::CommodityIndex c = ctx.info.outputs[0];
  if (!set_by_scenario[c])
    state.inventory[c] = std::max(
        state.inventory[c], params.buffer_weeks * weekly_demand(ctx, state, ctx.info.outputs[0]));
}

}  // namespace reesim::agents
