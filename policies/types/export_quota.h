// An export quota (DESIGN §3; cal §1): exports of covered commodities from covered origins are
// capped per calendar year (docs/model.md §7.3). The year's total is released in batches (equal
// shares on month starts, or the policy's dated `releases`), spent first come or paced evenly
// over each batch's period, held in one pool or allocated to the covered origins by their
// exporters' capacity or by named holders' `shares`, or allotted to the exporting firms
// themselves (`per_firm`: each firm's sales abroad draw on its own allotment), counted in
// commodity units or in REO-equivalent units across the covered commodities; a share of unused
// quota carries into the next year and a share of the flow it blocks is smuggled through.
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
    double per_firm = 0;
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
  // With allotments to firms: what `seller` may still export from its own allotment, and what
  // it exported (the pool's, as above, without them).
  [[nodiscard]] double seller_quota_left(const Env& env, world::CommodityIndex commodity,
                                         world::NationIndex origin, world::NationIndex destination,
                                         world::AgentIndex seller) const;
  void consume_seller_quota(const Env& env, world::CommodityIndex commodity,
                            world::NationIndex origin, world::NationIndex destination,
                            world::AgentIndex seller, double units);

  Params params;
  QuotaSchedule schedule;
  bool paced = false;
  // Quota units one unit of each commodity uses (1, or its declared content).
  std::vector<double> weight;
  // Each pool's share of the quota: one pool, or one per origin nation (with named holders, the
  // sum of the shares of those of that nation), or one per firm holding an allotment.
  std::vector<double> share;
  // Allotments to firms: by agent, its pool (-1: it holds none); by pool, the firm's nation and
  // its share of that nation's usual flow (its allotment over those of the nation's holders).
  bool by_firm = false;
  std::vector<int> pool_of;
  std::vector<world::NationIndex> nation_of_pool;
  std::vector<double> usual_share;
  std::vector<double> left;       // quota units left this year, by pool
  std::vector<double> allowance;  // a paced pool's allowance this tick
  std::vector<double> spent;      // quota units spent this tick, by pool
  // A leaky quota's units by FlowMemory index (with allotments to firms, by pool and then index)
  // this tick: traded within the quota, and smuggled.
  std::vector<double> legal;
  std::vector<double> leaked;
  int year = -1;
  int released = 0;  // batches released this year

 private:
  // Units of `commodity` pool `pool` may still let through on the pair, smuggling included.
  [[nodiscard]] double units_left(const Env& env, world::CommodityIndex commodity,
                                  world::NationIndex origin, world::NationIndex destination,
                                  std::size_t pool) const;
  // Draws `units` traded on the pair from pool `pool`: within the quota first, the rest smuggled.
  void draw(const Env& env, world::CommodityIndex commodity, world::NationIndex origin,
            world::NationIndex destination, std::size_t pool, double units);
  std::size_t flow_slots_ = 0;  // FlowMemory indices per pool in legal and leaked
};

}  // namespace reesim::policies
