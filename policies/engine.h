// The policies in force during one trial (DESIGN §3). The engine switches policies on by date,
// trigger or chance, runs export licensing (applications, random delays, approvals, expiry) and
// quotas, and acts through two channels: the market's TradeRules (who may sell to whom, tariffs,
// freight, quotas) and agents' incentives (price floors, subsidies, build times, stockpiles).
// One engine per trial; not thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/model_params.h"
#include "market/trade_rules.h"
#include "world/policy_view.h"
#include "world/random.h"
#include "world/world.h"

namespace reesim::policies {

class PolicyEngine final : public market::TradeRules {
 public:
  // The registered policy types the engine acts on (kOther: validated, no effect here).
  enum class Kind : std::uint8_t {
    kOther,
    kExportLicensing,
    kExportQuota,
    kExportBan,
    kImportBan,
    kReExportRestriction,
    kTariff,
    kAllianceTerms,
    kTechnologyExportBan,
    kStockpile,
    kPriceFloor,
    kProductionIncentive,
    kCapitalSupport,
    kRecyclingMandate,
  };

  // Draws each policy's parameters from the trial's streams (entity = policy id).
  PolicyEngine(const world::World& world, const ModelParams& model, std::uint64_t seed,
               std::uint64_t trial);
  PolicyEngine(const PolicyEngine&) = delete;
  PolicyEngine& operator=(const PolicyEngine&) = delete;

  // Updates what is in force at `tick`. `metrics` holds each scenario metric's value at the
  // previous tick (NaN when unknown), for triggers. Returns true when trade terms changed.
  bool begin_tick(int tick, std::span<const double> metrics);
  // Whether the last begin_tick() changed the terms of trade in `commodity`: books of other
  // commodities need not re-read them.
  [[nodiscard]] bool terms_changed(int commodity) const {
    return terms_changed_[static_cast<std::size_t>(commodity)] != 0;
  }
  // Writes what the policies in force mean for each agent this tick into `view` (one row per
  // agent: floors, incentives, capital support, build times, stockpiles and their limits,
  // mandates, alliance preferences) and the capacity incentives award at activation.
  void update_view(world::PolicyView& view, int tick);
  // Pays the production incentives in force for `units` of `commodity` sold by `agent`, each
  // within what is left of its budget; returns the USD paid.
  double pay_incentives(int agent, int commodity, double units);
  // Tops up `units` of `commodity` that `agent` sold at `price` (USD/unit) to the price floor
  // `floor` it holds, within what is left of the guarantee's yearly volume; returns the USD paid.
  double pay_floor(int agent, int commodity, double floor, double units, double price);
  // Pays the state's share of the capital cost of `capacity` (units/yr) `agent` started building
  // under capital support, within what is left of the scheme's budget; returns the USD paid.
  double pay_capital_support(int agent, double capacity);
  // Records USD a stockpile agency paid for a purchase, from which stockpile budgets count.
  void record_purchase(int agent, double usd) {
    purchases_[static_cast<std::size_t>(agent)] += usd;
  }
  // Records a trade of `units` from origin to destination, for sizing licence applications.
  void record_flow(int commodity, int origin, int destination, double units);

  [[nodiscard]] bool active(int policy) const {
    return state_[static_cast<std::size_t>(policy)].active;
  }
  // The sampled value of a policy's parameter, by name or by its index in the type's list.
  [[nodiscard]] double param(int policy, std::string_view name) const;
  [[nodiscard]] double param(int policy, int index) const {
    return state_[static_cast<std::size_t>(policy)].params[static_cast<std::size_t>(index)];
  }

  // market::TradeRules
  [[nodiscard]] market::PairTerms terms(market::VenueId venue, market::NationId origin,
                                        market::NationId destination) const override;
  [[nodiscard]] std::size_t nation_bound() const override {
    return static_cast<std::size_t>(world_.nation_count());
  }
  [[nodiscard]] market::Quantity quota_left(market::VenueId venue, market::NationId origin,
                                            market::NationId destination) const override;
  void consume_quota(market::VenueId venue, market::NationId origin, market::NationId destination,
                     market::Quantity quantity) override;

 private:
  struct Grant {
    double units = 0;  // licensed units left
    int expires = 0;   // first tick it no longer counts
  };
  struct Application {
    int decided = 0;  // tick the decision arrives
    double units = 0;
    bool granted = false;
  };
  struct State {
    std::vector<double> params;  // sampled, aligned with the type's parameters
    bool active = false;
    bool done = false;  // switched off; never switched on again
    int start = -1;
    int end = 1 << 30;
    int streak = 0;            // consecutive ticks a trigger condition held
    int reaction_ticks = 0;    // a trigger's delay before the policy takes effect
    int fires_at = -1;         // tick a fired trigger takes effect; -1 until it fires
    double duration_days = 0;  // drawn per trial; 0 = until `end`
    // Licensing, by destination nation; quotas, by destination (licensing) or one pool.
    std::vector<std::vector<Grant>> grants;
    std::vector<std::vector<Application>> applications;
    // Export quotas and a price floor's yearly volume: units left this calendar year.
    double quota_left = 0;
    int quota_year = -1;
    double paid = 0;  // USD a production incentive or capital support has paid so far
    // Parameters read while trading, looked up by name once (0 where the type has none).
    double rate = 0;
    double leakage = 0;
    double enforcement = 0;
    double tariff_discount = 0;
    // Parameters read while acting on agents, likewise.
    double floor_price = 0;
    double volume_cap = 0;  // price floor: units a year the guarantee covers
    double budget = 0;      // production incentive, capital support: USD (0: no limit)
    double share_of_capex = 0;
    double build_years = 0;
    double target_units = 0;       // stockpile
    double max_release = 0;        // stockpile: units a tick
    double buy_below = 0;          // stockpile: 0 leaves the agency's own
    double release_shortfall = 0;  // stockpile: 0 leaves the agency's own
    // Stockpile: the agencies' purchases (USD) when the policy came into force (NaN while it is
    // not), from which its budget is counted.
    double purchases_at_start = NAN;
    // A re-export restriction: its `content_threshold`; which commodities carry the enacting
    // nation's content (the covered ones and those of earlier stages); by buying nation, the
    // smoothed value bought of them from the enacting nation and from anyone, and whether the
    // enacting nation's share reaches the threshold (its sales are then covered).
    double content_threshold = 0;
    std::vector<std::uint8_t> content_commodities;
    std::vector<double> content_from;
    std::vector<double> content_all;
    std::vector<std::uint8_t> content_covered;
    // A leaky export or import ban (leakage > 0): units leaked this tick by (commodity, origin,
    // destination); empty for every other policy.
    std::vector<double> leaked;
  };
  // A production incentive paying an agent this tick.
  struct Payer {
    int policy = 0;
    int commodity = 0;
    double per_unit = 0;
    double budget = 0;  // the scheme's budget_usd (0: no limit)
  };
  // A price floor guaranteeing an agent's sales this tick.
  struct FloorPayer {
    int policy = 0;
    int commodity = 0;
    double floor = 0;
  };

  [[nodiscard]] bool is(std::size_t p, Kind kind) const { return kinds_[p] == kind; }
  // Parts of apply_to_agents: alliance sales preferences and recycling mandates.
  void prefer_members(world::PolicyView& view, double share) const;
  void apply_mandates(world::PolicyView& view, int tick) const;
  void apply_stockpile_budgets(world::PolicyView& view);
  // Whether `agent` is a stockpile agency of the nation enacting policy `p`.
  [[nodiscard]] bool is_agency(std::size_t p, std::size_t agent) const;
  // Whether agent `agent`'s type has trait `trait` (world::AgentTrait).
  [[nodiscard]] bool has_trait(std::size_t agent, std::uint32_t trait) const {
    return (world_.agents()[agent].spec->traits & trait) != 0;
  }
  [[nodiscard]] bool covers(std::size_t p, int commodity, int origin, int destination) const;
  // Whether policy `p` names `commodity` (PolicyInfo::commodities, read without bit packing).
  [[nodiscard]] bool covers_commodity(std::size_t p, int commodity) const {
    return commodity_cover_[p * world_.commodities().size() +
                            static_cast<std::size_t>(commodity)] != 0;
  }
  // Whether nations `a` and `b` share an alliance.
  [[nodiscard]] bool allied(int a, int b) const {
    return (allies_[static_cast<std::size_t>(a)] >> static_cast<unsigned>(b) & 1U) != 0;
  }
  // Rebuilds trading_ from the policies in force.
  void find_trading();
  void switch_on(std::size_t p, int tick);
  void update_activation(std::size_t p, int tick, std::span<const double> metrics);
  void update_licensing(std::size_t p, int tick);
  void update_quota(std::size_t p, int tick);
  [[nodiscard]] double licensed(std::size_t p, int destination) const;
  // An export or import ban whose `leakage` lets part of the usual flow through.
  [[nodiscard]] bool leaky_ban(std::size_t p) const;
  [[nodiscard]] std::size_t flow_index(int commodity, int origin, int destination) const;
  // A re-export restriction's content shares: decays them and re-reads which origins are
  // covered; marks the terms changed when that flips.
  void update_content(std::size_t p);
  void record_content(int commodity, int origin, int destination, double units);
  // A trigger's delay in ticks: the `reaction_days` of the enacting nation's government agent
  // (its first in the scenario, drawn as the trial draws it), else the registered default.
  [[nodiscard]] int reaction_ticks(const world::PolicyInfo& info, std::uint64_t seed,
                                   std::uint64_t trial) const;

  const world::World& world_;
  ModelParams model_;
  world::RandomStream random_;
  std::vector<double> purchases_;            // by agent: USD a stockpile agency spent buying so far
  std::vector<Kind> kinds_;                  // by policy
  std::vector<std::int64_t> freight_ticks_;  // by (venue, origin): freight in price ticks
  std::vector<State> state_;
  int tick_ = 0;
  // Smoothed weekly flow by (commodity, origin, destination), units: licence applications ask
  // for the usual volume.
  std::vector<double> usual_flow_;
  // The entries of usual_flow_ ever written (each once, flagged in usual_listed_): the others
  // stay zero, so the weekly decay visits only these.
  std::vector<std::size_t> usual_written_;
  std::vector<std::uint8_t> usual_listed_;
  std::vector<std::uint8_t> re_export_blocked_;        // by policy, drawn each tick
  std::vector<std::vector<Payer>> payers_;             // by agent: incentives paying it this tick
  std::vector<std::vector<FloorPayer>> floor_payers_;  // by agent: floors guaranteeing it
  std::vector<int> capex_payer_;        // by agent: the capital support paying its builds, or -1
  std::vector<std::size_t> re_export_;  // the re-export restrictions, by policy index
  // The policies in force that terms(), quota_left() and consume_quota() read (the trade measures
  // of mark_terms_changed), in policy order: the books ask for terms pair by pair, and the other
  // policies add nothing to them. Rebuilt by begin_tick(), the only place policies switch.
  std::vector<std::size_t> trading_;
  std::vector<std::uint8_t> commodity_cover_;  // by policy * commodities + commodity
  std::vector<std::uint64_t> allies_;          // by nation: bit per nation sharing an alliance
  bool licensing_ = false;  // the usual flows are frozen (licensing or a leaky ban in force)
  double flow_weight_ = 0;  // total weight of the smoothed flows (1 - memory^ticks)
  std::vector<std::uint8_t> terms_changed_;  // by commodity, in the last begin_tick()
  // By policy, as of the last apply_to_agents() that wrote the agents: 0 not in force, 1 in
  // force, 2 an incentive in force and paying; and this tick's, to compare.
  std::vector<std::uint8_t> applied_;
  std::vector<std::uint8_t> applied_now_;
  [[nodiscard]] bool incentive_paying(std::size_t p, int tick) const;
  // Sets the floors, incentives, awards and capital support that policy `p` gives the agents it
  // reaches (the measures that apply).
  void apply_domestic(std::size_t p, bool floor, bool incentive, bool capital,
                      world::PolicyView& view, int tick);
  // A capital support with budget left; a price floor with volume left this year.
  [[nodiscard]] bool capital_paying(std::size_t p) const;
  [[nodiscard]] bool floor_open(std::size_t p) const;
  // Marks the commodities whose terms policy `p` sets as changed (all, for alliance terms).
  void mark_terms_changed(std::size_t p);
};

}  // namespace reesim::policies
