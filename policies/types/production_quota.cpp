#include "policies/types/production_quota.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/calendar.h"
#include "core/param_binding.h"
#include "world/catalog.h"

namespace reesim::policies {
namespace {

constexpr ParamBinding<ProductionQuota::Params> kParams[] = {
    {{"units_per_year", "commodity units/yr",
      "output of each covered commodity allowed per calendar year, or of all of them together "
      "with pooled 1 (cal §1: China's 2024 quotas, mining 270,000 t, separation 254,000 t)",
      kUnbounded, 0.0, kUnbounded},
     &ProductionQuota::Params::units_per_year},
    {{"enforcement", "fraction",
      "share of output over the quota that is stopped; the rest is produced anyway (illegal "
      "mining)",
      1.0, 0.0, 1.0},
     &ProductionQuota::Params::enforcement},
    {{"pooled", "switch",
      "0: units_per_year for each covered commodity; 1: one quota for all covered commodities "
      "together, their units added (for concentrates, tonnes of REO: cal §1 gives China's mining "
      "quota for all its ores)",
      0.0, 0.0, 1.0, "prior"},
     &ProductionQuota::Params::pooled},
    {{"reo_equivalent", "switch",
      "0: output counts in its own units; 1: in tonnes of REO: a separator's oxides, joint "
      "products of its feed, count as the REO separated with them (units over the feed's content "
      "of the oxide), once per separator; other output in its own units (concentrates are "
      "tonnes of REO, cal §1). For a separation quota (cal §1: 254,000 t REO in 2024)",
      0.0, 0.0, 1.0, "prior"},
     &ProductionQuota::Params::reo_equivalent},
    {{"growth_per_year", "fraction/yr",
      "yearly change of the annual total after the first calendar year in force: a quota renewed "
      "each year at a higher (or lower) level",
      0.0, -0.5, 1.0, "prior"},
     &ProductionQuota::Params::growth_per_year},
};
constexpr auto kSpecs = specs_of(kParams);
static_assert(std::size(kParams) * sizeof(double) == sizeof(ProductionQuota::Params));

// The concentrate a separator separates: that of the last concentrate venue it trades on, as
// Separator::start finds it (agents/types/separator.cpp); none for other agents.
std::optional<world::CommodityIndex> feed_of(const world::World& world,
                                             const world::AgentInfo& agent) {
  if ((agent.spec->traits & world::kPrimaryProducer) == 0) return std::nullopt;
  std::optional<world::CommodityIndex> feed;
  for (const world::VenueIndex v : agent.venues) {
    const world::CommodityIndex c = world.venues()[v].commodity;
    if (world.commodities()[c].stage == STAGE_CONCENTRATE) feed = c;
  }
  for (const world::CommodityIndex c : agent.outputs)
    if (world.commodities()[c].stage != STAGE_OXIDE) return std::nullopt;
  return agent.outputs.empty() ? std::nullopt : feed;
}

}  // namespace

const TypeSpec& ProductionQuota::spec() {
  static const TypeSpec kSpec{
      "production_quota",
      "a nation's mining and separation output is capped per year; the policy's `releases { day: "
      "\"MM-DD\" share }` (fractions of the annual total, adding up to 1) release it in dated "
      "batches instead of evenly, and `shares { agent share }` (fractions, adding up to 1) give "
      "named holders their own allocations instead of shares by capacity",
      kSpecs};
  return kSpec;
}

ProductionQuota::ProductionQuota(std::span<const double> values, const world::World& world,
                                 const world::PolicyInfo& info)
    : params(bind_params<Params>(kParams, values)),
      schedule(*info.source, 1),
      one_pool(params.pooled >= 0.5),
      shares(named_shares(world, *info.source)),
      cap(world.agents().size() * world.commodities().size(), INFINITY),
      commodities_(world.commodities().size()) {
  const std::size_t holders = shares ? world.agents().size() : 1;
  pool.assign(holders * commodities_, 0.0);
  weight.assign(cap.size(), 1.0);
  joint.assign(world.agents().size(), 0);
  drawn.assign(world.agents().size(), 0.0);
  // The makers of a covered commodity, and which covered outputs of each the quota reaches: the
  // named holders', or else those of the agents the policy reaches (its primary producers). None
  // of it changes during a trial.
  std::vector<world::CommodityIndex> outputs;
  for (const world::AgentIndex a : world.agents().indices()) {
    // The commodities it makes, each once, in ascending index order.
    const std::span<const world::CommodityIndex> listed = world.agents()[a].outputs;
    outputs.assign(listed.begin(), listed.end());
    std::sort(outputs.begin(), outputs.end());
    outputs.erase(std::unique(outputs.begin(), outputs.end()), outputs.end());
    if (std::none_of(outputs.begin(), outputs.end(),
                     [&](world::CommodityIndex c) { return info.commodities[c] != 0; }))
      continue;
    makers_.push_back(a);
    const bool reaches =
        shares ? (*shares)[a] > 0 : policy_reaches(world, info, a, world::kPrimaryProducer);
    if (reaches)
      for (const world::CommodityIndex c : outputs)
        if (info.commodities[c] != 0) reach_.push_back(c);
    reach_end_.push_back(static_cast<std::uint32_t>(reach_.size()));
  }
  if (params.reo_equivalent < 0.5) return;
  // A separator makes y units of an oxide from a unit of feed of content y (times its yield),
  // and the REO separated with it is the unit of feed (times the yield): 1 / y per unit.
  for (const world::AgentIndex a : world.agents().indices()) {
    const world::AgentInfo& agent = world.agents()[a];
    const auto feed = feed_of(world, agent);
    if (!feed) continue;
    const world::CommodityInfo& concentrate = world.commodities()[*feed];
    joint[world::at(a)] = one_pool ? 1 : 0;
    for (const world::CommodityIndex c : agent.outputs) {
      const double y = concentrate.yields[world::at(world.commodities()[c].input)];
      if (y > 0) weight[world::at(a) * commodities_ + world::at(c)] = 1.0 / y;
    }
  }
}

std::size_t ProductionQuota::slot(world::AgentIndex holder, world::CommodityIndex c) const {
  const std::size_t h = shares ? world::at(holder) : 0;
  return h * commodities_ + (one_pool ? 0 : world::at(c));
}

void ProductionQuota::on_tick(const Env& env, world::RandomStream&, bool&) {
  used = 0;
  if (!env.activity.active) return;
  const Date& today = env.world.tick_dates()[static_cast<std::size_t>(env.tick)];
  if (today.year != year) {
    // A year after the first in force: the total grows (a product, exact and the same on every
    // platform).
    if (year >= 0)
      for (int y = year; y < today.year; ++y)
        growth *= 1.0 + params.growth_per_year;
    year = today.year;
    released = 0;
    std::fill(pool.begin(), pool.end(), 0.0);
  }
  const double total = params.units_per_year * growth;
  // Adds `units` to every pool: each holder's share of it, for each covered commodity or once.
  auto release = [&](double units) {
    const std::size_t holders = pool.size() / commodities_;
    for (std::size_t h = 0; h < holders; ++h) {
      const world::AgentIndex holder{static_cast<std::int32_t>(h)};
      const double mine = shares ? units * (*shares)[holder] : units;
      if (mine == 0) continue;
      for (const world::CommodityIndex c : env.world.commodities().indices()) {
        if (env.info.commodities[c] == 0) continue;
        pool[slot(holder, c)] += mine;
        if (one_pool) break;
      }
    }
  };
  if (!schedule.dated()) {
    release(total * env.world.tick_days() / 365.0);
    return;
  }
  const auto& releases = schedule.releases();
  while (released < static_cast<int>(releases.size()) &&
         schedule.due(static_cast<std::size_t>(released), today))
    release(total * releases[static_cast<std::size_t>(released++)].share);
}

void ProductionQuota::cap_output(const Env& env, const Capacities& capacity,
                                 world::PolicyView& view) {
  // Only the agents that make a covered commodity are ever capped (the others' caps stay
  // INFINITY and draw nothing): a large world's other agents are not visited.
  for (const world::AgentIndex i : makers_) {
    std::fill_n(cap.begin() + static_cast<std::ptrdiff_t>(world::at(i) * commodities_),
                commodities_, INFINITY);
    drawn[world::at(i)] = 0.0;
  }
  if (!env.activity.active || !std::isfinite(params.units_per_year)) return;
  auto w = [&](world::AgentIndex i, world::CommodityIndex k) {
    return weight[world::at(i) * commodities_ + world::at(k)];
  };
  // The covered outputs the quota reaches of the m-th maker (reach_), in index order.
  auto reached = [&](std::size_t m) {
    return std::span<const world::CommodityIndex>(reach_.data() + (m == 0 ? 0 : reach_end_[m - 1]),
                                                  reach_.data() + reach_end_[m]);
  };
  // The m-th maker's capacity in quota units for the pool of `c`: of `c`, or with one pool of
  // every covered output, joint products counted once (the largest).
  auto agent_capacity = [&](std::size_t m, world::CommodityIndex c) {
    const world::AgentIndex i = makers_[m];
    double units = 0;
    for (const world::CommodityIndex k : reached(m)) {
      if (!(one_pool || k == c)) continue;
      const double mine = capacity[i][k] * w(i, k);
      units = joint[world::at(i)] != 0 ? std::max(units, mine) : units + mine;
    }
    return units;
  };
  // The reached capacity each shared pool is shared by, every reached agent's, in one pass over
  // the makers (each sum in their index order; an agent the quota does not reach adds nothing):
  // with one pool, the same for every covered commodity; else per commodity, from the agents
  // that make it.
  if (!shares) {
    shared_total_.assign(commodities_, 0.0);
    if (one_pool) {
      double total = 0;
      for (std::size_t m = 0; m < makers_.size(); ++m)
        total += agent_capacity(m, world::CommodityIndex{});
      std::fill(shared_total_.begin(), shared_total_.end(), total);
    } else {
      for (std::size_t m = 0; m < makers_.size(); ++m)
        for (const world::CommodityIndex c : reached(m))
          shared_total_[world::at(c)] += agent_capacity(m, c);
    }
  }
  // Each maker's caps, on the covered commodities it makes that the quota reaches.
  for (std::size_t m = 0; m < makers_.size(); ++m) {
    const world::AgentIndex i = makers_[m];
    for (const world::CommodityIndex c : reached(m)) {
      const double total = shares ? agent_capacity(m, c) : shared_total_[world::at(c)];
      // Joint products share the agent's whole part of the pool; other outputs their own
      // capacity's part.
      const double own = joint[world::at(i)] != 0 ? agent_capacity(m, c) : capacity[i][c] * w(i, c);
      double share = total > 0 ? own / total : 0.0;
      // A holder's own pool for one commodity is all its own.
      if (shares && !one_pool) share = 1.0;
      const double mine = std::max(pool[slot(i, c)], 0.0) * share / w(i, c);
      cap[world::at(i) * commodities_ + world::at(c)] = mine;
      world::AgentEffects& a = view[i];
      a.output_cap[c] = std::min(a.output_cap[c], mine);
      a.output_leak = std::min(a.output_leak, 1.0 - params.enforcement);
    }
  }
}

void ProductionQuota::record_output(const Env& env, world::AgentIndex agent,
                                    world::CommodityIndex commodity, double units) {
  if (!env.activity.active) return;
  const std::size_t k = world::at(agent) * commodities_ + world::at(commodity);
  const double mine = cap[k];
  if (!std::isfinite(mine)) return;
  const double within = std::min(units, mine) * weight[k];
  if (joint[world::at(agent)] == 0) {
    pool[slot(agent, commodity)] -= within;
    used += within;
    return;
  }
  // Joint products: the REO separated this tick is drawn once, as the largest of its oxides'.
  if (within > drawn[world::at(agent)]) {
    pool[slot(agent, commodity)] -= within - drawn[world::at(agent)];
    used += within - drawn[world::at(agent)];
    drawn[world::at(agent)] = within;
  }
}

}  // namespace reesim::policies
