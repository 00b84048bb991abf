#include "policies/types/export_quota.h"

#include <cmath>

#include "core/param_binding.h"

namespace reesim::policies {
namespace {

constexpr ParamBinding<ExportQuota::Params> kParams[] = {
    {{"quota_per_year", "commodity units/yr",
      "exports allowed per calendar year (cal §1: China's 2024 quotas for mining and separation)",
      0.0, 0.0, kUnbounded},
     &ExportQuota::Params::quota_per_year},
};
constexpr auto kSpecs = specs_of(kParams);
static_assert(std::size(kParams) * sizeof(double) == sizeof(ExportQuota::Params));

}  // namespace

const TypeSpec& ExportQuota::spec() {
  static const TypeSpec kSpec{"export_quota", "exports from origins are capped per year", kSpecs};
  return kSpec;
}

ExportQuota::ExportQuota(std::span<const double> values, const world::World&,
                         const world::PolicyInfo&)
    : params(bind_params<Params>(kParams, values)) {}

void ExportQuota::on_tick(const Env& env, world::RandomStream&, bool&) {
  if (!env.activity.active) return;
  const int now = env.world.tick_dates()[static_cast<std::size_t>(env.tick)].year;
  if (now == year) return;
  year = now;
  left = params.quota_per_year;
}

void ExportQuota::terms(const Env& env, world::CommodityIndex commodity, world::NationIndex origin,
                        world::NationIndex destination, TermsSum& t) const {
  if (env.covers(commodity, origin, destination)) t.quota_limited = true;
}

double ExportQuota::quota_left(const Env& env, world::CommodityIndex commodity,
                               world::NationIndex origin, world::NationIndex destination) const {
  return env.covers(commodity, origin, destination) ? left : INFINITY;
}

void ExportQuota::consume_quota(const Env& env, world::CommodityIndex commodity,
                                world::NationIndex origin, world::NationIndex destination,
                                double units) {
  if (env.covers(commodity, origin, destination)) left -= units;
}

}  // namespace reesim::policies
