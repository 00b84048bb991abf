// Alliance terms (DESIGN §3; cal §6): members of a common alliance waive a share of the tariffs
// between them, and members' producers and magnet makers may offer a share of their sales first
// on their allies' home markets (a China-free bloc).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "policies/policy.h"

namespace reesim::policies {

struct AllianceTerms {
  struct Params {
    double tariff_discount = 0;
    double home_preference = 0;
  };

  [[nodiscard]] static const TypeSpec& spec();
  AllianceTerms(std::span<const double> values, const world::World& world,
                const world::PolicyInfo& info);

  static constexpr bool kTrade = true;
  static constexpr bool kTermsOfEveryCommodity = true;  // it discounts every tariff
  void terms(const Env& env, world::CommodityIndex commodity, world::NationIndex origin,
             world::NationIndex destination, TermsSum& t) const;
  // Members' sellers offer home_preference of their sales first to members' home markets.
  void shape(const Env& env, world::PolicyView& view) const;

  Params params;
  // By nation: a bit per nation sharing an alliance with it, and per member of its alliances.
  world::ByIndex<world::NationIndex, std::uint64_t> allies;
  world::ByIndex<world::NationIndex, std::uint64_t> members;
};

}  // namespace reesim::policies
