// A test bench for one agent's hooks: a small world with one agent of each type, the default
// model parameters, and a snapshot and a policy view that a test sets by hand before it calls the
// hooks (agents::produce, decide, consume). Nothing trades: a test reads the orders an agent
// sends and the state its hooks leave. Weekly ticks over 2024; prices start at the reference.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "agents/registry.h"
#include "core/model_params.h"
#include "sim/catalog.h"
#include "tests/policies/world_runner.h"
#include "world/random.h"
#include "world/world.h"

namespace reesim::testing::bench {

// Concentrate carries 0.2 NdPr and 0.01 Dy per unit (a separator at yield 0.9 makes 0.18 NdPr and
// 0.009 Dy from a unit); a magnet carries 0.3 NdPr and 0.02 Dy. Reference prices: concentrate 4,
// NdPr 50, Dy 300, magnet 60 USD/kg. Every producer is free of outages, and every build delay is
// certain (sigma 0), so hooks are deterministic. The US trader holds at most 20 t of each of NdPr
// and Dy, whatever the market's volume, with 10 M USD.
inline constexpr std::string_view kBenchWorld = R"txt(
  id: "agent-bench"
  calendar { start: "2024-01-01" end: "2024-12-31" }
  commodities {
    id: "conc" name: "mixed concentrate" stage: STAGE_CONCENTRATE unit: "kg"
    quantity_lot: 10 price_tick: 0.01 reference_price: 4
    content { key: "NdPr" value: 0.2 } content { key: "Dy" value: 0.01 }
  }
  commodities {
    id: "ndpr" name: "NdPr oxide" stage: STAGE_OXIDE unit: "kg"
    quantity_lot: 10 price_tick: 0.01 reference_price: 50
    content { key: "Nd" value: 0.75 } content { key: "Pr" value: 0.25 }
  }
  commodities {
    id: "dy" name: "Dy oxide" stage: STAGE_OXIDE unit: "kg"
    quantity_lot: 1 price_tick: 0.01 reference_price: 300
    content { key: "Dy" value: 1 }
  }
  commodities {
    id: "magnet" name: "NdFeB magnets" stage: STAGE_MAGNET unit: "kg"
    quantity_lot: 10 price_tick: 0.01 reference_price: 60
    content { key: "NdPr" value: 0.3 } content { key: "Dy" value: 0.02 }
  }
  venues { id: "conc_global" commodity: "conc" jurisdiction: "global" }
  venues { id: "ndpr_global" commodity: "ndpr" jurisdiction: "global" }
  venues { id: "ndpr_cn" commodity: "ndpr" jurisdiction: "CN" }
  venues { id: "ndpr_in" commodity: "ndpr" jurisdiction: "IN" }
  venues { id: "dy_global" commodity: "dy" jurisdiction: "global" }
  venues { id: "magnet_global" commodity: "magnet" jurisdiction: "global" }
  nations { id: "CN" } nations { id: "US" } nations { id: "IN" }
  agents {
    id: "us_miner" type: "miner" nation: "US"
    capacities { commodity: "conc" per_year { fixed: 520000 } utilisation: 0.5 }
    venues: ["conc_global"]
    params { name: "unit_cost" value { fixed: 2 } }
    params { name: "supply_elasticity" value { fixed: 0.5 } }
    params { name: "outage_probability_per_year" value { fixed: 0 } }
    params { name: "invest_price_ratio" value { fixed: 1.5 } }
    params { name: "build_years" value { fixed: 2 } }
    params { name: "build_delay_sigma" value { fixed: 0 } }
  }
  agents {
    id: "cn_separator" type: "separator" nation: "CN"
    capacities { commodity: "ndpr" per_year { fixed: 100000 } utilisation: 0.6 }
    capacities { commodity: "dy" per_year { fixed: 6000 } utilisation: 0.6 }
    venues: ["conc_global", "ndpr_cn", "ndpr_global", "dy_global"]
    params { name: "unit_cost" value { fixed: 8 } }
    params { name: "supply_elasticity" value { fixed: 0.3 } }
    params { name: "yield" value { fixed: 0.9 } }
    params { name: "outage_probability_per_year" value { fixed: 0 } }
    params { name: "build_delay_sigma" value { fixed: 0 } }
  }
  agents {
    id: "in_psu" type: "psu" nation: "IN"
    capacities { commodity: "ndpr" per_year { fixed: 100000 } utilisation: 0.9 }
    venues: ["ndpr_in", "ndpr_global"]
    params { name: "unit_cost" value { fixed: 40 } }
    params { name: "home_first_share" value { fixed: 0.6 } }
    params { name: "utilisation_target" value { fixed: 0.7 } }
    params { name: "mission_budget_usd" value { fixed: 5000000 } }
    params { name: "capex_usd_per_unit_year" value { fixed: 50 } }
    params { name: "build_years" value { fixed: 2 } }
    params { name: "build_delay_sigma" value { fixed: 0 } }
    params { name: "success_probability" value { fixed: 1 } }
  }
  agents {
    id: "us_recycler" type: "recycler" nation: "US"
    capacities { commodity: "ndpr" per_year { fixed: 50000 } }
    venues: ["ndpr_global"]
    params { name: "recovery_rate" value { fixed: 0.02 } }
    params { name: "growth_per_year" value { fixed: 0.5 } }
    params { name: "unit_cost" value { fixed: 20 } }
  }
  agents {
    id: "in_maker" type: "magnet_maker" nation: "IN"
    capacities { commodity: "magnet" per_year { fixed: 100000 } utilisation: 0.8 }
    venues: ["ndpr_global", "dy_global", "magnet_global"]
    params { name: "ndpr_per_t" value { fixed: 0.3 } }
    params { name: "dy_per_t" value { fixed: 0.02 } }
    params { name: "conversion_cost" value { fixed: 10 } }
    params { name: "input_buffer_weeks" value { fixed: 8 } }
    params { name: "build_delay_sigma" value { fixed: 0 } }
  }
  agents {
    id: "us_buyer" type: "magnet_buyer" nation: "US" sector: "ev"
    capacities { commodity: "magnet" per_year { fixed: 52000 } }
    venues: ["magnet_global"]
    params { name: "demand_growth" value { fixed: 0 } }
    params { name: "short_run_elasticity" value { fixed: -0.1 } }
    params { name: "long_run_elasticity" value { fixed: -0.4 } }
    params { name: "buffer_weeks" value { fixed: 6 } }
    params { name: "substitution_price_ratio" value { fixed: 2 } }
    params { name: "substitution_lag_weeks" value { fixed: 10 } }
    params { name: "substitution_max_share" value { fixed: 0.3 } }
  }
  agents {
    id: "us_reserve" type: "stockpile" nation: "US" cash: 100000000
    venues: ["ndpr_global", "dy_global"]
    params { name: "buy_below_price" value { fixed: 45 } }
    params { name: "release_shortfall" value { fixed: 0.1 } }
  }
  agents {
    id: "market_maker" type: "liquidity_provider" nation: "US"
    venues: ["ndpr_global", "magnet_global"]
    params { name: "half_spread" value { fixed: 0.05 } }
    params { name: "depth_units" value { fixed: 1000 } }
    params { name: "reference_weight" value { fixed: 0.2 } }
  }
  agents { id: "cn_government" type: "government" nation: "CN" }
  agents {
    id: "us_trader" type: "trader" nation: "US" cash: 10000000
    venues: ["ndpr_global", "dy_global"]
    params { name: "max_stock" value { fixed: 20000 } }
    params { name: "max_stock_weeks" value { fixed: 0 } }
  }
)txt";

inline constexpr std::uint64_t kTrial = 0;

// The bench world, its model parameters at their defaults, and a snapshot and policy view at
// rest: every venue at its reference price, no shortage, no end-of-life feed, no policy in force.
// A test changes `snapshot` and `effects` and passes `context(agent)` to the hooks. Not
// thread-safe; neither copied nor moved (contexts refer to its members).
class Bench {
 public:
  Bench() : Bench(std::string_view{}) {}
  // The bench world with `extra` scenario text added (more commodities, venues or agents).
  explicit Bench(std::string_view extra)
      : world_(scenario_of({kBenchWorld, extra}), sim::catalog()),
        model(resolve_model_params({})),
        random(kSeed, kTrial, "bench", "production") {
    snapshot.tick = 0;
    snapshot.dt_years = world_.tick_days() / 365.0;
    for (const world::VenueInfo& v : world_.venues())
      snapshot.venue_price.push_back(reference(v.commodity));
    snapshot.venue_volume.assign(world_.venues().size(), 0.0);
    snapshot.nations = world_.nation_count();
    snapshot.nation_shortage.assign(static_cast<std::size_t>(world_.nation_count()), 0.0);
    snapshot.end_of_life.assign(static_cast<std::size_t>(world_.nation_count()) * world::kInputs,
                                0.0);
    effects.floor_usd.assign(world_.commodities().size(), 0.0);
    effects.incentive_usd.assign(world_.commodities().size(), 0.0);
  }
  Bench(const Bench&) = delete;
  Bench& operator=(const Bench&) = delete;

  [[nodiscard]] const world::World& world() const { return world_; }

  // The agent called `id` as a trial starts it (trial 0 of the tests' seed).
  [[nodiscard]] agents::Agent agent(std::string_view id) const {
    return agents::make_agent(world_, info(id), model, kSeed, kTrial);
  }
  [[nodiscard]] const world::AgentInfo& info(std::string_view id) const {
    for (const world::AgentInfo& a : world_.agents())
      if (a.id == id) return a;
    throw std::out_of_range("no bench agent \"" + std::string(id) + "\"");
  }
  // What the hooks of agent `id` read: the bench's world, snapshot, model and policy view.
  [[nodiscard]] agents::Context context(std::string_view id) const {
    return {world_, info(id), snapshot, model, effects};
  }

  [[nodiscard]] world::CommodityIndex commodity(const std::string& id) const {
    const auto c = world_.commodity_index(id);
    if (!c) throw std::out_of_range("no bench commodity \"" + id + "\"");
    return *c;
  }
  [[nodiscard]] world::VenueIndex venue(const std::string& id) const {
    const auto v = world_.venue_index(id);
    if (!v) throw std::out_of_range("no bench venue \"" + id + "\"");
    return *v;
  }
  [[nodiscard]] world::NationIndex nation(const std::string& id) const {
    const auto n = world_.nation_index(id);
    if (!n) throw std::out_of_range("no bench nation \"" + id + "\"");
    return *n;
  }
  [[nodiscard]] double reference(world::CommodityIndex commodity) const {
    return world_.commodities()[commodity].reference_price;
  }
  [[nodiscard]] double reference(const std::string& commodity) const {
    return reference(this->commodity(commodity));
  }

  // Sets the last price of every venue of `commodity`.
  void set_price(const std::string& commodity, double usd) {
    const world::CommodityIndex c = this->commodity(commodity);
    for (const world::VenueIndex v : world_.venues().indices())
      if (world_.venues()[v].commodity == c) snapshot.venue_price[v] = usd;
  }
  // Sets every venue of `commodity` to `multiple` times its reference price.
  void set_price_multiple(const std::string& commodity, double multiple) {
    set_price(commodity, multiple * reference(commodity));
  }
  // Sets the content of `input` reaching end of life in `nation`'s magnets last tick.
  void set_end_of_life(const std::string& nation, world::Input input, double units) {
    snapshot.end_of_life[world::at(this->nation(nation)) * world::kInputs + world::at(input)] =
        units;
  }

  // Units a year over one tick.
  [[nodiscard]] double per_tick(double per_year) const { return per_year * snapshot.dt_years; }

  // Runs the agent's production hook; returns what it made this tick, by commodity.
  agents::ByCommodity produce(std::string_view id, agents::Agent& agent) {
    agents::ByCommodity output(world_.commodities().size(), 0.0);
    agents::produce(context(id), agent, random, output);
    return output;
  }
  // The orders the agent sends this tick.
  [[nodiscard]] std::vector<agents::OrderRequest> decide(std::string_view id,
                                                         const agents::Agent& agent) const {
    std::vector<agents::OrderRequest> orders;
    agents::decide(context(id), agent, orders);
    return orders;
  }
  void consume(std::string_view id, agents::Agent& agent) const {
    agents::consume(context(id), agent);
  }

 private:
  world::World world_;

 public:
  ModelParams model;
  agents::Snapshot snapshot;
  world::AgentEffects effects;
  world::RandomStream random;  // the production stream the hooks draw from
};

// The orders on `side`, on venue `venue` (or any venue when none).
inline std::vector<agents::OrderRequest> orders_of(const std::vector<agents::OrderRequest>& orders,
                                                   market::Side side,
                                                   std::optional<world::VenueIndex> venue = {}) {
  std::vector<agents::OrderRequest> out;
  for (const agents::OrderRequest& o : orders)
    if (o.side == side && (!venue || o.venue == *venue)) out.push_back(o);
  return out;
}

// The units of the orders on `side` (on `venue`, or all venues when none).
inline double units_of(const std::vector<agents::OrderRequest>& orders, market::Side side,
                       std::optional<world::VenueIndex> venue = {}) {
  double sum = 0;
  for (const agents::OrderRequest& o : orders_of(orders, side, venue))
    sum += o.units;
  return sum;
}

}  // namespace reesim::testing::bench
