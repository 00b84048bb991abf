#include "agents/types/magnet_buyer.h"

#include <algorithm>

#include "agents/trading.h"
#include "core/detmath.h"
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
      12.0, 1.0, 1000.0},
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
    {{"magnet_cost_share", "fraction",
      "share of its product's cost that magnets make at the reference price; 0: no value-in-use "
      "bid, bids capped by max_price_ratio alone (cal §9)",
      0.0, 0.0, 1.0},
     &MagnetBuyer::Params::magnet_cost_share},
    {{"product_margin", "fraction",
      "margin over its product's cost that it gives up on dearer magnets before a unit stops "
      "paying; with magnet_cost_share it sets the reservation price (prior)",
      0.1, 0.0, 10.0},
     &MagnetBuyer::Params::product_margin},
    {{"use_value_spread", "fraction",
      "spread of its uses' reservation prices: the least valuable stops paying this share of the "
      "way down from the reservation price to the reference (prior)",
      0.5, 0.0, 1.0},
     &MagnetBuyer::Params::use_value_spread},
    {{"scarcity_gap", "fraction",
      "cover gap beyond which its bid moves toward its reservation price (prior, as makers' "
      "maker_scarcity_gap)",
      0.5, 0.0, 0.99},
     &MagnetBuyer::Params::scarcity_gap},
    {{"substitution_speed", "1/yr",
      "rate at which the substituted share closes its gap to the target set by the long price "
      "memory; 0: the lagged ratchet of substitution_lag_weeks (prior)",
      0.0, 0.0, 52.0},
     &MagnetBuyer::Params::substitution_speed},
    {{"substitution_reversibility", "fraction",
      "share of the most it substituted that may come back when prices fall; designs once changed "
      "keep the rest (prior)",
      0.0, 0.0, 1.0},
     &MagnetBuyer::Params::substitution_reversibility},
    {{"precaution_weeks_per_shortage", "weeks",
      "weeks of demand added to its buffer per unit of shortage memory (prior)", 0.0, 0.0, 520.0},
     &MagnetBuyer::Params::precaution_weeks_per_shortage},
    {{"momentum_weeks", "weeks",
      "weeks of demand added to its buffer per unit of price momentum (quarter's price memory "
      "over three years', less 1); falling prices take them off (prior)",
      0.0, 0.0, 520.0},
     &MagnetBuyer::Params::momentum_weeks},
    {{"max_buffer_weeks", "weeks",
      "most its precautionary buffer holds, in weeks of demand (prior)", 104.0, 0.0, 520.0},
     &MagnetBuyer::Params::max_buffer_weeks},
};
constexpr auto kSpecs = specs_of(kParams);
static_assert(std::size(kParams) * sizeof(double) == sizeof(MagnetBuyer::Params));

// A sector buyer's parameters: the magnet buyer's, but for the growth of its demand. Uses outside
// magnets (catalysts, glass, polishing, alloys) grow far more slowly than magnets' (cal §12).
constexpr auto kSectorSpecs = [] {
  auto specs = kSpecs;
  for (ParamSpec& spec : specs)
    if (spec.name == "demand_growth")
      spec = {"demand_growth",
              "fraction/yr",
              "growth of underlying demand (prior, cal §12: uses outside magnets grow a few per "
              "cent a year)",
              0.03,
              -0.5,
              1.0};
  return specs;
}();

// The mean over the buyer's venues of `commodity` of the landed cost it expects to pay there
// (the anchor post() scales its bids to, agents/trading.cpp), USD/unit; the reference price
// when it trades on none.
double landed_level(const Context& ctx, const AgentState& state, world::CommodityIndex commodity) {
  const std::span<const world::VenueIndex> venues = ctx.info.venues_of[commodity];
  if (venues.empty()) return reference(ctx.world, commodity);
  const Snapshot& snapshot = ctx.snapshot;
  double sum = 0;
  for (const world::VenueIndex v : venues) {
    if (snapshot.landed_low.empty()) {
      sum += snapshot.venue_price[v];
      continue;
    }
    const double low = snapshot.low(v, ctx.info.nation);
    sum += low + state.trading[v].reach * (snapshot.high(v, ctx.info.nation) - low);
  }
  return sum / static_cast<int>(venues.size());
}

}  // namespace

const TypeSpec& MagnetBuyer::spec() {
  static const TypeSpec kSpec{"magnet_buyer",
                              "buys magnets for a nation's sector (EV, wind, electronics, defence)",
                              kSpecs, world::kEndUser};
  return kSpec;
}

const TypeSpec& SectorBuyer::spec() {
  static const TypeSpec kSpec{"sector_buyer",
                              "buys a commodity for a nation's sector outside magnets (catalysts, "
                              "polishing, glass, phosphors, alloys, batteries) by the magnet "
                              "buyer's rules",
                              kSectorSpecs, world::kEndUser};
  return kSpec;
}

MagnetBuyer::MagnetBuyer(std::span<const double> values)
    : params(bind_params<Params>(kParams, values)) {}

double MagnetBuyer::weekly_demand(const Context& ctx, const AgentState& state,
                                  world::CommodityIndex commodity) const {
  const double base = state.capacity[commodity] * ctx.snapshot.dt_years;
  const double years = ctx.snapshot.years;
  return base * growth_(1.0 + params.demand_growth, years) * (1.0 - substituted) * price_response *
         served;
}

double MagnetBuyer::reservation_ratio() const {
  if (params.magnet_cost_share <= 0) return INFINITY;
  return std::min(1.0 + params.product_margin / params.magnet_cost_share, params.max_price_ratio);
}

double MagnetBuyer::served_share(double ratio) const {
  const double most = reservation_ratio();
  if (!std::isfinite(most)) return 1.0;
  const double least = most - params.use_value_spread * (most - 1.0);
  if (ratio <= least) return 1.0;
  if (ratio >= most) return 0.0;
  return (most - ratio) / (most - least);
}

double MagnetBuyer::tranche_ratio(int tranche) const {
  const double most = reservation_ratio();
  const double span = params.use_value_spread * (most - 1.0) * served;
  return most - span * (tranche + 0.5) / kTranches;
}

double MagnetBuyer::target_buffer_weeks() const {
  if (params.precaution_weeks_per_shortage == 0 && params.momentum_weeks == 0)
    return params.buffer_weeks;
  const double momentum = price_short / price_long - 1.0;
  const double weeks = params.buffer_weeks +
                       params.precaution_weeks_per_shortage * shortage_memory +
                       params.momentum_weeks * momentum;
  return std::clamp(weeks, 0.0, params.max_buffer_weeks);
}

void MagnetBuyer::decide(const Context& ctx, const AgentState& state,
                         std::vector<OrderRequest>& orders) const {
  if (ctx.info.outputs.empty()) return;
  const world::CommodityIndex commodity = ctx.info.outputs[0];
  const double demand = weekly_demand(ctx, state, commodity);
  const double buffer = target_buffer_weeks();
  const double stock = state.inventory[commodity];
  const double need = demand * (1 + buffer) - stock;
  const double cover = stock / std::max(demand, 1e-9);
  // A buyer pays at most max_price_ratio times the reference: beyond it, it goes without and
  // curtails production rather than bid (cal §5: an Indian carmaker cut its EV target by two
  // thirds for want of magnets in 2025, while ex-China premiums stayed at 3-4x).
  const double market = market_price(ctx, commodity);
  const double reference_price = reference(ctx.world, commodity);
  const double bound = params.max_price_ratio * reference_price;
  const double wanted =
      bid_price(ctx.model, market, cover, buffer, shortage_memory, reference_price, INFINITY);
  if (params.magnet_cost_share <= 0) {
    post_bounded(ctx, state, commodity, need, wanted, bound, orders);
    return;
  }
  const double price = std::min(wanted, bound);
  // Value in use (cal §9): short of magnets, the buyer bids toward what the marginal unit is
  // worth to it, landed, as far as its scarcity goes: its shortage memory, or its cover gap
  // beyond scarcity_gap (the magnet makers' rule, §7.6). Its need is split into tranches, one per
  // quantile of the value of the uses it still serves, each bidding toward its own reservation
  // price (a demand curve in the book), so the price settles where supply meets the curve.
  // post() scales a bid to each venue's landed anchor over the mean bare price, so a ceiling is
  // set in that frame and then enforced on every venue as a landed cost.
  const double frame = market / std::max(landed_level(ctx, state, commodity), 1e-9);
  const double q = params.scarcity_gap;
  const double scarcity =
      std::clamp(std::max(shortage_memory, (gap(cover, buffer) - q) / (1.0 - q)), 0.0, 1.0);
  for (int i = 0; i < kTranches; ++i) {
    const double ceiling = tranche_ratio(i) * reference_price;
    double bid = price;
    if (ceiling * frame > bid) bid += scarcity * (ceiling * frame - bid);
    const std::size_t first = orders.size();
    post(ctx, state, commodity, market::Side::kBuy, need / kTranches, bid, orders);
    // A tranche's ceiling is its reservation price, itself at most the bound.
    for (std::size_t k = first; k < orders.size(); ++k) {
      orders[k].price_usd = std::min(orders[k].price_usd, ceiling);
      orders[k].at_bound = wanted > bound || (ceiling >= bound && orders[k].price_usd >= bound);
    }
  }
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
    response *= detmath::pow(price_short / price_long, params.short_run_elasticity);
  if (params.long_run_elasticity != 0)
    response *= detmath::pow(price_long, params.long_run_elasticity);
  price_response = response;
}

// Substitution (cal §7, §9: ferrite, iron-nitride or reduced-Nd designs, changed over years).
// At substitution_speed 0, the lagged ratchet: after prices stay above the threshold for the
// lag, a growing share of demand moves away, up to a ceiling, for good. Otherwise a partial
// adjustment toward a target that grows with the long price memory's excess over the threshold
// (the alternative's cost over the reference), full at twice the threshold; when the target
// falls, the share comes back toward it, but never below the part of its peak that is kept.
void MagnetBuyer::update_substitution(const Context& ctx, double price, double reference_price) {
  const double threshold = params.substitution_price_ratio;
  high_price_weeks = price > threshold * reference_price ? high_price_weeks + 1 : 0;
  if (params.substitution_speed <= 0) {
    if (high_price_weeks > params.substitution_lag_weeks)
      substituted =
          std::min(substituted + ctx.model.substitution_rate, params.substitution_max_share);
    substituted_peak = std::max(substituted_peak, substituted);
    return;
  }
  const double target =
      params.substitution_max_share * std::clamp((price_long - threshold) / threshold, 0.0, 1.0);
  const double step = 1.0 - detmath::exp(-params.substitution_speed * ctx.snapshot.dt_years);
  if (target >= substituted) {
    substituted += step * (target - substituted);
  } else {
    const double kept = (1.0 - params.substitution_reversibility) * substituted_peak;
    const double goal = std::max(target, kept);
    if (goal < substituted) substituted -= step * (substituted - goal);
  }
  substituted_peak = std::max(substituted_peak, substituted);
}

// Consumption at the end of the tick: it uses its demand from stock and records what it could
// not get; its price memories, the share of its uses worth serving and substitution follow.
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

  const double reference_price = ctx.world.commodities()[c].reference_price;
  const double price = market_price(ctx, commodity);
  update_price_response(ctx.model, price / std::max(reference_price, 1e-9));
  if (params.magnet_cost_share > 0) {
    landed_ratio = landed_level(ctx, state, c) / std::max(reference_price, 1e-9);
    served = served_share(landed_ratio);
  }
  update_substitution(ctx, price, reference_price);
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
