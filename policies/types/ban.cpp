#include "policies/types/ban.h"

#include <algorithm>
#include <cmath>

#include "core/param_binding.h"

namespace reesim::policies {
namespace {

constexpr ParamBinding<Ban::Params> kExportParams[] = {
    {{"leakage", "fraction", "share of banned flow that still reaches buyers via third countries",
      0.0, 0.0, 1.0},
     &Ban::Params::leakage},
};
constexpr ParamBinding<Ban::Params> kImportParams[] = {
    {{"leakage", "fraction", "share of banned imports that still arrive via third countries", 0.0,
      0.0, 1.0},
     &Ban::Params::leakage},
};
constexpr auto kExportSpecs = specs_of(kExportParams);
constexpr auto kImportSpecs = specs_of(kImportParams);
static_assert(std::size(kExportParams) * sizeof(double) == sizeof(Ban::Params));
static_assert(std::size(kImportParams) * sizeof(double) == sizeof(Ban::Params));

}  // namespace

Ban::Ban(double leakage, const world::World& world) : params{leakage} {
  if (leakage > 0) {
    const auto nations = static_cast<std::size_t>(world.nation_count());
    leaked.assign(world.commodities().size() * nations * nations, 0.0);
  }
}

void Ban::terms(const Env& env, world::CommodityIndex commodity, world::NationIndex origin,
                world::NationIndex destination, TermsSum& t) const {
  if (!env.covers(commodity, origin, destination)) return;
  // A leaky ban lets a share of the usual flow through (quota_left), a tight one nothing.
  if (freezes_flows())
    t.quota_limited = true;
  else
    t.allowed = false;
}

double Ban::quota_left(const Env& env, world::CommodityIndex commodity, world::NationIndex origin,
                       world::NationIndex destination) const {
  if (!freezes_flows() || !env.covers(commodity, origin, destination)) return INFINITY;
  const std::size_t k = env.flows.index(commodity, origin, destination);
  const double usual = env.flows.raw(k) / std::max(env.flows.weight(), 1e-9);
  return params.leakage * usual - leaked[k];
}

void Ban::consume_quota(const Env& env, world::CommodityIndex commodity, world::NationIndex origin,
                        world::NationIndex destination, double units) {
  if (!freezes_flows() || !env.covers(commodity, origin, destination)) return;
  leaked[env.flows.index(commodity, origin, destination)] += units;
}

const TypeSpec& ExportBan::spec() {
  static const TypeSpec kSpec{
      "export_ban", "origins may not sell covered commodities to destinations", kExportSpecs};
  return kSpec;
}

ExportBan::ExportBan(std::span<const double> values, const world::World& world,
                     const world::PolicyInfo&)
    : Ban(bind_params<Params>(kExportParams, values).leakage, world) {}

const TypeSpec& ImportBan::spec() {
  static const TypeSpec kSpec{
      "import_ban", "destinations may not buy covered commodities from origins", kImportSpecs};
  return kSpec;
}

ImportBan::ImportBan(std::span<const double> values, const world::World& world,
                     const world::PolicyInfo&)
    : Ban(bind_params<Params>(kImportParams, values).leakage, world) {}

}  // namespace reesim::policies
