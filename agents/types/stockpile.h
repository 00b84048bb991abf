// A strategic stockpile agency (DESIGN §3; cal §7): while a stockpile policy of its nation is in
// force it buys below a price, within its budgets and target, and releases while its nation's
// buyers go short or, as a state reserve, while a price is dear against its normal level
// (docs/model.md §7.6).
#pragma once

#include <span>
#include <vector>

#include "agents/agent.h"

namespace reesim::agents {

struct Stockpile {
  struct Params {
    double buy_below_price = 0;
    double release_shortfall = 0;
    double budget_usd = 0;
    double release_above_ratio = 0;
    double buy_below_ratio = 0;
    double max_stock = 0;
  };

  [[nodiscard]] static const TypeSpec& spec();
  explicit Stockpile(std::span<const double> values);

  void decide(const Context& ctx, const AgentState& state, std::vector<OrderRequest>& orders) const;

  Params params;
};

}  // namespace reesim::agents
