#include "policies/types/export_quota.h"

#include <algorithm>
#include <cmath>

#include "core/calendar.h"
#include "core/param_binding.h"
#include "world/catalog.h"
#include "world/sampling.h"

namespace reesim::policies {
namespace {

constexpr ParamBinding<ExportQuota::Params> kParams[] = {
    {{"quota_per_year", "commodity units/yr",
      "exports allowed per calendar year (cal §1: China's 2024 quotas for mining and separation); "
      "REO-equivalent units when reo_equivalent is 1",
      0.0, 0.0, kUnbounded},
     &ExportQuota::Params::quota_per_year},
    {{"batches", "count",
      "releases of the year's quota, in equal shares on the first day of evenly spaced months "
      "from 1 January (2: January and July; 4: quarterly); the policy's dated `releases` replace "
      "them",
      1.0, 1.0, 12.0, "prior"},
     &ExportQuota::Params::batches},
    {{"pacing", "switch",
      "0: first come, first served; 1: each batch is spent evenly over the ticks until the next "
      "(an allowance of what is left over the ticks left, unused allowance carried forward)",
      0.0, 0.0, 1.0, "prior"},
     &ExportQuota::Params::pacing},
    {{"allocation", "switch",
      "0: one pool for all origins; 1: one pool per covered origin, its share of the quota its "
      "exporters' capacity of covered commodities (the named agents' only, if the policy names "
      "agents); the policy's named `shares`, when given, allocate instead",
      0.0, 0.0, 1.0, "prior"},
     &ExportQuota::Params::allocation},
    {{"leakage", "fraction",
      "share of the usual flow the quota blocks that still reaches buyers via third countries", 0.0,
      0.0, 1.0, "prior"},
     &ExportQuota::Params::leakage},
    {{"carry_over", "fraction", "share of a year's unused quota added to the next year's", 0.0, 0.0,
      1.0, "prior"},
     &ExportQuota::Params::carry_over},
    {{"reo_equivalent", "switch",
      "0: the quota counts commodity units; 1: REO-equivalent units, each unit of a commodity "
      "using its declared content (1 where it declares none)",
      0.0, 0.0, 1.0, "prior"},
     &ExportQuota::Params::reo_equivalent},
    {{"per_firm", "switch",
      "0: pools as allocation says; 1: each exporting firm holds its own allotment, released, "
      "paced and carried over as a pool is: its named `shares` of the quota, or else its share of "
      "the covered exporters' capacity of covered commodities; its sales abroad draw on its "
      "allotment alone, and it leaks its allotment's share of its nation's blocked flow",
      0.0, 0.0, 1.0, "prior"},
     &ExportQuota::Params::per_firm},
};
constexpr auto kSpecs = specs_of(kParams);
static_assert(std::size(kParams) * sizeof(double) == sizeof(ExportQuota::Params));

}  // namespace

const TypeSpec& ExportQuota::spec() {
  static const TypeSpec kSpec{
      "export_quota",
      "exports from origins are capped per year; the policy's `releases { day: \"MM-DD\" share }` "
      "(fractions of the annual total, adding up to 1) date its batches, and `shares { agent "
      "share }` (fractions, adding up to 1, or to at most 1 with per_firm) allocate it to named "
      "holders' "
      "origins, or with per_firm to the holders themselves",
      kSpecs};
  return kSpec;
}

ExportQuota::ExportQuota(std::span<const double> values, const world::World& world,
                         const world::PolicyInfo& info)
    : params(bind_params<Params>(kParams, values)),
      schedule(*info.source, std::clamp(static_cast<int>(std::lround(params.batches)), 1, 12)),
      paced(params.pacing >= 0.5) {
  // REO-equivalent units: the sum of each commodity's declared content.
  const Scenario& scenario = world.scenario();
  for (const world::CommodityIndex c : world.commodities().indices()) {
    double content = 0;
    if (params.reo_equivalent >= 0.5)
      for (const auto& [element, mass] :
           scenario.commodities(static_cast<int>(world::at(c))).content())
        content += mass;
    weight.push_back(content > 0 ? content : 1.0);
  }
  const auto nations = static_cast<std::size_t>(world.nation_count());
  if (params.per_firm >= 0.5) {
    // Allotments to firms: each named holder its share, or else each covered exporter its share
    // of the covered exporters' capacity of covered commodities (in quota units).
    world::ByIndex<world::AgentIndex, double> allotted(world.agents().size(), 0.0);
    if (const auto named = named_shares(world, *info.source)) {
      allotted = *named;
    } else {
      double total = 0;
      for (const world::AgentIndex a : world.agents().indices()) {
        const world::AgentInfo& agent = world.agents()[a];
        if ((agent.spec->traits & world::kSells) == 0 || !info.covers_origin(agent.nation))
          continue;
        if (!info.source->agents().empty() && info.agents[a] == 0) continue;
        for (const Capacity& capacity : agent.source->capacities()) {
          const auto c = world.commodity_index(capacity.commodity());
          if (!c || info.commodities[*c] == 0) continue;
          const double units = world::central_value(capacity.per_year()) * weight[world::at(*c)];
          allotted[a] += units;
          total += units;
        }
      }
      for (double& units : allotted)
        units = total > 0 ? units / total : 0.0;
    }
    pool_of.assign(world.agents().size(), -1);
    std::vector<double> of_nation(nations, 0.0);
    for (const world::AgentIndex a : world.agents().indices()) {
      if (allotted[a] <= 0) continue;
      pool_of[world::at(a)] = static_cast<int>(share.size());
      share.push_back(allotted[a]);
      nation_of_pool.push_back(world.agents()[a].nation);
      of_nation[world::at(world.agents()[a].nation)] += allotted[a];
    }
    for (std::size_t p = 0; p < share.size(); ++p)
      usual_share.push_back(share[p] / of_nation[world::at(nation_of_pool[p])]);
    by_firm = !share.empty();
    if (!by_firm) share.assign(1, 1.0);  // no exporter holds capacity: one pool
  } else if (const auto named = named_shares(world, *info.source)) {
    // Named holders: each origin's pool holds the shares of its holders (the books read quotas
    // by pair of nations, so holders of one nation share its pool).
    share.assign(nations, 0.0);
    for (const world::AgentIndex a : world.agents().indices())
      share[world::at(world.agents()[a].nation)] += (*named)[a];
  } else if (params.allocation >= 0.5) {
    // Each covered origin's exporters' capacity of covered commodities (in quota units).
    share.assign(nations, 0.0);
    double total = 0;
    for (const world::AgentIndex a : world.agents().indices()) {
      const world::AgentInfo& agent = world.agents()[a];
      if ((agent.spec->traits & world::kSells) == 0 || !info.covers_origin(agent.nation)) continue;
      if (!info.source->agents().empty() && info.agents[a] == 0) continue;
      for (const Capacity& capacity : agent.source->capacities()) {
        const auto c = world.commodity_index(capacity.commodity());
        if (!c || info.commodities[*c] == 0) continue;
        const double units = world::central_value(capacity.per_year()) * weight[world::at(*c)];
        share[world::at(agent.nation)] += units;
        total += units;
      }
    }
    if (total > 0)
      for (double& s : share)
        s /= total;
    else
      share.assign(1, 1.0);  // no exporter holds capacity: one pool
  } else {
    share.assign(1, 1.0);
  }
  left.assign(share.size(), 0.0);
  allowance.assign(share.size(), 0.0);
  spent.assign(share.size(), 0.0);
  if (params.leakage > 0) {
    flow_slots_ = world.commodities().size() * nations * nations;
    legal.assign(flow_slots_ * (by_firm ? share.size() : 1), 0.0);
    leaked.assign(legal.size(), 0.0);
  }
}

void ExportQuota::begin_tick() {
  std::fill(spent.begin(), spent.end(), 0.0);
  std::fill(legal.begin(), legal.end(), 0.0);
  std::fill(leaked.begin(), leaked.end(), 0.0);
}

void ExportQuota::on_tick(const Env& env, world::RandomStream&, bool&) {
  if (!env.activity.active) return;
  const Date& today = env.world.tick_dates()[static_cast<std::size_t>(env.tick)];
  if (today.year != year) {
    // A new year: what is left of the last one carries over in part.
    for (double& pool : left)
      pool = year < 0 ? 0.0 : params.carry_over * std::max(pool, 0.0);
    year = today.year;
    released = 0;
  }
  const auto& releases = schedule.releases();
  while (released < static_cast<int>(releases.size()) &&
         schedule.due(static_cast<std::size_t>(released), today)) {
    const double share_of_year = releases[static_cast<std::size_t>(released)].share;
    const auto equal = static_cast<double>(releases.size());
    for (std::size_t p = 0; p < left.size(); ++p)
      left[p] += schedule.dated() ? params.quota_per_year * share[p] * share_of_year
                                  : params.quota_per_year * share[p] / equal;
    ++released;
  }
  if (!paced) return;
  // The allowance of each tick until the next release: what is left over the ticks left.
  const Date next = schedule.date_of(static_cast<std::size_t>(released), year);
  const double days = static_cast<double>(next.days() - today.days());
  const double ticks = std::max(1.0, std::ceil(days / env.world.tick_days()));
  for (std::size_t p = 0; p < left.size(); ++p)
    allowance[p] = std::max(left[p], 0.0) / ticks;
}

void ExportQuota::terms(const Env& env, world::CommodityIndex commodity, world::NationIndex origin,
                        world::NationIndex destination, TermsSum& t) const {
  if (!env.covers(commodity, origin, destination)) return;
  t.quota_limited = true;
  if (by_firm) t.quota_by_seller = true;
}

double ExportQuota::units_left(const Env& env, world::CommodityIndex commodity,
                               world::NationIndex origin, world::NationIndex destination,
                               std::size_t pool) const {
  double quota = left[pool];
  if (paced) quota = std::min(quota, allowance[pool] - spent[pool]);
  double units = std::max(quota, 0.0) / weight[world::at(commodity)];
  if (freezes_flows()) {
    // Smuggling: a share of the usual flow that the quota blocks this tick (a firm's: its
    // allotment's share of its nation's).
    const std::size_t k = env.flows.index(commodity, origin, destination);
    const std::size_t slot = by_firm ? pool * flow_slots_ + k : k;
    double usual = env.flows.raw(k) / std::max(env.flows.weight(), 1e-9);
    if (by_firm) usual *= usual_share[pool];
    units += std::max(params.leakage * std::max(usual - legal[slot], 0.0) - leaked[slot], 0.0);
  }
  return units;
}

double ExportQuota::quota_left(const Env& env, world::CommodityIndex commodity,
                               world::NationIndex origin, world::NationIndex destination) const {
  if (!env.covers(commodity, origin, destination)) return INFINITY;
  if (!by_firm)
    return units_left(env, commodity, origin, destination,
                      share.size() == 1 ? 0 : world::at(origin));
  // What the origin's firms may still export together.
  double units = 0;
  for (std::size_t p = 0; p < share.size(); ++p)
    if (nation_of_pool[p] == origin) units += units_left(env, commodity, origin, destination, p);
  return units;
}

double ExportQuota::seller_quota_left(const Env& env, world::CommodityIndex commodity,
                                      world::NationIndex origin, world::NationIndex destination,
                                      world::AgentIndex seller) const {
  if (!by_firm) return quota_left(env, commodity, origin, destination);
  if (!env.covers(commodity, origin, destination)) return INFINITY;
  const int pool = pool_of[world::at(seller)];
  return pool < 0 ? 0.0
                  : units_left(env, commodity, origin, destination, static_cast<std::size_t>(pool));
}

void ExportQuota::draw(const Env& env, world::CommodityIndex commodity, world::NationIndex origin,
                       world::NationIndex destination, std::size_t pool, double units) {
  const double w = weight[world::at(commodity)];
  double within = units;
  if (freezes_flows()) {
    // Trade within the quota first; the rest is smuggled.
    double quota = left[pool];
    if (paced) quota = std::min(quota, allowance[pool] - spent[pool]);
    within = std::min(units, std::max(quota, 0.0) / w);
    const std::size_t k = env.flows.index(commodity, origin, destination);
    const std::size_t slot = by_firm ? pool * flow_slots_ + k : k;
    legal[slot] += within;
    leaked[slot] += units - within;
  }
  left[pool] -= within * w;
  spent[pool] += within * w;
}

void ExportQuota::consume_quota(const Env& env, world::CommodityIndex commodity,
                                world::NationIndex origin, world::NationIndex destination,
                                double units) {
  if (!env.covers(commodity, origin, destination)) return;
  if (!by_firm) {
    draw(env, commodity, origin, destination, share.size() == 1 ? 0 : world::at(origin), units);
    return;
  }
  // Sales whose seller is not known draw on the origin's firms in turn.
  for (std::size_t p = 0; p < share.size() && units > 0; ++p) {
    if (nation_of_pool[p] != origin) continue;
    const double here = std::min(units, units_left(env, commodity, origin, destination, p));
    if (here <= 0) continue;
    draw(env, commodity, origin, destination, p, here);
    units -= here;
  }
}

void ExportQuota::consume_seller_quota(const Env& env, world::CommodityIndex commodity,
                                       world::NationIndex origin, world::NationIndex destination,
                                       world::AgentIndex seller, double units) {
  if (!by_firm) {
    consume_quota(env, commodity, origin, destination, units);
    return;
  }
  if (!env.covers(commodity, origin, destination)) return;
  const int pool = pool_of[world::at(seller)];
  if (pool >= 0) draw(env, commodity, origin, destination, static_cast<std::size_t>(pool), units);
}

}  // namespace reesim::policies
