// A miner (DESIGN §3): mines concentrate; output responds to price, capacity to sustained
// margins, and unplanned outages interrupt it (docs/model.md §7.3, §7.5).
#pragma once

#include <span>
#include <vector>

#include "agents/supply.h"

namespace reesim::agents {

struct Miner {
  [[nodiscard]] static const TypeSpec& spec();
  explicit Miner(std::span<const double> values) : params(bind_producer_params(values)) {}

  void produce(const Context& ctx, AgentState& state, world::RandomStream& random,
               ByCommodity& output);
  void decide(const Context& ctx, const AgentState& state, std::vector<OrderRequest>& orders) const;
  void fill_stocks(const Context& ctx, AgentState& state,
                   const CommodityFlags& set_by_scenario) const {
    fill_output_stocks(ctx, state, set_by_scenario);
  }

  ProducerParams params;
  SupplyState supply;
  ByCommodity planned;  // this tick's output by commodity (scratch)
};

}  // namespace reesim::agents
