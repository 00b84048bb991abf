// Export and import bans (DESIGN §3): covered origins may not sell covered commodities to covered
// destinations. A ban with `leakage` lets that share of the usual flow through (smuggling and
// transshipment via third countries, cal §5), a tight one nothing (docs/model.md §7.9).
#pragma once

#include <span>
#include <vector>

#include "policies/policy.h"

namespace reesim::policies {

// What export and import bans share: they differ only in who enacts them.
struct Ban {
  struct Params {
    double leakage = 0;
  };

  Ban(double leakage, const world::World& world);

  static constexpr bool kTrade = true;
  // A leaky ban counts from the usual flow, which stays frozen while it is in force.
  [[nodiscard]] bool freezes_flows() const { return !leaked.empty(); }
  void begin_tick() { std::fill(leaked.begin(), leaked.end(), 0.0); }
  void terms(const Env& env, world::CommodityIndex commodity, world::NationIndex origin,
             world::NationIndex destination, TermsSum& t) const;
  [[nodiscard]] double quota_left(const Env& env, world::CommodityIndex commodity,
                                  world::NationIndex origin, world::NationIndex destination) const;
  void consume_quota(const Env& env, world::CommodityIndex commodity, world::NationIndex origin,
                     world::NationIndex destination, double units);

  Params params;
  std::vector<double> leaked;  // a leaky ban's units leaked this tick, by FlowMemory index
};

struct ExportBan : Ban {
  [[nodiscard]] static const TypeSpec& spec();
  ExportBan(std::span<const double> values, const world::World& world,
            const world::PolicyInfo& info);
};

struct ImportBan : Ban {
  [[nodiscard]] static const TypeSpec& spec();
  ImportBan(std::span<const double> values, const world::World& world,
            const world::PolicyInfo& info);
};

}  // namespace reesim::policies
