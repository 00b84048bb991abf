#include "sim/metrics.h"

#include <algorithm>
#include <cmath>
#include <variant>

#include "world/catalog.h"

namespace reesim::sim {

using world::AgentInfo;
using world::CommodityInfo;
using world::VenueInfo;
using world::World;
MetricRecorder::MetricRecorder(const World& world)
    : world_(world),
      latest_(static_cast<std::size_t>(world.scenario().metrics_size()), NAN),
      series_(latest_.size(), std::vector<double>(static_cast<std::size_t>(world.ticks()), NAN)) {
  for (const Metric& m : world.scenario().metrics()) {
    Resolved r{m.kind(),
               world.venue_index(m.venue()),
               world.venue_index(m.reference_venue()),
               world.commodity_index(m.commodity()),
               world.nation_index(m.nation()),
               world.nation_index(m.origin()),
               std::nullopt,
               m.sector(),
               {},
               {}};
    for (const world::PolicyIndex p : world.policies().indices())
      if (!m.policy().empty() && world.policies()[p].id == m.policy()) r.policy = p;
    if (!r.commodity && r.venue) r.commodity = world.venues()[*r.venue].commodity;
    // The end users whose unmet demand an UNMET_DEMAND metric sums: who they are never changes,
    // so a large world's other agents are not visited each tick.
    if (r.kind == METRIC_UNMET_DEMAND)
      for (const world::AgentIndex a : world.agents().indices()) {
        const AgentInfo& info = world.agents()[a];
        if ((info.spec->traits & world::kEndUser) == 0) continue;
        if (r.nation && info.nation != *r.nation) continue;
        if (!r.sector.empty() && info.sector != r.sector) continue;
        if (r.commodity && (info.outputs.empty() || info.outputs[0] != *r.commodity)) continue;
        r.agents.push_back(a);
      }
    if (r.commodity)
      r.commodities.push_back(*r.commodity);
    else if (m.stage() != STAGE_UNSPECIFIED)
      for (const world::CommodityIndex c : world.commodities().indices())
        if (world.commodities()[c].stage == m.stage()) r.commodities.push_back(c);
    resolved_.push_back(std::move(r));
  }
}

double MetricRecorder::value(const Resolved& m, const MetricInputs& in) const {
  // Validation guarantees the references each kind reads; absent ones read the first entity.
  const world::CommodityIndex c = m.commodity.value_or(world::CommodityIndex{0});
  const world::NationIndex n = m.nation.value_or(world::NationIndex{0});
  const world::NationIndex origin = m.origin.value_or(world::NationIndex{0});
  const world::VenueIndex venue = m.venue.value_or(world::VenueIndex{0});
  // Stock held by the nation's agents (of types with `trait`, when it is not 0).
  auto owned = [&](std::uint32_t trait) {
    double sum = 0;
    for (const world::AgentIndex a : in.agents.indices()) {
      const AgentInfo& info = world_.agents()[a];
      if (m.nation && info.nation != *m.nation) continue;
      if (trait != 0 && (info.spec->traits & trait) == 0) continue;
      sum += m.commodity ? in.agents[a].inventory[c] : 0.0;
    }
    return sum;
  };
  switch (m.kind) {
    case METRIC_PRICE:
      return in.venue_price[venue];
    case METRIC_PREMIUM: {
      const double base = in.venue_price[m.reference_venue.value_or(world::VenueIndex{0})];
      return base > 0 ? in.venue_price[venue] / base : NAN;
    }
    case METRIC_VOLUME:
      return in.venue_volume[venue];
    case METRIC_FLOW: {
      if (m.nation) return in.ledger.flow(c, origin, n);
      double exports = 0;  // to every nation but the origin
      for (const world::NationIndex d : world_.nation_indices())
        if (d != origin) exports += in.ledger.flow(c, origin, d);
      return exports;
    }
    case METRIC_IMPORT_DEPENDENCE: {
      double imports = 0;
      for (const world::NationIndex o : world_.nation_indices())
        if (o != n) imports += in.ledger.flow(c, o, n);
      return imports > 0 ? in.ledger.flow(c, origin, n) / imports : NAN;
    }
    case METRIC_DEMAND_MET_WITHOUT: {
      double demand = 0;
      double unmet = 0;
      for (const world::AgentIndex a : in.agents.indices()) {
        const AgentInfo& info = world_.agents()[a];
        if ((info.spec->traits & world::kEndUser) == 0 || info.nation != n || !m.nation) continue;
        if (info.outputs.empty() || !m.commodity || info.outputs[0] != c) continue;
        demand += in.agents[a].demand;
        unmet += in.agents[a].unmet;
      }
      double purchases = 0;
      for (const world::NationIndex o : world_.nation_indices())
        purchases += in.ledger.flow(c, o, n);
      const double from_origin = in.ledger.flow(c, origin, n);
      if (!(demand > 0)) return NAN;
      const double served = std::clamp(1.0 - unmet / demand, 0.0, 1.0);
      return purchases > 0 ? served * (1.0 - from_origin / purchases) : 0.0;
    }
    case METRIC_UNMET_DEMAND: {
      double unmet = 0;
      for (const world::AgentIndex a : m.agents)
        unmet += in.agents[a].unmet;
      return unmet;
    }
    case METRIC_OUTPUT: {
      double output = 0;
      for (const world::CommodityIndex k : m.commodities)
        output += in.ledger.output(k, n);
      return output;
    }
    case METRIC_INVENTORY:
      return owned(0);
    case METRIC_STOCKPILE:
      return owned(world::kStockpileAgency);
    case METRIC_SPENDING:
      return in.ledger.spending(n);
    case METRIC_REVENUE:
      // One tariff's or duty's revenue, or all of a nation's.
      return m.policy ? in.ledger.policy_revenue(*m.policy) : in.ledger.revenue(n);
    case METRIC_SHARE: {
      double world_output = 0;
      double own = 0;
      for (const world::CommodityIndex k : m.commodities) {
        for (const world::NationIndex o : world_.nation_indices())
          world_output += in.ledger.output(k, o);
        own += in.ledger.output(k, n);
      }
      return world_output > 0 ? own / world_output : NAN;
    }
    case METRIC_INPUT_INTENSITY: {
      const world::Input input = world_.commodities()[c].input;
      double made = 0;
      double used = 0;
      for (const world::AgentIndex a : in.agents.indices()) {
        if (world_.agents()[a].nation != n) continue;
        const auto* maker = std::get_if<agents::MagnetMaker>(&in.agents[a].kind);
        if (maker == nullptr) continue;
        made += maker->thrift.made;
        used += maker->thrift.made * maker->recipe(input);
      }
      return made > 0 ? used / made : NAN;
    }
    case METRIC_CAPACITY: {
      double capacity = 0;
      for (const world::AgentIndex a : in.agents.indices()) {
        const AgentInfo& info = world_.agents()[a];
        if ((info.spec->traits & world::kEndUser) != 0) continue;
        if (m.nation ? info.nation != *m.nation : m.origin && info.nation == *m.origin) continue;
        capacity += in.agents[a].capacity[c];
      }
      return capacity;
    }
    case METRIC_SUBSTITUTED_SHARE: {
      double weight = 0;
      double substituted = 0;
      for (const world::AgentIndex a : in.agents.indices()) {
        const AgentInfo& info = world_.agents()[a];
        const agents::MagnetBuyer* buyer = agents::buyer_rules(in.agents[a].kind);
        if (buyer == nullptr || info.outputs.empty()) continue;
        if (m.nation && info.nation != n) continue;
        if (!m.sector.empty() && info.sector != m.sector) continue;
        if (m.commodity && info.outputs[0] != c) continue;
        const double w = in.agents[a].capacity[info.outputs[0]];
        weight += w;
        substituted += w * buyer->substituted;
      }
      return weight > 0 ? substituted / weight : NAN;
    }
    case METRIC_BID_AT_BOUND: {
      int bidding = 0;
      int held = 0;
      for (const world::AgentIndex a : in.agents.indices()) {
        const agents::AgentKind& kind = in.agents[a].kind;
        if (agents::buyer_rules(kind) == nullptr &&
            !std::holds_alternative<agents::MagnetMaker>(kind) &&
            !std::holds_alternative<agents::Separator>(kind))
          continue;
        if (m.nation && world_.agents()[a].nation != n) continue;
        bool bids = false;
        bool at_bound = false;
        for (const agents::OrderRequest& o : in.orders[a]) {
          if (o.side != market::Side::kBuy) continue;
          if (m.commodity && world_.venues()[o.venue].commodity != c) continue;
          bids = true;
          at_bound = at_bound || o.at_bound;
        }
        bidding += bids;
        held += at_bound;
      }
      return bidding > 0 ? static_cast<double>(held) / bidding : NAN;
    }
    case METRIC_POLICY_IN_FORCE:
      return m.policy && in.engine.active(*m.policy) ? 1.0 : 0.0;
    case METRIC_LICENCES_APPLIED:
    case METRIC_LICENCES_GRANTED:
    case METRIC_LICENCES_DENIED: {
      if (!m.policy) return NAN;
      const auto* licensing = std::get_if<policies::ExportLicensing>(&in.engine.kind(*m.policy));
      if (licensing == nullptr) return NAN;
      const policies::ExportLicensing::Counts& counts = licensing->this_tick;
      return m.kind == METRIC_LICENCES_APPLIED   ? counts.applied
             : m.kind == METRIC_LICENCES_GRANTED ? counts.granted
                                                 : counts.denied;
    }
    case METRIC_QUOTA_USED: {
      if (!m.policy) return NAN;
      const policies::PolicyKind& kind = in.engine.kind(*m.policy);
      if (const auto* production = std::get_if<policies::ProductionQuota>(&kind))
        return production->used;
      const auto* quota = std::get_if<policies::ExportQuota>(&kind);
      if (quota == nullptr) return NAN;
      double used = 0;
      for (const double units : quota->spent)
        used += units;
      return used;
    }
    case METRIC_UNSPECIFIED:
    default:
      break;
  }
  return NAN;
}

void MetricRecorder::record(int tick, const MetricInputs& inputs) {
  for (std::size_t m = 0; m < resolved_.size(); ++m) {
    const double v = value(resolved_[m], inputs);
    latest_[m] = v;
    series_[m][static_cast<std::size_t>(tick)] = v;
  }
}

std::vector<double> MetricRecorder::scalars() const {
  std::vector<double> out;
  const auto& metrics = world_.scenario().metrics();
  for (int m = 0; m < metrics.size(); ++m) {
    const std::vector<double>& s = series_[static_cast<std::size_t>(m)];
    for (const Scalar& scalar : metrics[m].scalars()) {
      const int from = world_.tick_of(scalar.from(), 0);
      const int to = scalar.to().empty() ? world_.ticks() - 1
                                         : world_.tick_of(scalar.to(), world_.ticks()) - 1;
      double sum = 0, peak = -INFINITY, trough = INFINITY, last = NAN;
      int count = 0, above = 0, rises = 0;
      double first_below = NAN, first_above = NAN;
      bool was_above = false;
      // FIRST_BELOW and FIRST_ABOVE with for_ticks: the start of the current run of ticks below
      // (above) the threshold and its length.
      const int hold = std::max(1, scalar.for_ticks());
      double below_start = NAN, above_start = NAN;
      int below_run = 0, above_run = 0;
      for (int t = std::max(from, 0); t <= std::min(to, world_.ticks() - 1); ++t) {
        const double v = s[static_cast<std::size_t>(t)];
        if (std::isnan(v)) continue;
        sum += v;
        ++count;
        peak = std::max(peak, v);
        trough = std::min(trough, v);
        last = v;
        // The day of a run's start, from the first tick: found only where a run starts.
        const auto day = [&] {
          return static_cast<double>(world_.tick_dates()[static_cast<std::size_t>(t)].days() -
                                     world_.tick_dates()[0].days());
        };
        const bool is_above = v > scalar.threshold();
        if (is_above) ++above;
        if (is_above && !was_above) ++rises;
        was_above = is_above;
        if (is_above) {
          if (above_run++ == 0) above_start = day();
        } else {
          above_run = 0;
        }
        if (v < scalar.threshold()) {
          if (below_run++ == 0) below_start = day();
        } else {
          below_run = 0;
        }
        if (std::isnan(first_above) && above_run >= hold) first_above = above_start;
        if (std::isnan(first_below) && below_run >= hold) first_below = below_start;
      }
      double result = NAN;
      switch (scalar.kind()) {
        case SCALAR_MEAN:
          result = count ? sum / count : NAN;
          break;
        case SCALAR_PEAK:
          result = count ? peak : NAN;
          break;
        case SCALAR_TROUGH:
          result = count ? trough : NAN;
          break;
        case SCALAR_FINAL:
          result = last;
          break;
        case SCALAR_TICKS_ABOVE:
          result = above;
          break;
        case SCALAR_FIRST_BELOW:
          result = first_below;
          break;
        case SCALAR_CUMULATIVE:
          result = sum;
          break;
        case SCALAR_FIRST_ABOVE:
          result = first_above;
          break;
        case SCALAR_RISES:
          result = rises;
          break;
        case SCALAR_DAYS_ABOVE:
          result = above * world_.tick_days();
          break;
        default:
          break;
      }
      if (!scalar.baseline_from().empty() || !scalar.baseline_to().empty()) {
        const int b0 = world_.tick_of(scalar.baseline_from(), 0);
        const int b1 = scalar.baseline_to().empty()
                           ? world_.ticks() - 1
                           : world_.tick_of(scalar.baseline_to(), world_.ticks()) - 1;
        double base = 0;
        int n = 0;
        for (int t = std::max(b0, 0); t <= std::min(b1, world_.ticks() - 1); ++t) {
          const double v = s[static_cast<std::size_t>(t)];
          if (std::isnan(v)) continue;
          base += v;
          ++n;
        }
        result = n > 0 && base != 0 ? result / (base / n) : NAN;
      }
      out.push_back(result);
    }
  }
  return out;
}

}  // namespace reesim::sim
