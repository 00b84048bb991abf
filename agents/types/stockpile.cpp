#include "agents/types/stockpile.h"

#include <algorithm>
#include <cmath>

#include "core/param_binding.h"
#include "world/catalog.h"

namespace reesim::agents {
namespace {

constexpr ParamBinding<Stockpile::Params> kParams[] = {
    {{"buy_below_price", "USD/commodity unit", "buys while the price is below this", 0.0, 0.0,
      kUnbounded},
     &Stockpile::Params::buy_below_price},
    {{"release_shortfall", "fraction", "releases while unmet demand exceeds this share", 0.1, 0.0,
      1.0},
     &Stockpile::Params::release_shortfall},
    {{"budget_usd", "USD", "the most the agency spends buying over the trial (cal §7); 0: no limit",
      0.0, 0.0, kUnbounded},
     &Stockpile::Params::budget_usd},
    {{"release_above_ratio", "ratio",
      "also releases while a venue's price is above this multiple of its commodity's reference "
      "price, a state reserve's rule (0: none)",
      0.0, 0.0, kUnbounded, "prior"},
     &Stockpile::Params::release_above_ratio},
    {{"buy_below_ratio", "ratio",
      "also buys while a venue's price is below this multiple of its commodity's reference "
      "price, bidding that (0: none)",
      0.0, 0.0, kUnbounded, "prior"},
     &Stockpile::Params::buy_below_ratio},
    {{"max_stock", "commodity units",
      "stops buying a commodity once it holds this much of it (0: no limit of its own)", 0.0, 0.0,
      kUnbounded, "prior"},
     &Stockpile::Params::max_stock},
};
constexpr auto kSpecs = specs_of(kParams);
static_assert(std::size(kParams) * sizeof(double) == sizeof(Stockpile::Params));

}  // namespace

const TypeSpec& Stockpile::spec() {
  static const TypeSpec kSpec{"stockpile", "strategic stockpile agency", kSpecs,
                              world::kStockpileAgency};
  return kSpec;
}

Stockpile::Stockpile(std::span<const double> values)
    : params(bind_params<Params>(kParams, values)) {}

void Stockpile::decide(const Context& ctx, const AgentState& state,
                       std::vector<OrderRequest>& orders) const {
  const world::AgentEffects& policy = ctx.effects;
  if (!policy.stockpile_enabled) return;
  const double shortage = ctx.snapshot.nation_shortage[ctx.info.nation];
  // The policies in force set the purchase price and the release shortfall where they name
  // them; otherwise the agency's own parameters hold.
  const double buy_below =
      policy.stockpile_buy_below > 0 ? policy.stockpile_buy_below : params.buy_below_price;
  const double release_shortfall = std::isnan(policy.stockpile_release_shortfall)
                                       ? params.release_shortfall
                                       : policy.stockpile_release_shortfall;
  // Purchases stop when the agency's own budget or the policies' is spent (0: no own budget).
  const double own_budget = params.budget_usd;
  double budget_left =
      std::min(own_budget > 0 ? std::max(0.0, own_budget - state.purchases_usd) : INFINITY,
               policy.stockpile_budget_left);
  // The stockpile policy's release cap holds for the tick, over all the agency's venues; its
  // target stops purchases once the stock reaches it.
  double release_left = policy.stockpile_max_release;
  const ModelParams& model = ctx.model;
  const double own_target = params.max_stock > 0 ? params.max_stock : INFINITY;
  for (const world::VenueIndex v : ctx.info.venues) {
    const world::CommodityIndex c = ctx.world.venues()[v].commodity;
    const double stock = state.inventory[c];
    const double price = ctx.snapshot.venue_price[v];
    // A state reserve's rules are multiples of the commodity's reference price (its normal
    // level): it releases above one and buys below the other.
    const double reference = ctx.world.commodities()[c].reference_price;
    const double buy_price = std::max(buy_below, params.buy_below_ratio * reference);
    const double release_ratio = params.release_above_ratio;
    // It releases in a shortage, and while the price is above the policies' release price or
    // its own release ratio (a state reserve's price rule).
    const bool dear =
        (policy.stockpile_release_above > 0 && price > policy.stockpile_release_above) ||
        (release_ratio > 0 && price > release_ratio * reference);
    const double target = std::min(policy.stockpile_target, own_target);
    if ((shortage > release_shortfall || dear) && stock > 0) {
      const double units = std::min(stock * model.stockpile_release_share, release_left);
      release_left -= units;
      orders.push_back({v, market::Side::kSell, price * model.stockpile_release_price, units});
    } else if (price < buy_price && state.cash > 0 && budget_left > 0 && stock < target) {
      // A bid is a limit on landed cost: at most budget_left / buy_price units keep the
      // purchase within the budget whatever it fills at.
      const double units = std::min({state.cash / std::max(price, 1e-9),
                                     model.stockpile_cash_share * state.cash / price,
                                     target - stock, budget_left / buy_price});
      budget_left -= units * buy_price;
      orders.push_back({v, market::Side::kBuy, buy_price, units});
    }
  }
}

}  // namespace reesim::agents
