// What happened in one tick, by commodity and nation: production, trade flows, purchases,
// public spending. Filled by production and settlement, read by metrics. Not thread-safe.
#pragma once

#include <cstddef>
#include <vector>

namespace reesim::sim {

class TickLedger {
 public:
  TickLedger(std::size_t commodities, std::size_t nations)
      : nations_(nations),
        output_(commodities * nations),
        flows_(commodities * nations * nations),
        spending_(nations) {}

  void clear() {
    std::fill(output_.begin(), output_.end(), 0.0);
    std::fill(flows_.begin(), flows_.end(), 0.0);
    std::fill(spending_.begin(), spending_.end(), 0.0);
  }

  // Units of `commodity` produced by `nation`'s agents this tick.
  double& output(std::size_t commodity, std::size_t nation) {
    return output_[commodity * nations_ + nation];
  }
  // Units of `commodity` sold by `origin`'s agents to `destination`'s agents this tick.
  double& flow(std::size_t commodity, std::size_t origin, std::size_t destination) {
    return flows_[(commodity * nations_ + origin) * nations_ + destination];
  }
  // USD of public money `nation` spent this tick (floors, incentives).
  double& spending(std::size_t nation) { return spending_[nation]; }

 private:
  std::size_t nations_;
  std::vector<double> output_;
  std::vector<double> flows_;
  std::vector<double> spending_;
};

}  // namespace reesim::sim
