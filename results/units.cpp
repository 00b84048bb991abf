#include "results/units.h"

#include <algorithm>

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

std::string units_csv(const Results& results) {
  const Scenario& scenario = results.manifest().scenario();
  std::string csv = "name,kind,unit\n";
  const auto row = [&csv](const std::string& name, const char* kind, const std::string& unit) {
    csv += csv_field(name);
    csv += ',';
    csv += kind;
    csv += ',';
    csv += csv_field(unit);
    csv += '\n';
  };
  const auto& kept = results.manifest().experiment().outputs().metrics();
  for (const Metric& m : scenario.metrics())
    if (kept.empty() || std::find(kept.begin(), kept.end(), m.id()) != kept.end())
      row(m.id(), "metric", metric_unit(scenario, m.id()));
  for (const std::string& name : results.scalar_names())
    row(name, "scalar", scalar_unit(scenario, name));
  return csv;
}

}  // namespace reesim::results
