// The units of metrics and scalars (units.csv, and what `reesim report` prints beside them),
// derived from a scenario's metric declarations (MetricKind's documented units, the commodity's
// unit and the tick length). Pure functions; thread-safe.
#pragma once

#include <string>

#include "results.pb.h"
#include "scenario.pb.h"

namespace reesim::results {

// The unit of metric `metric_id`'s series in `scenario`, e.g. "USD/kg", "kg/week", "share (0-1)",
// "ratio"; empty when the metric is not declared or its unit is not known.
[[nodiscard]] std::string metric_unit(const Scenario& scenario, const std::string& metric_id);

// The unit of scalar `scalar_id` (a Metric's Scalar.id) in `scenario`: the metric's unit for a
// mean, peak, trough or final value, "ratio" when it is relative to a baseline, the unit summed
// over ticks for a cumulative one ("kg" for a "kg/week" series), "ticks" or "days" for a count;
// empty when unknown.
[[nodiscard]] std::string scalar_unit(const Scenario& scenario, const std::string& scalar_id);

// Replaces results.scalar_units and results.metric_units (results.proto) with the units units.csv
// gives: one per scalar of results.scalar_names, and one per metric the run keeps, from
// results.manifest (its scenario, and its experiment's outputs.metrics). The commands fill them
// where they assemble a Results (run, sweep, merge), so that results.pb carries its units.
void fill_units(Results& results);

// The unit of scalar `scalar_id` or of metric `metric_id`'s series as `results` holds it
// (Results.scalar_units, Results.metric_units); derived from results.manifest's scenario as above
// when it holds none (a results.pb written before units were kept). Empty when unknown.
[[nodiscard]] std::string scalar_unit(const Results& results, const std::string& scalar_id);
[[nodiscard]] std::string metric_unit(const Results& results, const std::string& metric_id);

// units.csv: header `name,kind,unit`, then one row per metric the run's scenario declares and
// keeps (results.manifest.scenario; outputs.metrics when set; kind `metric`: the unit of its
// series) and one per scalar of
// results.scalar_names (kind `scalar`), in declaration order; an unknown unit is left empty.
// Not covered by the digest: units are derived from the scenario, which the manifest hashes.
// results.scalar_units and metric_units (fill_units) hold the same units.
[[nodiscard]] std::string units_csv(const Results& results);

}  // namespace reesim::results
