// An export quota (DESIGN §3; cal §1): exports of covered commodities from covered origins are
// capped per calendar year (docs/model.md §7.3). The year's total is released in batches (equal
// shares on month starts, or the policy's dated `releases`), spent first come or paced evenly
// over each batch's period, held in one pool or allocated to the covered origins by their
// exporters' capacity or by named holders' `shares`, counted in commodity units or in
// REO-equivalent units across the covered commodities; a share of unused quota carries into the
// next year and a share of the flow it blocks is smuggled through.
#pragma once

#include <span>
#include <vector>

#include "policies/policy.h"
#include "policies/quota_schedule.h"
#include "world/random.h"

namespace reesim::policies {

struct ExportQuota {
  struct Params {
    double quota_per_year = 0;
    double batches = 1;
    double pacing = 0;
    double allocation = 0;
    double leakage = 0;
    double carry_over = 0;
    double reo_equivalent = 0;
  };

  [[nodiscard]] static const TypeSpec& spec();
  ExportQuota(std::span<const double> values, const world::World& world,
              const world::PolicyInfo& info);

  static constexpr bool kTrade = true;
  // A leaky quota counts smuggling from the usual flow, which stays frozen while it is in force.
  [[nodiscard]] bool freezes_flows() const { return !leaked.empty(); }
  void begin_tick();
  void on_tick(const Env& env, world::RandomStream& random, bool& terms_changed);
  void terms(const Env& env, world::CommodityIndex commodity, world::NationIndex origin,
             world::NationIndex destination, TermsSum& t) const;
  [[nodiscard]] double quota_left(const Env& env, world::CommodityIndex commodity,
                                  world::NationIndex origin, world::NationIndex destination) const;
  void consume_quota(const Env& env, world::CommodityIndex commodity, world::NationIndex origin,
                     world::NationIndex destination, double units);

  Params params;
  QuotaSchedule schedule;
  bool paced = false;
  // Quota units one unit of each commodity uses (1, or its declared content).
  std::vector<double> weight;
  // Each pool's share of the quota: one pool, or one per origin nation (with named holders, the
  // sum of the shares of those of that nation).
  std::vector<double> share;
  std::vector<double> left;       // quota units left this year, by pool
  std::vector<double> allowance;  // a paced pool's allowance this tick
  std::vector<double> spent;      // quota units spent this tick, by pool
  // A leaky quota's units by FlowMemory index this tick: traded within the quota, and smuggled.
  std::vector<double> legal;
  std::vector<double> leaked;
  int year = -1;
  int released = 0;  // batches released this year
};

}  // namespace reesim::policies
