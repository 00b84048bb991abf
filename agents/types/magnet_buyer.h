// A magnet buyer (DESIGN §3): buys magnets for a nation's sector (EV, wind, electronics,
// defence), keeps a buffer, cuts demand with price over a quarter and over years, and substitutes
// after sustained high prices (docs/model.md §7.7).
#pragma once

#include <array>
#include <cmath>
#include <span>
#include <vector>

#include "agents/agent.h"

namespace reesim::agents {

struct MagnetBuyer {
  struct Params {
    double demand_growth = 0;
    double short_run_elasticity = 0;
    double long_run_elasticity = 0;
    double buffer_weeks = 0;
    double max_price_ratio = 0;
    double substitution_price_ratio = 0;
    double substitution_lag_weeks = 0;
    double substitution_max_share = 0;
  };

  [[nodiscard]] static const TypeSpec& spec();
  explicit MagnetBuyer(std::span<const double> values);

  void decide(const Context& ctx, const AgentState& state, std::vector<OrderRequest>& orders) const;
  void consume(const Context& ctx, AgentState& state);
  void fill_stocks(const Context& ctx, AgentState& state,
                   const CommodityFlags& set_by_scenario) const;

  // Its demand this tick, in units.
  [[nodiscard]] double weekly_demand(const Context& ctx, const AgentState& state,
                                     world::CommodityIndex commodity) const;

  Params params;
  double shortage_memory = 0;   // smoothed unmet share of needs, [0, 1]
  double high_price_weeks = 0;  // consecutive weeks above the substitution threshold
  double substituted = 0;       // share of demand substituted away, [0, max share]
  // Its price memories, as ratios to the reference price: over about a quarter and about three
  // years (exponential averages), and the demand response they imply.
  double price_short = 1;
  double price_long = 1;
  double price_response = 1;

 private:
  void update_price_response(const ModelParams& model, double ratio);
  // (1 + growth)^years for the last `years` asked (NaN: none yet): needed twice a tick.
  mutable std::array<double, 3> growth_memo_{NAN, NAN, 0.0};
};

}  // namespace reesim::agents
