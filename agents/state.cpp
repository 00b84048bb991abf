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

double AgentState::find_param(const world::AgentInfo& info, ParamName name) const {
  const auto& specs = info.spec->params;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (specs[i].name != name.view()) continue;
    param_memo_[memo_slot(name.view().data())] = {name.view().data(),
                                                  static_cast<std::uint32_t>(i)};
    return param_at(info, i);
  }
  param_memo_[memo_slot(name.view().data())] = {name.view().data(), kNoParam};
  return 0.0;
}

double AgentState::growth_factor(double growth, double years) const {
  if (growth_memo_[0] != growth || growth_memo_[1] != years)
    growth_memo_ = {growth, years, std::pow(1.0 + growth, years)};
  return growth_memo_[2];
}

double AgentState::per_tick_probability(double per_year, double dt_years) const {
  if (per_tick_memo_[0] != per_year || per_tick_memo_[1] != dt_years)
    per_tick_memo_ = {per_year, dt_years, 1.0 - std::pow(1.0 - per_year, dt_years)};
  return per_tick_memo_[2];
}

}  // namespace reesim::agents
