// A magnet buyer (DESIGN §3): buys magnets for a nation's sector (EV, wind, electronics,
// defence), keeps a buffer that grows with expected scarcity, pays up to the value of magnets in
// its products, cuts demand with price over a quarter and over years, and substitutes after
// sustained high prices, partly coming back when they fall (docs/model.md §7.6, §7.9).
#pragma once

#include <cmath>
#include <span>
#include <vector>

#include "agents/agent.h"
#include "core/detmath.h"

namespace reesim::agents {

struct MagnetBuyer {
  struct Params {
    double demand_growth = 0;
    double short_run_elasticity = 0;
    double long_run_elasticity = 0;
    double buffer_weeks = 0;
    double max_price_ratio = 0;
    double substitution_price_ratio = 0;
    double substitution_lag_weeks = 0;
    double substitution_max_share = 0;
    // Value in use (0 cost share: off, the capped bid).
    double magnet_cost_share = 0;
    double product_margin = 0;
    double use_value_spread = 0;
    double scarcity_gap = 0;
    // Substitution by partial adjustment (0 speed: off, the lagged ratchet).
    double substitution_speed = 0;
    double substitution_reversibility = 0;
    // Precautionary buffer (0 weeks: off).
    double precaution_weeks_per_shortage = 0;
    double momentum_weeks = 0;
    double max_buffer_weeks = 0;
  };

  [[nodiscard]] static const TypeSpec& spec();
  explicit MagnetBuyer(std::span<const double> values);

  void decide(const Context& ctx, const AgentState& state, std::vector<OrderRequest>& orders) const;
  void consume(const Context& ctx, AgentState& state);
  void fill_stocks(const Context& ctx, AgentState& state,
                   const CommodityFlags& set_by_scenario) const;

  // Its demand this tick, in units.
  [[nodiscard]] double weekly_demand(const Context& ctx, const AgentState& state,
                                     world::CommodityIndex commodity) const;

  // The most it pays for the marginal unit, landed, as a multiple of the reference price: where
  // the magnets' extra cost eats its product's margin, 1 + product_margin / magnet_cost_share,
  // within max_price_ratio. Infinite while the value-in-use rule is off.
  [[nodiscard]] double reservation_ratio() const;
  // The share of its uses still worth serving at `ratio` times the reference (landed): 1 up to
  // the cheapest use's reservation price, falling linearly to 0 at reservation_ratio().
  [[nodiscard]] double served_share(double ratio) const;
  // Under the value-in-use rule its need is bid in kTranches equal parts, one per quantile of the
  // value of the uses it still serves (the top `served` share of the span of use values), most
  // valuable first: four trace the curve while keeping each part above a lot in the scenarios.
  // The reservation price of tranche `tranche`, as a multiple of the reference: the middle of
  // its quantile.
  static constexpr int kTranches = 4;
  [[nodiscard]] double tranche_ratio(int tranche) const;
  // The stock it aims to hold, in weeks of demand: buffer_weeks, more with its shortage memory
  // and rising prices, less with falling ones, within [0, max_buffer_weeks].
  [[nodiscard]] double target_buffer_weeks() const;

  Params params;
  double shortage_memory = 0;   // smoothed unmet share of needs, [0, 1]
  double high_price_weeks = 0;  // consecutive weeks above the substitution threshold
  double substituted = 0;       // share of demand substituted away, [0, max share]
  double substituted_peak = 0;  // the most substituted so far (what reversal is measured from)
  // Its price memories, as ratios to the reference price: over about a quarter and about three
  // years (exponential averages), and the demand response they imply.
  double price_short = 1;
  double price_long = 1;
  double price_response = 1;
  // Its last landed price over the reference, and the share of its uses worth serving at it (1
  // while the value-in-use rule is off).
  double landed_ratio = 1;
  double served = 1;

 private:
  void update_price_response(const ModelParams& model, double ratio);
  void update_substitution(const Context& ctx, double price, double reference_price);
  // (1 + growth)^years, needed twice a tick.
  mutable detmath::PowMemo growth_;
};

// A sector buyer (docs/model.md §7.15): the magnet buyer's rules for a commodity used outside
// magnets (La and Ce oxides for catalysts, polishing, glass, phosphors, alloys and batteries; or
// any other), with defaults for those uses. Its parameters named for magnets read as the
// commodity it buys (magnet_cost_share: that commodity's share of its product's cost). Its demand
// and shortfall count in metrics by commodity, not in its nation's magnet shortage.
struct SectorBuyer : MagnetBuyer {
  [[nodiscard]] static const TypeSpec& spec();
  using MagnetBuyer::MagnetBuyer;
};

}  // namespace reesim::agents
