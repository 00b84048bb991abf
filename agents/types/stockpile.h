// A strategic stockpile agency (DESIGN §3; cal §7): while a stockpile policy of its nation is in
// force it buys below a price, within its budgets and target, and releases while its nation's
// buyers go short (docs/model.md §7.8).
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
  };

  [[nodiscard]] static const TypeSpec& spec();
  explicit Stockpile(std::span<const double> values);

  void decide(const Context& ctx, const AgentState& state, std::vector<OrderRequest>& orders) const;

  Params params;
};

}  // namespace reesim::agents
