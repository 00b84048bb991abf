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
  const auto value = [&](std::size_t i) {
    return i < params.size() ? params[i] : specs[i].default_value;
  };
  ParamMemo& memo =
      param_memo_[(reinterpret_cast<std::uintptr_t>(name.data()) >> 3) % kParamMemoSlots];
  if (memo.key == name.data() && memo.index < specs.size() && specs[memo.index].name == name)
    return value(memo.index);
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (specs[i].name != name) continue;
    memo = {name.data(), static_cast<std::uint32_t>(i)};
    return value(i);
  }
  return 0.0;
}

}  // namespace reesim::agents
