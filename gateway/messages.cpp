#include "gateway/messages.h"

#include <algorithm>
#include <cmath>

namespace reesim::gateway {

Welcome make_welcome(const world::World& world, const RunInfo& run,
                     const std::vector<world::AgentIndex>& agents,
                     std::optional<world::NationIndex> government,
                     const std::vector<ResolvedLever>& levers) {
  Welcome welcome;
  welcome.set_version(VERSION_CURRENT);
  const Scenario& scenario = world.scenario();
  welcome.set_scenario_id(scenario.id());
  welcome.set_scenario_title(scenario.title());
  for (const Date& date : world.tick_dates())
    welcome.add_tick_dates(date.iso());
  welcome.set_tick_days(world.tick_days());
  welcome.set_trials(run.trials);
  welcome.set_seed(run.seed);
  welcome.set_tick_timeout_ms(run.tick_timeout_ms);
  for (const world::CommodityIndex c : world.commodities().indices()) {
    const world::CommodityInfo& info = world.commodities()[c];
    CommodityInfo& out = *welcome.add_commodities();
    out.set_id(info.id);
    out.set_unit(scenario.commodities(static_cast<int>(world::at(c))).unit());
    out.set_reference_price(info.reference_price);
    out.set_lot(info.lot);
    out.set_price_tick(info.price_tick);
  }
  for (const world::VenueIndex v : world.venues().indices()) {
    const world::VenueInfo& info = world.venues()[v];
    VenueInfo& out = *welcome.add_venues();
    out.set_id(info.id);
    out.set_commodity(static_cast<int>(world::at(info.commodity)));
    if (info.jurisdiction) out.set_jurisdiction(world.nations()[world::at(*info.jurisdiction)]);
  }
  for (const std::string& nation : world.nations())
    welcome.add_nations(nation);
  for (const world::AgentIndex a : agents) {
    const world::AgentInfo& info = world.agents()[a];
    AgentInfo& out = *welcome.add_agents();
    out.set_id(info.id);
    out.set_type(info.type);
    out.set_nation(static_cast<int>(world::at(info.nation)));
    for (const world::VenueIndex v : info.venues)
      out.add_venues(static_cast<int>(world::at(v)));
    for (const ParamSpec& spec : info.spec->params)
      out.add_param_names(std::string(spec.name));
  }
  for (const world::PolicyInfo& policy : world.policies())
    welcome.add_policies(policy.id);
  if (government) welcome.set_government(world.nations()[world::at(*government)]);
  for (const ResolvedLever& lever : levers) {
    LeverInfo& out = *welcome.add_levers();
    out.set_id(lever.id);
    out.set_policy(static_cast<int>(world::at(lever.policy)));
    if (lever.param >= 0) {
      const ParamSpec& spec =
          world.policies()[lever.policy].spec->params[static_cast<std::size_t>(lever.param)];
      out.set_param(std::string(spec.name));
      out.set_unit(std::string(spec.unit));
    }
    out.set_min(lever.min);
    out.set_max(lever.max);
  }
  return welcome;
}

Observation make_observation(const sim::TickView& view,
                             const std::vector<world::AgentIndex>& agents,
                             const std::vector<ResolvedLever>& levers) {
  const world::World& world = view.world;
  const agents::Snapshot& snapshot = view.snapshot;
  Observation out;
  out.set_trial(view.trial);
  out.set_tick(snapshot.tick);
  out.set_date(world.tick_dates()[static_cast<std::size_t>(snapshot.tick)].iso());
  for (const double price : snapshot.venue_price)
    out.add_venue_price(price);
  for (const double volume : snapshot.venue_volume)
    out.add_venue_volume(volume);
  for (const double shortage : snapshot.nation_shortage)
    out.add_nation_shortage(shortage);
  for (const world::PolicyIndex p : view.in_force.indices())
    if (view.in_force[p] != 0) out.add_policies_in_force(static_cast<int>(world::at(p)));
  for (const world::AgentIndex a : agents) {
    const world::AgentInfo& info = world.agents()[a];
    const agents::Agent& agent = view.agents[a];
    const world::AgentEffects& effects = view.effects[a];
    AgentView& seen = *out.add_agents();
    seen.set_id(info.id);
    seen.set_cash(agent.cash);
    for (const world::CommodityIndex c : world.commodities().indices()) {
      seen.add_inventory(c.value() < static_cast<int>(agent.inventory.size()) ? agent.inventory[c]
                                                                              : 0.0);
      seen.add_capacity(c.value() < static_cast<int>(agent.capacity.size()) ? agent.capacity[c]
                                                                            : 0.0);
      seen.add_floor_usd(effects.floor_usd[c]);
      seen.add_incentive_usd(effects.incentive_usd[c]);
    }
    for (const double value : agent.params)
      seen.add_params(value);
    for (const world::VenueIndex v : info.venues) {
      seen.add_landed_low(snapshot.low(v, info.nation));
      seen.add_landed_high(snapshot.high(v, info.nation));
      const bool known = agent.trading.lists(v);
      seen.add_bought(known ? agent.trading[v].bought : 0.0);
      seen.add_sold(known ? agent.trading[v].sold : 0.0);
    }
  }
  for (const ResolvedLever& lever : levers)
    out.add_lever_values(lever_value(view, lever));
  return out;
}

std::optional<std::vector<agents::OrderRequest>> to_requests(
    const world::World& world, world::AgentIndex agent,
    const google::protobuf::RepeatedPtrField<Order>& orders, std::string& error) {
  const world::AgentInfo& info = world.agents()[agent];
  std::vector<agents::OrderRequest> requests;
  requests.reserve(static_cast<std::size_t>(orders.size()));
  for (int k = 0; k < orders.size(); ++k) {
    const Order& order = orders[k];
    const std::string where = info.id + ": order " + std::to_string(k) + ": ";
    const auto venue = world::VenueIndex{order.venue()};
    if (order.venue() < 0 ||
        std::find(info.venues.begin(), info.venues.end(), venue) == info.venues.end()) {
      error = where + "venue " + std::to_string(order.venue()) + " is not one of the agent's";
      return std::nullopt;
    }
    if (order.side() != SIDE_BUY && order.side() != SIDE_SELL) {
      error = where + "side is neither SIDE_BUY nor SIDE_SELL";
      return std::nullopt;
    }
    if (!(std::isfinite(order.price_usd()) && order.price_usd() > 0) ||
        !(std::isfinite(order.units()) && order.units() > 0)) {
      error = where + "price_usd and units must be positive finite numbers";
      return std::nullopt;
    }
    requests.push_back({venue, order.side() == SIDE_BUY ? market::Side::kBuy : market::Side::kSell,
                        order.price_usd(), order.units()});
  }
  return requests;
}

}  // namespace reesim::gateway
