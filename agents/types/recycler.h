// A recycler (DESIGN §3; cal §7): recovers a share of the content reaching end of life in its
// nation's magnets; the share grows with the price it receives and never falls below what a
// recycling mandate in force requires (docs/model.md §7.3).
#pragma once

#include <span>
#include <vector>

#include "agents/supply.h"

namespace reesim::agents {

struct Recycler {
  struct Params {
    double recovery_rate = 0;
    double growth_per_year = 0;
    double unit_cost = 0;
    double outage_probability_per_year = 0;
    double outage_weeks = 0;
  };

  [[nodiscard]] static const TypeSpec& spec();
  explicit Recycler(std::span<const double> values);

  void produce(const Context& ctx, AgentState& state, world::RandomStream& random,
               ByCommodity& output);
  void decide(const Context& ctx, const AgentState& state, std::vector<OrderRequest>& orders) const;
  void fill_stocks(const Context& ctx, AgentState& state,
                   const CommodityFlags& set_by_scenario) const {
    fill_output_stocks(ctx, state, set_by_scenario);
  }

  Params params;
  SupplyState supply;
  double recovery = 0;  // share of end-of-life content recovered now
  ByCommodity planned;  // this tick's output by commodity (scratch)
};

}  // namespace reesim::agents
