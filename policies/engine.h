// The policies in force during one trial (DESIGN §3): a loop over the policy components of
// policies/registry.h. The engine switches policies on by date, trigger or chance, lets each
// component keep its books each tick, and gathers what they do through two channels: the
// market's TradeRules (who may sell to whom, tariffs, freight, quotas) and the read-only policy
// view agents read (floors, incentives, build times, stockpiles, mandates). It also pays what
// the domestic measures owe at settlement. One engine per trial; not thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/model_params.h"
#include "market/trade_rules.h"
#include "policies/policy.h"
#include "policies/registry.h"
#include "world/policy_view.h"
#include "world/random.h"
#include "world/world.h"

namespace reesim::policies {

class PolicyEngine final : public market::TradeRules {
 public:
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
  [[nodiscard]] bool terms_changed(world::CommodityIndex commodity) const {
    return terms_changed_[commodity] != 0;
  }
  // Writes what the policies in force mean for each agent this tick into `view` (one row per
  // agent: floors, incentives, capital support, build times, stockpiles and their limits,
  // mandates, alliance preferences) and the capacity incentives award at activation.
  void update_view(world::PolicyView& view, int tick);
  // Pays the production incentives in force for `units` of `commodity` sold by `agent`, each
  // within what is left of its budget; returns the USD paid.
  double pay_incentives(world::AgentIndex agent, world::CommodityIndex commodity, double units);
  // Tops up `units` of `commodity` that `agent` sold at `price` (USD/unit) to the price floor
  // `floor` it holds, within what is left of the guarantee's yearly volume; returns the USD paid.
  double pay_floor(world::AgentIndex agent, world::CommodityIndex commodity, double floor,
                   double units, double price);
  // Whether, as of the last update_view(), a price floor or a production incentive may pay
  // `agent` on its sales: the settlement reads a seller's floors and incentives only then, so
  // that a large world's trades do not each fetch two rows of the view that hold nothing.
  [[nodiscard]] bool pays_sales(world::AgentIndex agent) const noexcept {
    return world::at(agent) < pays_sales_.size() && pays_sales_[agent] != 0;
  }
  // Pays the state's share of the capital cost of `capacity` (units/yr) `agent` started building
  // under capital support, within what is left of the scheme's budget; returns the USD paid.
  double pay_capital_support(world::AgentIndex agent, double capacity);
  // Records USD a stockpile agency paid for a purchase, from which stockpile budgets count.
  void record_purchase(world::AgentIndex agent, double usd) { purchases_[agent] += usd; }
  // Records a trade of `units` from origin to destination, for sizing licence applications.
  void record_flow(world::CommodityIndex commodity, world::NationIndex origin,
                   world::NationIndex destination, double units);
  // Whether any policy caps output (production quotas): only then does the trial report
  // capacities and output.
  [[nodiscard]] bool caps_output() const { return !cappers_.empty(); }
  // Records `agent`'s capacities before this tick's update_view(), for sharing quotas.
  void set_capacity(world::AgentIndex agent,
                    const world::ByIndex<world::CommodityIndex, double>& capacity) {
    if (capped_rows_[agent] != 0) capacity_[agent] = capacity;  // the only capacities read
  }
  // Records `units` of `commodity` that `agent` produced this tick, drawn from the quotas.
  void record_output(world::AgentIndex agent, world::CommodityIndex commodity, double units);

  // The levies on a trade in `venue` from `origin` to `destination` under the policies in force:
  // tariffs (to the destination, less what allies waive) and export duties (to the nation that
  // enacted them), as shares of the price; none within a nation.
  void levies(world::VenueIndex venue, world::NationIndex origin, world::NationIndex destination,
              std::vector<Levy>& out) const;

  [[nodiscard]] bool active(world::PolicyIndex policy) const { return activity_[policy].active; }
  // A policy's component, for the metrics that trace it (licences, quota used).
  [[nodiscard]] const PolicyKind& kind(world::PolicyIndex policy) const { return kinds_[policy]; }
  // Times the policy has switched on so far in this trial.
  [[nodiscard]] int episodes(world::PolicyIndex policy) const { return activity_[policy].episodes; }
  // A chance's or a renewal's probability per tick as drawn for this trial.
  [[nodiscard]] double per_tick(world::PolicyIndex policy) const {
    return activity_[policy].per_tick;
  }
  // A renewal's from_offset_days as drawn for this trial (0 when not given).
  [[nodiscard]] double from_offset_days(world::PolicyIndex policy) const {
    return activity_[policy].from_offset_days;
  }
  // A policy's activation duration_days as drawn for this trial (0 when not given).
  [[nodiscard]] double duration_days(world::PolicyIndex policy) const {
    return activity_[policy].duration_days;
  }
  // The value of a policy's parameter in force now (after its dated changes).
  [[nodiscard]] double current_param(world::PolicyIndex policy, int index) const {
    const std::vector<double>& now = current_[world::at(policy)];
    return now.empty() ? param(policy, index) : now[static_cast<std::size_t>(index)];
  }
  // The sampled value of a policy's parameter, by its index in the type's list.
  [[nodiscard]] double param(world::PolicyIndex policy, int index) const {
    return values_[policy][static_cast<std::size_t>(index)];
  }

  // Moves from outside the model: a government playing at the gateway (docs/gateway.md). Both
  // take effect at the next begin_tick(), so a tick runs under one set of policies whatever is
  // moved during it; moves made between two ticks apply in the order made.
  // From the next tick, parameter `index` of `policy` takes `value` (within the parameter's
  // range), after the dated changes due then; a later dated change still applies.
  void set_param(world::PolicyIndex policy, int index, double value);
  // From the next tick, `policy` is in force (`on`) or not, and stays so for the rest of the
  // trial whatever its activation says (until set again).
  void set_in_force(world::PolicyIndex policy, bool on);

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
  [[nodiscard]] market::Quantity seller_quota_left(market::VenueId venue, market::NationId origin,
                                                   market::NationId destination,
                                                   market::AgentId seller) const override;
  void consume_seller_quota(market::VenueId venue, market::NationId origin,
                            market::NationId destination, market::AgentId seller,
                            market::Quantity quantity) override;

 private:
  // A named struct, not unpacked by structured bindings: the quota functions' lambdas name its
  // fields, and clang 14, which builds the fuzz targets, does not let a lambda name a binding.
  struct QuotaPair {
    world::CommodityIndex commodity;
    world::NationIndex origin;
    world::NationIndex destination;
  };
  [[nodiscard]] QuotaPair quota_pair(market::VenueId venue, market::NationId origin,
                                     market::NationId destination) const;
  // The terms the policies in force set between two distinct nations for `commodity`, freight
  // aside, computed afresh (terms() keeps them).
  [[nodiscard]] market::PairTerms commodity_terms(world::CommodityIndex commodity,
                                                  world::NationIndex origin,
                                                  world::NationIndex destination) const;
  [[nodiscard]] static market::Quantity whole_lots(double units, double lot);
  [[nodiscard]] Env env(world::PolicyIndex p) const {
    return {world_, model_, world_.policies()[p], activity_[p], flows_, p, tick_};
  }
  // A dated change of one parameter: from `tick` parameter `index` takes `value`.
  struct Change {
    int tick = 0;
    int index = 0;
    double value = 0;
  };
  void switch_on(world::PolicyIndex p, int tick);
  // A renewal process: while off, a draw per tick; once on, an episode of drawn length.
  void update_renewal(world::PolicyIndex p, int tick);
  // Applies policy `p`'s parameter changes due by `tick`; true when any was.
  bool apply_schedule(world::PolicyIndex p, int tick);
  // Applies the parameters set_param() set for policy `p` since the last tick; true when any was.
  bool apply_moves(world::PolicyIndex p);
  // Rebinds policy `p`'s component to its parameters in force (current_).
  void rebind(world::PolicyIndex p);
  void update_activation(world::PolicyIndex p, int tick, std::span<const double> metrics);
  // A trigger's delay in ticks: the `reaction_days` of the enacting nation's government agent
  // (its first in the scenario, drawn as the trial draws it), else the registered default.
  [[nodiscard]] int reaction_ticks(const world::PolicyInfo& info, std::uint64_t seed,
                                   std::uint64_t trial) const;
  // Marks the commodities whose terms policy `p` sets as changed (all, for alliance terms).
  void mark_terms_changed(world::PolicyIndex p);

  const world::World& world_;
  ModelParams model_;
  world::RandomStream random_;
  // By policy: its component, its sampled parameters, its activation, whether it sets terms.
  world::ByIndex<world::PolicyIndex, PolicyKind> kinds_;
  world::ByIndex<world::PolicyIndex, std::vector<double>> values_;
  world::ByIndex<world::PolicyIndex, Activity> activity_;
  world::ByIndex<world::PolicyIndex, std::uint8_t> trade_;
  // By policy: its dated parameter changes, the next one due, and its parameters in force now
  // (empty without changes).
  std::vector<std::vector<Change>> schedule_;
  std::vector<std::size_t> next_change_;
  std::vector<std::vector<double>> current_;
  // Moves from outside the model (set_param, set_in_force): the parameters set since the last
  // tick, in the order set, and by policy whether it is held on (1), off (0) or not held (-1).
  std::vector<Change> moved_;
  std::vector<world::PolicyIndex> moved_policy_;
  world::ByIndex<world::PolicyIndex, std::int8_t> held_;
  bool rebound_ = false;                          // parameters changed since the last update_view()
  std::vector<world::PolicyIndex> flow_readers_;  // the policies that read every trade
  std::vector<world::PolicyIndex> cappers_;       // the policies that cap output
  Capacities capacity_;                           // by agent, when some policy caps output
  std::vector<std::int64_t> freight_ticks_;       // by (venue, origin): freight in price ticks
  FlowMemory flows_;
  bool frozen_ = false;  // the usual flows are frozen this tick (licensing or a leaky ban)
  world::ByIndex<world::AgentIndex, double> purchases_;  // USD each agency spent buying so far
  int tick_ = 0;
  // The rows of the view update_view() resets each tick, each list in index order: the stockpile
  // agencies, the makers a production quota may cap and the recyclers a mandate reaches; and
  // whether the view was shaped last time (awards are made only then, and last that tick).
  std::vector<world::AgentIndex> agencies_;
  std::vector<world::AgentIndex> capped_;
  world::ByIndex<world::AgentIndex, std::uint8_t> capped_rows_;  // by agent, 1: in capped_
  std::vector<world::AgentIndex> mandated_;
  bool awarded_ = false;
  // The policies in force that terms(), quota_left() and consume_quota() read (the trade
  // measures), in policy order: the books ask for terms pair by pair, and the other policies add
  // nothing to them. Rebuilt by begin_tick(), the only place policies switch.
  std::vector<world::PolicyIndex> trading_;
  world::ByIndex<world::CommodityIndex, std::uint8_t> terms_changed_;  // in the last begin_tick()
  // What terms() reads from the policies, by commodity, origin and destination (commodity *
  // nations² + origin * nations + destination; freight is the venue's own), and which entries are
  // known: the books of a commodity's venues and the trial's landed costs ask for the same pairs
  // tick after tick, and terms change only in begin_tick(), which forgets the commodities whose
  // terms it changed.
  mutable std::vector<market::PairTerms> terms_memo_;
  mutable std::vector<std::uint8_t> terms_known_;
  Payers payers_;
  world::ByIndex<world::AgentIndex, std::uint8_t> pays_sales_;  // by agent, see pays_sales()
  // By policy, as of the last update_view() that wrote the domestic measures: 0 not in force, 1
  // in force, 2 in force and paying (open); and this tick's, to compare.
  world::ByIndex<world::PolicyIndex, std::uint8_t> applied_;
  world::ByIndex<world::PolicyIndex, std::uint8_t> applied_now_;
};

}  // namespace reesim::policies
