// The metrics an experiment keeps (outputs.metrics; every declared metric when it is empty): which
// of a world's per-trial scalars and series a run records, so that trials.csv, series.csv,
// summary.csv, results.pb and the digest hold those and nothing else. Every metric is still
// computed in the trial (triggers may read one that is not kept). Immutable; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "experiment.pb.h"
#include "sim/trial.h"
#include "world/world.h"

namespace reesim::experiment {

class OutputSelection {
 public:
  // Unknown metric ids in `outputs.metrics` keep nothing (validation refuses them first).
  OutputSelection(const world::World& world, const Outputs& outputs);

  // The kept scalars' and series' names, in the order of sim::scalar_names and series_names.
  [[nodiscard]] const std::vector<std::string>& scalar_names() const { return scalar_names_; }
  [[nodiscard]] const std::vector<std::string>& series_names() const { return series_names_; }

  // Drops from `output` the scalars and series of the metrics not kept (none when all are).
  void apply(sim::TrialOutput& output) const;

 private:
  bool all_ = true;
  std::vector<std::size_t> scalars_;  // kept indices into sim::scalar_names
  std::vector<std::size_t> series_;   // kept indices into sim::series_names
  std::vector<std::string> scalar_names_;
  std::vector<std::string> series_names_;
};

}  // namespace reesim::experiment
