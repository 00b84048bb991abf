#include "agents/supply.h"

#include <algorithm>

#include "core/detmath.h"
#include "core/param_binding.h"

namespace reesim::agents {
namespace {

// Sources: rows of docs/calibration.md, cited as "cal §N". Elasticities have no credible
// published values (cal §4): their defaults are priors to be given distributions.
constexpr ParamBinding<ProducerParams> kProducer[] = {
    {{"unit_cost", "USD/commodity unit",
      "cash cost of one unit of output (a separator's: per unit of feed)", 0.0, 0.0, kUnbounded},
     &ProducerParams::unit_cost},
    {{"supply_elasticity", "ratio", "short-run elasticity of utilisation to price (prior)", 0.3,
      0.0, 5.0},
     &ProducerParams::supply_elasticity},
    {{"invest_price_ratio", "ratio",
      "price over unit cost, sustained, above which the producer adds capacity", 1.5, 1.0, 20.0},
     &ProducerParams::invest_price_ratio},
    {{"build_years", "years", "lead time of new capacity (cal §8: mines 6-10, separation several)",
      3.0, 0.0, 20.0},
     &ProducerParams::build_years},
    {{"outage_probability_per_year", "probability/yr", "chance of an unplanned outage in a year",
      0.05, 0.0, 1.0},
     &ProducerParams::outage_probability_per_year},
    {{"outage_weeks", "weeks", "mean length of an outage", 4.0, 0.0, 104.0},
     &ProducerParams::outage_weeks},
    {{"yield", "fraction", "output per unit of feed, by content (separators; inert for miners)",
      0.9, 0.0, 1.0},
     &ProducerParams::yield},
    {{"build_delay_sigma", "log-sd", "log-normal spread of the build delay (prior)", 0.3, 0.0, 3.0},
     &ProducerParams::build_delay_sigma},
    {{"outage_share", "fraction",
      "share of its capacity an outage takes off line: 1 for a single plant; an agent standing "
      "for n independent plants loses about 1/n",
      1.0, 0.0, 1.0, "prior"},
     &ProducerParams::outage_share},
};
constexpr auto kProducerSpecs = specs_of(kProducer);
static_assert(std::size(kProducer) * sizeof(double) == sizeof(ProducerParams));

}  // namespace

std::span<const ParamSpec> producer_specs() {
  return kProducerSpecs;
}

ProducerParams bind_producer_params(std::span<const double> values) {
  return bind_params<ProducerParams>(kProducer, values);
}

bool outage(const Context& ctx, SupplyState& supply, double per_year, double mean_weeks,
            world::RandomStream& random) {
  const double dt = ctx.snapshot.dt_years;
  const double chance = 1.0 - supply.survival(1.0 - per_year, dt);
  const int tick = ctx.snapshot.tick;
  // One draw a tick whatever the chance, so that a producer's later draws do not depend on it.
  if (tick >= supply.outage_until && random.bernoulli(chance))
    supply.outage_until = tick + 1 + static_cast<int>(random.exponential(mean_weeks));
  return tick < supply.outage_until;
}

// Short-run supply response (cal §4: no published elasticities, a prior): utilisation at the
// reference price is the scenario's figure and moves with price to the agent's elasticity; a
// producer paid less than its cash cost cuts its output (below_cost_utilisation).
double utilisation(const ModelParams& model, const AgentState& state,
                   world::CommodityIndex commodity, double received, double reference,
                   double elasticity, double unit_cost, double floor, detmath::PowMemo* response) {
  const double ratio = std::max(received / reference, 1e-3);
  double u = state.utilisation[commodity] * (response != nullptr ? (*response)(ratio, elasticity)
                                                                 : detmath::pow(ratio, elasticity));
  if (received < unit_cost) u *= model.below_cost_utilisation;
  // A PSU's mandate keeps it at its target utilisation whatever the price (cal §6).
  return std::clamp(std::max(u, floor), model.min_utilisation, 1.0);
}

void plan_by_utilisation(const Context& ctx, const AgentState& state, double elasticity,
                         double unit_cost, double floor, ByCommodity& planned) {
  for (const world::CommodityIndex c : ctx.info.outputs) {
    const double reference = std::max(ctx.world.commodities()[c].reference_price, 1e-9);
    planned[c] = within_quota(ctx, c,
                              state.capacity[c] * ctx.snapshot.dt_years *
                                  utilisation(ctx.model, state, c, received(ctx, c), reference,
                                              elasticity, unit_cost, floor));
  }
}

void remember_margin(const ModelParams& model, SupplyState& supply, double value,
                     double unit_cost) {
  const double memory = model.signal_memory;
  const double ratio = value / std::max(unit_cost, 1e-9);
  supply.price_ratio_memory = std::isnan(supply.price_ratio_memory)
                                  ? ratio
                                  : memory * supply.price_ratio_memory + (1 - memory) * ratio;
}

void start_and_finish_builds(const Context& ctx, AgentState& state) {
  const int tick = ctx.snapshot.tick;
  for (const world::Award& award : ctx.effects.awards)
    state.add_build({award.commodity, award.per_year, award.ready});
  if (tick < state.first_ready) return;
  // One walk of the list: finished builds come on line in the order they were started, the
  // others keep their order and give the next tick one comes on line.
  std::vector<Build>& builds = state.builds;
  int first_ready = std::numeric_limits<int>::max();
  std::size_t kept = 0;
  for (std::size_t i = 0; i < builds.size(); ++i) {
    const Build b = builds[i];
    if (b.ready <= tick) {
      state.capacity[b.commodity] += b.per_year;
      continue;
    }
    builds[kept++] = b;
    first_ready = std::min(first_ready, b.ready);
  }
  builds.resize(kept);
  state.first_ready = first_ready;
}

namespace {

// The builds under way at the start (docs/model.md §7.5): a world that has been growing has
// capacity under construction. A producer whose margin covers full cost starts with the builds a
// steady expansion at the expected growth of demand would have under way: over its lead time its
// capacities grow at that rate, a build coming on line at each review.
void start_pipeline(const Context& ctx, AgentState& state, const SupplyState& supply,
                    const InvestParams& params) {
  const Snapshot& snapshot = ctx.snapshot;
  const double growth = snapshot.demand_growth;
  const double ratio = params.invest_price_ratio;
  if (ratio <= 0 || growth <= 0 || !(supply.price_ratio_memory >= ratio)) return;
  const double dt = snapshot.dt_years;
  const double review_years = std::max(ctx.model.invest_review_weeks * 7.0 / 365.0, dt);
  const double lead = params.build_years;
  // A technology export ban in force slows these builds too: each takes build_time_factor times
  // its lead, so it comes on line (factor − 1) leads later.
  const double slowed = (ctx.effects.build_time_factor - 1) * lead;
  const std::span<const world::CommodityIndex> outputs = ctx.info.outputs;
  for (double t = review_years; t <= lead + 1e-9; t += review_years) {
    const double share = detmath::exp(growth * t) - detmath::exp(growth * (t - review_years));
    const int ready = snapshot.tick + static_cast<int>(std::lround((t + slowed) / dt));
    for (auto it = outputs.begin(); it != outputs.end(); ++it)
      if (std::find(outputs.begin(), it, *it) == it && state.capacity[*it] > 0)
        state.add_build({*it, share * state.capacity[*it], ready});
  }
}

// A producer's outputs' market prices over their normal prices, weighed by what each output of
// its capacity is worth at the normal price; 0 when there are no normal prices yet. A separator's
// oxides are joint products: its heavy-REE circuits are built for the Dy and Tb as much as for the
// NdPr, so a dear Tb calls for separation as a dear NdPr does (docs/model.md §7.5).
//
// A concentrate's premium is over its reference price, not its normal price. The normal price
// follows the oxides in it (the pull toward it prices a concentrate off its contents, §7.6), but a
// mine is where scarce oxides come from: a concentrate dear because its oxides are dear calls for
// mines, where a magnet dear because its inputs are dear does not call for magnet plants. When
// separation is what is short, concentrate piles up and its price falls instead.
double output_premium(const Context& ctx, const AgentState& state) {
  const Snapshot& snapshot = ctx.snapshot;
  if (snapshot.normal_price.empty()) return 0.0;
  const std::span<const world::CommodityIndex> outputs = ctx.info.outputs;
  double worth = 0;
  double at_normal = 0;
  for (auto it = outputs.begin(); it != outputs.end(); ++it) {
    const world::CommodityIndex c = *it;
    const world::CommodityInfo& info = ctx.world.commodities()[c];
    const double normal =
        info.stage == STAGE_CONCENTRATE ? info.reference_price : snapshot.normal_price[c];
    if (!(normal > 0) || std::find(outputs.begin(), it, c) != it) continue;
    // A producer with no capacity yet weighs its outputs alike.
    const double units = state.capacity[outputs[0]] > 0 ? state.capacity[c] : 1.0;
    worth += units * market_price(ctx, c);
    at_normal += units * normal;
  }
  return at_normal > 0 ? worth / at_normal : 0.0;
}

}  // namespace

// Endogenous investment with foresight (cal §8 lead times; docs/model.md §7.5).
//
// Expected demand. A producer expects the demand for its output to grow as end users' demand
// does (Snapshot::demand_growth, an adaptive expectation of that growth) from the level of its
// own recent sales (an exponential average over sales_fast_weeks, which lags them by about that
// horizon). Its own sales are not a guide to growth: a producer that sells all it makes would
// read its own new capacity as demand.
//
// The plan. At each review (every invest_review_weeks) it projects its sales to the day a build
// started now would be on line (the lead time) and wants the capacity that sells them at its
// usual utilisation, scaled by (market price / normal price)^invest_price_response, both
// smoothed (over a separator's oxides, weighed by value: output_premium): a price above its
// long-run level signals demand its sales cannot show (they are capped by what it makes) and asks
// for more, one below it for less. While its smoothed margin does not cover full cost (price over
// unit cost under invest_price_ratio, the ratio that repays capital) it builds nothing. It starts
// one build of the gap between that plan and what it has and is building, when the gap is at least
// invest_step of its capacity (projects come in sizes). A separator's oxides are joint products, so
// all its capacities grow in proportion.
//
// Under capital support the state pays a share of the build's capital cost: the margin over cash
// cost that must repay capital (invest_price_ratio − 1) shrinks in proportion, and the build
// takes the scheme's construction time (prior).
void maybe_invest(const Context& ctx, AgentState& state, SupplyState& supply,
                  const InvestParams& params, world::RandomStream& random) {
  const Snapshot& snapshot = ctx.snapshot;
  const ModelParams& model = ctx.model;
  const world::AgentEffects& effects = ctx.effects;
  if (ctx.info.outputs.empty()) return;
  const world::CommodityIndex main = ctx.info.outputs[0];
  const double dt = snapshot.dt_years;
  const double fast_years = model.sales_fast_weeks * 7.0 / 365.0;
  if (std::isnan(supply.sales_fast)) {
    supply.sales_fast = state.capacity[main] * state.utilisation[main] * dt;
    start_pipeline(ctx, state, supply, params);
  } else
    supply.sales_fast += std::min(dt / fast_years, 1.0) * (state.sold_units - supply.sales_fast);
  const double premium = output_premium(ctx, state);
  if (premium > 0)
    supply.scarcity_memory += std::min(dt / (model.scarcity_memory_weeks * 7.0 / 365.0), 1.0) *
                              (premium - supply.scarcity_memory);

  const double ratio = params.invest_price_ratio;
  const bool supported = effects.capex_share > 0;
  const double trigger = supported ? 1 + (ratio - 1) * (1 - effects.capex_share) : ratio;
  if (ratio <= 0 || supply.price_ratio_memory < trigger) return;
  // The model and the tick's length hold for the trial: the review interval is worked out once.
  if (supply.review_ticks == 0) supply.review_ticks = invest_review_ticks(model, dt);
  const int review = supply.review_ticks;
  if (snapshot.tick - supply.last_build_tick < review || snapshot.tick % review != 0) return;
  const double capacity = state.capacity[main];
  const double usual = state.utilisation[main];
  if (capacity <= 0 || usual <= 0 || supply.sales_fast <= 0) return;

  const double build_years = supported ? effects.supported_build_years : params.build_years;
  const double years = build_years * effects.build_time_factor *
                       detmath::exp(params.build_delay_sigma * random.normal());
  const double expected =
      supply.sales_fast * detmath::exp(snapshot.demand_growth * (fast_years + years)) / dt;
  const double scarcity = detmath::pow(supply.scarcity_memory, model.invest_price_response);
  double pipeline = capacity;
  for (const Build& b : state.builds)
    if (b.commodity == main) pipeline += b.per_year;
  // A mine's or separator's plan also looks through its price to the content it will supply:
  // its share of the world's projected shortfall of capacity for its output, for the output that
  // will be shortest (Snapshot::content_call), so a by-product's cheap years do not stop the
  // builds the demand for its co-products will need.
  double call = 0;
  for (const world::CommodityIndex made : ctx.info.outputs)
    if (state.capacity[made] > 0) call = std::max(call, snapshot.content_call_of(made, years));
  const double content =
      call > 0 ? pipeline * detmath::pow(call, model.invest_content_response) : 0.0;
  const double gap = std::max(expected / usual * scarcity, content) - pipeline;
  if (gap <= 0 || gap < model.invest_step * capacity) return;

  const int ready = snapshot.tick + static_cast<int>(std::lround(years / dt));
  supply.last_build_tick = snapshot.tick;
  const double scale = gap / capacity;
  const std::span<const world::CommodityIndex> outputs = ctx.info.outputs;
  for (auto it = outputs.begin(); it != outputs.end(); ++it) {
    const world::CommodityIndex made = *it;
    const double per_year = scale * state.capacity[made];
    if (per_year <= 0 || std::find(outputs.begin(), it, made) != it) continue;
    state.add_build({made, per_year, ready});
    if (supported && made == main) state.supported_capacity += per_year;
  }
}

int invest_review_ticks(const ModelParams& model, double dt_years) {
  return std::max(
      1, static_cast<int>(std::lround(model.invest_review_weeks * 7.0 / (365.0 * dt_years))));
}

void book_output(const world::AgentInfo& info, AgentState& state, const ByCommodity& planned,
                 ByCommodity& output) {
  for (const world::CommodityIndex c : info.outputs) {
    state.inventory[c] += planned[c];
    output[c] += planned[c];
  }
}

void fill_output_stocks(const Context& ctx, AgentState& state,
                        const CommodityFlags& set_by_scenario) {
  for (const world::CommodityIndex c : ctx.info.outputs) {
    const double weekly = state.capacity[c] * state.utilisation[c] * ctx.snapshot.dt_years;
    if (!set_by_scenario[c])
      state.inventory[c] = std::max(state.inventory[c], ctx.model.target_cover_weeks * weekly);
  }
}

}  // namespace reesim::agents
