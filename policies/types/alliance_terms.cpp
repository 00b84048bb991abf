#include "policies/types/alliance_terms.h"

#include <algorithm>

#include "core/param_binding.h"
#include "world/catalog.h"

namespace reesim::policies {
namespace {

constexpr ParamBinding<AllianceTerms::Params> kParams[] = {
    {{"tariff_discount", "fraction", "share of tariffs waived between members", 1.0, 0.0, 1.0},
     &AllianceTerms::Params::tariff_discount},
    {{"home_preference", "fraction",
      "share of a member's sales offered to members before others (cal §6: China-free bloc)", 0.0,
      0.0, 1.0},
     &AllianceTerms::Params::home_preference},
};
constexpr auto kSpecs = specs_of(kParams);
static_assert(std::size(kParams) * sizeof(double) == sizeof(AllianceTerms::Params));

bool members_together(const world::World& world, world::NationIndex a, world::NationIndex b) {
  for (const auto& alliance : world.alliances()) {
    const bool has_a = std::find(alliance.begin(), alliance.end(), a) != alliance.end();
    const bool has_b = std::find(alliance.begin(), alliance.end(), b) != alliance.end();
    if (has_a && has_b) return true;
  }
  return false;
}

}  // namespace

const TypeSpec& AllianceTerms::spec() {
  static const TypeSpec kSpec{"alliance_terms",
                              "preferential terms among the members of an alliance", kSpecs};
  return kSpec;
}

AllianceTerms::AllianceTerms(std::span<const double> values, const world::World& world,
                             const world::PolicyInfo&)
    : params(bind_params<Params>(kParams, values)) {
  for (const world::NationIndex a : world.nation_indices()) {
    std::uint64_t with = 0;
    for (const world::NationIndex b : world.nation_indices())
      if (members_together(world, a, b))
        with |= std::uint64_t{1} << static_cast<unsigned>(b.value());
    allies.push_back(with);
    std::uint64_t mask = 0;
    for (const auto& alliance : world.alliances()) {
      if (std::find(alliance.begin(), alliance.end(), a) == alliance.end()) continue;
      for (const world::NationIndex m : alliance)
        if (m.value() < 64) mask |= std::uint64_t{1} << static_cast<unsigned>(m.value());
    }
    members.push_back(mask);
  }
}

void AllianceTerms::terms(const Env& env, world::CommodityIndex, world::NationIndex origin,
                          world::NationIndex destination, TermsSum& t) const {
  const bool allied = (allies[origin] >> static_cast<unsigned>(destination.value()) & 1U) != 0;
  if (allied && env.info.covers_origin(origin) && env.info.covers_destination(destination))
    t.alliance_discount = std::max(t.alliance_discount, params.tariff_discount);
}

void AllianceTerms::shape(const Env& env, world::PolicyView& view) const {
  const double share = params.home_preference;
  if (share <= 0) return;
  for (const world::AgentIndex i : view.indices()) {
    if (!env.has_trait(i, world::kSells)) continue;
    const std::uint64_t mask = members[env.world.agents()[i].nation];
    if (mask == 0) continue;
    view[i].alliance_share = std::max(view[i].alliance_share, share);
    view[i].alliance_mask |= mask;
  }
}

}  // namespace reesim::policies
