// Metrics declared in the scenario (DESIGN §3): one value per metric per tick, and the
// per-trial scalars derived from each metric's series. Not thread-safe (one per trial).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "agents/registry.h"
#include "policies/engine.h"
#include "sim/ledger.h"
#include "world/world.h"

namespace reesim::sim {

// Everything a metric may read at the end of a tick.
struct MetricInputs {
  const world::ByIndex<world::AgentIndex, agents::Agent>& agents;
  TickLedger& ledger;
  // By venue: USD/unit, the last VWAP (carried when no trade); units traded this tick.
  const world::ByIndex<world::VenueIndex, double>& venue_price;
  const world::ByIndex<world::VenueIndex, double>& venue_volume;
  // This tick's orders, by agent.
  const world::ByIndex<world::AgentIndex, std::vector<agents::OrderRequest>>& orders;
  // The policies: whether each is in force, and their components' counts.
  const policies::PolicyEngine& engine;
};

class MetricRecorder {
 public:
  explicit MetricRecorder(const world::World& world);

  // Computes every metric for `tick`.
  void record(int tick, const MetricInputs& inputs);
  // The values recorded at the last recorded tick (NaN before the first), by metric.
  [[nodiscard]] const std::vector<double>& latest() const { return latest_; }
  // The full series of metric `m`.
  [[nodiscard]] const std::vector<double>& series(int m) const {
    return series_[static_cast<std::size_t>(m)];
  }
  // Per-trial scalars, in scenario order (each metric's scalars in turn).
  [[nodiscard]] std::vector<double> scalars() const;

 private:
  // A metric's references resolved to indices once (-1 when absent).
  struct Resolved {
    MetricKind kind = METRIC_UNSPECIFIED;
    std::optional<world::VenueIndex> venue;
    std::optional<world::VenueIndex> reference_venue;
    std::optional<world::CommodityIndex> commodity;
    std::optional<world::NationIndex> nation;
    std::optional<world::NationIndex> origin;
    std::optional<world::PolicyIndex> policy;
    std::string sector;
    // OUTPUT and SHARE: the commodity, or every one of a stage.
    std::vector<world::CommodityIndex> commodities;
    // UNMET_DEMAND: the agents it sums, in index order.
    std::vector<world::AgentIndex> agents;
  };

  [[nodiscard]] double value(const Resolved& metric, const MetricInputs& inputs) const;

  const world::World& world_;
  std::vector<Resolved> resolved_;
  std::vector<double> latest_;
  std::vector<std::vector<double>> series_;
};

}  // namespace reesim::sim
