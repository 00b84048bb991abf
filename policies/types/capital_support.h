// Capital support (DESIGN §3; cal §6: the magnet scheme's INR 750 crore capital subsidy): the
// state pays a share of the capital cost of the capacity covered agents build, within a budget,
// and supported builds take the scheme's construction time (docs/model.md §7.5).
#pragma once

#include <span>

#include "policies/policy.h"

namespace reesim::policies {

struct CapitalSupport {
  struct Params {
    double share_of_capex = 0;
    double budget_usd = 0;
    double build_years = 0;
  };

  [[nodiscard]] static const TypeSpec& spec();
  CapitalSupport(std::span<const double> values, const world::World& world,
                 const world::PolicyInfo& info);

  // Whether it has budget left.
  [[nodiscard]] bool open(const Env& env) const;
  void domestic(const Env& env, world::PolicyView& view, Payers& payers) const;
  // Pays its share of the capital cost of `capacity` (units/yr of `commodity`) within what is
  // left of its budget; returns USD.
  double pay(const Env& env, world::CommodityIndex commodity, double capacity);

  Params params;
  double paid = 0;  // USD paid so far
};

}  // namespace reesim::policies
