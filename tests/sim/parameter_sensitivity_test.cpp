// The parameter catalogue holds no dead entries: every registered parameter (of each agent type,
// each policy type and the model) moves some output of a world where its rule acts, between its
// default and another value in its range, under common random numbers. The few that cannot move
// anything are listed in one table with the reason, and are checked to move nothing. The tests
// iterate over the registrations, so a parameter added without a case here fails them.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <iomanip>
#include <optional>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "agents/catalog.h"
#include "core/model_params.h"
#include "core/param_spec.h"
#include "policies/catalog.h"
#include "sim/catalog.h"
#include "sim/trial.h"
#include "tests/policies/world_runner.h"
#include "tests/sim/habitats.h"
#include "world/world.h"

using reesim::ParamSpec;
using reesim::TypeSpec;
using reesim::testing::kSeed;
using reesim::testing::habitats::Habitat;
using reesim::testing::habitats::Settings;
namespace habitats = reesim::testing::habitats;

namespace {

// Trials run per setting: enough for chance events (outages, approvals) to happen in one.
constexpr std::uint64_t kTrials = 4;

enum class Scope { kAgent, kPolicy, kModel };

// A parameter shown to act: `habitat` is a world where its rule acts, `other` the value run
// against the default (NaN: another_value()).
struct Live {
  Scope scope;
  std::string_view type;  // empty for a model parameter
  std::string_view param;
  const Habitat* habitat;
  double other = NAN;
};

// A parameter that cannot move any output, and why; it is run in `habitat` as a live one is, and
// must move nothing there.
struct Inert {
  Scope scope;
  std::string_view type;
  std::string_view param;
  const Habitat* habitat;
  std::string_view reason;
  double other = NAN;
};

using namespace habitats;  // the habitats, in the tables below

// `live` and, for each magnet buyer's parameter, the sector buyer's (the same rules under its own
// type), in the sector buyer's copy of the habitat.
std::vector<Live> with_sector_buyers(std::vector<Live> live) {
  const std::pair<const Habitat*, const Habitat*> kCopies[] = {
      {&kBuyers, &kSectorBuyers},
      {&kValuingBuyers, &kValuingSectorBuyers},
      {&kHoardingBuyers, &kHoardingSectorBuyers}};
  const std::size_t count = live.size();
  for (std::size_t i = 0; i < count; ++i) {
    if (live[i].type != "magnet_buyer") continue;
    for (const auto& [magnets, sectors] : kCopies)
      if (live[i].habitat == magnets)
        live.push_back({Scope::kAgent, "sector_buyer", live[i].param, sectors, live[i].other});
  }
  return live;
}

// Where each parameter acts. `other` is given where another_value() has none (a default of 0 or
// infinity without an upper bound) or does not make the rule act in a short world: a build
// still unfinished at the end, a cap that never binds, a licence used up within its first week.
const std::vector<Live>& live_parameters() {
  static const std::vector<Live> kLive = with_sector_buyers({
      {Scope::kAgent, "government", "reaction_days", &kGovernment},

      {Scope::kAgent, "psu", "unit_cost", &kPsu, 100},  // above the price: below cost
      {Scope::kAgent, "psu", "home_first_share", &kPsu},
      {Scope::kAgent, "psu", "mission_budget_usd", &kPsu, 1e6},      // 100 t/yr
      {Scope::kAgent, "psu", "capex_usd_per_unit_year", &kPsu, 10},  // 100 t/yr
      {Scope::kAgent, "psu", "build_years", &kPsu, 0.25},            // finished within the world
      {Scope::kAgent, "psu", "build_delay_sigma", &kPsu},
      {Scope::kAgent, "psu", "success_probability", &kPsu},
      {Scope::kAgent, "psu", "utilisation_target", &kPsu},
      {Scope::kAgent, "psu", "outage_probability_per_year", &kPsu},
      {Scope::kAgent, "psu", "outage_weeks", &kPsu},

      {Scope::kAgent, "miner", "unit_cost", &kMine, 9},  // above the price: below cost
      {Scope::kAgent, "miner", "supply_elasticity", &kMine},
      {Scope::kAgent, "miner", "invest_price_ratio", &kMine},
      {Scope::kAgent, "miner", "build_years", &kMine, 0.25},  // finished within the world
      {Scope::kAgent, "miner", "outage_probability_per_year", &kMine},
      {Scope::kAgent, "miner", "outage_weeks", &kMine},
      {Scope::kAgent, "miner", "build_delay_sigma", &kMine},
      {Scope::kAgent, "miner", "outage_share", &kMine, 0.5},  // half its capacity stays on line

      {Scope::kAgent, "separator", "unit_cost", &kSeparator, 40},  // above the basket's value
      {Scope::kAgent, "separator", "supply_elasticity", &kSeparator},
      {Scope::kAgent, "separator", "invest_price_ratio", &kSeparator},
      {Scope::kAgent, "separator", "build_years", &kSeparator, 0.25},  // finished within
      {Scope::kAgent, "separator", "outage_probability_per_year", &kSeparator},
      {Scope::kAgent, "separator", "outage_weeks", &kSeparator},
      {Scope::kAgent, "separator", "yield", &kSeparator},
      {Scope::kAgent, "separator", "build_delay_sigma", &kSeparator},
      {Scope::kAgent, "separator", "outage_share", &kSeparator, 0.5},

      {Scope::kAgent, "magnet_maker", "ndpr_per_t", &kMaker},
      {Scope::kAgent, "magnet_maker", "dy_per_t", &kMaker},
      {Scope::kAgent, "magnet_maker", "tb_per_t", &kMaker},
      {Scope::kAgent, "magnet_maker", "conversion_cost", &kMaker, 40},  // half the magnet price
      {Scope::kAgent, "magnet_maker", "input_buffer_weeks", &kMaker},
      {Scope::kAgent, "magnet_maker", "max_input_price_ratio", &kMaker, 1},  // caps at reference
      {Scope::kAgent, "magnet_maker", "build_years", &kMaker, 0.25},         // finished within
      {Scope::kAgent, "magnet_maker", "invest_price_ratio", &kMaker},
      {Scope::kAgent, "magnet_maker", "build_delay_sigma", &kMaker},

      {Scope::kAgent, "magnet_maker", "thrift_max_share", &kThriftyMaker},
      {Scope::kAgent, "magnet_maker", "thrift_years", &kThriftyMaker},
      {Scope::kAgent, "magnet_maker", "thrift_price_ratio", &kThriftyMaker},
      {Scope::kAgent, "magnet_maker", "thrift_reversibility", &kThriftyMaker},
      {Scope::kAgent, "magnet_maker", "heavy_swap_max_share", &kSwappingMaker},
      {Scope::kAgent, "magnet_maker", "heavy_swap_price_ratio", &kSwappingMaker},
      {Scope::kAgent, "magnet_maker", "tb_dy_equivalence", &kSwappingMaker},

      {Scope::kAgent, "magnet_buyer", "demand_growth", &kBuyers},
      {Scope::kAgent, "magnet_buyer", "short_run_elasticity", &kBuyers},
      {Scope::kAgent, "magnet_buyer", "long_run_elasticity", &kBuyers},
      {Scope::kAgent, "magnet_buyer", "buffer_weeks", &kBuyers},
      {Scope::kAgent, "magnet_buyer", "max_price_ratio", &kBuyers},
      {Scope::kAgent, "magnet_buyer", "substitution_price_ratio", &kBuyers},
      {Scope::kAgent, "magnet_buyer", "substitution_lag_weeks", &kBuyers, 4},  // within the world
      {Scope::kAgent, "magnet_buyer", "substitution_max_share", &kBuyers},
      {Scope::kAgent, "magnet_buyer", "magnet_cost_share", &kValuingBuyers},
      {Scope::kAgent, "magnet_buyer", "product_margin", &kValuingBuyers},
      {Scope::kAgent, "magnet_buyer", "use_value_spread", &kValuingBuyers},
      {Scope::kAgent, "magnet_buyer", "scarcity_gap", &kValuingBuyers},
      {Scope::kAgent, "magnet_buyer", "substitution_speed", &kValuingBuyers},
      {Scope::kAgent, "magnet_buyer", "substitution_reversibility", &kValuingBuyers},
      {Scope::kAgent, "magnet_buyer", "precaution_weeks_per_shortage", &kHoardingBuyers},
      {Scope::kAgent, "magnet_buyer", "momentum_weeks", &kHoardingBuyers},
      {Scope::kAgent, "magnet_buyer", "max_buffer_weeks", &kHoardingBuyers, 7},  // binds

      {Scope::kAgent, "recycler", "recovery_rate", &kRecycler},
      {Scope::kAgent, "recycler", "growth_per_year", &kRecycler},
      {Scope::kAgent, "recycler", "unit_cost", &kRecycler, 100},  // above the price
      {Scope::kAgent, "recycler", "outage_probability_per_year", &kRecycler},
      {Scope::kAgent, "recycler", "outage_weeks", &kRecycler},

      {Scope::kAgent, "stockpile", "buy_below_price", &kReserveAgency, 60},  // above the price
      {Scope::kAgent, "stockpile", "release_shortfall", &kReserveAgency},
      {Scope::kAgent, "stockpile", "budget_usd", &kReserveAgency, 100000},        // about 2 t
      {Scope::kAgent, "stockpile", "release_above_ratio", &kReserveAgency, 1.0},  // NdPr's 55
      {Scope::kAgent, "stockpile", "buy_below_ratio", &kReserveAgency, 1.5},      // 82.5 USD/kg
      {Scope::kAgent, "stockpile", "max_stock", &kReserveAgency, 300000},  // its stock: no buying

      {Scope::kAgent, "liquidity_provider", "half_spread", &kLiquidity},
      {Scope::kAgent, "liquidity_provider", "depth_units", &kLiquidity, 10000},  // 1.5 kg is 1 lot
      {Scope::kAgent, "liquidity_provider", "reference_weight", &kLiquidity},

      {Scope::kAgent, "trader", "carry_cost_per_year", &kStockholder},
      {Scope::kAgent, "trader", "horizon_years", &kStockholder},
      {Scope::kAgent, "trader", "memory_years", &kStockholder},
      {Scope::kAgent, "trader", "momentum_years", &kStockholder},
      {Scope::kAgent, "trader", "momentum_weight", &kStockholder},
      {Scope::kAgent, "trader", "scarcity_weight", &kStockholder},
      {Scope::kAgent, "trader", "full_stock_gain", &kStockholder},
      {Scope::kAgent, "trader", "max_stock_weeks", &kStockholder},
      {Scope::kAgent, "trader", "max_stock", &kStockholder, 5000},       // 5 t: below its weeks
      {Scope::kAgent, "trader", "capital_usd", &kStockholder, 1000000},  // about 18 t

      {Scope::kPolicy, "export_ban", "leakage", &kExportBanned},
      {Scope::kPolicy, "export_licensing", "approval_probability", &kLicensed},
      {Scope::kPolicy, "export_licensing", "delay_mean_days", &kLicensed},
      {Scope::kPolicy, "export_licensing", "delay_sd_days", &kLicensed},
      {Scope::kPolicy, "export_licensing", "licence_days", &kLicensed, 7},  // a week
      {Scope::kPolicy, "export_licensing", "application_scale", &kLicensed},
      {Scope::kPolicy, "export_licensing", "exempt_share", &kLicensed},
      {Scope::kPolicy, "export_quota", "quota_per_year", &kQuotaed, 500000},  // 500 t/yr
      {Scope::kPolicy, "export_quota", "batches", &kQuotaBinding},
      {Scope::kPolicy, "export_quota", "pacing", &kQuotaBinding, 1},
      {Scope::kPolicy, "export_quota", "allocation", &kQuotaShared, 1},
      {Scope::kPolicy, "export_quota", "leakage", &kQuotaBinding},
      {Scope::kPolicy, "export_quota", "carry_over", &kQuotaCarried},
      {Scope::kPolicy, "export_quota", "reo_equivalent", &kConcentrateQuotaed, 1},
      {Scope::kPolicy, "export_quota", "per_firm", &kQuotaShared, 1},
      {Scope::kPolicy, "tariff", "rate", &kTariffed},
      {Scope::kPolicy, "export_duty", "rate", &kDutied, 0.3},
      {Scope::kPolicy, "production_quota", "units_per_year", &kOutputCapped, 1000000},  // 1,000 t
      {Scope::kPolicy, "production_quota", "enforcement", &kOutputCapped, 0.5},
      {Scope::kPolicy, "production_quota", "pooled", &kOutputPooled, 1},
      {Scope::kPolicy, "production_quota", "reo_equivalent", &kOutputPooled, 1},
      {Scope::kPolicy, "production_quota", "growth_per_year", &kOutputPooled, 0.5},
      {Scope::kPolicy, "import_ban", "leakage", &kImportBanned},
      {Scope::kPolicy, "production_incentive", "per_unit_usd", &kIncentivised, 5},
      {Scope::kPolicy, "production_incentive", "budget_usd", &kIncentivised, 1000},  // 200 kg paid
      {Scope::kPolicy, "production_incentive", "max_units_per_year", &kIncentivised, 1e5},
      {Scope::kPolicy, "production_incentive", "years", &kIncentivised, 0},        // stops at once
      {Scope::kPolicy, "production_incentive", "build_years", &kIncentivised, 0},  // at once
      {Scope::kPolicy, "project", "capacity", &kProjected, 100000},                // 100 t/yr
      {Scope::kPolicy, "project", "success_probability", &kProjected, 0},          // never built
      {Scope::kPolicy, "project", "delay_years", &kProjected, 0.25},  // on line in June
      {Scope::kPolicy, "project", "ramp_years", &kProjected, 0.5},    // half a year
      {Scope::kPolicy, "capital_support", "share_of_capex", &kSupported},
      {Scope::kPolicy, "capital_support", "budget_usd", &kSupported, 1000},  // below one build
      {Scope::kPolicy, "capital_support", "build_years", &kSupported, 0},    // at once
      {Scope::kPolicy, "stockpile", "buy_below_price", &kStockpiled, 60},    // above the price
      {Scope::kPolicy, "stockpile", "release_shortfall", &kStockpiled},
      {Scope::kPolicy, "stockpile", "target_units", &kStockpiled, 310000},  // its stock + 10 t
      {Scope::kPolicy, "stockpile", "budget_usd", &kStockpiled, 100000},    // about 2 t
      {Scope::kPolicy, "stockpile", "max_release_per_tick", &kStockpiled, 1000},  // 1 t
      {Scope::kPolicy, "stockpile", "release_above_price", &kStockpiled, 56},     // the price
      {Scope::kPolicy, "price_floor", "floor_price", &kFloored, 70},              // above the price
      {Scope::kPolicy, "price_floor", "volume_cap_per_year", &kFloored, 1000},    // 1 t
      {Scope::kPolicy, "alliance_terms", "tariff_discount", &kAllied},
      {Scope::kPolicy, "alliance_terms", "home_preference", &kAllied},
      {Scope::kPolicy, "technology_export_ban", "build_time_factor", &kTechnologyBanned},
      {Scope::kPolicy, "re_export_restriction", "enforcement", &kReExportRestricted},
      {Scope::kPolicy, "re_export_restriction", "content_threshold", &kReExportRestricted},
      {Scope::kPolicy, "recycling_mandate", "share_target", &kMandated},
      {Scope::kPolicy, "recycling_mandate", "ramp_years", &kMandated},

      {Scope::kModel, "", "price_step", &kChainAtDefaults},
      {Scope::kModel, "", "bid_urgency", &kBuyers},
      {Scope::kModel, "", "max_bid_multiple", &kChainAtDefaults, 1},  // caps feed at reference
      {Scope::kModel, "", "reach_up", &kTariffed},
      {Scope::kModel, "", "reach_down", &kTariffed},
      {Scope::kModel, "", "venue_learning_rate", &kExportBanned},
      {Scope::kModel, "", "venue_floor", &kExportBanned},
      {Scope::kModel, "", "target_cover_weeks", &kChainAtDefaults},
      {Scope::kModel, "", "feed_payable_share", &kChainAtDefaults, 0.2},  // caps feed bids
      {Scope::kModel, "", "signal_memory", &kBuyers},
      {Scope::kModel, "", "price_anchor_rate", &kChainAtDefaults},
      {Scope::kModel, "", "invest_step", &kMine},
      {Scope::kModel, "", "invest_review_weeks", &kMine},
      {Scope::kModel, "", "sales_fast_weeks", &kMine},
      {Scope::kModel, "", "sales_slow_weeks", &kMine},
      {Scope::kModel, "", "expected_growth_prior", &kMine},
      {Scope::kModel, "", "scarcity_memory_weeks", &kMine},
      {Scope::kModel, "", "invest_price_response", &kMine},
      {Scope::kModel, "", "invest_content_response", &kMine},
      {Scope::kModel, "", "below_cost_utilisation", &kMineBelowCost},
      {Scope::kModel, "", "min_utilisation", &kMineBelowCost},
      {Scope::kModel, "", "reference_utilisation", &kChainAtDefaults},
      {Scope::kModel, "", "capex_years_of_revenue", &kSupported},
      {Scope::kModel, "", "maker_plan_response", &kChainAtDefaults},
      {Scope::kModel, "", "maker_min_utilisation", &kChainAtDefaults, 0.95},  // above its usual
      {Scope::kModel, "", "maker_scarcity_gap", &kChainAtDefaults, 0.1},      // bids on a small gap
      {Scope::kModel, "", "substitution_rate", &kBuyers},
      {Scope::kModel, "", "short_price_memory_weeks", &kBuyers},
      {Scope::kModel, "", "long_price_memory_weeks", &kBuyers},
      {Scope::kModel, "", "stockpile_release_share", &kStockpiled},
      {Scope::kModel, "", "stockpile_release_price", &kStockpiled},
      {Scope::kModel, "", "stockpile_cash_share", &kStockpiled},
      {Scope::kModel, "", "licence_flow_memory", &kLicensed},
      {Scope::kModel, "", "content_memory", &kReExportRestricted, 0},  // forgets before reading
      {Scope::kAgent, "magnet_maker", "sm_per_t", &kSmCoMaker},
  });
  return kLive;
}

// The parameters that cannot move any output, with the reason.
const std::vector<Inert>& inert_parameters() {
  static const std::vector<Inert> kInert = {
      {Scope::kAgent, "miner", "yield", &kMine,
       "a miner has no feed; the parameter is registered once for miners and separators"},
  };
  return kInert;
}

// "miner.unit_cost", "model.price_step".
std::string label(Scope scope, std::string_view type, std::string_view param) {
  return std::string(scope == Scope::kModel ? "model" : type) + "." + std::string(param);
}

// The registered parameters of `scope`'s type `type`.
std::span<const ParamSpec> registered(Scope scope, std::string_view type) {
  if (scope == Scope::kModel) return reesim::model_params();
  const TypeSpec* spec = scope == Scope::kAgent ? reesim::agents::find_agent_type(type)
                                                : reesim::policies::find_policy_type(type);
  return spec != nullptr ? spec->params : std::span<const ParamSpec>{};
}

const ParamSpec* find_spec(Scope scope, std::string_view type, std::string_view param) {
  for (const ParamSpec& spec : registered(scope, type))
    if (spec.name == param) return &spec;
  return nullptr;
}

// The value run against the default unless a case names one: halfway from the default to the
// bound it is furthest from, or half as much again for a range without an upper bound (none for
// a default of 0).
double another_value(const ParamSpec& spec, double other) {
  if (!std::isnan(other)) return other;
  if (std::isfinite(spec.max))
    return spec.default_value < spec.max ? (spec.default_value + spec.max) / 2
                                         : (spec.min + spec.default_value) / 2;
  return spec.default_value > 0 ? 1.5 * spec.default_value : NAN;
}

std::string number(double value) {
  std::ostringstream text;
  text << std::setprecision(17) << value;
  return text.str();
}

std::string params_text(const Settings& settings) {
  std::string text;
  for (const auto& [name, value] : settings)
    text +=
        " params { name: \"" + std::string(name) + "\" value { fixed: " + number(value) + " } }";
  return text;
}

// `settings` with `param` at `value`, or unset (at its registered default) without one.
Settings with(Settings settings, std::string_view param, std::optional<double> value) {
  std::erase_if(settings, [param](const auto& s) { return s.first == param; });
  if (value) settings.emplace_back(param, *value);
  return settings;
}

// The habitat's scenario text with the subject's and the model's parameters filled in.
std::string scenario_text(const Habitat& habitat, const Settings& subject, const Settings& model) {
  std::string text;
  for (const std::string_view part : habitat.world)
    text += part;
  if (!habitat.subject.empty()) {
    std::string mark = "@";
    mark += habitat.subject;
    mark += '@';
    const std::size_t at = text.find(mark);
    if (at == std::string::npos)
      throw std::invalid_argument("habitat \"" + std::string(habitat.name) + "\" has no " + mark);
    text.replace(at, mark.size(), params_text(subject));
  }
  for (std::size_t at = text.find('@'); at != std::string::npos; at = text.find('@')) {
    const std::size_t end = text.find('@', at + 1);
    text.erase(at, end - at + 1);
  }
  if (!model.empty()) text += "model {" + params_text(model) + " }";
  return text;
}

// Records every observable of the scenario's world as a series: each venue's price and volume;
// each nation's public spending and revenue and, for each commodity, its output, stocks, stockpile,
// exports, unmet demand and its use per unit of magnet made.
void observe_everything(reesim::Scenario& scenario) {
  auto add = [&](reesim::MetricKind kind, const std::string& id) {
    reesim::Metric* metric = scenario.add_metrics();
    metric->set_id("observed_" + id);
    metric->set_kind(kind);
    metric->set_series(true);
    return metric;
  };
  for (const reesim::Venue& v : scenario.venues()) {
    add(reesim::METRIC_PRICE, "price_" + v.id())->set_venue(v.id());
    add(reesim::METRIC_VOLUME, "volume_" + v.id())->set_venue(v.id());
  }
  for (const reesim::Nation& n : scenario.nations()) {
    add(reesim::METRIC_SPENDING, "spending_" + n.id())->set_nation(n.id());
    add(reesim::METRIC_REVENUE, "revenue_" + n.id())->set_nation(n.id());
    for (const reesim::Commodity& c : scenario.commodities()) {
      const std::string of = "_" + n.id() + "_" + c.id();
      for (const auto& [kind, name] : {std::pair{reesim::METRIC_OUTPUT, "output"},
                                       std::pair{reesim::METRIC_INVENTORY, "inventory"},
                                       std::pair{reesim::METRIC_STOCKPILE, "stockpile"},
                                       std::pair{reesim::METRIC_UNMET_DEMAND, "unmet"}}) {
        reesim::Metric* m = add(kind, name + of);
        m->set_nation(n.id());
        m->set_commodity(c.id());
      }
      reesim::Metric* intensity = add(reesim::METRIC_INPUT_INTENSITY, "intensity" + of);
      intensity->set_nation(n.id());
      intensity->set_commodity(c.id());
      reesim::Metric* exports = add(reesim::METRIC_FLOW, "exports" + of);
      exports->set_origin(n.id());
      exports->set_commodity(c.id());
    }
  }
}

// Every series of trials 0 .. kTrials-1, and their names.
struct Outputs {
  std::vector<std::string> names;
  std::vector<std::vector<std::vector<double>>> series;  // by trial, series, tick
};

Outputs run(const std::string& text) {
  reesim::Scenario scenario = reesim::testing::scenario_of({text});
  observe_everything(scenario);
  const reesim::world::World world(std::move(scenario), reesim::sim::catalog());
  Outputs out{reesim::sim::series_names(world), {}};
  for (std::uint64_t trial = 0; trial < kTrials; ++trial)
    out.series.push_back(reesim::sim::run_trial(world, kSeed, trial).series);
  return out;
}

// The first output that differs between `a` and `b` ("" when none): NaN equals NaN.
std::string first_difference(const Outputs& a, const Outputs& b) {
  for (std::size_t t = 0; t < a.series.size(); ++t)
    for (std::size_t s = 0; s < a.series[t].size(); ++s)
      for (std::size_t k = 0; k < a.series[t][s].size(); ++k) {
        const double x = a.series[t][s][k];
        const double y = b.series[t][s][k];
        if (x == y || (std::isnan(x) && std::isnan(y))) continue;
        return a.names[s] + " in trial " + std::to_string(t) + " at tick " + std::to_string(k) +
               ": " + number(x) + " vs " + number(y);
      }
  return "";
}

// How a parameter's two runs compare.
struct Comparison {
  double default_value = 0;
  double other = 0;
  std::string difference;  // the first output that differs; empty when none does
};

Comparison compare(Scope scope, std::string_view param, const Habitat& habitat, double other_arg,
                   const ParamSpec& spec) {
  Comparison c{spec.default_value, another_value(spec, other_arg), {}};
  auto text = [&](std::optional<double> value) {
    return scope == Scope::kModel
               ? scenario_text(habitat, habitat.subject_settings,
                               with(habitat.model_settings, param, value))
               : scenario_text(habitat, with(habitat.subject_settings, param, value),
                               habitat.model_settings);
  };
  c.difference = first_difference(run(text(std::nullopt)), run(text(c.other)));
  return c;
}

// Checks that each registered parameter of `scope` with a live case moves some output.
void check_live(Scope scope, std::span<const TypeSpec> types) {
  auto each = [&](std::string_view type, std::span<const ParamSpec> params) {
    for (const ParamSpec& spec : params)
      for (const Live& live : live_parameters()) {
        if (live.scope != scope || live.type != type || live.param != spec.name) continue;
        const Comparison c = compare(scope, spec.name, *live.habitat, live.other, spec);
        INFO(label(scope, type, spec.name) << " in the " << live.habitat->name << " world: "
                                           << number(c.default_value) << " vs " << number(c.other));
        CHECK_FALSE(c.difference.empty());
      }
  };
  if (scope == Scope::kModel) {
    each("", reesim::model_params());
    return;
  }
  for (const TypeSpec& type : types)
    each(type.name, type.params);
}

}  // namespace

TEST_CASE("Every registered parameter is shown to act or listed inert with a reason",
          "[sim][parameters][catalogue]") {
  auto check = [](Scope scope, std::string_view type, std::span<const ParamSpec> params) {
    for (const ParamSpec& spec : params) {
      INFO(label(scope, type, spec.name));
      int live = 0;
      int inert = 0;
      for (const Live& l : live_parameters())
        live += l.scope == scope && l.type == type && l.param == spec.name ? 1 : 0;
      for (const Inert& i : inert_parameters())
        inert += i.scope == scope && i.type == type && i.param == spec.name ? 1 : 0;
      CHECK(live + inert == 1);
    }
  };
  for (const TypeSpec& type : reesim::agents::agent_types())
    check(Scope::kAgent, type.name, type.params);
  for (const TypeSpec& type : reesim::policies::policy_types())
    check(Scope::kPolicy, type.name, type.params);
  check(Scope::kModel, "", reesim::model_params());
}

TEST_CASE("Each case names a registered parameter, a value in its range and a subject of its type",
          "[sim][parameters][catalogue]") {
  auto check = [](Scope scope, std::string_view type, std::string_view param,
                  const Habitat& habitat, double other) {
    INFO(label(scope, type, param) << " in the " << habitat.name << " world");
    const ParamSpec* spec = find_spec(scope, type, param);
    REQUIRE(spec != nullptr);
    const double value = another_value(*spec, other);
    CHECK(value >= spec->min);
    CHECK(value <= spec->max);
    CHECK(value != spec->default_value);
    if (scope == Scope::kModel) return;
    const reesim::Scenario scenario = reesim::testing::scenario_of(
        {scenario_text(habitat, habitat.subject_settings, habitat.model_settings)});
    std::string subject_type;
    for (const reesim::Agent& a : scenario.agents())
      if (scope == Scope::kAgent && a.id() == habitat.subject) subject_type = a.type();
    for (const reesim::Policy& p : scenario.policies())
      if (scope == Scope::kPolicy && p.id() == habitat.subject) subject_type = p.type();
    CHECK(subject_type == type);
  };
  for (const Live& l : live_parameters())
    check(l.scope, l.type, l.param, *l.habitat, l.other);
  for (const Inert& i : inert_parameters()) {
    CHECK_FALSE(i.reason.empty());
    check(i.scope, i.type, i.param, *i.habitat, i.other);
  }
}

TEST_CASE("Every agent parameter moves some output where its rule acts",
          "[sim][parameters][agents]") {
  check_live(Scope::kAgent, reesim::agents::agent_types());
}

TEST_CASE("Every policy parameter moves some output where its policy binds",
          "[sim][parameters][policies]") {
  check_live(Scope::kPolicy, reesim::policies::policy_types());
}

TEST_CASE("Every model parameter moves some output where its rule acts",
          "[sim][parameters][model]") {
  check_live(Scope::kModel, {});
}

TEST_CASE("No parameter listed inert moves any output", "[sim][parameters][inert]") {
  for (const Inert& inert : inert_parameters()) {
    const ParamSpec* spec = find_spec(inert.scope, inert.type, inert.param);
    REQUIRE(spec != nullptr);
    const Comparison c = compare(inert.scope, inert.param, *inert.habitat, inert.other, *spec);
    INFO(label(inert.scope, inert.type, inert.param)
         << " (" << inert.reason << ") in the " << inert.habitat->name << " world: "
         << number(c.default_value) << " vs " << number(c.other) << " moves " << c.difference);
    CHECK(c.difference.empty());
  }
}
