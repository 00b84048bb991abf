// An export duty (DESIGN §3): the enacting nation levies an ad valorem duty on its exports of
// covered commodities to covered destinations. The buyer pays it on top of the price as it pays
// a tariff, and the revenue goes to the enacting nation (docs/model.md §7.3).
#pragma once

#include <span>

#include "policies/policy.h"

namespace reesim::policies {

struct ExportDuty {
  struct Params {
    double rate = 0;
  };

  [[nodiscard]] static const TypeSpec& spec();
  ExportDuty(std::span<const double> values, const world::World& world,
             const world::PolicyInfo& info);

  static constexpr bool kTrade = true;
  // Exports from the enacting nation (or the origins it names).
  [[nodiscard]] static bool covers(const Env& env, world::CommodityIndex commodity,
                                   world::NationIndex origin, world::NationIndex destination) {
    const bool from =
        env.info.origins == 0 ? origin == env.info.enacted_by : env.info.covers_origin(origin);
    return from && env.info.commodities[commodity] != 0 && env.info.covers_destination(destination);
  }
  void terms(const Env& env, world::CommodityIndex commodity, world::NationIndex origin,
             world::NationIndex destination, TermsSum& t) const {
    if (covers(env, commodity, origin, destination)) t.duty += params.rate;
  }

  Params params;
};

}  // namespace reesim::policies
