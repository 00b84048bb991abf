// A re-export restriction (DESIGN §3; cal §5-§6): goods carrying the enacting nation's content
// may not be resold to covered destinations. A re-exporting nation's sales are covered once the
// enacting nation's share of what it bought of the covered goods and their inputs reaches the
// content threshold; each tick a diversion is caught with the enforcement probability.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "policies/policy.h"
#include "world/random.h"

namespace reesim::policies {

struct ReExportRestriction {
  struct Params {
    double enforcement = 0;
    double content_threshold = 0;
  };

  [[nodiscard]] static const TypeSpec& spec();
  ReExportRestriction(std::span<const double> values, const world::World& world,
                      const world::PolicyInfo& info);

  static constexpr bool kTrade = true;
  void on_tick(const Env& env, world::RandomStream& random, bool& terms_changed);
  void record_flow(const Env& env, world::CommodityIndex commodity, world::NationIndex origin,
                   world::NationIndex destination, double units);
  void terms(const Env& env, world::CommodityIndex commodity, world::NationIndex origin,
             world::NationIndex destination, TermsSum& t) const;

  Params params;
  std::uint8_t blocked = 0;  // whether this tick's enforcement draw catches diversions
  // Which commodities carry the enacting nation's content (the covered ones and those of earlier
  // stages); by buying nation, the smoothed value bought of them from the enacting nation and
  // from anyone, and whether the enacting nation's share reaches the threshold.
  world::ByIndex<world::CommodityIndex, std::uint8_t> content_commodities;
  world::ByIndex<world::NationIndex, double> content_from;
  world::ByIndex<world::NationIndex, double> content_all;
  world::ByIndex<world::NationIndex, std::uint8_t> content_covered;
};

}  // namespace reesim::policies
