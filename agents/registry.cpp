#include "agents/registry.h"

#include <array>
#include <utility>

#include "agents/supply.h"
#include "world/sampling.h"

namespace reesim::agents {
namespace {

constexpr std::size_t kTypeCount = std::variant_size_v<AgentKind>;

template <std::size_t... I>
std::array<TypeSpec, kTypeCount> type_specs(std::index_sequence<I...>) {
  return {std::variant_alternative_t<I, AgentKind>::spec()...};
}

using Factory = AgentKind (*)(std::span<const double>);
template <std::size_t... I>
constexpr std::array<Factory, kTypeCount> factories(std::index_sequence<I...>) {
  return {
      [](std::span<const double> values) { return AgentKind(std::in_place_index<I>, values); }...};
}
constexpr auto kFactories = factories(std::make_index_sequence<kTypeCount>{});

}  // namespace

std::span<const TypeSpec> agent_types() {
  static const std::array<TypeSpec, kTypeCount> kTypes =
      type_specs(std::make_index_sequence<kTypeCount>{});
  return kTypes;
}

const TypeSpec* find_agent_type(std::string_view name) {
  return find_type(agent_types(), name);
}

Agent make_agent(const world::World& world, const world::AgentInfo& info, const ModelParams& model,
                 std::uint64_t seed, std::uint64_t trial) {
  world::RandomStream stream(seed, trial, info.id, "params");
  const std::size_t commodities = world.commodities().size();
  const std::vector<double> values =
      world::sample_params(info.spec->params, info.source->params(), stream);
  Agent a{{}, kFactories[static_cast<std::size_t>(info.type_index)](values)};
  a.params = values;
  a.inventory.assign(commodities, 0.0);
  a.capacity.assign(commodities, 0.0);
  a.utilisation.assign(commodities, model.reference_utilisation);
  a.trading = agents::TradingBook(info);
  a.cash = info.cash;
  for (int k = 0; k < info.source->capacities_size(); ++k) {
    const Capacity& c = info.source->capacities(k);
    const world::CommodityIndex commodity = info.outputs[static_cast<std::size_t>(k)];
    a.capacity[commodity] += world::sample(c.per_year(), stream);
    if (c.has_utilisation()) a.utilisation[commodity] = c.utilisation();
  }
  Snapshot start;
  start.dt_years = world.tick_days() / 365.0;
  const world::AgentEffects none;
  const Context ctx{world, info, start, model, none};
  std::visit(
      [&](auto& self) {
        if constexpr (requires { self.start(ctx, a); }) self.start(ctx, a);
      },
      a.kind);
  CommodityFlags set_by_scenario(commodities, 0);
  for (const Holding& h : info.source->inventory()) {
    const world::CommodityIndex c = *world.commodity_index(h.commodity());  // validated
    a.inventory[c] += world::sample(h.quantity(), stream);
    set_by_scenario[c] = 1;
  }
  std::visit(
      [&](auto& self) {
        if constexpr (requires { self.fill_stocks(ctx, a, set_by_scenario); })
          self.fill_stocks(ctx, a, set_by_scenario);
      },
      a.kind);
  return a;
}

void produce(const Context& ctx, Agent& agent, world::RandomStream& random, ByCommodity& output) {
  build(ctx, agent);
  std::visit(
      [&](auto& self) {
        if constexpr (requires { self.produce(ctx, agent, random, output); })
          self.produce(ctx, agent, random, output);
      },
      agent.kind);
}

void decide(const Context& ctx, const Agent& agent, std::vector<OrderRequest>& orders) {
  std::visit(
      [&](const auto& self) {
        if constexpr (requires { self.decide(ctx, agent, orders); })
          self.decide(ctx, agent, orders);
      },
      agent.kind);
}

void consume(const Context& ctx, Agent& agent) {
  std::visit(
      [&](auto& self) {
        if constexpr (requires { self.consume(ctx, agent); }) self.consume(ctx, agent);
      },
      agent.kind);
}

}  // namespace reesim::agents
