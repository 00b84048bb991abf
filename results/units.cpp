#include "results/units.h"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "results/csv_format.h"

namespace reesim::results {
namespace {

const Metric* find_metric(const Scenario& scenario, const std::string& id) {
  for (const Metric& m : scenario.metrics())
    if (m.id() == id) return &m;
  return nullptr;
}

// The physical unit of a metric's commodity (through its venue where it names one); empty when
// unknown. For a metric over a stage, the unit shared by every commodity of that stage.
std::string commodity_unit(const Scenario& scenario, const Metric& metric) {
  std::string commodity = metric.commodity();
  if (commodity.empty())
    for (const Venue& v : scenario.venues())
      if (v.id() == metric.venue()) commodity = v.commodity();
  std::string unit;
  for (const Commodity& c : scenario.commodities()) {
    const bool matches = commodity.empty()
                             ? (metric.stage() != STAGE_UNSPECIFIED && c.stage() == metric.stage())
                             : c.id() == commodity;
    if (!matches) continue;
    if (!unit.empty() && unit != c.unit()) return {};
    unit = c.unit();
  }
  return unit;
}

std::string tick_name(const Scenario& scenario) {
  const int days = scenario.calendar().has_tick_days() ? scenario.calendar().tick_days() : 7;
  if (days == 7) return "week";
  if (days == 1) return "day";
  return std::to_string(days) + " days";
}

// The unit of a per-tick quantity: "kg/week"; the quantity's unit alone when `per_tick` is false.
std::string quantity(const std::string& unit, const Scenario& scenario, bool per_tick) {
  if (unit.empty()) return {};
  return per_tick ? unit + "/" + tick_name(scenario) : unit;
}

// One row of units.csv: a kept metric (kind "metric") or a scalar (kind "scalar").
struct UnitRow {
  std::string name;
  const char* kind;
  std::string unit;
};

// units.csv's rows, derived from results.manifest: the metrics the run keeps in declaration
// order, then results.scalar_names in order. The one source of both units.csv and fill_units.
std::vector<UnitRow> unit_rows(const Results& results) {
  const Scenario& scenario = results.manifest().scenario();
  const auto& kept = results.manifest().experiment().outputs().metrics();
  std::vector<UnitRow> rows;
  for (const Metric& m : scenario.metrics())
    if (kept.empty() || std::find(kept.begin(), kept.end(), m.id()) != kept.end())
      rows.push_back({m.id(), "metric", metric_unit(scenario, m.id())});
  for (const std::string& name : results.scalar_names())
    rows.push_back({name, "scalar", scalar_unit(scenario, name)});
  return rows;
}

}  // namespace

std::string metric_unit(const Scenario& scenario, const std::string& metric_id) {
  const Metric* metric = find_metric(scenario, metric_id);
  if (!metric) return {};
  const std::string unit = commodity_unit(scenario, *metric);
  switch (metric->kind()) {
    case METRIC_PRICE:
      return unit.empty() ? "USD per unit" : "USD/" + unit;
    case METRIC_PREMIUM:
      return "ratio";
    case METRIC_VOLUME:
    case METRIC_FLOW:
    case METRIC_UNMET_DEMAND:
    case METRIC_OUTPUT:
      return quantity(unit, scenario, true);
    case METRIC_INVENTORY:
    case METRIC_STOCKPILE:
      return quantity(unit, scenario, false);
    case METRIC_SPENDING:
    case METRIC_REVENUE:
      return "USD/" + tick_name(scenario);
    case METRIC_IMPORT_DEPENDENCE:
    case METRIC_SHARE:
    case METRIC_DEMAND_MET_WITHOUT:
    case METRIC_SUBSTITUTED_SHARE:
    case METRIC_BID_AT_BOUND:
      return "share (0-1)";
    case METRIC_POLICY_IN_FORCE:
      return "in force (0/1)";
    case METRIC_LICENCES_APPLIED:
    case METRIC_LICENCES_GRANTED:
    case METRIC_LICENCES_DENIED:
      return "applications/" + tick_name(scenario);
    case METRIC_QUOTA_USED:
      return "quota units/" + tick_name(scenario);
    case METRIC_INPUT_INTENSITY:
      return "oxide per unit of magnet";
    case METRIC_CAPACITY:
      return unit.empty() ? "" : unit + "/yr";
    default:
      return {};
  }
}

std::string scalar_unit(const Scenario& scenario, const std::string& scalar_id) {
  for (const Metric& m : scenario.metrics())
    for (const Scalar& s : m.scalars()) {
      if (s.id() != scalar_id) continue;
      if (!s.baseline_from().empty()) return "ratio";
      const std::string unit = metric_unit(scenario, m.id());
      switch (s.kind()) {
        case SCALAR_TICKS_ABOVE:
          return "ticks";
        case SCALAR_FIRST_BELOW:
        case SCALAR_FIRST_ABOVE:
        case SCALAR_DAYS_ABOVE:
          return "days";
        case SCALAR_RISES:
          return "times";
        case SCALAR_CUMULATIVE: {
          const std::string per = std::string(1, '/').append(tick_name(scenario));
          if (unit.size() > per.size() && unit.ends_with(per))
            return unit.substr(0, unit.size() - per.size());
          return unit.empty() ? "" : unit + " x ticks";
        }
        default:
          return unit;
      }
    }
  return {};
}

void fill_units(Results& results) {
  results.clear_scalar_units();
  results.clear_metric_units();
  for (UnitRow& row : unit_rows(results)) {
    if (std::string_view(row.kind) == "scalar") {
      results.add_scalar_units(std::move(row.unit));
    } else {
      MetricUnit& unit = *results.add_metric_units();
      unit.set_metric(std::move(row.name));
      unit.set_unit(std::move(row.unit));
    }
  }
}

std::string scalar_unit(const Results& results, const std::string& scalar_id) {
  if (results.scalar_units_size() == results.scalar_names_size() &&
      results.scalar_units_size() > 0) {
    for (int s = 0; s < results.scalar_names_size(); ++s)
      if (results.scalar_names(s) == scalar_id) return results.scalar_units(s);
    return {};
  }
  return scalar_unit(results.manifest().scenario(), scalar_id);
}

std::string metric_unit(const Results& results, const std::string& metric_id) {
  if (results.metric_units_size() > 0) {
    for (const MetricUnit& m : results.metric_units())
      if (m.metric() == metric_id) return m.unit();
    return {};
  }
  return metric_unit(results.manifest().scenario(), metric_id);
}

std::string units_csv(const Results& results) {
  std::string csv = "name,kind,unit\n";
  for (const UnitRow& row : unit_rows(results)) {
    csv += csv_field(row.name);
    csv += ',';
    csv += row.kind;
    csv += ',';
    csv += csv_field(row.unit);
    csv += '\n';
  }
  return csv;
}

}  // namespace reesim::results
