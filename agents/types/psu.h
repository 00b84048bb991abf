// A state-owned firm with a mandate (DESIGN §3; cal §6: IREL, GMDC, NMDC, KABIL): it offers home
// buyers first, keeps a least utilisation whatever the price, and commits its mission budget to
// new capacity once, at the start, reached only with a chance of success (docs/model.md §7.3).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "agents/supply.h"

namespace reesim::agents {

struct Psu {
  struct Params {
    double unit_cost = 0;
    double home_first_share = 0;
    double mission_budget_usd = 0;
    double capex_usd_per_unit_year = 0;
    double build_years = 0;
    double build_delay_sigma = 0;
    double success_probability = 0;
    double utilisation_target = 0;
    double outage_probability_per_year = 0;
    double outage_weeks = 0;
  };

  [[nodiscard]] static const TypeSpec& spec();
  explicit Psu(std::span<const double> values);

  void start(const Context& ctx, AgentState& state);
  void produce(const Context& ctx, AgentState& state, world::RandomStream& random,
               ByCommodity& output);
  void decide(const Context& ctx, const AgentState& state, std::vector<OrderRequest>& orders) const;
  void fill_stocks(const Context& ctx, AgentState& state,
                   const CommodityFlags& set_by_scenario) const {
    fill_output_stocks(ctx, state, set_by_scenario);
  }

  Params params;
  SupplyState supply;
  std::uint64_t home_mask = 0;  // bit of its own nation: its home markets
  bool mission_started = false;
  ByCommodity planned;  // this tick's output by commodity (scratch)

 private:
  void start_mission(const Context& ctx, AgentState& state, world::RandomStream& random);
};

}  // namespace reesim::agents
