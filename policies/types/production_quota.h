// A production quota (DESIGN §3; cal §1: China's mining and separation quotas): the output of
// covered commodities by the producers it reaches (named, or the enacting nation's miners,
// separators and PSUs) is capped per calendar year, released evenly over the year or in the
// policy's dated `releases`, per commodity or in one pool across them, and shared among the
// producers by capacity or held by named holders in their `shares`, counted in commodity units or
// in tonnes of REO (a separator's oxides as the REO separated with them); the annual total may
// grow from year to year; with enforcement below 1 that share of the excess is produced anyway
// (docs/model.md §7.4).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "policies/policy.h"
#include "policies/quota_schedule.h"
#include "world/random.h"

namespace reesim::policies {

struct ProductionQuota {
  struct Params {
    double units_per_year = 0;
    double enforcement = 0;
    double pooled = 0;
    double reo_equivalent = 0;
    double growth_per_year = 0;
  };

  [[nodiscard]] static const TypeSpec& spec();
  ProductionQuota(std::span<const double> values, const world::World& world,
                  const world::PolicyInfo& info);

  static constexpr bool kCapsOutput = true;
  // Releases this tick's allowance (the year's total × tick_days / 365, or the dated releases
  // due), the pools starting empty each calendar year; the year's total is units_per_year ×
  // (1 + growth_per_year)^(years since the first year in force).
  void on_tick(const Env& env, world::RandomStream& random, bool& terms_changed);
  // Writes each reached producer's cap this tick: its pool's allowance by its share of the
  // reached capacity of the commodity (or of the pool's commodities), or its own pool with
  // named holders.
  void cap_output(const Env& env, const Capacities& capacity, world::PolicyView& view);
  // Draws what a capped producer made within its cap from its pool.
  void record_output(const Env& env, world::AgentIndex agent, world::CommodityIndex commodity,
                     double units);

  Params params;
  QuotaSchedule schedule;
  bool one_pool = false;
  // Named holders' shares (none: shared by capacity).
  std::optional<world::ByIndex<world::AgentIndex, double>> shares;
  int year = -1;
  int released = 0;   // dated releases made this year
  double growth = 1;  // (1 + growth_per_year)^(years since the first year in force)
  // Quota units one unit of each output uses, by (agent, commodity): 1, or with reo_equivalent
  // the REO it stands for.
  std::vector<double> weight;
  // By agent: whether its outputs are joint products of one feed counted once in one pool (a
  // separator's oxides with reo_equivalent and pooled), and the quota units it drew this tick.
  std::vector<std::uint8_t> joint;
  std::vector<double> drawn;
  // Allowance left, by holder (one, or each agent with named shares) and commodity (or in slot
  // 0 for one pool).
  std::vector<double> pool;
  std::vector<double> cap;  // this tick's cap, by (agent, commodity); INFINITY: none
  // Quota units drawn this tick by output within the caps (what the excess let through by
  // enforcement below 1 does not count), all holders and commodities together.
  double used = 0;

  // The agents that make a covered commodity, in index order: the only rows cap_output() sets.
  [[nodiscard]] const std::vector<world::AgentIndex>& capped_agents() const { return makers_; }

 private:
  [[nodiscard]] std::size_t slot(world::AgentIndex holder, world::CommodityIndex c) const;
  std::size_t commodities_ = 0;
  // The covered outputs the quota reaches of each maker, in index order: those of makers_[m] end
  // at reach_end_[m] (and begin where the previous maker's end).
  std::vector<world::CommodityIndex> reach_;
  std::vector<std::uint32_t> reach_end_;
  std::vector<double> shared_total_;  // cap_output's: a shared pool's capacity, by commodity
  // The agents that make a covered commodity, in index order: the only ones a cap can reach.
  std::vector<world::AgentIndex> makers_;
};

}  // namespace reesim::policies
