// A production-linked incentive (DESIGN §3; cal §6: India's magnet scheme): awards beneficiaries
// capacity built over the scheme's build period, then pays per unit sold for some years within a
// budget (docs/model.md §7.10).
#pragma once

#include <span>

#include "policies/policy.h"

namespace reesim::policies {

struct ProductionIncentive {
  struct Params {
    double per_unit_usd = 0;
    double budget_usd = 0;
    double max_units_per_year = 0;
    double years = 0;
    double build_years = 0;
  };

  [[nodiscard]] static const TypeSpec& spec();
  ProductionIncentive(std::span<const double> values, const world::World& world,
                      const world::PolicyInfo& info);

  // Whether it still pays: for `years` after its build period and until its budget is spent.
  [[nodiscard]] bool open(const Env& env) const;
  void domestic(const Env& env, world::PolicyView& view, Payers& payers) const;
  // Pays `per_unit` for `units` within what is left of `budget` (0: no limit); returns USD.
  double pay(double per_unit, double budget, double units);

  Params params;
  double paid = 0;  // USD paid so far
};

}  // namespace reesim::policies
