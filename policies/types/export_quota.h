// An export quota (DESIGN §3; cal §1): exports of covered commodities from covered origins are
// capped per calendar year, in one pool refilled each year (docs/model.md §7.9).
#pragma once

#include <span>

#include "policies/policy.h"
#include "world/random.h"

namespace reesim::policies {

struct ExportQuota {
  struct Params {
    double quota_per_year = 0;
  };

  [[nodiscard]] static const TypeSpec& spec();
  ExportQuota(std::span<const double> values, const world::World& world,
              const world::PolicyInfo& info);

  static constexpr bool kTrade = true;
  void on_tick(const Env& env, world::RandomStream& random, bool& terms_changed);
  void terms(const Env& env, world::CommodityIndex commodity, world::NationIndex origin,
             world::NationIndex destination, TermsSum& t) const;
  [[nodiscard]] double quota_left(const Env& env, world::CommodityIndex commodity,
                                  world::NationIndex origin, world::NationIndex destination) const;
  void consume_quota(const Env& env, world::CommodityIndex commodity, world::NationIndex origin,
                     world::NationIndex destination, double units);

  Params params;
  double left = 0;  // units left this calendar year
  int year = -1;
};

}  // namespace reesim::policies
