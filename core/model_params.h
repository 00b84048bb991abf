// The model parameters (DESIGN §2, "Components"): every behavioural constant of the agents' rules
// and the policy engine that is not a parameter of one agent or policy type. A scenario sets them
// as `model { params { name: "price_step" value { fixed: 0.04 } } }`, `--set` and sweeps address
// them as `model.params[price_step].value`, and the manifest records them. Each default is the
// value the rules used before it became a parameter. Immutable static data; thread-safe.
#pragma once

#include <span>
#include <string_view>

#include "core/param_spec.h"

namespace reesim {

// Every model parameter, in a fixed order (ModelParams's fields follow it).
[[nodiscard]] std::span<const ParamSpec> model_params();

// The model parameter called `name`, or nullptr.
[[nodiscard]] const ParamSpec* find_model_param(std::string_view name);

// The model parameters as typed fields, resolved once per trial (no name lookup while ticking).
// Units and meaning: model_params(), docs/model.md "Model parameters".
struct ModelParams {
  // Price formation.
  double price_step = 0;           // fraction of price per tick at a full inventory gap
  double price_anchor_rate = 0;    // pull of every quote toward the normal price, per tick
  double bid_urgency = 0;          // extra bid per unit of smoothed unmet share
  double max_bid_multiple = 0;     // no bid above this multiple of the reference price
  double reach_up = 0;             // growth of a bidder's reach per unfilled tick
  double reach_down = 0;           // fall of a bidder's reach per filled tick
  double venue_learning_rate = 0;  // weight of this tick in the smoothed sell-/fill-through
  double venue_floor = 0;          // least smoothed sell-/fill-through
  // Producers and makers.
  double target_cover_weeks = 0;       // stock of output and feed held, in weeks
  double feed_payable_share = 0;       // most of the basket's value paid for feed
  double signal_memory = 0;            // weekly weight of the past in smoothed margins and shortage
  double invest_step = 0;              // share of capacity one build adds
  double invest_review_weeks = 0;      // weeks between a producer's investment reviews
  double sales_fast_weeks = 0;         // horizon of a producer's recent sales level
  double sales_slow_weeks = 0;         // horizon of the older level its growth is read against
  double expected_growth_prior = 0;    // growth a producer expects before it has sales history
  double scarcity_memory_weeks = 0;    // horizon of a producer's price over the normal price
  double invest_price_response = 0;    // elasticity of target capacity to margin over full cost
  double invest_content_response = 0;  // elasticity of target capacity to the content call
  double below_cost_utilisation = 0;   // utilisation factor when paid below cash cost
  double min_utilisation = 0;          // least utilisation of a producing plant
  double reference_utilisation = 0;    // utilisation at the reference price when not given
  double capex_years_of_revenue = 0;   // capital cost per unit/yr as years of reference revenue
  double maker_plan_response = 0;      // a maker's utilisation response to its magnet stock gap
  double maker_min_utilisation = 0;    // least planned utilisation of a magnet plant
  double maker_scarcity_gap = 0;       // input cover gap beyond which a maker bids toward worth
  // Buyers.
  double substitution_rate = 0;         // share of demand substituted per week once started
  double short_price_memory_weeks = 0;  // horizon of the short-run price memory
  double long_price_memory_weeks = 0;   // horizon of the long-run price memory
  // Stockpile agencies.
  double stockpile_release_share = 0;  // share of stock released per tick in shortage
  double stockpile_release_price = 0;  // release ask as a multiple of the market price
  double stockpile_cash_share = 0;     // share of cash spent buying per tick at most
  // Policy engine.
  double licence_flow_memory = 0;  // weekly weight of the past in the usual flow a licence covers
  double content_memory = 0;       // weekly weight of the past in re-export content shares
};

// `values` aligned with model_params() as typed fields.
[[nodiscard]] ModelParams resolve_model_params(std::span<const double> values);

}  // namespace reesim
