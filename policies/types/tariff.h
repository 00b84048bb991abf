// A tariff (DESIGN §3; cal §6): covered destinations levy an ad valorem rate on the price of
// covered commodities from covered origins; rates of several tariffs add up.
#pragma once

#include <span>

#include "policies/policy.h"

namespace reesim::policies {

struct Tariff {
  struct Params {
    double rate = 0;
  };

  [[nodiscard]] static const TypeSpec& spec();
  Tariff(std::span<const double> values, const world::World& world, const world::PolicyInfo& info);

  static constexpr bool kTrade = true;
  void terms(const Env& env, world::CommodityIndex commodity, world::NationIndex origin,
             world::NationIndex destination, TermsSum& t) const {
    if (env.covers(commodity, origin, destination)) t.tariff += params.rate;
  }

  Params params;
};

}  // namespace reesim::policies
