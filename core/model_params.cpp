#include "core/model_params.h"

#include <array>

#include "core/param_binding.h"

namespace reesim {
namespace {

using Binding = ParamBinding<ModelParams>;

// Sources: rows of docs/calibration.md ("cal §N"); "prior" where no published figure exists
// (cal §4: no credible elasticities or adjustment speeds are published). docs/model.md explains
// each in the submodel that uses it.
constexpr Binding kBindings[] = {
    {{"price_step", "fraction/tick",
      "price step per tick at a full inventory gap, the same for buyers and sellers so that a "
      "market at its inventory targets has no drift",
      0.05, 0.0, 1.0, "prior"},
     &ModelParams::price_step},
    {{"price_anchor_rate", "fraction/tick",
      "pull of every ask and bid toward the commodity's normal price (its reference moved by the "
      "cost of its inputs), per tick: with a lasting inventory gap g, quotes settle near "
      "normal / (1 - price_step x g / price_anchor_rate), so a shortfall raises prices to a "
      "level set by its size and prices come back as the gap closes; 0: no pull. Prior: the "
      "smallest of 0.02, 0.05 and 0.1 that damps the swing after a four-week outage in a "
      "balanced world (tests/sim/dynamics_test.cpp) to under a third within two years",
      0.05, 0.0, 1.0, "prior"},
     &ModelParams::price_anchor_rate},
    {{"bid_urgency", "ratio", "extra bid, as a share of price, per unit of smoothed unmet demand",
      0.3, 0.0, 10.0, "prior"},
     &ModelParams::bid_urgency},
    {{"max_bid_multiple", "ratio",
      "no bid above this multiple of the commodity's reference price (a sanity bound)", 12.0, 1.0,
      1000.0, "prior"},
     &ModelParams::max_bid_multiple},
    {{"reach_up", "fraction/tick",
      "how far a bidder's reach toward dearer origins grows per tick while its bids go unfilled",
      0.2, 0.0, 1.0, "prior"},
     &ModelParams::reach_up},
    {{"reach_down", "fraction/tick",
      "how far a bidder's reach falls back per tick while its bids fill", 0.02, 0.0, 1.0, "prior"},
     &ModelParams::reach_down},
    {{"venue_learning_rate", "fraction",
      "weight of this tick's share sold or filled in a trader's smoothed experience of a venue",
      0.3, 0.0, 1.0, "prior"},
     &ModelParams::venue_learning_rate},
    {{"venue_floor", "fraction",
      "least smoothed share sold or filled a trader keeps for a venue, so a reopened venue is "
      "found again",
      0.02, 0.0, 1.0, "prior"},
     &ModelParams::venue_floor},
    {{"target_cover_weeks", "weeks",
      "stock of output (and a separator's feed) producers and makers aim to hold", 4.0, 0.0, 104.0,
      "prior"},
     &ModelParams::target_cover_weeks},
    {{"feed_payable_share", "fraction",
      "most of the oxides' value a separator pays for concentrate (payable share of contained "
      "NdPr, about a third, with room for a richer basket)",
      0.5, 0.0, 1.0, "prior"},
     &ModelParams::feed_payable_share},
    {{"signal_memory", "fraction",
      "weekly weight of the past in smoothed margins (investment) and unmet shares (urgency)", 0.9,
      0.0, 1.0, "prior"},
     &ModelParams::signal_memory},
    {{"invest_step", "fraction",
      "smallest endogenous build, as a share of current capacity (projects come in sizes; a "
      "smaller gap waits)",
      0.05, 0.0, 1.0, "prior"},
     &ModelParams::invest_step},
    {{"invest_review_weeks", "weeks",
      "weeks between a producer's investment reviews (a board reviewing its plan each quarter)",
      13.0, 1.0, 520.0, "prior"},
     &ModelParams::invest_review_weeks},
    {{"sales_fast_weeks", "weeks",
      "horizon of the recent level of a producer's own sales, and of end users' demand, from "
      "which producers project demand (exponential averages)",
      26.0, 1.0, 520.0, "prior"},
     &ModelParams::sales_fast_weeks},
    {{"sales_slow_weeks", "weeks",
      "horizon of the older level of end users' demand against which producers read its growth "
      "(adaptive expectation: growth = log(recent / older) over the gap between the horizons)",
      104.0, 2.0, 1040.0, "prior"},
     &ModelParams::sales_slow_weeks},
    {{"expected_growth_prior", "fraction/yr",
      "growth of end users' demand producers expect before its history shows any (cal §3: "
      "+8 %/yr Nd demand prior); history replaces it over about sales_slow_weeks",
      0.08, -0.5, 1.0, "prior"},
     &ModelParams::expected_growth_prior},
    {{"scarcity_memory_weeks", "weeks",
      "horizon of the exponential average of a producer's market price over the normal price "
      "that scales its investment plan: a sustained premium, not a few weeks' spike, builds",
      52.0, 1.0, 520.0, "prior"},
     &ModelParams::scarcity_memory_weeks},
    {{"invest_price_response", "ratio",
      "elasticity of the capacity a producer plans to its smoothed market price over the normal "
      "price: 0 builds for the demand it projects alone",
      0.5, 0.0, 10.0, "prior"},
     &ModelParams::invest_price_response},
    {{"invest_content_response", "ratio",
      "elasticity of the capacity a miner or separator plans to the world's projected shortfall "
      "of capacity for its output (the demand for the elements in it over the capacity that will "
      "make it, against the start's balance): 0 builds on price and sales alone",
      1.0, 0.0, 10.0, "prior"},
     &ModelParams::invest_content_response},
    {{"below_cost_utilisation", "fraction",
      "factor on a producer's utilisation while it is paid less than its cash cost", 0.5, 0.0, 1.0,
      "prior"},
     &ModelParams::below_cost_utilisation},
    {{"min_utilisation", "fraction", "least utilisation of a producing plant", 0.05, 0.0, 1.0,
      "prior"},
     &ModelParams::min_utilisation},
    {{"reference_utilisation", "fraction",
      "utilisation at the reference price of a capacity whose scenario gives none", 0.9, 0.0, 1.0,
      "prior"},
     &ModelParams::reference_utilisation},
    {{"capex_years_of_revenue", "years",
      "capital cost of new capacity as years of revenue at the reference price (checked against "
      "cal §6: INR 750 crore for 6,000 t/yr of magnets)",
      1.0, 0.0, 50.0, "prior"},
     &ModelParams::capex_years_of_revenue},
    {{"maker_plan_response", "ratio",
      "a magnet maker's utilisation response to its magnet stock gap (demand pull)", 0.5, 0.0, 5.0,
      "prior"},
     &ModelParams::maker_plan_response},
    {{"maker_min_utilisation", "fraction", "least utilisation a magnet maker plans", 0.1, 0.0, 1.0,
      "prior"},
     &ModelParams::maker_min_utilisation},
    {{"maker_scarcity_gap", "fraction",
      "input cover gap beyond which a magnet maker bids toward what the input is worth to it", 0.5,
      0.0, 0.99, "prior"},
     &ModelParams::maker_scarcity_gap},
    {{"substitution_rate", "fraction/week",
      "share of demand a buyer substitutes away per week once substitution has started (cal §7)",
      0.01, 0.0, 1.0, "prior"},
     &ModelParams::substitution_rate},
    {{"short_price_memory_weeks", "weeks",
      "horizon of a buyer's short-run price memory (its short-run elasticity's 'within a "
      "quarter')",
      13.0, 1.0, 520.0, "prior"},
     &ModelParams::short_price_memory_weeks},
    {{"long_price_memory_weeks", "weeks",
      "horizon of a buyer's long-run price memory (its long-run elasticity's 'over years')", 156.0,
      1.0, 2080.0, "prior"},
     &ModelParams::long_price_memory_weeks},
    {{"stockpile_release_share", "fraction/tick",
      "share of its stock a stockpile agency offers per tick while releasing", 0.25, 0.0, 1.0,
      "prior"},
     &ModelParams::stockpile_release_share},
    {{"stockpile_release_price", "ratio",
      "a stockpile agency's release ask as a multiple of the market price", 0.98, 0.0, 10.0,
      "prior"},
     &ModelParams::stockpile_release_price},
    {{"stockpile_cash_share", "fraction/tick",
      "most of its cash a stockpile agency bids per tick while buying", 0.02, 0.0, 1.0, "prior"},
     &ModelParams::stockpile_cash_share},
    {{"licence_flow_memory", "fraction",
      "weekly weight of the past in the usual flow that licence applications and leaky bans "
      "count from",
      0.95, 0.0, 1.0, "prior"},
     &ModelParams::licence_flow_memory},
    {{"content_memory", "fraction",
      "weekly weight of the past in the purchases a re-export restriction reads content shares "
      "from (a mean age of about a year)",
      0.98, 0.0, 1.0, "prior"},
     &ModelParams::content_memory},
};

constexpr std::size_t kCount = std::size(kBindings);
static_assert(kCount * sizeof(double) == sizeof(ModelParams),
              "every field of ModelParams is bound to exactly one model parameter");

constexpr std::array<ParamSpec, kCount> kSpecs = specs_of(kBindings);

}  // namespace

std::span<const ParamSpec> model_params() {
  return kSpecs;
}

const ParamSpec* find_model_param(std::string_view name) {
  for (const ParamSpec& spec : kSpecs)
    if (spec.name == name) return &spec;
  return nullptr;
}

ModelParams resolve_model_params(std::span<const double> values) {
  return bind_params<ModelParams>(kBindings, values);
}

}  // namespace reesim
