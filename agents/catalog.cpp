#include "agents/catalog.h"

#include <array>

namespace reesim::agents {
namespace {

// Sources: rows of ../shared/data/calibration.md, cited as "cal §N". Elasticities have no
// credible published values (cal §4): their defaults are priors to be given distributions.

constexpr ParamSpec kGovernment[] = {
    {"reaction_days", "days", "delay between a trigger firing and the policy taking effect", 28.0,
     0.0, 730.0},
};

constexpr ParamSpec kProducer[] = {
    {"unit_cost", "USD/commodity unit", "cash cost of one unit of output", 0.0, 0.0, kUnbounded},
    {"supply_elasticity", "ratio", "short-run elasticity of utilisation to price (prior)", 0.3, 0.0,
     5.0},
    {"invest_price_ratio", "ratio",
     "price over unit cost, sustained, above which the producer adds capacity", 1.5, 1.0, 20.0},
    {"build_years", "years", "lead time of new capacity (cal §8: mines 6-10, separation several)",
     3.0, 0.0, 20.0},
    {"outage_probability_per_year", "probability/yr", "chance of an unplanned outage in a year",
     0.05, 0.0, 1.0},
    {"outage_weeks", "weeks", "mean length of an outage", 4.0, 0.0, 104.0},
    {"yield", "fraction", "output per unit of feed, by content", 0.9, 0.0, 1.0},
    {"build_delay_sigma", "log-sd", "log-normal spread of the build delay (prior)", 0.3, 0.0, 3.0},
};

constexpr ParamSpec kPsu[] = {
    {"unit_cost", "USD/commodity unit", "cash cost of one unit of output", 0.0, 0.0, kUnbounded},
    {"home_first_share", "fraction", "share of output offered to home buyers first (mandate)", 1.0,
     0.0, 1.0},
    {"mission_budget_usd", "USD",
     "mission money the PSU commits to new capacity at the start (cal §6: NCMM)", 0.0, 0.0,
     kUnbounded},
    {"capex_usd_per_unit_year", "USD per commodity unit/yr",
     "capital cost of one unit a year of new capacity (prior)", 0.0, 0.0, kUnbounded},
    {"build_years", "years", "median delay until new capacity produces (cal §8)", 3.0, 0.0, 20.0},
    {"build_delay_sigma", "log-sd", "log-normal spread of the build delay", 0.3, 0.0, 3.0},
    {"success_probability", "fraction",
     "chance a project reaches production (GMDC pilot to production, cal §6)", 1.0, 0.0, 1.0},
    {"utilisation_target", "fraction",
     "least utilisation the mandate keeps whatever the price (cal §6: refineries at ~40 %)", 0.4,
     0.0, 1.0},
};

constexpr ParamSpec kMagnetMaker[] = {
    {"ndpr_per_t", "t/t", "NdPr oxide per tonne of magnet (cal §2: 0.29-0.32)", 0.31, 0.0, 1.0},
    {"dy_per_t", "t/t", "Dy oxide per tonne of magnet (cal §2: ~0.04 high-temperature grades)",
     0.02, 0.0, 1.0},
    {"tb_per_t", "t/t", "Tb oxide per tonne of magnet (prior)", 0.005, 0.0, 1.0},
    {"conversion_cost", "USD/kg", "cost of turning oxide into magnet", 15.0, 0.0, kUnbounded},
    {"input_buffer_weeks", "weeks", "weeks of oxide inputs the maker keeps", 8.0, 0.0, 104.0},
    {"max_input_price_ratio", "ratio",
     "most the maker bids for an input, as a multiple of its reference price (prior)", 12.0, 1.0,
     100.0},
    {"build_years", "years", "time to build a magnet plant (cal §8: ~2)", 2.0, 0.0, 20.0},
    {"invest_price_ratio", "ratio",
     "magnet price over unit cost (inputs and conversion), sustained, above which the maker adds "
     "capacity (prior)",
     1.5, 1.0, 20.0},
    {"build_delay_sigma", "log-sd", "log-normal spread of the build delay (prior)", 0.3, 0.0, 3.0},
};

constexpr ParamSpec kMagnetBuyer[] = {
    {"demand_growth", "fraction/yr", "growth of underlying demand (cal §3: +8 %/yr Nd prior)", 0.08,
     -0.5, 1.0},
    {"short_run_elasticity", "ratio", "price elasticity of demand within a quarter (prior)", -0.05,
     -5.0, 0.0},
    {"long_run_elasticity", "ratio", "price elasticity of demand over years (prior)", -0.3, -5.0,
     0.0},
    {"buffer_weeks", "weeks", "inventory of magnets the buyer aims to hold", 6.0, 0.0, 104.0},
    {"max_price_ratio", "ratio",
     "most the buyer bids, as a multiple of the reference price; beyond it demand goes unmet "
     "(prior)",
     12.0, 1.0, 100.0},
    {"substitution_price_ratio", "ratio",
     "price over reference, sustained, that starts substitution (cal §7)", 2.0, 1.0, 20.0},
    {"substitution_lag_weeks", "weeks", "delay between sustained high prices and substitution",
     104.0, 0.0, 1040.0},
    {"substitution_max_share", "fraction", "largest share of demand substitution can remove", 0.3,
     0.0, 1.0},
};

constexpr ParamSpec kRecycler[] = {
    {"recovery_rate", "fraction", "share of end-of-life content recovered (cal §7: <1 % today)",
     0.01, 0.0, 1.0},
    {"growth_per_year", "fraction/yr",
     "growth of the recovery rate at the reference price, in proportion to price (prior)", 0.1, 0.0,
     2.0},
    {"unit_cost", "USD/commodity unit", "cost of one recycled unit", 0.0, 0.0, kUnbounded},
};

constexpr ParamSpec kStockpileAgency[] = {
    {"buy_below_price", "USD/commodity unit", "buys while the price is below this", 0.0, 0.0,
     kUnbounded},
    {"release_shortfall", "fraction", "releases while unmet demand exceeds this share", 0.1, 0.0,
     1.0},
    {"budget_usd", "USD", "the most the agency spends buying over the trial (cal §7); 0: no limit",
     0.0, 0.0, kUnbounded},
};

constexpr ParamSpec kLiquidityProvider[] = {
    {"half_spread", "fraction", "half the quoted spread around the reference price", 0.05, 0.0,
     1.0},
    {"depth_units", "commodity units", "quantity quoted on each side", 1.0, 0.0, kUnbounded},
    {"reference_weight", "fraction", "weight of the scenario reference price vs the last trade",
     0.1, 0.0, 1.0},
};

constexpr std::array kTypes = {
    TypeSpec{"government", "enacts its nation's policies by schedule, trigger or chance",
             kGovernment},
    TypeSpec{"psu", "state-owned firm with a mandate: home buyers first, mission budgets", kPsu},
    TypeSpec{"miner", "mines concentrate; output and investment respond to price", kProducer},
    TypeSpec{"separator", "separates concentrate into oxides", kProducer},
    TypeSpec{"magnet_maker", "turns oxides into magnets by recipe", kMagnetMaker},
    TypeSpec{"magnet_buyer", "buys magnets for a nation's sector (EV, wind, electronics, defence)",
             kMagnetBuyer},
    TypeSpec{"recycler", "recovers rare earths from end-of-life magnets", kRecycler},
    TypeSpec{"stockpile", "strategic stockpile agency", kStockpileAgency},
    TypeSpec{"liquidity_provider", "quotes both sides so books are never empty",
             kLiquidityProvider},
};

}  // namespace

std::span<const TypeSpec> agent_types() {
  return kTypes;
}

const TypeSpec* find_agent_type(std::string_view name) {
  return find_type(kTypes, name);
}

}  // namespace reesim::agents
