// A magnet maker (DESIGN §3): turns oxides into magnets by recipe (cal §2), plans output from
// its magnet stock, bids for inputs toward what they are worth to it when short, and invests as
// producers do (docs/model.md §7.4, §7.5).
#pragma once

#include <span>
#include <vector>

#include "agents/supply.h"

namespace reesim::agents {

struct MagnetMaker {
  struct Params {
    double ndpr_per_t = 0;
    double dy_per_t = 0;
    double tb_per_t = 0;
    double conversion_cost = 0;
    double input_buffer_weeks = 0;
    double max_input_price_ratio = 0;
    double build_years = 0;
    double invest_price_ratio = 0;
    double build_delay_sigma = 0;
  };

  [[nodiscard]] static const TypeSpec& spec();
  explicit MagnetMaker(std::span<const double> values);

  void produce(const Context& ctx, AgentState& state, world::RandomStream& random,
               ByCommodity& output);
  void decide(const Context& ctx, const AgentState& state, std::vector<OrderRequest>& orders) const;
  void fill_stocks(const Context& ctx, AgentState& state,
                   const CommodityFlags& set_by_scenario) const;

  // Units of recipe input `input` per unit of magnet (0 for other inputs).
  [[nodiscard]] double recipe(world::Input input) const;
  // What the inputs of one unit of magnet cost at its venues' last prices (USD).
  [[nodiscard]] double input_cost(const Context& ctx) const;
  // The magnets it plans to make this tick, in units.
  [[nodiscard]] double plan(const Context& ctx, const AgentState& state,
                            world::CommodityIndex magnet) const;

  Params params;
  SupplyState supply;
};

}  // namespace reesim::agents
