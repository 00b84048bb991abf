#include "policies/types/production_quota.h"

#include <algorithm>
#include <cmath>

#include "core/param_binding.h"
#include "world/catalog.h"

namespace reesim::policies {
namespace {

constexpr ParamBinding<ProductionQuota::Params> kParams[] = {
    {{"units_per_year", "commodity units/yr",
      "output of each covered commodity allowed per calendar year (cal §1: China's 2024 quotas, "
      "mining 270,000 t, separation 254,000 t)",
      kUnbounded, 0.0, kUnbounded},
     &ProductionQuota::Params::units_per_year},
    {{"enforcement", "fraction",
      "share of output over the quota that is stopped; the rest is produced anyway (illegal "
      "mining)",
      1.0, 0.0, 1.0},
     &ProductionQuota::Params::enforcement},
};
constexpr auto kSpecs = specs_of(kParams);
static_assert(std::size(kParams) * sizeof(double) == sizeof(ProductionQuota::Params));

bool reached(const Env& env, world::AgentIndex agent, world::CommodityIndex commodity) {
  if (env.info.commodities[commodity] == 0 || !env.reaches(agent, world::kPrimaryProducer))
    return false;
  const auto& outputs = env.world.agents()[agent].outputs;
  return std::find(outputs.begin(), outputs.end(), commodity) != outputs.end();
}

}  // namespace

const TypeSpec& ProductionQuota::spec() {
  static const TypeSpec kSpec{"production_quota",
                              "a nation's mining and separation output is capped per year", kSpecs};
  return kSpec;
}

ProductionQuota::ProductionQuota(std::span<const double> values, const world::World& world,
                                 const world::PolicyInfo&)
    : params(bind_params<Params>(kParams, values)),
      pool(world.commodities().size(), 0.0),
      cap(world.agents().size() * world.commodities().size(), INFINITY) {}

void ProductionQuota::on_tick(const Env& env, world::RandomStream&, bool&) {
  if (!env.activity.active) return;
  const int now = env.world.tick_dates()[static_cast<std::size_t>(env.tick)].year;
  if (now != year) {
    year = now;
    std::fill(pool.begin(), pool.end(), 0.0);
  }
  const double release = params.units_per_year * env.world.tick_days() / 365.0;
  for (const world::CommodityIndex c : pool.indices())
    if (env.info.commodities[c] != 0) pool[c] += release;
}

void ProductionQuota::cap_output(const Env& env, const Capacities& capacity,
                                 world::PolicyView& view) {
  std::fill(cap.begin(), cap.end(), INFINITY);
  if (!env.activity.active || !std::isfinite(params.units_per_year)) return;
  const std::size_t commodities = pool.size();
  for (const world::CommodityIndex c : pool.indices()) {
    if (env.info.commodities[c] == 0) continue;
    double total = 0;
    for (const world::AgentIndex i : view.indices())
      if (reached(env, i, c)) total += capacity[i][c];
    for (const world::AgentIndex i : view.indices()) {
      if (!reached(env, i, c)) continue;
      const double share = total > 0 ? capacity[i][c] / total : 0.0;
      const double mine = std::max(pool[c], 0.0) * share;
      cap[world::at(i) * commodities + world::at(c)] = mine;
      world::AgentEffects& a = view[i];
      a.output_cap[c] = std::min(a.output_cap[c], mine);
      a.output_leak = std::min(a.output_leak, 1.0 - params.enforcement);
    }
  }
}

void ProductionQuota::record_output(const Env& env, world::AgentIndex agent,
                                    world::CommodityIndex commodity, double units) {
  if (!env.activity.active) return;
  const double mine = cap[world::at(agent) * pool.size() + world::at(commodity)];
  if (std::isfinite(mine)) pool[commodity] -= std::min(units, mine);
}

}  // namespace reesim::policies
