#include "agents/types/magnet_maker.h"

#include <algorithm>

#include "agents/trading.h"
#include "core/param_binding.h"
#include "world/catalog.h"

namespace reesim::agents {
namespace {

constexpr ParamBinding<MagnetMaker::Params> kParams[] = {
    {{"ndpr_per_t", "t/t", "NdPr oxide per tonne of magnet (cal §2: 0.29-0.32)", 0.31, 0.0, 1.0},
     &MagnetMaker::Params::ndpr_per_t},
    {{"dy_per_t", "t/t", "Dy oxide per tonne of magnet (cal §2: ~0.04 high-temperature grades)",
      0.02, 0.0, 1.0},
     &MagnetMaker::Params::dy_per_t},
    {{"tb_per_t", "t/t", "Tb oxide per tonne of magnet (prior)", 0.005, 0.0, 1.0},
     &MagnetMaker::Params::tb_per_t},
    {{"conversion_cost", "USD/kg", "cost of turning oxide into magnet", 15.0, 0.0, kUnbounded},
     &MagnetMaker::Params::conversion_cost},
    {{"input_buffer_weeks", "weeks", "weeks of oxide inputs the maker keeps", 8.0, 0.0, 104.0},
     &MagnetMaker::Params::input_buffer_weeks},
    {{"max_input_price_ratio", "ratio",
      "most the maker bids for an input, as a multiple of its reference price (prior)", 12.0, 1.0,
      1000.0},
     &MagnetMaker::Params::max_input_price_ratio},
    {{"build_years", "years", "time to build a magnet plant (cal §8: ~2)", 2.0, 0.0, 20.0},
     &MagnetMaker::Params::build_years},
    {{"invest_price_ratio", "ratio",
      "magnet price over unit cost (inputs and conversion), sustained, above which the maker adds "
      "capacity (prior)",
      1.5, 1.0, 20.0},
     &MagnetMaker::Params::invest_price_ratio},
    {{"build_delay_sigma", "log-sd", "log-normal spread of the build delay (prior)", 0.3, 0.0, 3.0},
     &MagnetMaker::Params::build_delay_sigma},
    // Thrift (docs/model.md §7.5.1). At 0 the maker never cuts: the recipe holds as given.
    {{"thrift_max_share", "fraction",
      "largest cut of Dy and Tb per kg of magnet (grain-boundary diffusion, grade changes); 0: "
      "none",
      0.0, 0.0, 0.9,
      "cal §9: grain-boundary diffusion uses about a half, at best a third, of the Dy or Tb of a "
      "conventional magnet; prior"},
     &MagnetMaker::Params::thrift_max_share},
    {{"thrift_years", "years",
      "time for the cut to close most of its gap to what pays (requalifying grades, diffusion "
      "lines)",
      2.0, 0.02, 20.0, "cal §9: a maker's H-grade cut took about two years; prior"},
     &MagnetMaker::Params::thrift_years},
    {{"thrift_price_ratio", "ratio",
      "Dy and Tb price over their reference at which the largest cut pays; the cut pays in "
      "proportion from the reference up",
      3.0, 1.01, 50.0, "prior"},
     &MagnetMaker::Params::thrift_price_ratio},
    {{"thrift_reversibility", "fraction",
      "share of its deepest cut a maker may give back when Dy and Tb are cheap again (0: none, "
      "a ratchet)",
      0.5, 0.0, 1.0, "prior"},
     &MagnetMaker::Params::thrift_reversibility},
    // Dy-Tb swap (docs/model.md §7.5.1). At 0 the maker keeps its mix of Dy and Tb.
    {{"heavy_swap_max_share", "fraction",
      "largest share of its Tb it replaces by Dy when Tb is dear against Dy, or of its Dy by Tb "
      "the other way; 0: none",
      0.0, 0.0, 0.9,
      "prior: both raise coercivity and grain-boundary diffusion takes either (cal §9), but some "
      "grades need one"},
     &MagnetMaker::Params::heavy_swap_max_share},
    {{"heavy_swap_price_ratio", "ratio",
      "change in Tb's price against Dy's, from the reference prices' ratio, at which the whole "
      "swap pays; it pays in proportion from the reference ratio up",
      2.0, 1.01, 50.0, "prior"},
     &MagnetMaker::Params::heavy_swap_price_ratio},
    {{"tb_dy_equivalence", "kg/kg",
      "kg of Dy that do the work of 1 kg of Tb in a magnet (coercivity)", 2.0, 0.1, 10.0,
      "prior: Tb raises coercivity about twice as much as Dy per unit of mass"},
     &MagnetMaker::Params::tb_dy_equivalence},
    {{"sm_per_t", "t/t",
      "Sm oxide per tonne of magnet: 0 for NdFeB; about 0.29 for Sm2Co17 (prior: 25 % Sm by "
      "mass, Sm2O3 86 % Sm), whose maker sets ndpr_per_t, dy_per_t and tb_per_t to 0",
      0.0, 0.0, 1.0},
     &MagnetMaker::Params::sm_per_t},
};
constexpr auto kSpecs = specs_of(kParams);
static_assert(std::size(kParams) * sizeof(double) == sizeof(MagnetMaker::Params));

}  // namespace

const TypeSpec& MagnetMaker::spec() {
  static const TypeSpec kSpec{"magnet_maker", "turns oxides into magnets by recipe", kSpecs,
                              world::kSells};
  return kSpec;
}

MagnetMaker::MagnetMaker(std::span<const double> values)
    : params(bind_params<Params>(kParams, values)) {}

double MagnetMaker::recipe(world::Input input) const {
  switch (input) {
    case world::Input::kNdPr:
      return params.ndpr_per_t;
    case world::Input::kDy: {
      const double dy = thrift.swap >= 0 ? params.dy_per_t + thrift.swap * params.tb_per_t *
                                                                 params.tb_dy_equivalence
                                         : params.dy_per_t * (1.0 + thrift.swap);
      return dy * (1.0 - thrift.cut);
    }
    case world::Input::kTb: {
      const double tb = thrift.swap >= 0 ? params.tb_per_t * (1.0 - thrift.swap)
                                         : params.tb_per_t - thrift.swap * params.dy_per_t /
                                                                 params.tb_dy_equivalence;
      return tb * (1.0 - thrift.cut);
    }
    case world::Input::kSm:
      return params.sm_per_t;
    case world::Input::kLa:
    case world::Input::kCe:
    case world::Input::kNone:
      break;
  }
  return 0;
}

double MagnetMaker::input_cost(const Context& ctx) const {
  double cost = 0;
  for (const world::CommodityIndex c : ctx.world.commodities().indices()) {
    const double per_unit = recipe(ctx.world.commodities()[c].input);
    if (per_unit > 0) cost += per_unit * market_price(ctx, c);
  }
  return cost;
}

// The heavy rare earths' cost per unit of magnet at the full recipe, over what it is at their
// reference prices, says how dear they are; Dy and Tb are weighed by their use.
double MagnetMaker::thrift_target(const Context& ctx) const {
  double now = 0;
  double usual = 0;
  for (const world::CommodityIndex c : ctx.world.commodities().indices()) {
    const world::Input input = ctx.world.commodities()[c].input;
    const double per_unit = input == world::Input::kDy   ? params.dy_per_t
                            : input == world::Input::kTb ? params.tb_per_t
                                                         : 0.0;
    if (per_unit <= 0) continue;
    now += per_unit * market_price(ctx, c);
    usual += per_unit * reference(ctx.world, c);
  }
  if (!(usual > 0)) return 0.0;
  const double pays = (now / usual - 1.0) / (params.thrift_price_ratio - 1.0);
  return params.thrift_max_share * std::clamp(pays, 0.0, 1.0);
}

double MagnetMaker::swap_target(const Context& ctx) const {
  double dy = NAN;
  double tb = NAN;
  double reference_ratio = 1.0;  // Tb's reference price over Dy's
  for (const world::CommodityIndex c : ctx.world.commodities().indices()) {
    const world::Input input = ctx.world.commodities()[c].input;
    if (input == world::Input::kDy) {
      dy = market_price(ctx, c) / reference(ctx.world, c);
      reference_ratio /= reference(ctx.world, c);
    }
    if (input == world::Input::kTb) {
      tb = market_price(ctx, c) / reference(ctx.world, c);
      reference_ratio *= reference(ctx.world, c);
    }
  }
  if (!(dy > 0 && tb > 0)) return 0.0;
  // Toward Dy as soon as Tb has grown dearer against Dy than in the reference mix: Dy is the
  // cheaper coercivity there already, and the mix keeps Tb only where a grade needs it. Toward Tb
  // only once Tb gives coercivity more cheaply than Dy, P_Tb below tb_dy_equivalence P_Dy: at the
  // calibrated reference prices a kilogram of Tb (950 USD) costs more than the two of Dy (520)
  // it replaces, so Dy must first grow about 1.8 times dearer against Tb.
  const double tb_cost = std::max(1.0, reference_ratio / params.tb_dy_equivalence);
  const double dearer = tb >= dy ? tb / dy : dy / tb / tb_cost;
  const double pays = (dearer - 1.0) / (params.heavy_swap_price_ratio - 1.0);
  const double share = params.heavy_swap_max_share * std::clamp(pays, 0.0, 1.0);
  return tb > dy ? share : -share;
}

void MagnetMaker::update_thrift(const Context& ctx) {
  // A swap between Tb and Dy is a change of grade as a cut is, and takes as long; it is given
  // back in full when the prices come back: nothing is learnt that only one mix uses.
  if (params.heavy_swap_max_share > 0 && params.tb_per_t > 0 && params.dy_per_t > 0)
    thrift.swap += (swap_target(ctx) - thrift.swap) *
                   std::min(1.0, ctx.snapshot.dt_years / params.thrift_years);
  if (params.thrift_max_share <= 0) return;
  // A price spike shorter than thrift_years moves the cut little: grades are requalified and
  // diffusion lines built over years (cal §9). Equipment bought and grades qualified stay, so only
  // part of a cut is given back when prices fall.
  const double step = std::min(1.0, ctx.snapshot.dt_years / params.thrift_years);
  const double kept = (1.0 - params.thrift_reversibility) * thrift.deepest;
  const double target = std::max(thrift_target(ctx), kept);
  thrift.cut += (target - thrift.cut) * step;
  thrift.deepest = std::max(thrift.deepest, thrift.cut);
}

// Demand pull: makers run at their usual utilisation, more when their magnet stock is below the
// target cover and less above it.
double MagnetMaker::plan(const Context& ctx, const AgentState& state,
                         world::CommodityIndex magnet) const {
  const world::CommodityIndex m = magnet;
  const double dt = ctx.snapshot.dt_years;
  const double usual = state.capacity[m] * state.utilisation[m] * dt;
  if (usual <= 0) return 0.0;
  const double u = state.utilisation[m] *
                   (1.0 + ctx.model.maker_plan_response *
                              gap(state.inventory[m] / usual, ctx.model.target_cover_weeks));
  return state.capacity[m] * dt * std::clamp(u, ctx.model.maker_min_utilisation, 1.0);
}

// Its margin is the magnet's received price over its unit cost at today's input prices (inputs by
// recipe plus conversion), smoothed as a producer's; it invests as producers do.
void MagnetMaker::produce(const Context& ctx, AgentState& state, world::RandomStream& random,
                          ByCommodity& output) {
  if (ctx.info.outputs.empty()) return;
  const world::CommodityIndex magnet = ctx.info.outputs[0];
  update_thrift(ctx);
  const double unit_cost = input_cost(ctx) + params.conversion_cost;
  remember_margin(ctx.model, supply, received(ctx, magnet), unit_cost);
  maybe_invest(ctx, state, supply,
               {params.invest_price_ratio, params.build_years, params.build_delay_sigma}, random);
  const auto& commodities = ctx.world.commodities();
  double units = plan(ctx, state, magnet);
  for (const world::CommodityIndex c : commodities.indices()) {
    const double per_unit = recipe(commodities[c].input);
    if (per_unit > 0) units = std::min(units, std::max(state.inventory[c], 0.0) / per_unit);
  }
  units = std::max(units, 0.0);
  for (const world::CommodityIndex c : commodities.indices())
    state.inventory[c] -= units * recipe(commodities[c].input);
  state.inventory[magnet] += units;
  output[magnet] += units;
  thrift.made = units;
}

void MagnetMaker::decide(const Context& ctx, const AgentState& state,
                         std::vector<OrderRequest>& orders) const {
  if (ctx.info.outputs.empty()) return;
  const world::CommodityIndex magnet = ctx.info.outputs[0];
  const double planned = plan(ctx, state, magnet);
  // Inputs: keep `input_buffer_weeks` of planned use; their cost sets the magnets' floor.
  const double buffer = params.input_buffer_weeks;
  const double conversion = params.conversion_cost;
  const double magnet_price = market_price(ctx, magnet);
  const double inputs = input_cost(ctx);
  // Inputs are tiny shares of a magnet's cost, so what they are worth to the maker can reach
  // many times their price; a maker pays at most max_input_price_ratio times the reference and
  // makes fewer magnets beyond it (cal §5: Europe paid 3-4x China's price for Dy and Tb in 2025).
  const double most = params.max_input_price_ratio;
  const double scarce = ctx.model.maker_scarcity_gap;
  const double slope = 1.0 / (1.0 - scarce);
  // A maker with no capacity yet (a plant a project will build) plans nothing and buys nothing.
  for (const world::CommodityIndex c : ctx.world.commodities().indices()) {
    const double per_unit = recipe(ctx.world.commodities()[c].input);
    if (per_unit <= 0 || !(planned > 0)) continue;
    const world::CommodityIndex commodity = c;
    const double market = market_price(ctx, commodity);
    const double use = std::max(planned * per_unit, 1e-9);
    const double need = use * (1 + buffer) - state.inventory[c];
    const double cover_gap = gap(state.inventory[c] / use, buffer);
    const double bound = most * reference(ctx.world, commodity);
    double price = bid_price(ctx.model, market, state.inventory[c] / use, buffer, 0.0,
                             reference(ctx.world, commodity), INFINITY);
    // Scarcity: short of its buffer by more than maker_scarcity_gap, a maker bids toward what the
    // input is worth to it, the magnet's price less the other inputs and conversion (its marginal
    // value product).
    const double worth = (magnet_price - (inputs - per_unit * market) - conversion) / per_unit;
    if (cover_gap > scarce && worth > price)
      price += (worth - price) * slope * (cover_gap - scarce);
    post_bounded(ctx, state, commodity, need, price, bound, orders);
  }
  const world::CommodityIndex m = magnet;
  const double stock = state.inventory[m];
  const double weekly = state.capacity[m] * state.utilisation[m] * ctx.snapshot.dt_years;
  const double floor =
      std::max(0.0, inputs + params.conversion_cost - ctx.effects.incentive_usd[m]);
  offer_stock(ctx, state, magnet, stock, std::max(weekly, 1e-9), floor, preference(ctx, {}),
              orders);
}

void MagnetMaker::fill_stocks(const Context& ctx, AgentState& state,
                              const CommodityFlags& set_by_scenario) const {
  if (ctx.info.outputs.empty()) return;
  auto fill = [&](world::CommodityIndex c, double units) {
    if (!set_by_scenario[c]) state.inventory[c] = std::max(state.inventory[c], units);
  };
  const world::CommodityIndex m = ctx.info.outputs[0];
  const double weekly = state.capacity[m] * state.utilisation[m] * ctx.snapshot.dt_years;
  fill(m, ctx.model.target_cover_weeks * weekly);
  for (const world::CommodityIndex c : ctx.world.commodities().indices())
    fill(c, params.input_buffer_weeks * weekly * recipe(ctx.world.commodities()[c].input));
}

}  // namespace reesim::agents
