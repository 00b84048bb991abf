// What an agent knows and owns during one trial, and the read-only snapshot it decides from
// (DESIGN §2: decisions are pure functions of a snapshot and the agent's own random stream, so
// they may run in parallel; orders then enter the books in a fixed order).
// Plain data owned by the trial; not thread-safe.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "market/types.h"
#include "world/world.h"

namespace reesim::agents {

// The name of a parameter as a decision rule asks for it: a string literal, checked at compile
// time, whose address therefore identifies the name for the lookup memo of AgentState::param.
class ParamName {
 public:
  template <std::size_t N>
  consteval ParamName(const char (&name)[N]) : name_(name, N - 1) {}  // NOLINT: implicit
  [[nodiscard]] constexpr std::string_view view() const noexcept { return name_; }

 private:
  std::string_view name_;
};

// The decision rule an agent type follows.
enum class Role : std::uint8_t {
  kProducer,
  kMagnetMaker,
  kBuyer,
  kLiquidity,
  kStockpile,
  kGovernment
};

[[nodiscard]] Role role_of(std::string_view type);

// Capacity being built: `per_year` units of `commodity` from tick `ready`.
struct Build {
  int commodity = 0;
  double per_year = 0;
  int ready = 0;
};

struct AgentState {
  Role role = Role::kGovernment;
  std::vector<double> params;        // sampled per trial, aligned with AgentInfo::spec->params
  std::vector<double> inventory;     // units, by commodity
  std::vector<double> capacity;      // units/yr by commodity (a buyer's: demand/yr at the start)
  std::vector<double> utilisation;   // utilisation at the reference price, by commodity
  double cash = 0;                   // USD
  int outage_until = -1;             // producing again from this tick
  std::vector<Build> builds;         // capacity under construction
  int last_build_tick = -1'000'000;  // when the agent last started a build of its own
  double price_ratio_memory = 1;     // smoothed price / unit cost, for investment
  double shortage_memory = 0;        // smoothed unmet share of needs, [0, 1]
  double high_price_weeks = 0;       // consecutive weeks above the substitution threshold
  double substituted = 0;            // share of demand substituted away, [0, max share]
  // A buyer's price memories, as ratios to the reference price: over about a quarter and about
  // three years (exponential averages), and the demand response they imply (weekly_demand).
  double price_short = 1;
  double price_long = 1;
  double price_response = 1;
  double demand = 0;    // this tick, units
  double unmet = 0;     // this tick, units
  double produced = 0;  // this tick, units of its main output
  int feed = -1;        // a separator's concentrate (commodity index), or -1
  // Selling experience by venue: units offered and sold this tick, and the smoothed share sold.
  // Sellers lean to the venues where their offers sell (an export without a licence does not).
  std::vector<double> offered;
  std::vector<double> sold;
  std::vector<double> sell_through;
  // The same for buying: units bid for and bought, and the smoothed share filled.
  std::vector<double> wanted;
  std::vector<double> bought;
  std::vector<double> buy_through;
  // How far, in [0, 1], the agent's bids on each venue reach from the landed cost of the
  // cheapest origin it may buy from toward that of the dearest (Snapshot::landed_low/high): it
  // grows while bids go unfilled and falls back while they fill (learn_reach in agents/rules.h).
  std::vector<double> reach;
  // Set by policies each tick (USD per unit, by commodity): guaranteed price, subsidy per unit.
  std::vector<double> floor_usd;
  std::vector<double> incentive_usd;
  std::vector<double> planned;  // production's scratch: this tick's output by commodity
  // Sales preference: the share of its offers a seller makes first on the home markets (venues
  // whose jurisdiction is a nation in `prefer_mask`, by bit) of its own nation (a PSU's
  // home_first_share mandate) or of its alliance (alliance_terms home_preference).
  // The PSU's own mandate is kept in home_share / home_mask; the policy engine sets prefer_* to it
  // and widens them while an alliance's terms are in force.
  double prefer_share = 0;
  std::uint64_t prefer_mask = 0;
  double home_share = 0;
  std::uint64_t home_mask = 0;
  // A recycler's share of end-of-life content recovered (its recovery_rate to start), and the
  // least a recycling mandate in force requires of it.
  double recovery = 0;
  double mandated_recovery = 0;
  bool recycler = false;
  // A PSU's mandate: the least utilisation it keeps whatever the price (utilisation_target), and
  // whether it has committed its mission budget.
  bool psu = false;
  double min_utilisation = 0;
  bool mission_started = false;
  double public_spent = 0;         // USD of public money the agent spent this tick (PSU missions)
  double build_time_factor = 1;    // technology export bans slow building abroad
  bool stockpile_enabled = false;  // a stockpile policy of its nation is in force
  // Set by stockpile policies, read while stockpile_enabled: the stock (units, each commodity) at
  // which the agency stops buying, and the most it releases in a tick (units, over its venues).
  double stockpile_target = INFINITY;
  double stockpile_max_release = INFINITY;
  // Also set by stockpile policies, where they set them: the price under which the agency buys
  // and the shortfall over which it releases (0 and NaN: the agency's own buy_below_price and
  // release_shortfall), and the USD the policies in force have left to spend on purchases.
  double stockpile_buy_below = 0;
  double stockpile_release_shortfall = NAN;
  double stockpile_budget_left = INFINITY;
  double purchases_usd = 0;  // USD spent buying (landed) since the trial began
  // Set by capital support: the share of new capacity's capital cost the state pays (0: none),
  // and the construction time of supported builds (years).
  double capex_share = 0;
  double supported_build_years = 0;
  double supported_capacity = 0;  // units/yr of supported builds started, not yet paid for

  // The sampled value of parameter `name` of `info`'s type (its default when not set; 0 when the
  // type has no such parameter).
  [[nodiscard]] double param(const world::AgentInfo& info, ParamName name) const {
    const char* key = name.view().data();
    const ParamMemo& memo = param_memo_[memo_slot(key)];
    if (memo.key == key) return memo.index == kNoParam ? 0.0 : param_at(info, memo.index);
    return find_param(info, name);
  }

  // (1 + `growth`)^`years`, remembered for the last `years` asked: buyers need it twice a tick.
  [[nodiscard]] double growth_factor(double growth, double years) const;
  // 1 − (1 − `per_year`)^`dt_years`: a yearly probability over one tick, remembered likewise.
  [[nodiscard]] double per_tick_probability(double per_year, double dt_years) const;

 private:
  // Where each asked name was found in the type's list, keyed by the name's address: names are
  // compile-time constants (ParamName), so one address always spells the same name and a lookup
  // costs one comparison instead of a scan.
  // A name the type does not have is remembered too, as kNoParam.
  struct ParamMemo {
    const char* key = nullptr;
    std::uint32_t index = 0;
  };
  static constexpr std::uint32_t kNoParam = 0xffffffffU;
  // Literals lie next to one another, so their addresses are mixed (Fibonacci hashing) before
  // picking a slot: a slot two names share misses on every other call. The rules ask an agent
  // for some 20 to 40 names a tick, so the table has room enough that such shared slots are rare.
  static constexpr int kParamMemoBits = 7;
  static constexpr std::size_t kParamMemoSlots = std::size_t{1} << kParamMemoBits;
  static std::size_t memo_slot(const char* key) noexcept {
    return static_cast<std::size_t>(
        (reinterpret_cast<std::uintptr_t>(key) * std::uint64_t{0x9E3779B97F4A7C15}) >>
        (64 - kParamMemoBits));
  }
  [[nodiscard]] double param_at(const world::AgentInfo& info, std::size_t index) const {
    return index < params.size() ? params[index] : info.spec->params[index].default_value;
  }
  // The memo's miss: scans the type's list and remembers where `name` was found.
  [[nodiscard]] double find_param(const world::AgentInfo& info, ParamName name) const;
  mutable std::array<ParamMemo, kParamMemoSlots> param_memo_{};
  // The last arguments and result of growth_factor() and per_tick_probability(); NaN arguments
  // never compare equal, so the first call always computes.
  mutable std::array<double, 3> growth_memo_{NAN, NAN, 0.0};
  mutable std::array<double, 3> per_tick_memo_{NAN, NAN, 0.0};
};

// What every agent may read when deciding: last prices, references and national shortages.
struct Snapshot {
  int tick = 0;
  double dt_years = 7.0 / 365.0;
  double years = 0;                     // since the calendar start
  std::vector<double> venue_price;      // USD/unit: last VWAP, or the reference before trading
  std::vector<double> venue_volume;     // units traded last tick
  std::vector<double> nation_shortage;  // last tick's unmet share of magnet demand, by nation
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

  [[nodiscard]] double low(int venue, int nation) const {
    return landed_low[static_cast<std::size_t>(venue * nations + nation)];
  }
  [[nodiscard]] double high(int venue, int nation) const {
    return landed_high[static_cast<std::size_t>(venue * nations + nation)];
  }
};

// An order in economic units; the trial converts it to book ticks and lots.
struct OrderRequest {
  int venue = 0;
  market::Side side = market::Side::kBuy;
  double price_usd = 0;  // per unit: a seller's minimum receipt, a buyer's maximum landed cost
  double units = 0;
};

}  // namespace reesim::agents
