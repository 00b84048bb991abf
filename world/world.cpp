#include "world/world.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/model_params.h"

namespace reesim::world {
namespace {

int find(const std::map<std::string, int>& index, const std::string& id) {
  const auto it = index.find(id);
  return it == index.end() ? -1 : it->second;
}

int require(const std::map<std::string, int>& index, const std::string& id, const char* what) {
  const int found = find(index, id);
  if (found < 0) throw std::invalid_argument(std::string("unknown ") + what + " \"" + id + "\"");
  return found;
}

// require() as a typed index.
template <typename Index>
Index require_index(const std::map<std::string, int>& index, const std::string& id,
                    const char* what) {
  return Index{require(index, id, what)};
}

// find() as a typed index, none when unknown.
template <typename Index>
std::optional<Index> find_index(const std::map<std::string, int>& index, const std::string& id) {
  const int found = find(index, id);
  return found < 0 ? std::nullopt : std::optional<Index>(Index{found});
}

// Which element a commodity is, from its declared content (e.g. {"Dy": 1}): the one making at
// least half of it, the recipe inputs first.
Input input_of(const Commodity& commodity) {
  if (commodity.stage() != STAGE_OXIDE && commodity.stage() != STAGE_METAL) return Input::kNone;
  std::array<double, kInputs> shares{};
  for (const auto& [element, share] : commodity.content())
    shares[at(input_of_element(element))] += share;
  for (const Input input :
       {Input::kDy, Input::kTb, Input::kNdPr, Input::kLa, Input::kCe, Input::kSm})
    if (shares[at(input)] >= 0.5) return input;
  return Input::kNone;
}

std::uint64_t nation_mask(const google::protobuf::RepeatedPtrField<std::string>& ids,
                          const std::map<std::string, int>& index) {
  std::uint64_t mask = 0;
  for (const std::string& id : ids)
    mask |= std::uint64_t{1} << static_cast<unsigned>(require(index, id, "nation"));
  return mask;
}

}  // namespace

Input input_of_element(std::string_view element) noexcept {
  if (element == "NdPr" || element == "Nd" || element == "Pr") return Input::kNdPr;
  if (element == "Dy") return Input::kDy;
  if (element == "Tb") return Input::kTb;
  if (element == "La") return Input::kLa;
  if (element == "Ce") return Input::kCe;
  if (element == "Sm") return Input::kSm;
  return Input::kNone;
}

market::Price CommodityInfo::ticks_outside(double exact) {
  const double raw = std::round(exact);
  const double bounded = std::clamp(raw, 1.0, static_cast<double>(market::kMaxPrice.value()));
  return market::Price{static_cast<std::int64_t>(bounded)};
}

World::World(Scenario scenario, const Catalog& catalog)
    : scenario_(std::move(scenario)), catalog_(catalog) {
  const auto start = parse_iso_date(scenario_.calendar().start());
  const auto end = parse_iso_date(scenario_.calendar().end());
  if (!start || !end || !(*start < *end)) throw std::invalid_argument("invalid calendar");
  tick_days_ = scenario_.calendar().has_tick_days() ? scenario_.calendar().tick_days() : 7;
  for (std::int64_t day = start->days(); day <= end->days(); day += tick_days_)
    tick_dates_.push_back(Date::from_days(day));

  if (scenario_.nations_size() > static_cast<int>(market::kMaxNations))
    throw std::invalid_argument("more nations than the market supports");
  for (const Nation& nation : scenario_.nations()) {
    nation_index_[nation.id()] = static_cast<int>(nations_.size());
    nations_.push_back(nation.id());
  }
  for (const Commodity& c : scenario_.commodities()) {
    commodity_index_[c.id()] = static_cast<int>(commodities_.size());
    CommodityInfo info{
        c.id(), c.stage(), c.quantity_lot(), c.price_tick(), c.reference_price(), input_of(c), {}};
    // Concentrates' content feeds separators; magnets' reaches recyclers at end of life.
    if (c.stage() == STAGE_CONCENTRATE || c.stage() == STAGE_MAGNET) {
      for (const auto& [element, share] : c.content()) {
        const Input input = input_of_element(element);
        if (input != Input::kNone) info.yields[at(input)] += share;
      }
    }
    commodities_.push_back(std::move(info));
  }
  for (const Venue& v : scenario_.venues()) {
    VenueInfo info{v.id(),
                   require_index<CommodityIndex>(commodity_index_, v.commodity(), "commodity"),
                   std::nullopt, v.matching() == MATCHING_CALL_AUCTION,
                   ByIndex<NationIndex, double>(nations_.size(), 0.0)};
    if (v.jurisdiction() != "global")
      info.jurisdiction = require_index<NationIndex>(nation_index_, v.jurisdiction(), "nation");
    for (const auto& [origin, usd] : v.freight())
      info.freight_usd[require_index<NationIndex>(nation_index_, origin, "nation")] = usd;
    venue_index_[v.id()] = static_cast<int>(venues_.size());
    venues_.push_back(std::move(info));
  }
  for (const Alliance& a : scenario_.alliances()) {
    std::vector<NationIndex> members;
    for (const std::string& m : a.members())
      members.push_back(require_index<NationIndex>(nation_index_, m, "nation"));
    alliances_.push_back(std::move(members));
  }
  std::map<std::string, int> agent_index;
  // Each agent's lists are appended to the world's arrays as it is read, and its views set once
  // all are read (the arrays move as they grow): agent k's lie between lists_at[k] and [k + 1].
  struct ListsAt {
    std::size_t venues, outputs, grouped, first, slots;
  };
  std::vector<ListsAt> lists_at;
  auto lists_end = [this] {
    return ListsAt{agent_venues_.size(), agent_outputs_.size(), agent_venues_grouped_.size(),
                   agent_group_first_.size(), agent_venue_slots_.size()};
  };
  for (const Agent& a : scenario_.agents()) {
    const int type = catalog.agent_type(a.type());
    if (type < 0) throw std::invalid_argument("unknown agent type \"" + a.type() + "\"");
    AgentInfo info{a.id(),     a.type(),
                   a.sector(), require_index<NationIndex>(nation_index_, a.nation(), "nation"),
                   a.cash(),   &a,
                   {},         &catalog.agent_types[static_cast<std::size_t>(type)],
                   type,       {},
                   {},         {},
                   0};
    const ListsAt here = lists_end();
    lists_at.push_back(here);
    agent_venue_slots_.resize(here.slots + venues_.size(), AgentInfo::kNoSlot);
    for (const std::string& v : a.venues()) {
      const auto venue = require_index<VenueIndex>(venue_index_, v, "venue");
      std::uint16_t& slot = agent_venue_slots_[here.slots + at(venue)];
      if (slot != AgentInfo::kNoSlot)
        throw std::invalid_argument("agent \"" + a.id() + "\" lists venue \"" + v + "\" twice");
      agent_venues_.push_back(venue);
      slot = info.slots++;
    }
    for (const CommodityIndex c : commodities_.indices()) {
      agent_group_first_.push_back(
          static_cast<std::uint16_t>(agent_venues_grouped_.size() - here.grouped));
      for (std::size_t k = here.venues; k < agent_venues_.size(); ++k)
        if (venues_[agent_venues_[k]].commodity == c)
          agent_venues_grouped_.push_back(agent_venues_[k]);
    }
    agent_group_first_.push_back(
        static_cast<std::uint16_t>(agent_venues_grouped_.size() - here.grouped));
    for (const Capacity& c : a.capacities())
      agent_outputs_.push_back(
          require_index<CommodityIndex>(commodity_index_, c.commodity(), "commodity"));
    const int owner = static_cast<int>(agents_.size());
    for (int k = 0; k < a.capacities_size(); ++k)
      if (!a.capacities(k).per_year().has_fixed())
        sampled_.push_back(
            {"agents[" + a.id() + "].capacities[" + a.capacities(k).commodity() + "]", false, false,
             owner, -1, k});
    for (std::size_t k = 0; k < info.spec->params.size(); ++k)
      for (const Param& param : a.params())
        if (param.name() == info.spec->params[k].name && !param.value().has_fixed())
          sampled_.push_back({"agents[" + a.id() + "]." + param.name(), false, false, owner,
                              static_cast<int>(k), 0});
    agent_index[a.id()] = static_cast<int>(agents_.size());
    agents_.push_back(std::move(info));
  }
  lists_at.push_back(lists_end());
  for (const AgentIndex a : agents_.indices()) {
    AgentInfo& info = agents_[a];
    const ListsAt& from = lists_at[at(a)];
    const ListsAt& to = lists_at[at(a) + 1];
    info.venues = {agent_venues_.data() + from.venues, agent_venues_.data() + to.venues};
    info.outputs = {agent_outputs_.data() + from.outputs, agent_outputs_.data() + to.outputs};
    info.venues_of = VenuesByCommodity(agent_venues_grouped_.data() + from.grouped,
                                       agent_group_first_.data() + from.first);
    info.venue_slot = {agent_venue_slots_.data() + from.slots, venues_.size()};
  }
  for (const Policy& p : scenario_.policies()) {
    PolicyInfo info{
        p.id(),
        p.type(),
        require_index<NationIndex>(nation_index_, p.enacted_by(), "nation"),
        nation_mask(p.origins(), nation_index_),
        nation_mask(p.destinations(), nation_index_),
        ByIndex<CommodityIndex, std::uint8_t>(commodities_.size(), p.commodities().empty() ? 1 : 0),
        ByIndex<AgentIndex, std::uint8_t>(agents_.size(), p.agents().empty() ? 1 : 0),
        &p,
        nullptr,
        catalog.policy_type(p.type())};
    if (info.type_index < 0)
      throw std::invalid_argument("unknown policy type \"" + p.type() + "\"");
    info.spec = &catalog.policy_types[static_cast<std::size_t>(info.type_index)];
    for (const std::string& c : p.commodities())
      info.commodities[require_index<CommodityIndex>(commodity_index_, c, "commodity")] = 1;
    for (const std::string& a : p.agents())
      info.agents[require_index<AgentIndex>(agent_index, a, "agent")] = 1;
    for (std::size_t k = 0; k < info.spec->params.size(); ++k)
      for (const Param& param : p.params())
        if (param.name() == info.spec->params[k].name && !param.value().has_fixed())
          sampled_.push_back({"policies[" + p.id() + "]." + param.name(), true, false,
                              static_cast<int>(policies_.size()), static_cast<int>(k), 0});
    const Activation& act = p.activation();
    const Distribution* per_tick = nullptr;
    std::string field;
    if (act.has_renewal()) {
      per_tick = &act.renewal().per_tick();
      field = ".activation.renewal.per_tick";
    } else if (act.has_chance() && act.chance().has_per_tick_dist()) {
      per_tick = &act.chance().per_tick_dist();
      field = ".activation.chance.per_tick_dist";
    }
    if (per_tick != nullptr && !per_tick->has_fixed())
      sampled_.push_back({"policies[" + p.id() + "]" + field, true, false,
                          static_cast<int>(policies_.size()), -1, 0, true});
    if (act.has_renewal() && act.renewal().has_from_offset_days() &&
        !act.renewal().from_offset_days().has_fixed())
      sampled_.push_back({"policies[" + p.id() + "].activation.renewal.from_offset_days", true,
                          false, static_cast<int>(policies_.size()), -1, 0, true, true});
    // How long a policy stays in force once on, when drawn per trial (a renewal's episodes draw
    // theirs afresh each time: their days in force are a POLICY_IN_FORCE metric's DAYS_ABOVE).
    if (act.has_duration_days() && !act.duration_days().has_fixed())
      sampled_.push_back({"policies[" + p.id() + "].activation.duration_days", true, false,
                          static_cast<int>(policies_.size()), -1, 0, true, false, true});
    policies_.push_back(std::move(info));
  }
  // Model parameters given a distribution are drawn per trial and reported; fixed ones are not.
  const auto model = model_params();
  for (std::size_t k = 0; k < model.size(); ++k)
    for (const Param& param : scenario_.model().params())
      if (param.name() == model[k].name && !param.value().has_fixed()) {
        sampled_.push_back({"model." + param.name(), false, true, 0, static_cast<int>(k), 0});
        sampled_model_.push_back(static_cast<int>(k));
      }
  for (int i = 0; i < scenario_.metrics_size(); ++i)
    metric_index_[scenario_.metrics(i).id()] = i;
}

int World::tick_of(const Date& date) const {
  const auto it = std::lower_bound(tick_dates_.begin(), tick_dates_.end(), date);
  return static_cast<int>(it - tick_dates_.begin());
}

int World::tick_of(const std::string& iso, int fallback) const {
  if (iso.empty()) return fallback;
  const auto date = parse_iso_date(iso);
  return date ? tick_of(*date) : fallback;
}

std::optional<NationIndex> World::nation_index(const std::string& id) const {
  return find_index<NationIndex>(nation_index_, id);
}
std::optional<CommodityIndex> World::commodity_index(const std::string& id) const {
  return find_index<CommodityIndex>(commodity_index_, id);
}
std::optional<VenueIndex> World::venue_index(const std::string& id) const {
  return find_index<VenueIndex>(venue_index_, id);
}
int World::metric_index(const std::string& id) const {
  return find(metric_index_, id);
}

}  // namespace reesim::world
