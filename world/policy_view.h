// The read-only policy view (DESIGN §2): what the policies in force mean for each agent this
// tick. The policy engine writes it once per tick, before production; agents read their own row
// and never see a policy's state, and policies never write into an agent's state. Plain data
// owned by the trial; not thread-safe.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

#include "world/index.h"

namespace reesim::world {

// Capacity a policy awards an agent: `per_year` units of `commodity` a year from tick `ready`.
struct Award {
  CommodityIndex commodity{};
  double per_year = 0;
  int ready = 0;
};

// The policies' effects on one agent. Units: USD per unit of the commodity, unless stated.
struct AgentEffects {
  ByIndex<CommodityIndex, double> floor_usd;      // guaranteed price (0: none)
  ByIndex<CommodityIndex, double> incentive_usd;  // subsidy per unit sold
  double build_time_factor = 1;                   // technology export bans slow building abroad
  // Alliance terms with a home preference: the share of sales offered first to the home markets
  // of the nations in `alliance_mask` (bit per nation; 0: no preference).
  double alliance_share = 0;
  std::uint64_t alliance_mask = 0;
  double mandated_recovery = 0;  // least recovery rate a recycling mandate requires
  // Capital support: the share of new capacity's capital cost the state pays (0: none), and the
  // construction time of supported builds (years).
  double capex_share = 0;
  double supported_build_years = 0;
  // Stockpile policies of the agency's nation: whether one is in force; the stock (units, each
  // commodity) at which purchases stop; the most released in a tick (units, over its venues);
  // the price under which it buys and the shortfall over which it releases (0 and NaN: the
  // agency's own); the USD the policies in force have left to spend on purchases.
  bool stockpile_enabled = false;
  double stockpile_target = INFINITY;
  double stockpile_max_release = INFINITY;
  double stockpile_buy_below = 0;
  double stockpile_release_shortfall = NAN;
  double stockpile_release_above = 0;  // USD/unit; 0: no price rule
  double stockpile_budget_left = INFINITY;
  std::vector<Award> awards;  // capacity awarded this tick, built by the agent
  // Production quotas: the most of each commodity the agent may make this tick (units; INFINITY:
  // no quota; empty: none in the scenario), and the share of output above it made anyway.
  ByIndex<CommodityIndex, double> output_cap;
  double output_leak = 1;
};

// Every agent's effects, by agent index.
using PolicyView = ByIndex<AgentIndex, AgentEffects>;

}  // namespace reesim::world
