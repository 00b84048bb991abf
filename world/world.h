// The world description: a scenario resolved into dense indices, built once and shared,
// read-only, by every trial (DESIGN §2, STYLE §1). Thread-safe for concurrent reads.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/param_spec.h"
#include "market/types.h"
#include "scenario.pb.h"
#include "world/catalog.h"
#include "world/index.h"

namespace reesim::world {

// Which element (or element group) a commodity is, by its declared content: the inputs of
// magnet recipes (NdPr, Dy, Tb; Sm for SmCo) and the light oxides a separator's basket also
// brings (La, Ce), which buyers outside magnets use (docs/model.md §7.15).
enum class Input : std::uint8_t { kNone, kNdPr, kDy, kTb, kLa, kCe, kSm };
inline constexpr std::size_t kInputs = 7;  // the values of Input
// The element a content key names ("NdPr", "Nd" and "Pr" are NdPr), kNone for any other key.
[[nodiscard]] Input input_of_element(std::string_view element) noexcept;
// An input's position in per-input arrays (CommodityInfo::yields, Snapshot::end_of_life).
[[nodiscard]] constexpr std::size_t at(Input input) noexcept {
  return static_cast<std::size_t>(input);
}

struct CommodityInfo {
  std::string id;
  Stage stage = STAGE_UNSPECIFIED;
  double lot = 1;              // commodity units per quantity lot
  double price_tick = 0.01;    // USD per unit per price tick
  double reference_price = 0;  // USD per unit at the calendar start
  Input input = Input::kNone;
  // For a concentrate or a magnet: units of each recipe input (indexed by Input) per unit, from
  // its content.
  std::array<double, kInputs> yields{};

  // USD per unit of an integer book price, and back (rounded, at least one tick).
  [[nodiscard]] double usd(market::Price price) const {
    return static_cast<double>(price.value()) * price_tick;
  }
  [[nodiscard]] market::Price ticks(double usd_per_unit) const {
    // Inside the price range, std::round (half away from zero) in integers: the fraction left
    // by truncating is exact there. Elsewhere (and for NaN), the library's rounding and clamp.
    const double exact = usd_per_unit / price_tick;
    if (exact >= 1.0 && exact < static_cast<double>(market::kMaxPrice.value())) {
      const auto whole = static_cast<std::int64_t>(exact);
      return market::Price{whole + (exact - static_cast<double>(whole) >= 0.5 ? 1 : 0)};
    }
    return ticks_outside(exact);
  }

 private:
  [[nodiscard]] static market::Price ticks_outside(double exact);
};

struct VenueInfo {
  std::string id;
  CommodityIndex commodity{};
  std::optional<NationIndex> jurisdiction;  // none: the seaborne (global) market
  bool call_auction = false;
  ByIndex<NationIndex, double> freight_usd;  // USD per unit, by origin
};

// An agent's venues of each commodity, in the order it lists them: a view into its world's lists.
class VenuesByCommodity {
 public:
  VenuesByCommodity() = default;
  // `first[c]` and `first[c + 1]` bound commodity c's venues in `venues`.
  VenuesByCommodity(const VenueIndex* venues, const std::uint16_t* first)
      : venues_(venues), first_(first) {}

  [[nodiscard]] std::span<const VenueIndex> operator[](CommodityIndex c) const noexcept {
    return {venues_ + first_[at(c)], venues_ + first_[at(c) + 1]};
  }

 private:
  const VenueIndex* venues_ = nullptr;
  const std::uint16_t* first_ = nullptr;
};

// An agent as the world describes it. Its lists are views into arrays the world keeps, every
// agent's one after another in agent order: each tick visits the agents in order, so a large
// world reads them as a few streams rather than as small blocks spread over the heap.
struct AgentInfo {
  std::string id;
  std::string type;
  std::string sector;
  NationIndex nation{};
  double cash = 0;
  const Agent* source = nullptr;            // capacities, inventories, parameter distributions
  std::span<const VenueIndex> venues;       // the venues it trades on
  const TypeSpec* spec = nullptr;           // registered type
  int type_index = -1;                      // its index in Catalog::agent_types
  std::span<const CommodityIndex> outputs;  // the commodities of its capacities, in scenario order
  // By commodity: its venues trading that commodity, in `venues` order (the rules' price means
  // and order splits visit only these).
  VenuesByCommodity venues_of;
  // By venue of the world: where the agent keeps its record of trading there (its venues, each
  // listed once, numbered in `venues` order), kNoSlot for a venue it does not list; the number
  // of its venues is `slots`. An agent's trading records (agents::TradingBook) then take
  // memory for its own venues only.
  static constexpr std::uint16_t kNoSlot = 0xFFFF;
  std::span<const std::uint16_t> venue_slot;
  std::uint16_t slots = 0;
};

// A parameter drawn per trial (a distribution, not a constant), reported in trials.csv.
struct SampledParameter {
  std::string name;  // e.g. "agents[in_ev].demand_growth" or "policies[x].approval_probability"
  bool policy = false;
  bool model = false;  // a model parameter (param: its index in model_params())
  int owner = 0;       // agent or policy index
  int param = 0;       // index in the owner's TypeSpec params; -1: a capacity (see capacity)
  int capacity = 0;    // index in the agent's capacities when param == -1
  // A policy's activation probability per tick (a chance's per_tick_dist or a renewal's
  // per_tick), drawn per trial; param is -1.
  bool activation = false;
  // With `activation`: the renewal's first day as days after the calendar start, not per_tick.
  bool activation_from = false;
  // With `activation`: the activation's duration_days (days in force once on), not per_tick.
  bool activation_duration = false;
};

struct PolicyInfo {
  std::string id;
  std::string type;
  NationIndex enacted_by{};
  std::uint64_t origins = 0;       // bit per nation; 0 = all
  std::uint64_t destinations = 0;  // bit per nation; 0 = all
  // Whether it covers each commodity and reaches each agent (1, or 0): all when the scenario
  // names none.
  ByIndex<CommodityIndex, std::uint8_t> commodities;
  ByIndex<AgentIndex, std::uint8_t> agents;
  const Policy* source = nullptr;
  const TypeSpec* spec = nullptr;
  int type_index = -1;  // its index in Catalog::policy_types

  [[nodiscard]] bool covers_origin(NationIndex nation) const {
    return origins == 0 || ((origins >> nation.value()) & 1U) != 0;
  }
  [[nodiscard]] bool covers_destination(NationIndex nation) const {
    return destinations == 0 || ((destinations >> nation.value()) & 1U) != 0;
  }
};

class World {
 public:
  // Resolves a scenario that passed validation against the registered types. Throws
  // std::invalid_argument otherwise.
  World(Scenario scenario, const Catalog& catalog);
  // Holds pointers into its own scenario and arrays: neither copied nor moved.
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  [[nodiscard]] const Scenario& scenario() const { return scenario_; }
  // The registered types it was resolved against.
  [[nodiscard]] const Catalog& catalog() const { return catalog_; }
  [[nodiscard]] int ticks() const { return static_cast<int>(tick_dates_.size()); }
  [[nodiscard]] int tick_days() const { return tick_days_; }
  [[nodiscard]] const std::vector<Date>& tick_dates() const { return tick_dates_; }
  // The first tick on or after `date` (ticks() when after the end).
  [[nodiscard]] int tick_of(const Date& date) const;
  // tick_of for an ISO date, or `fallback` when the text is empty.
  [[nodiscard]] int tick_of(const std::string& iso, int fallback) const;

  [[nodiscard]] int nation_count() const { return static_cast<int>(nations_.size()); }
  [[nodiscard]] const std::vector<std::string>& nations() const { return nations_; }
  [[nodiscard]] IndexRange<NationIndex> nation_indices() const {
    return IndexRange<NationIndex>(nations_.size());
  }
  [[nodiscard]] const ByIndex<CommodityIndex, CommodityInfo>& commodities() const {
    return commodities_;
  }
  [[nodiscard]] const ByIndex<VenueIndex, VenueInfo>& venues() const { return venues_; }
  [[nodiscard]] const ByIndex<AgentIndex, AgentInfo>& agents() const { return agents_; }
  [[nodiscard]] const ByIndex<PolicyIndex, PolicyInfo>& policies() const { return policies_; }
  // Each alliance's members.
  [[nodiscard]] const std::vector<std::vector<NationIndex>>& alliances() const {
    return alliances_;
  }
  [[nodiscard]] const std::vector<SampledParameter>& sampled_parameters() const { return sampled_; }
  // The model parameters the scenario gives a distribution (their index in model_params()).
  [[nodiscard]] const std::vector<int>& sampled_model_params() const { return sampled_model_; }

  // The entity with id `id`, or none.
  [[nodiscard]] std::optional<NationIndex> nation_index(const std::string& id) const;
  [[nodiscard]] std::optional<CommodityIndex> commodity_index(const std::string& id) const;
  [[nodiscard]] std::optional<VenueIndex> venue_index(const std::string& id) const;
  [[nodiscard]] int metric_index(const std::string& id) const;  // -1 when unknown

 private:
  Scenario scenario_;
  Catalog catalog_;
  int tick_days_ = 7;
  std::vector<Date> tick_dates_;
  std::vector<std::string> nations_;
  ByIndex<CommodityIndex, CommodityInfo> commodities_;
  ByIndex<VenueIndex, VenueInfo> venues_;
  ByIndex<AgentIndex, AgentInfo> agents_;
  // What AgentInfo's lists view, every agent's in agent order: its venues; its outputs; its
  // venues grouped by commodity, with the bounds of each commodity's (commodities + 1 for each
  // agent); its slot for each venue of the world.
  std::vector<VenueIndex> agent_venues_;
  std::vector<CommodityIndex> agent_outputs_;
  std::vector<VenueIndex> agent_venues_grouped_;
  std::vector<std::uint16_t> agent_group_first_;
  std::vector<std::uint16_t> agent_venue_slots_;
  ByIndex<PolicyIndex, PolicyInfo> policies_;
  std::vector<std::vector<NationIndex>> alliances_;
  std::vector<SampledParameter> sampled_;
  std::vector<int> sampled_model_;
  std::map<std::string, int> nation_index_, commodity_index_, venue_index_, metric_index_;
};

}  // namespace reesim::world
