#include "app/catalogue_entries.h"

#include <google/protobuf/descriptor.h>

#include <span>
#include <string_view>

#include "config/catalogue.h"
#include "scenario.pb.h"

namespace reesim::app {
namespace {

// One line per enum value: protobuf 3.21 keeps no comments at run time, so the meaning of each
// value (proto/scenario.proto) and what a metric of that kind needs are written here. A value
// without a line is described with an empty doc, which the describe test refuses.
struct EnumDoc {
  std::string_view name;
  std::string_view doc;
};

constexpr EnumDoc kMetricDocs[] = {
    {"METRIC_PRICE", "volume-weighted price on a venue, USD per unit; needs venue"},
    {"METRIC_PREMIUM",
     "price on a venue over the price on a reference venue; needs venue and reference_venue"},
    {"METRIC_VOLUME", "traded quantity on a venue, units per tick; needs venue"},
    {"METRIC_FLOW",
     "quantity shipped from an origin to a destination nation (empty: every nation but the "
     "origin), units per tick; needs commodity and origin"},
    {"METRIC_IMPORT_DEPENDENCE",
     "share of a nation's purchases of a commodity that came from an origin, in [0, 1]; needs "
     "commodity, nation and origin"},
    {"METRIC_UNMET_DEMAND",
     "demand not served, units per tick, of the buyers of a nation, sector and commodity (each "
     "empty: all)"},
    {"METRIC_OUTPUT",
     "domestic output by nation, units per tick; needs commodity, or a stage for every commodity "
     "of it"},
    {"METRIC_INVENTORY",
     "inventory of a commodity held by a nation's agents (empty: every nation), units; needs "
     "commodity"},
    {"METRIC_STOCKPILE",
     "a commodity held by a nation's stockpile agencies, units; needs commodity and nation"},
    {"METRIC_SPENDING", "public spending by a nation, USD per tick; needs nation"},
    {"METRIC_SHARE",
     "a nation's share of world output, in [0, 1]; needs nation and commodity, or a stage"},
    {"METRIC_DEMAND_MET_WITHOUT",
     "share of a nation's buyers' demand for a commodity met without supply from an origin, in "
     "[0, 1] (NaN in a tick without demand); needs commodity, nation and origin"},
    {"METRIC_REVENUE",
     "public revenue of a nation (tariffs it levies, its export duties), USD per tick; needs "
     "nation, or policy (a tariff or export_duty) for that levy's revenue alone"},
    {"METRIC_INPUT_INTENSITY",
     "units of an oxide per unit of magnet made by a nation's magnet makers, output-weighted "
     "(NaN in a tick without output); needs commodity (the oxide) and nation"},
    {"METRIC_CAPACITY",
     "capacity on line (units/yr) of a commodity held by a nation's producers, every nation's "
     "(nation and origin empty) or every nation's but origin's (nation empty); needs commodity"},
    {"METRIC_SUBSTITUTED_SHARE",
     "share of demand the magnet buyers of a nation, sector and commodity (each empty: all) have "
     "substituted away, weighted by their starting demand, in [0, 1] (NaN without buyers)"},
    {"METRIC_BID_AT_BOUND",
     "share of the agents bidding with a bound on price (magnet buyers, magnet makers, "
     "separators) of a nation (empty: all) whose bid for a commodity (empty: any) was held down "
     "by that bound this tick, in [0, 1] (NaN when none bids)"},
    {"METRIC_POLICY_IN_FORCE",
     "1 in a tick when a policy is in force, 0 otherwise (its mean across trials: the probability "
     "in force); needs policy"},
    {"METRIC_LICENCES_APPLIED",
     "licence applications an export_licensing policy received this tick; needs policy"},
    {"METRIC_LICENCES_GRANTED",
     "licence applications an export_licensing policy granted this tick; needs policy"},
    {"METRIC_LICENCES_DENIED",
     "licence applications an export_licensing policy denied this tick; needs policy"},
    {"METRIC_QUOTA_USED",
     "quota units an export_quota policy's exports used this tick (smuggled units excluded), or a "
     "production_quota policy's allowance drawn by output within the caps; needs policy"},
};

constexpr EnumDoc kScalarDocs[] = {
    {"SCALAR_MEAN", "mean over the window [from, to]"},
    {"SCALAR_PEAK", "maximum over the window"},
    {"SCALAR_TROUGH", "minimum over the window"},
    {"SCALAR_FINAL", "value at the last tick of the window"},
    {"SCALAR_TICKS_ABOVE", "ticks in the window with a value above threshold"},
    {"SCALAR_FIRST_BELOW",
     "days from the calendar start to the first tick below threshold (staying below for_ticks "
     "ticks running when set)"},
    {"SCALAR_CUMULATIVE", "sum over the window"},
    {"SCALAR_FIRST_ABOVE",
     "days from the calendar start to the first tick above threshold (staying above for_ticks "
     "ticks running when set)"},
    {"SCALAR_RISES",
     "times the value goes above threshold in the window (a first tick above counts as one)"},
    {"SCALAR_DAYS_ABOVE", "days of the window's ticks with a value above threshold"},
};

// Every value of `type` but the unset one (number 0), with its line of `docs`.
template <std::size_t N>
std::vector<KindEntry> kinds(const google::protobuf::EnumDescriptor& type,
                             const EnumDoc (&docs)[N]) {
  std::vector<KindEntry> entries;
  for (int i = 0; i < type.value_count(); ++i) {
    const google::protobuf::EnumValueDescriptor& value = *type.value(i);
    if (value.number() == 0) continue;
    KindEntry entry{value.name(), {}};
    for (const EnumDoc& doc : docs)
      if (doc.name == value.name()) entry.doc = doc.doc;
    entries.push_back(std::move(entry));
  }
  return entries;
}

std::vector<ParamEntry> params(std::span<const ParamSpec> specs) {
  std::vector<ParamEntry> entries;
  for (const ParamSpec& spec : specs)
    entries.push_back({std::string(spec.name), std::string(spec.unit), spec.default_value, spec.min,
                       spec.max, config::param_source(spec), std::string(spec.doc)});
  return entries;
}

std::vector<TypeEntry> types(std::span<const TypeSpec> specs) {
  std::vector<TypeEntry> entries;
  for (const TypeSpec& spec : specs)
    entries.push_back({std::string(spec.name), std::string(spec.doc), params(spec.params)});
  return entries;
}

// What a lever may move of each policy type: its on/off switch, then each parameter within the
// parameter's own range (config/validate_scenario.cpp refuses bounds outside it).
std::vector<LeverEntry> levers(std::span<const TypeSpec> policy_types) {
  std::vector<LeverEntry> entries;
  for (const TypeSpec& type : policy_types) {
    const std::string name(type.name);
    entries.push_back({name, "", "on/off", 0, 1,
                       "whether the policy is in force: 1 enacts it, 0 ends it (no bounds)"});
    for (const ParamSpec& spec : type.params)
      entries.push_back({name, std::string(spec.name), std::string(spec.unit), spec.min, spec.max,
                         std::string(spec.doc)});
  }
  return entries;
}

constexpr std::string_view kLeversDoc =
    "the policy settings an external government may move while reesim serve runs the scenario "
    "(docs/gateway.md): a parameter of a policy its nation enacts, between the lever's min and "
    "max (in the parameter's unit) inside the bounds below, or the policy's on/off switch (no "
    "param, no min or max); without a client, levers change nothing";

// The sections `reesim describe NAME` takes as a whole.
constexpr std::string_view kSections[] = {"agents",  "policies", "model",
                                          "metrics", "scalars",  "levers"};

}  // namespace

Catalogue whole_catalogue() {
  return {
      types(config::registered_agent_types()),      types(config::registered_policy_types()),
      params(config::model_type().params),          std::string(config::model_type().doc),
      kinds(*MetricKind_descriptor(), kMetricDocs), kinds(*ScalarKind_descriptor(), kScalarDocs),
      levers(config::registered_policy_types()),    std::string(kLeversDoc)};
}

Catalogue select_entries(const Catalogue& all, const std::string& name) {
  Catalogue some;
  some.model_doc = all.model_doc;
  some.levers_doc = all.levers_doc;
  if (name == "agents") some.agent_types = all.agent_types;
  if (name == "policies") some.policy_types = all.policy_types;
  if (name == "model") some.model_params = all.model_params;
  if (name == "metrics") some.metric_kinds = all.metric_kinds;
  if (name == "scalars") some.scalar_kinds = all.scalar_kinds;
  if (name == "levers") some.levers = all.levers;
  const auto pick = [&name](const auto& from, auto& to) {
    for (const auto& entry : from)
      if (entry.name == name) to.push_back(entry);
  };
  pick(all.agent_types, some.agent_types);
  pick(all.policy_types, some.policy_types);
  if (name != "model") pick(all.model_params, some.model_params);
  pick(all.metric_kinds, some.metric_kinds);
  pick(all.scalar_kinds, some.scalar_kinds);
  if (name != "levers")
    for (const LeverEntry& lever : all.levers)
      if (lever.policy_type == name) some.levers.push_back(lever);
  return some;
}

bool is_empty(const Catalogue& c) {
  return c.agent_types.empty() && c.policy_types.empty() && c.model_params.empty() &&
         c.metric_kinds.empty() && c.scalar_kinds.empty() && c.levers.empty();
}

std::vector<std::string> every_name(const Catalogue& c) {
  std::vector<std::string> names(std::begin(kSections), std::end(kSections));
  const auto add = [&names](const auto& entries) {
    for (const auto& entry : entries)
      names.push_back(entry.name);
  };
  add(c.agent_types);
  add(c.policy_types);
  add(c.model_params);
  add(c.metric_kinds);
  add(c.scalar_kinds);
  return names;
}

}  // namespace reesim::app
