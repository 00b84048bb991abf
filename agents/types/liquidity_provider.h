// A liquidity provider (DESIGN §3): quotes both sides of each of its venues around a blend of
// the reference price and the last trade, so books are never empty (docs/model.md §7.2).
#pragma once

#include <span>
#include <vector>

#include "agents/agent.h"

namespace reesim::agents {

struct LiquidityProvider {
  struct Params {
    double half_spread = 0;
    double depth_units = 0;
    double reference_weight = 0;
  };

  [[nodiscard]] static const TypeSpec& spec();
  explicit LiquidityProvider(std::span<const double> values);

  void decide(const Context& ctx, const AgentState& state, std::vector<OrderRequest>& orders) const;

  Params params;
};

}  // namespace reesim::agents
