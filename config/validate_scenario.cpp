#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "config/catalogue.h"
#include "config/checks.h"
#include "config/suggest.h"
#include "config/validate.h"
#include "core/calendar.h"

namespace reesim::config {
namespace {

using detail::at;
using detail::IdSet;
using detail::kMaxCash;
using detail::kMaxLot;
using detail::kMaxPrice;
using detail::kMaxPriceTick;
using detail::kMaxPriceTicks;
using detail::kMaxQuantity;
using detail::range;
using detail::Reporter;

// Whether a metric kind traces a policy (Metric.policy).
bool traces_policy(MetricKind kind) {
  return kind == METRIC_POLICY_IN_FORCE || kind == METRIC_LICENCES_APPLIED ||
         kind == METRIC_LICENCES_GRANTED || kind == METRIC_LICENCES_DENIED ||
         kind == METRIC_QUOTA_USED;
}

class ScenarioChecker {
 public:
  ScenarioChecker(const Scenario& scenario, Reporter& reporter) : s_(scenario), r_(reporter) {}

  void run() {
    r_.fields(s_);
    r_.id("id", s_.id());
    calendar();
    declare_ids();
    commodities();
    venues();
    alliances();
    agents();
    policies();
    model();
    metrics();
    levers();
  }

 private:
  void calendar() {
    if (!s_.has_calendar()) return r_.error("calendar", "is required (start and end dates)");
    const Calendar& c = s_.calendar();
    r_.date("calendar.start", c.start(), true);
    r_.date("calendar.end", c.end(), true);
    const auto start = parse_iso_date(c.start());
    const auto end = parse_iso_date(c.end());
    if (start && end && !(*start < *end))
      r_.error("calendar.end", "must be after calendar.start: the horizon is empty");
    if (c.has_tick_days() && (c.tick_days() < 1 || c.tick_days() > 366))
      r_.error("calendar.tick_days", "must be in [1, 366], got " + std::to_string(c.tick_days()));
  }

  void declare_ids() {
    for (int i = 0; i < s_.nations_size(); ++i)
      nations_.declare(r_, at("nations", i) + ".id", s_.nations(i).id());
    for (int i = 0; i < s_.commodities_size(); ++i)
      commodities_.declare(r_, at("commodities", i) + ".id", s_.commodities(i).id());
    for (int i = 0; i < s_.venues_size(); ++i)
      venues_.declare(r_, at("venues", i) + ".id", s_.venues(i).id());
    for (int i = 0; i < s_.alliances_size(); ++i)
      alliances_.declare(r_, at("alliances", i) + ".id", s_.alliances(i).id());
    for (int i = 0; i < s_.agents_size(); ++i)
      agents_.declare(r_, at("agents", i) + ".id", s_.agents(i).id());
    for (int i = 0; i < s_.policies_size(); ++i)
      policies_.declare(r_, at("policies", i) + ".id", s_.policies(i).id());
    for (int i = 0; i < s_.metrics_size(); ++i) {
      metrics_.declare(r_, at("metrics", i) + ".id", s_.metrics(i).id());
      for (int k = 0; k < s_.metrics(i).scalars_size(); ++k)
        scalars_.declare(r_, at(at("metrics", i) + ".scalars", k) + ".id",
                         s_.metrics(i).scalars(k).id());
    }
  }

  void commodities() {
    for (int i = 0; i < s_.commodities_size(); ++i) {
      const Commodity& c = s_.commodities(i);
      const std::string here = at("commodities", i);
      r_.bounded(here + ".quantity_lot", c.quantity_lot(), 0, kMaxLot, true, "units");
      r_.bounded(here + ".price_tick", c.price_tick(), 0, kMaxPriceTick, true, "USD per unit");
      r_.bounded(here + ".reference_price", c.reference_price(), 0, kMaxPrice, false,
                 "USD per unit");
      // Prices are whole ticks in 64 bits inside the books.
      if (c.price_tick() > 0 && std::isfinite(c.reference_price()) &&
          c.reference_price() / c.price_tick() > kMaxPriceTicks)
        r_.error(here + ".price_tick",
                 "is too fine for the reference price: reference_price / price_tick is more "
                 "than 10^8 ticks");
      for (const auto& [element, share] : c.content())
        r_.fraction(here + ".content[" + element + "]", share);
    }
  }

  void venues() {
    for (int i = 0; i < s_.venues_size(); ++i) {
      const Venue& v = s_.venues(i);
      const std::string here = at("venues", i);
      commodities_.require(r_, here + ".commodity", v.commodity());
      if (v.jurisdiction() != "global")
        nations_.require(r_, here + ".jurisdiction", v.jurisdiction());
      for (const auto& [origin, cost] : v.freight()) {
        nations_.require(r_, here + ".freight[" + origin + "]", origin);
        r_.bounded(here + ".freight[" + origin + "]", cost, 0, kMaxPrice, false, "USD per unit");
      }
    }
  }

  void alliances() {
    for (int i = 0; i < s_.alliances_size(); ++i) {
      const Alliance& a = s_.alliances(i);
      const std::string here = at("alliances", i);
      if (a.members_size() < 2)
        r_.error(here + ".members", "an alliance needs at least two members");
      for (int k = 0; k < a.members_size(); ++k)
        nations_.require(r_, at(here + ".members", k), a.members(k));
      r_.date(here + ".since", a.since(), false);
    }
  }

  void model() { r_.params("model.params", s_.model().params(), model_type()); }

  // The type called `name` among `types`, or nullptr after reporting it at `field` with the
  // nearest registered names (`kind`: "agent", "policy").
  const TypeSpec* registered(std::span<const TypeSpec> types, const std::string& name,
                             const std::string& field, const char* kind) {
    const TypeSpec* type = find_type(types, name);
    if (!type)
      r_.error(field, std::string("unknown ") + kind + " type \"" + name + "\"" +
                          suggest(name, type_names(types), true));
    return type;
  }

  void agents() {
    for (int i = 0; i < s_.agents_size(); ++i) {
      const Agent& a = s_.agents(i);
      const std::string here = at("agents", i);
      const TypeSpec* type =
          registered(registered_agent_types(), a.type(), here + ".type", "agent");
      nations_.require(r_, here + ".nation", a.nation());
      r_.bounded(here + ".cash", a.cash(), 0, kMaxCash, false, "USD");
      for (int k = 0; k < a.capacities_size(); ++k) {
        const Capacity& c = a.capacities(k);
        const std::string cap = at(here + ".capacities", k);
        commodities_.require(r_, cap + ".commodity", c.commodity());
        if (!c.has_per_year())
          r_.error(cap + ".per_year", "is required");
        else
          r_.distribution(cap + ".per_year", c.per_year(), 0, kMaxQuantity);
        if (c.has_utilisation()) r_.fraction(cap + ".utilisation", c.utilisation());
      }
      for (int k = 0; k < a.inventory_size(); ++k) {
        const Holding& h = a.inventory(k);
        const std::string hold = at(here + ".inventory", k);
        commodities_.require(r_, hold + ".commodity", h.commodity());
        if (!h.has_quantity())
          r_.error(hold + ".quantity", "is required");
        else
          r_.distribution(hold + ".quantity", h.quantity(), 0, kMaxQuantity);
      }
      std::set<std::string> listed;
      for (int k = 0; k < a.venues_size(); ++k) {
        venues_.require(r_, at(here + ".venues", k), a.venues(k));
        // Its orders are spread over its venues and its records kept one per venue: a venue
        // listed twice would take two shares and count its sales twice.
        if (!listed.insert(a.venues(k)).second)
          r_.error(at(here + ".venues", k), "\"" + a.venues(k) + "\" is listed twice");
      }
      if (type) r_.params(here + ".params", a.params(), *type);
    }
  }

  template <typename List>
  void require_all(const IdSet& ids, const std::string& field, const List& list) {
    for (int k = 0; k < list.size(); ++k)
      ids.require(r_, at(field, k), list[k]);
  }

  void activation(const std::string& here, const Activation& a) {
    switch (a.when_case()) {
      case Activation::kDate:
        r_.date(here + ".date", a.date(), true);
        break;
      case Activation::kTrigger: {
        const Trigger& t = a.trigger();
        metrics_.require(r_, here + ".trigger.metric", t.metric());
        if (t.comparison() == COMPARISON_UNSPECIFIED)
          r_.error(here + ".trigger.comparison", "must be COMPARISON_ABOVE or COMPARISON_BELOW");
        if (t.has_sustain_ticks() && t.sustain_ticks() < 1)
          r_.error(here + ".trigger.sustain_ticks", "must be at least 1");
        break;
      }
      case Activation::kChance:
        r_.fraction(here + ".chance.per_tick", a.chance().per_tick());
        if (a.chance().has_per_tick_dist())
          r_.distribution(here + ".chance.per_tick_dist", a.chance().per_tick_dist(), 0, 1);
        r_.date(here + ".chance.from", a.chance().from(), false);
        r_.date(here + ".chance.to", a.chance().to(), false);
        break;
      case Activation::kRenewal: {
        const Renewal& n = a.renewal();
        const std::string rh = here + ".renewal";
        if (!n.has_per_tick())
          r_.error(rh + ".per_tick", "is required (the probability per tick of a new episode)");
        else
          r_.distribution(rh + ".per_tick", n.per_tick(), 0, 1);
        if (!n.has_duration_days())
          r_.error(rh + ".duration_days", "is required (how long each episode lasts)");
        else
          r_.distribution(rh + ".duration_days", n.duration_days(), 0, kUnbounded);
        if (n.max_count() < 0)
          r_.error(rh + ".max_count",
                   "must be at least 0 (0: no limit), got " + std::to_string(n.max_count()));
        r_.date(rh + ".from", n.from(), false);
        if (n.has_from_offset_days()) {
          r_.distribution(rh + ".from_offset_days", n.from_offset_days(), 0, kUnbounded);
          if (!n.from().empty())
            r_.error(rh + ".from_offset_days", "is not allowed with renewal.from: give one");
        }
        r_.date(rh + ".to", n.to(), false);
        const auto from = parse_iso_date(n.from());
        const auto to = parse_iso_date(n.to());
        if (from && to && *to < *from) r_.error(rh + ".to", "must not be before from");
        if (a.has_duration_days())
          r_.error(here + ".duration_days",
                   "is not allowed with renewal: each episode's length is renewal.duration_days");
        break;
      }
      case Activation::WHEN_NOT_SET:
        break;  // in force from the calendar start, or in its windows
    }
    r_.date(here + ".until", a.until(), false);
    if (a.has_duration_days())
      r_.distribution(here + ".duration_days", a.duration_days(), 0, kUnbounded);
    if (a.windows_size() > 0) {
      if (a.when_case() != Activation::WHEN_NOT_SET)
        r_.error(here + ".windows", "are not allowed with date, trigger, chance or renewal");
      if (a.has_duration_days()) r_.error(here + ".duration_days", "is not allowed with windows");
    }
    for (int k = 0; k < a.windows_size(); ++k) {
      const Window& w = a.windows(k);
      const std::string wh = at(here + ".windows", k);
      r_.date(wh + ".from", w.from(), false);
      r_.date(wh + ".to", w.to(), false);
      const auto from = parse_iso_date(w.from());
      const auto to = parse_iso_date(w.to());
      if (from && to && *to < *from) r_.error(wh + ".to", "must not be before from");
    }
  }

  // Each change names a registered parameter of the policy's type, a date, and a value in the
  // parameter's range.
  void param_schedule(const std::string& here, const Policy& p, const TypeSpec& type) {
    for (int k = 0; k < p.param_schedule_size(); ++k) {
      const ParamChange& c = p.param_schedule(k);
      const std::string ch = at(here + ".param_schedule", k);
      const ParamSpec* spec = type.find(c.name());
      if (spec == nullptr) {
        r_.error(ch + ".name",
                 "\"" + c.name() + "\" is not a parameter of policy type \"" + p.type() + "\"");
        continue;
      }
      r_.date(ch + ".date", c.date(), true);
      if (!std::isfinite(c.value()) || c.value() < spec->min || c.value() > spec->max)
        r_.error(ch + ".value", "must be in [" + std::to_string(spec->min) + ", " +
                                    std::to_string(spec->max) + "], got " +
                                    std::to_string(c.value()));
    }
  }

  // A yearly quota's dated releases and named holders: days of the year and agents that exist,
  // shares in (0, 1] that add up to 1 (to at most 1 for an export quota allotted to firms), an
  // export quota's holders of the origins it lists, and only on the quota types.
  void quota_terms(const std::string& here, const Policy& p) {
    const bool quota = p.type() == "export_quota" || p.type() == "production_quota";
    // Allotted to firms where per_firm is on or drawn (a distribution may draw it on).
    bool per_firm = false;
    if (p.type() == "export_quota")
      for (const Param& param : p.params())
        if (param.name() == "per_firm")
          per_firm = !param.value().has_fixed() || param.value().fixed() >= 0.5;
    if (!quota && p.releases_size() > 0)
      r_.error(here + ".releases", "apply to export_quota and production_quota only");
    if (!quota && p.shares_size() > 0)
      r_.error(here + ".shares", "apply to export_quota and production_quota only");
    auto shares_add_up = [&](const std::string& field, double sum, int size) {
      if (size > 0 && std::abs(sum - 1.0) > 1e-6)
        r_.error(field, "shares must add up to 1, got " + std::to_string(sum));
    };
    double sum = 0;
    std::set<std::pair<int, int>> days;
    for (int k = 0; k < p.releases_size(); ++k) {
      const QuotaRelease& r = p.releases(k);
      const std::string rh = at(here + ".releases", k);
      const auto day = parse_month_day(r.day());
      if (!day)
        r_.error(rh + ".day",
                 "must be a day of the year \"MM-DD\" (not 02-29), got \"" + r.day() + "\"");
      else if (!days.insert({day->month, day->day}).second)
        r_.error(rh + ".day", "\"" + r.day() + "\" is released twice");
      if (!(r.share() > 0 && r.share() <= 1))
        r_.error(rh + ".share", "must be in (0, 1], got " + std::to_string(r.share()));
      sum += r.share();
    }
    shares_add_up(here + ".releases", sum, p.releases_size());
    sum = 0;
    std::set<std::string> holders;
    for (int k = 0; k < p.shares_size(); ++k) {
      const QuotaShare& s = p.shares(k);
      const std::string sh = at(here + ".shares", k);
      agents_.require(r_, sh + ".agent", s.agent());
      if (p.type() == "export_quota" && p.origins_size() > 0)
        for (const Agent& agent : s_.agents())
          if (agent.id() == s.agent() && std::find(p.origins().begin(), p.origins().end(),
                                                   agent.nation()) == p.origins().end())
            r_.error(sh + ".agent", "\"" + s.agent() + "\" is of nation " + agent.nation() +
                                        ", not an origin of the quota");
      if (!holders.insert(s.agent()).second)
        r_.error(sh + ".agent", "\"" + s.agent() + "\" holds two shares");
      if (!(s.share() > 0 && s.share() <= 1))
        r_.error(sh + ".share", "must be in (0, 1], got " + std::to_string(s.share()));
      sum += s.share();
    }
    if (!per_firm)
      shares_add_up(here + ".shares", sum, p.shares_size());
    else if (sum > 1.0 + 1e-6)
      r_.error(here + ".shares", "shares must add up to at most 1, got " + std::to_string(sum));
  }

  void policies() {
    for (int i = 0; i < s_.policies_size(); ++i) {
      const Policy& p = s_.policies(i);
      const std::string here = at("policies", i);
      const TypeSpec* type =
          registered(registered_policy_types(), p.type(), here + ".type", "policy");
      nations_.require(r_, here + ".enacted_by", p.enacted_by());
      require_all(nations_, here + ".origins", p.origins());
      require_all(nations_, here + ".destinations", p.destinations());
      require_all(commodities_, here + ".commodities", p.commodities());
      require_all(venues_, here + ".venues", p.venues());
      require_all(agents_, here + ".agents", p.agents());
      activation(here + ".activation", p.activation());
      if (type) r_.params(here + ".params", p.params(), *type);
      if (type) param_schedule(here, p, *type);
      quota_terms(here, p);
    }
  }

  void metrics() {
    for (int i = 0; i < s_.metrics_size(); ++i) {
      const Metric& m = s_.metrics(i);
      const std::string here = at("metrics", i);
      const MetricKind kind = m.kind();
      if (kind == METRIC_UNSPECIFIED) r_.error(here + ".kind", "must be set");
      const bool on_venue = kind == METRIC_PRICE || kind == METRIC_PREMIUM || kind == METRIC_VOLUME;
      if (on_venue || !m.venue().empty()) venues_.require(r_, here + ".venue", m.venue());
      if (kind == METRIC_PREMIUM || !m.reference_venue().empty())
        venues_.require(r_, here + ".reference_venue", m.reference_venue());
      const bool by_stage = (kind == METRIC_OUTPUT || kind == METRIC_SHARE) &&
                            m.stage() != STAGE_UNSPECIFIED && m.commodity().empty();
      const bool needs_commodity =
          !on_venue && !by_stage && kind != METRIC_SPENDING && kind != METRIC_REVENUE &&
          kind != METRIC_UNMET_DEMAND && kind != METRIC_SUBSTITUTED_SHARE &&
          kind != METRIC_BID_AT_BOUND && !traces_policy(kind) && kind != METRIC_UNSPECIFIED;
      if (needs_commodity || !m.commodity().empty())
        commodities_.require(r_, here + ".commodity", m.commodity());
      // A revenue metric reads a nation's, or one tariff's or duty's with `policy`.
      const bool policy_revenue = kind == METRIC_REVENUE && !m.policy().empty();
      const bool needs_nation =
          kind == METRIC_IMPORT_DEPENDENCE || kind == METRIC_STOCKPILE || kind == METRIC_SPENDING ||
          (kind == METRIC_REVENUE && !policy_revenue) || kind == METRIC_SHARE ||
          kind == METRIC_DEMAND_MET_WITHOUT || kind == METRIC_INPUT_INTENSITY;
      if (needs_nation || !m.nation().empty()) nations_.require(r_, here + ".nation", m.nation());
      if (kind == METRIC_FLOW || kind == METRIC_IMPORT_DEPENDENCE ||
          kind == METRIC_DEMAND_MET_WITHOUT || !m.origin().empty())
        nations_.require(r_, here + ".origin", m.origin());
      if (traces_policy(kind) || !m.policy().empty()) {
        policies_.require(r_, here + ".policy", m.policy());
        // The licence and quota counts read one policy type; being in force is any policy's.
        const bool licences = kind == METRIC_LICENCES_APPLIED || kind == METRIC_LICENCES_GRANTED ||
                              kind == METRIC_LICENCES_DENIED;
        const std::string_view wanted = kind == METRIC_QUOTA_USED ? "export_quota"
                                        : licences                ? "export_licensing"
                                                                  : "";
        for (const Policy& p : s_.policies()) {
          if (p.id() != m.policy()) continue;
          const bool quota_kind = kind == METRIC_QUOTA_USED && p.type() == "production_quota";
          if (!wanted.empty() && p.type() != wanted && !quota_kind)
            r_.error(here + ".policy",
                     "policy '" + m.policy() + "' has type " + p.type() + ", not " +
                         std::string(wanted) +
                         (kind == METRIC_QUOTA_USED ? " or production_quota" : ""));
          if (policy_revenue && p.type() != "tariff" && p.type() != "export_duty")
            r_.error(here + ".policy", "policy '" + m.policy() + "' has type " + p.type() +
                                           ", not tariff or export_duty (the levies that raise "
                                           "revenue)");
        }
      }
      for (int k = 0; k < m.scalars_size(); ++k) {
        const Scalar& sc = m.scalars(k);
        const std::string sh = at(here + ".scalars", k);
        if (sc.kind() == SCALAR_UNSPECIFIED) r_.error(sh + ".kind", "must be set");
        if (sc.for_ticks() < 0)
          r_.error(sh + ".for_ticks", "must be at least 0, got " + std::to_string(sc.for_ticks()));
        else if (sc.for_ticks() > 1 && sc.kind() != SCALAR_FIRST_BELOW &&
                 sc.kind() != SCALAR_FIRST_ABOVE)
          r_.error(sh + ".for_ticks", "applies to SCALAR_FIRST_BELOW and SCALAR_FIRST_ABOVE only");
        r_.date(sh + ".from", sc.from(), false);
        r_.date(sh + ".to", sc.to(), false);
        r_.date(sh + ".baseline_from", sc.baseline_from(), false);
        r_.date(sh + ".baseline_to", sc.baseline_to(), false);
        const auto from = parse_iso_date(sc.from());
        const auto to = parse_iso_date(sc.to());
        if (from && to && *to < *from) r_.error(sh + ".to", "must not be before from");
      }
    }
  }

  // Each lever names a policy its nation enacts and, for a parameter lever, one of the policy
  // type's parameters with bounds inside the parameter's own range; a switch has no bounds.
  void levers() {
    IdSet levers{"lever"};
    for (int i = 0; i < s_.levers_size(); ++i) {
      const Lever& l = s_.levers(i);
      const std::string here = at("levers", i);
      levers.declare(r_, here + ".id", l.id());
      nations_.require(r_, here + ".nation", l.nation());
      policies_.require(r_, here + ".policy", l.policy());
      const Policy* policy = nullptr;
      for (const Policy& p : s_.policies())
        if (p.id() == l.policy()) policy = &p;
      if (!policy) continue;
      if (!l.nation().empty() && policy->enacted_by() != l.nation())
        r_.error(here + ".nation", "policy '" + l.policy() + "' is enacted by '" +
                                       policy->enacted_by() + "', not '" + l.nation() +
                                       "': a government moves its own policies");
      if (l.param().empty()) {
        if (l.min() != 0 || l.max() != 0)
          r_.error(here + ".min", "a switch (no param) has no bounds");
        continue;
      }
      const TypeSpec* type = find_type(registered_policy_types(), policy->type());
      if (!type) continue;  // reported at the policy
      const ParamSpec* spec = type->find(l.param());
      if (!spec) {
        r_.error(here + ".param", "'" + l.param() + "' is not a parameter of " + policy->type() +
                                      suggest(l.param(), param_names(*type), true));
        continue;
      }
      if (!(l.min() >= spec->min) || !(l.max() <= spec->max) || !(l.min() <= l.max()))
        r_.error(here + ".min", "bounds " + range(l.min(), l.max()) +
                                    " must be ordered and within the range of " +
                                    std::string(spec->name) + ", " + range(spec->min, spec->max));
    }
  }

  const Scenario& s_;
  Reporter& r_;
  IdSet nations_{"nation"};
  IdSet commodities_{"commodity"};
  IdSet venues_{"venue"};
  IdSet alliances_{"alliance"};
  IdSet agents_{"agent"};
  IdSet policies_{"policy"};
  IdSet metrics_{"metric"};
  IdSet scalars_{"scalar"};
};

}  // namespace

bool validate_scenario(const Scenario& scenario, const std::string& file,
                       Diagnostics& diagnostics) {
  Reporter reporter(file, diagnostics);
  ScenarioChecker(scenario, reporter).run();
  return reporter.errors() == 0;
}

}  // namespace reesim::config
