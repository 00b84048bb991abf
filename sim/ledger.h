// What happened in one tick, by commodity and nation: production, trade flows, purchases,
// public spending and revenue. Filled by production and settlement, read by metrics. Not
// thread-safe.
#pragma once

#include <cstddef>
#include <vector>

#include "world/index.h"

namespace reesim::sim {

class TickLedger {
 public:
  TickLedger(std::size_t commodities, std::size_t nations, std::size_t policies = 0)
      : nations_(nations),
        output_(commodities * nations),
        flows_(commodities * nations * nations),
        spending_(nations),
        revenue_(nations),
        policy_revenue_(policies) {}

  // Zeroes the tick's figures. Only the flows written since the last clear are reset: a tick
  // trades along a few dozen of the commodities x nations² routes, and clearing all of them
  // every tick cost more than the trading itself.
  void clear() {
    std::fill(output_.begin(), output_.end(), 0.0);
    for (const std::size_t at : written_flows_)
      flows_[at] = 0.0;
    written_flows_.clear();
    std::fill(spending_.begin(), spending_.end(), 0.0);
    std::fill(revenue_.begin(), revenue_.end(), 0.0);
    std::fill(policy_revenue_.begin(), policy_revenue_.end(), 0.0);
  }

  // Units of `commodity` produced by `nation`'s agents this tick.
  double& output(world::CommodityIndex commodity, world::NationIndex nation) {
    return output_[world::at(commodity) * nations_ + world::at(nation)];
  }
  // Units of `commodity` sold by `origin`'s agents to `destination`'s agents this tick.
  [[nodiscard]] double flow(world::CommodityIndex commodity, world::NationIndex origin,
                            world::NationIndex destination) const {
    return flows_[flow_index(commodity, origin, destination)];
  }
  void add_flow(world::CommodityIndex commodity, world::NationIndex origin,
                world::NationIndex destination, double units) {
    const std::size_t at = flow_index(commodity, origin, destination);
    if (flows_[at] == 0.0) written_flows_.push_back(at);  // repeats are harmless
    flows_[at] += units;
  }
  // USD of public money `nation` spent this tick (floors, incentives).
  double& spending(world::NationIndex nation) { return spending_[world::at(nation)]; }
  // USD of public revenue `nation` collected this tick (tariffs it levied, its export duties).
  double& revenue(world::NationIndex nation) { return revenue_[world::at(nation)]; }
  // USD of that revenue levied by `policy` (a tariff or an export duty) this tick; 0 for a
  // policy past the count the ledger was built for.
  [[nodiscard]] double policy_revenue(world::PolicyIndex policy) const {
    const std::size_t p = world::at(policy);
    return p < policy_revenue_.size() ? policy_revenue_[p] : 0.0;
  }
  void add_policy_revenue(world::PolicyIndex policy, double usd) {
    const std::size_t p = world::at(policy);
    if (p < policy_revenue_.size()) policy_revenue_[p] += usd;
  }

 private:
  [[nodiscard]] std::size_t flow_index(world::CommodityIndex commodity, world::NationIndex origin,
                                       world::NationIndex destination) const {
    return (world::at(commodity) * nations_ + world::at(origin)) * nations_ +
           world::at(destination);
  }

  std::size_t nations_;
  std::vector<double> output_;
  std::vector<double> flows_;
  std::vector<std::size_t> written_flows_;  // indices of flows_ written since the last clear
  std::vector<double> spending_;
  std::vector<double> revenue_;
  std::vector<double> policy_revenue_;
};

}  // namespace reesim::sim
