#include "gateway/levers.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace reesim::gateway {
namespace {

std::string number(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

}  // namespace

std::vector<ResolvedLever> resolve_levers(const world::World& world) {
  std::vector<ResolvedLever> out;
  for (const Lever& lever : world.scenario().levers()) {
    ResolvedLever resolved;
    resolved.id = lever.id();
    bool found = false;
    for (const world::PolicyIndex p : world.policies().indices()) {
      if (world.policies()[p].id != lever.policy()) continue;
      resolved.policy = p;
      resolved.nation = world.policies()[p].enacted_by;
      found = true;
    }
    if (!found)
      throw std::invalid_argument("lever '" + lever.id() + "': no policy '" + lever.policy() + "'");
    if (!lever.param().empty()) {
      const auto& params = world.policies()[resolved.policy].spec->params;
      for (std::size_t k = 0; k < params.size(); ++k)
        if (params[k].name == lever.param()) resolved.param = static_cast<int>(k);
      if (resolved.param < 0)
        throw std::invalid_argument("lever '" + lever.id() + "': no parameter '" + lever.param() +
                                    "'");
      resolved.min = lever.min();
      resolved.max = lever.max();
    }
    out.push_back(std::move(resolved));
  }
  return out;
}

std::vector<ResolvedLever> levers_of(const world::World& world, world::NationIndex nation) {
  std::vector<ResolvedLever> out;
  for (ResolvedLever& lever : resolve_levers(world))
    if (lever.nation == nation) out.push_back(std::move(lever));
  return out;
}

double lever_value(const sim::TickView& view, const ResolvedLever& lever) {
  if (lever.param < 0) return view.in_force[lever.policy] != 0 ? 1.0 : 0.0;
  return view.policies.current_param(lever.policy, lever.param);
}

std::optional<std::vector<sim::PolicyMove>> to_moves(
    const std::vector<ResolvedLever>& levers,
    const google::protobuf::RepeatedPtrField<LeverMove>& moves, std::string& error) {
  std::vector<sim::PolicyMove> out;
  for (const LeverMove& move : moves) {
    const ResolvedLever* lever = nullptr;
    for (const ResolvedLever& l : levers)
      if (l.id == move.lever()) lever = &l;
    if (!lever) {
      error = "lever '" + move.lever() + "' is not one this government holds";
      return std::nullopt;
    }
    const double value = move.value();
    const bool switch_value = lever->param >= 0 || value == 0 || value == 1;
    if (!std::isfinite(value) || value < lever->min || value > lever->max || !switch_value) {
      error = "lever '" + lever->id + "': value " + number(value) + " is outside [" +
              number(lever->min) + ", " + number(lever->max) + "]" +
              (lever->param < 0 ? " (a switch takes 0 or 1)" : "");
      return std::nullopt;
    }
    out.push_back({lever->policy, lever->param, value});
  }
  return out;
}

}  // namespace reesim::gateway
