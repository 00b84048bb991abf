// What every agent type shares (DESIGN §2): the state common to all roles, the read-only snapshot
// an agent decides from, the context its hooks receive and the orders it returns. A type's own
// parameters and state live in its component (agents/types/). Decisions are pure functions of
// the context and the agent's own state, so they may run in parallel; orders then enter the
// books in a fixed order. Plain data owned by the trial; not thread-safe.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/model_params.h"
#include "market/types.h"
#include "world/policy_view.h"
#include "world/world.h"

namespace reesim::agents {

// Quantities by commodity (units) and flags by commodity.
using ByCommodity = world::ByIndex<world::CommodityIndex, double>;
using CommodityFlags = world::ByIndex<world::CommodityIndex, std::uint8_t>;

// Capacity being built: `per_year` units of `commodity` from tick `ready`.
struct Build {
  world::CommodityIndex commodity{};
  double per_year = 0;
  int ready = 0;
};

// An agent's trading on one venue. Kept together, so that a tick's trading and what the agent
// learns from it read one place per venue.
struct TradingRecord {
  // Selling experience: units offered and sold this tick, and the smoothed share sold. Sellers
  // lean to the venues where their offers sell (an export without a licence does not).
  double offered = 0;
  double sold = 0;
  double sell_through = 1;
  // The same for buying: units bid for and bought, and the smoothed share filled.
  double wanted = 0;
  double bought = 0;
  double buy_through = 1;
  // How far, in [0, 1], the agent's bids reach from the landed cost of the cheapest origin it
  // may buy from toward that of the dearest (Snapshot::landed_low/high): it grows while bids go
  // unfilled and falls back while they fill (learn_from_trading in agents/trading.h).
  double reach = 0;
};

// An agent's trading records, one for each venue it lists, found by venue through its
// AgentInfo::venue_slot: an agent's memory grows with its own venues, not the world's, and a
// large world's records stay dense in memory.
class TradingBook {
 public:
  TradingBook() = default;
  explicit TradingBook(const world::AgentInfo& info)
      : slots_(info.venue_slot.data()), records_(info.slots) {
    if (info.outputs.empty()) return;
    // The slots of its first output's venues (a world lists each of an agent's venues once, so
    // they ascend in the order venues_of gives them), as bits where every slot fits in a word.
    const std::span<const world::VenueIndex> venues = info.venues_of[info.outputs[0]];
    if (info.slots > 64) {
      wide_ = &info;
      return;
    }
    for (const world::VenueIndex v : venues)
      output_slots_ |= std::uint64_t{1} << slot(v);
  }

  // The record of venue `v`, which the agent lists.
  [[nodiscard]] TradingRecord& operator[](world::VenueIndex v) { return records_[slot(v)]; }
  [[nodiscard]] const TradingRecord& operator[](world::VenueIndex v) const {
    return records_[slot(v)];
  }
  // Whether the agent lists venue `v` (and so has a record of it).
  [[nodiscard]] bool lists(world::VenueIndex v) const noexcept {
    return slots_ != nullptr && slots_[world::at(v)] != world::AgentInfo::kNoSlot;
  }
  // Every record, one per venue it lists, in the order it lists them.
  [[nodiscard]] std::vector<TradingRecord>& records() noexcept { return records_; }
  // The units of its first output (AgentInfo::outputs) sold this tick over its venues, added in
  // the order it lists them; 0 for an agent without outputs. Reads only the records, not the
  // world's lists, where the slots fit in a word: a large world's lists are not in cache.
  [[nodiscard]] double output_sold() const noexcept {
    double sold = 0;
    if (wide_ != nullptr) {
      for (const world::VenueIndex v : wide_->venues_of[wide_->outputs[0]])
        sold += (*this)[v].sold;
      return sold;
    }
    for (std::uint64_t bits = output_slots_; bits != 0; bits &= bits - 1)
      sold += records_[static_cast<std::size_t>(std::countr_zero(bits))].sold;
    return sold;
  }

 private:
  [[nodiscard]] std::size_t slot(world::VenueIndex v) const noexcept {
    return slots_[world::at(v)];
  }

  const std::uint16_t* slots_ = nullptr;  // the world's AgentInfo::venue_slot of the agent
  std::vector<TradingRecord> records_;
  // Its first output's venues: as bits of their slots (bit k: slot k), or where it lists more
  // than 64 venues from the world's description of it (`wide_`).
  std::uint64_t output_slots_ = 0;
  const world::AgentInfo* wide_ = nullptr;
};

// The state every agent type has.
struct AgentState {
  std::vector<double> params;  // sampled per trial, aligned with AgentInfo::spec->params
  world::ByIndex<world::CommodityIndex, double> inventory;  // units
  // Units/yr (a buyer's: demand/yr at the start).
  world::ByIndex<world::CommodityIndex, double> capacity;
  world::ByIndex<world::CommodityIndex, double> utilisation;  // at the reference price
  double cash = 0;                                            // USD
  std::vector<Build> builds;  // capacity under construction, added by add_build()
  // The earliest tick a build in `builds` comes on line (INT_MAX: none), so that the ticks that
  // bring nothing on line, most of them, skip the list.
  int first_ready = std::numeric_limits<int>::max();
  // Use this tick (units): what an end user needed and what it went without.
  double demand = 0;
  double unmet = 0;
  // Trading experience, by venue it lists.
  TradingBook trading;
  double sold_units = 0;     // units of its first output sold last tick (all venues; 0: no outputs)
  double purchases_usd = 0;  // USD spent buying (landed) since the trial began
  double public_spent = 0;   // USD of public money the agent spent this tick (PSU missions)
  double supported_capacity = 0;  // units/yr of builds started under capital support, unpaid

  // Starts building `b`.
  void add_build(const Build& b) {
    builds.push_back(b);
    first_ready = std::min(first_ready, b.ready);
  }
};

// What every agent may read when deciding: last prices, references and national shortages.
struct Snapshot {
  int tick = 0;
  double dt_years = 7.0 / 365.0;
  double years = 0;  // since the calendar start
  // By venue: USD/unit, the last VWAP (or the reference before trading); units traded last tick.
  world::ByIndex<world::VenueIndex, double> venue_price;
  world::ByIndex<world::VenueIndex, double> venue_volume;
  // By commodity, USD/unit: the long-run level every quote is pulled toward (price_anchor_rate,
  // docs/model.md §7.6): the reference price moved by the cost of the commodity's inputs at last
  // prices (a magnet by its content of oxides, a concentrate by the value of its oxides); an
  // oxide's is its reference. Empty before the trial sets it (then no quote is pulled).
  world::ByIndex<world::CommodityIndex, double> normal_price;
  // The growth of end users' demand (fraction/yr) that producers expect: an adaptive expectation
  // from its history (sim/trial.cpp, docs/model.md §7.5).
  double demand_growth = 0;
  // The content outlook (sim/trial.cpp, docs/model.md §7.5), by concentrate or oxide and lead:
  // for commodity c and a lead of y whole years (0..kOutlookYears), at index
  // c * (kOutlookYears + 1) + y, how far the world's capacity to make c will fall short: over the
  // elements in it, weighed by their value at reference prices, end users' demand for the
  // element projected y years on at demand_growth, over the capacity that will make c by then
  // (capacity now and builds due within y years), each against the same ratio at the first tick
  // (the calibrated world starts balanced). 1 where capacity keeps pace with demand; 0 for other
  // commodities and before the first outlook.
  static constexpr int kOutlookYears = 12;
  std::vector<double> content_call;
  // Last tick's unmet share of magnet demand, by nation.
  world::ByIndex<world::NationIndex, double> nation_shortage;
  // Content reaching end of life in each nation's magnets last tick, by nation * kInputs + input
  // (units of oxide): its buyers' magnet use times the magnets' content (recyclers' feed).
  std::vector<double> end_of_life;
  // What a unit bought on each venue costs each nation landed (price x (1 + tariff) + freight,
  // USD/unit) at the venue's last price under this tick's trade terms: from the origin of lowest
  // landed cost that may sell to the nation and from the origin of highest landed cost that may
  // sell to it without a licence or quota. Indexed venue * nations + nation; the venue's price
  // where no origin may sell to the nation. Filled each tick by the trial (sim/trial.cpp).
  int nations = 0;
  std::vector<double> landed_low;
  std::vector<double> landed_high;

  [[nodiscard]] std::size_t landed_at(world::VenueIndex venue, world::NationIndex nation) const {
    return world::at(venue) * static_cast<std::size_t>(nations) + world::at(nation);
  }
  [[nodiscard]] double low(world::VenueIndex venue, world::NationIndex nation) const {
    return landed_low[landed_at(venue, nation)];
  }
  [[nodiscard]] double high(world::VenueIndex venue, world::NationIndex nation) const {
    return landed_high[landed_at(venue, nation)];
  }
  // The content call of commodity `c` for a build on line in `years` (interpolated between
  // whole years, held beyond kOutlookYears); 0 where there is none.
  [[nodiscard]] double content_call_of(world::CommodityIndex c, double lead_years) const {
    if (content_call.empty()) return 0.0;
    const double y = std::clamp(lead_years, 0.0, static_cast<double>(kOutlookYears));
    const auto whole = static_cast<std::size_t>(y);
    const std::size_t row = world::at(c) * (kOutlookYears + 1);
    const double low = content_call[row + whole];
    if (whole == kOutlookYears) return low;
    return low + (y - static_cast<double>(whole)) * (content_call[row + whole + 1] - low);
  }
  // End-of-life content of `input` in `nation`'s magnets last tick (0 before the first).
  [[nodiscard]] double end_of_life_of(world::NationIndex nation, world::Input input) const {
    return end_of_life.empty() ? 0.0
                               : end_of_life[world::at(nation) * world::kInputs + world::at(input)];
  }
};

// Everything an agent's hooks read besides its own state: the world, its description, the
// snapshot, the model parameters and its row of the policy view.
struct Context {
  const world::World& world;
  const world::AgentInfo& info;
  const Snapshot& snapshot;
  const ModelParams& model;
  const world::AgentEffects& effects;
};

// An order in economic units; the trial converts it to book ticks and lots.
struct OrderRequest {
  world::VenueIndex venue{};
  market::Side side = market::Side::kBuy;
  double price_usd = 0;  // per unit: a seller's minimum receipt, a buyer's maximum landed cost
  double units = 0;
  // A bid its agent would have raised but for its bound on price (a buyer's max_price_ratio, a
  // maker's max_input_price_ratio, a separator's max_bid_multiple): METRIC_BID_AT_BOUND counts
  // them, so a run shows whether a sanity bound, not scarcity, sets a price.
  bool at_bound = false;
};

}  // namespace reesim::agents
