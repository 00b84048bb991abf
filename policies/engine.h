// The policies in force during one trial (DESIGN §3). The engine switches policies on by date,
// trigger or chance, runs export licensing (applications, random delays, approvals, expiry) and
// quotas, and acts through two channels: the market's TradeRules (who may sell to whom, tariffs,
// freight, quotas) and agents' incentives (price floors, subsidies, build times, stockpiles).
// One engine per trial; not thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "agents/state.h"
#include "market/trade_rules.h"
#include "sim/random.h"
#include "sim/world.h"

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
  };

  // Draws each policy's parameters from the trial's streams (entity = policy id).
  PolicyEngine(const sim::World& world, std::uint64_t seed, std::uint64_t trial);
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
  // Sets each agent's policy-driven fields (floors, incentives, build times, stockpiles) and
  // starts the capacity builds that incentives award at activation.
  void apply_to_agents(std::vector<agents::AgentState>& agents, int tick);
  // Pays the production incentives in force for `units` of `commodity` sold by `agent`, each
  // within what is left of its budget; returns the USD paid.
  double pay_incentives(int agent, int commodity, double units);
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
    double duration_days = 0;  // drawn per trial; 0 = until `end`
    // Licensing, by destination nation; quotas, by destination (licensing) or one pool.
    std::vector<std::vector<Grant>> grants;
    std::vector<std::vector<Application>> applications;
    double quota_left = 0;
    int quota_year = -1;
    double paid = 0;  // USD a production incentive has paid so far
    // Parameters read while trading, looked up by name once (0 where the type has none).
    double rate = 0;
    double leakage = 0;
    double enforcement = 0;
    double tariff_discount = 0;
    // A leaky export ban (leakage > 0): units leaked this tick by (commodity, origin,
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

  [[nodiscard]] bool is(std::size_t p, Kind kind) const { return kinds_[p] == kind; }
  [[nodiscard]] bool covers(const sim::PolicyInfo& policy, int commodity, int origin,
                            int destination) const;
  void switch_on(std::size_t p, int tick);
  void update_activation(std::size_t p, int tick, std::span<const double> metrics);
  void update_licensing(std::size_t p, int tick);
  void update_quota(std::size_t p, int tick);
  [[nodiscard]] double licensed(std::size_t p, int destination) const;
  // An export ban whose `leakage` lets part of the usual flow through.
  [[nodiscard]] bool leaky_ban(std::size_t p) const;
  [[nodiscard]] std::size_t flow_index(int commodity, int origin, int destination) const;

  const sim::World& world_;
  sim::RandomStream random_;
  std::vector<Kind> kinds_;                  // by policy
  std::vector<std::int64_t> freight_ticks_;  // by (venue, origin): freight in price ticks
  std::vector<State> state_;
  int tick_ = 0;
  // Smoothed weekly flow by (commodity, origin, destination), units: licence applications ask
  // for the usual volume.
  std::vector<double> usual_flow_;
  std::vector<std::uint8_t> re_export_blocked_;  // by policy, drawn each tick
  std::vector<std::vector<Payer>> payers_;       // by agent: incentives paying it this tick
  bool licensing_ = false;  // the usual flows are frozen (licensing or a leaky ban in force)
  double flow_weight_ = 0;  // total weight of the smoothed flows (1 - memory^ticks)
  std::vector<std::uint8_t> terms_changed_;  // by commodity, in the last begin_tick()
  // By policy, as of the last apply_to_agents() that wrote the agents: 0 not in force, 1 in
  // force, 2 an incentive in force and paying; and this tick's, to compare.
  std::vector<std::uint8_t> applied_;
  std::vector<std::uint8_t> applied_now_;
  [[nodiscard]] bool incentive_paying(std::size_t p, int tick) const;
  // Marks the commodities whose terms policy `p` sets as changed (all, for alliance terms).
  void mark_terms_changed(std::size_t p);
};

}  // namespace reesim::policies
