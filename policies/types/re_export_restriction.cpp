#include "policies/types/re_export_restriction.h"

#include <algorithm>

#include "core/param_binding.h"

namespace reesim::policies {
namespace {

constexpr ParamBinding<ReExportRestriction::Params> kParams[] = {
    {{"enforcement", "fraction",
      "probability a diverted re-export is caught and blocked (cal §6: China pressed India)", 1.0,
      0.0, 1.0},
     &ReExportRestriction::Params::enforcement},
    {{"content_threshold", "fraction",
      "share of the enacting nation's content from which goods count (cal §5: 0.1 % rule)", 0.001,
      0.0, 1.0},
     &ReExportRestriction::Params::content_threshold},
};
constexpr auto kSpecs = specs_of(kParams);
static_assert(std::size(kParams) * sizeof(double) == sizeof(ReExportRestriction::Params));

}  // namespace

const TypeSpec& ReExportRestriction::spec() {
  static const TypeSpec kSpec{
      "re_export_restriction",
      "goods from the enacting nation may not be resold to named destinations", kSpecs};
  return kSpec;
}

ReExportRestriction::ReExportRestriction(std::span<const double> values, const world::World& world,
                                         const world::PolicyInfo& info)
    : params(bind_params<Params>(kParams, values)) {
  const auto nations = static_cast<std::size_t>(world.nation_count());
  content_from.assign(nations, 0.0);
  content_all.assign(nations, 0.0);
  content_covered.assign(nations, 0);
  // Content travels downstream: the covered goods and those of earlier stages carry it.
  Stage last = STAGE_UNSPECIFIED;
  for (const world::CommodityIndex c : world.commodities().indices())
    if (info.commodities[c] != 0) last = std::max(last, world.commodities()[c].stage);
  for (const world::CommodityIndex c : world.commodities().indices())
    content_commodities.push_back(
        info.commodities[c] != 0 || world.commodities()[c].stage < last ? 1 : 0);
}

// A re-exporting nation's sales are covered when the enacting nation's share, by value at
// reference prices, of what that nation bought of the covered goods and their inputs (earlier
// stages) over about the last year (content_memory) reaches `content_threshold` (cal §5: China's
// 0.1 % content rule of October 2025). A nation that bought nothing has a share of 0.
void ReExportRestriction::on_tick(const Env& env, world::RandomStream& random,
                                  bool& terms_changed) {
  const double memory = env.model.content_memory;
  for (const world::NationIndex n : content_all.indices()) {
    content_from[n] *= memory;
    content_all[n] *= memory;
  }
  if (!env.activity.active) return;
  for (const world::NationIndex n : content_all.indices()) {
    const double share = content_all[n] > 0 ? content_from[n] / content_all[n] : 0.0;
    const std::uint8_t covered = share >= params.content_threshold ? 1 : 0;
    terms_changed |= covered != content_covered[n];
    content_covered[n] = covered;
  }
  const std::uint8_t caught = random.bernoulli(params.enforcement) ? 1 : 0;
  terms_changed |= caught != blocked;
  blocked = caught;
}

void ReExportRestriction::record_flow(const Env& env, world::CommodityIndex commodity,
                                      world::NationIndex origin, world::NationIndex destination,
                                      double units) {
  if (!content_commodities[commodity]) return;
  const double value = units * env.world.commodities()[commodity].reference_price;
  content_all[destination] += value;
  if (origin == env.info.enacted_by) content_from[destination] += value;
}

void ReExportRestriction::terms(const Env& env, world::CommodityIndex commodity,
                                world::NationIndex origin, world::NationIndex destination,
                                TermsSum& t) const {
  if (env.covers(commodity, origin, destination) && blocked && content_covered[origin])
    t.allowed = false;
}

}  // namespace reesim::policies
