#include "agents/state.h"

namespace reesim::agents {

Role role_of(std::string_view type) {
  if (type == "miner" || type == "separator" || type == "psu" || type == "recycler")
    return Role::kProducer;
  if (type == "magnet_maker") return Role::kMagnetMaker;
  if (type == "magnet_buyer") return Role::kBuyer;
  if (type == "liquidity_provider") return Role::kLiquidity;
  if (type == "stockpile") return Role::kStockpile;
  return Role::kGovernment;
}

double AgentState::param(const sim::AgentInfo& info, std::string_view name) const {
  const auto& specs = info.spec->params;
  for (std::size_t i = 0; i < specs.size(); ++i)
    if (specs[i].name == name) return i < params.size() ? params[i] : specs[i].default_value;
  return 0.0;
}

}  // namespace reesim::agents
