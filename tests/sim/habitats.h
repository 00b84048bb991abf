// Worlds where each registered agent type, policy type and model parameter acts, for the
// parameter sensitivity test: a habitat is a world, the agent or policy whose parameters are set
// (its subject), and the settings that make the subject's rules act (an outage chance for the
// outage length to matter, a mission budget for its capital cost to matter, ...). In the world
// text, "@id@" inside the block of agent or policy `id` marks where that instance's parameters
// go; markers of other instances are dropped.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace reesim::testing::habitats {

// Parameters by name, as a scenario sets them (`params { name: ... value { fixed: ... } }`).
using Settings = std::vector<std::pair<std::string_view, double>>;

struct Habitat {
  std::string_view name;
  std::vector<std::string_view> world;  // scenario text, concatenated
  std::string_view subject;             // id of the agent or policy set; empty for none
  Settings subject_settings = {};       // the subject's parameters in every run
  Settings model_settings = {};         // model parameters in every run
};

// A year and a half of the whole chain, weekly: an Australian mine sells concentrate to a
// Chinese separator, whose NdPr, Dy and Tb oxides a US magnet maker buys; US motor makers buy its
// magnets, and a US recycler recovers NdPr from them. An Indian PSU sells NdPr at home and
// abroad to Indian buyers. Capacities roughly balance; prices and lots are in USD/kg and kg.
inline constexpr std::string_view kChain = R"txt(
  id: "chain"
  calendar { start: "2024-01-01" end: "2025-06-30" }
  commodities {
    id: "conc" name: "Mixed concentrate" stage: STAGE_CONCENTRATE unit: "kg"
    quantity_lot: 1 price_tick: 0.01 reference_price: 8
    content { key: "Nd" value: 0.3 } content { key: "Pr" value: 0.1 }
    content { key: "Dy" value: 0.025 } content { key: "Tb" value: 0.006 }
  }
  commodities {
    id: "ndpr" name: "NdPr oxide" stage: STAGE_OXIDE unit: "kg"
    quantity_lot: 1 price_tick: 0.01 reference_price: 55
    content { key: "Nd" value: 0.75 } content { key: "Pr" value: 0.25 }
  }
  commodities {
    id: "dy" name: "Dy oxide" stage: STAGE_OXIDE unit: "kg"
    quantity_lot: 1 price_tick: 0.01 reference_price: 250 content { key: "Dy" value: 1 }
  }
  commodities {
    id: "tb" name: "Tb oxide" stage: STAGE_OXIDE unit: "kg"
    quantity_lot: 1 price_tick: 0.01 reference_price: 1000 content { key: "Tb" value: 1 }
  }
  commodities {
    id: "magnet" name: "NdFeB magnets" stage: STAGE_MAGNET unit: "kg"
    quantity_lot: 1 price_tick: 0.01 reference_price: 80
    content { key: "NdPr" value: 0.31 } content { key: "Dy" value: 0.02 }
    content { key: "Tb" value: 0.005 }
  }
  venues { id: "conc_global" commodity: "conc" jurisdiction: "global" }
  venues { id: "ndpr_global" commodity: "ndpr" jurisdiction: "global" }
  venues { id: "ndpr_in" commodity: "ndpr" jurisdiction: "IN" }
  venues { id: "dy_global" commodity: "dy" jurisdiction: "global" }
  venues { id: "tb_global" commodity: "tb" jurisdiction: "global" }
  venues { id: "magnet_global" commodity: "magnet" jurisdiction: "global" }
  nations { id: "AU" } nations { id: "CN" } nations { id: "US" } nations { id: "IN" }
  agents {
    id: "au_miner" type: "miner" nation: "AU" venues: ["conc_global"]
    capacities { commodity: "conc" per_year { fixed: 1100000 } }
    @au_miner@
  }
  agents {
    id: "cn_separator" type: "separator" nation: "CN"
    venues: ["conc_global", "ndpr_global", "dy_global", "tb_global"]
    capacities { commodity: "ndpr" per_year { fixed: 380000 } }
    capacities { commodity: "dy" per_year { fixed: 24000 } }
    capacities { commodity: "tb" per_year { fixed: 6000 } }
    @cn_separator@
  }
  agents {
    id: "us_maker" type: "magnet_maker" nation: "US"
    venues: ["ndpr_global", "dy_global", "tb_global", "magnet_global"]
    capacities { commodity: "magnet" per_year { fixed: 1200000 } utilisation: 0.85 }
    @us_maker@
  }
  agents {
    id: "us_motors" type: "magnet_buyer" nation: "US" sector: "ev" venues: ["magnet_global"]
    capacities { commodity: "magnet" per_year { fixed: 1000000 } }
    @us_motors@
  }
  agents {
    id: "us_recycler" type: "recycler" nation: "US" venues: ["ndpr_global"]
    capacities { commodity: "ndpr" per_year { fixed: 20000 } }
    @us_recycler@
  }
  agents {
    id: "in_psu" type: "psu" nation: "IN" venues: ["ndpr_in", "ndpr_global"]
    capacities { commodity: "ndpr" per_year { fixed: 30000 } utilisation: 0.5 }
    @in_psu@
  }
  agents {
    id: "in_buyers" type: "magnet_buyer" nation: "IN" sector: "industrial"
    venues: ["ndpr_in", "ndpr_global"]
    capacities { commodity: "ndpr" per_year { fixed: 25000 } }
    @in_buyers@
  }
)txt";

// A year of NdPr oxide trade, weekly (as tests/policies/worlds.h kOxideTrade, in 1 kg lots, with
// a US venue): China's separators sell at home and on the seaborne market, Australia's on the
// seaborne and US markets; China's magnet industry buys at home, the US's on the seaborne and US
// markets. Supply and demand about balance; China alone makes a third more than it uses.
inline constexpr std::string_view kOxide = R"txt(
  id: "oxide"
  calendar { start: "2024-01-01" end: "2024-12-31" }
  commodities {
    id: "ndpr" name: "NdPr oxide" stage: STAGE_OXIDE unit: "kg"
    quantity_lot: 1 price_tick: 0.01 reference_price: 55
    content { key: "Nd" value: 0.75 } content { key: "Pr" value: 0.25 }
  }
  venues { id: "ndpr_cn" commodity: "ndpr" jurisdiction: "CN" }
  venues { id: "ndpr_global" commodity: "ndpr" jurisdiction: "global" }
  venues { id: "ndpr_us" commodity: "ndpr" jurisdiction: "US" }
  nations { id: "CN" } nations { id: "US" } nations { id: "AU" } nations { id: "IN" }
  agents {
    id: "cn_separators" type: "separator" nation: "CN" venues: ["ndpr_cn", "ndpr_global"]
    capacities { commodity: "ndpr" per_year { fixed: 2600000 } }
    params { name: "unit_cost" value { fixed: 30 } }
  }
  agents {
    id: "au_separator" type: "separator" nation: "AU" venues: ["ndpr_global", "ndpr_us"]
    capacities { commodity: "ndpr" per_year { fixed: 520000 } }
    params { name: "unit_cost" value { fixed: 40 } }
  }
  agents {
    id: "cn_magnets" type: "magnet_buyer" nation: "CN" sector: "industrial" venues: ["ndpr_cn"]
    capacities { commodity: "ndpr" per_year { fixed: 1768000 } }
    params { name: "demand_growth" value { fixed: 0 } }
  }
  agents {
    id: "us_magnets" type: "magnet_buyer" nation: "US" sector: "industrial"
    venues: ["ndpr_global", "ndpr_us"]
    capacities { commodity: "ndpr" per_year { fixed: 1040000 } }
    params { name: "demand_growth" value { fixed: 0 } }
  }
)txt";

// For kOxide: China stops exporting NdPr from March; seaborne buyers go short.
inline constexpr std::string_view kChinaStopsExports = R"txt(
  policies {
    id: "cn_export_stop" type: "export_ban" enacted_by: "CN" origins: ["CN"]
    activation { date: "2024-03-04" }
  }
)txt";

// For kOxide: India's separator, price-insensitive, selling on the seaborne market.
inline constexpr std::string_view kIndianSeparator = R"txt(
  agents {
    id: "in_separator" type: "separator" nation: "IN" venues: ["ndpr_global"]
    capacities { commodity: "ndpr" per_year { fixed: 260000 } }
    params { name: "unit_cost" value { fixed: 20 } }
    params { name: "supply_elasticity" value { fixed: 0 } }
    params { name: "outage_probability_per_year" value { fixed: 0 } }
    params { name: "invest_price_ratio" value { fixed: 20 } }
  }
)txt";

// For kOxide: a US strategic stockpile agency holding 300 t and 100 M USD.
inline constexpr std::string_view kUsReserve = R"txt(
  agents {
    id: "us_reserve" type: "stockpile" nation: "US" venues: ["ndpr_global"] cash: 100000000
    inventory { commodity: "ndpr" quantity { fixed: 300000 } }
    @us_reserve@
  }
)txt";

// A year of NdPr oxide and magnets, weekly (as tests/policies/worlds.h kMagnetTrade, in 1 kg
// lots): China and Australia separate oxide; China and India make magnets, India from oxide
// bought on the seaborne market; US and Chinese motor makers buy magnets, China selling none to
// the US, and a US recycler recovers NdPr from the magnets US motors use.
inline constexpr std::string_view kMagnets = R"txt(
  id: "magnets"
  calendar { start: "2024-01-01" end: "2024-12-31" }
  commodities {
    id: "ndpr" name: "NdPr oxide" stage: STAGE_OXIDE unit: "kg"
    quantity_lot: 1 price_tick: 0.01 reference_price: 55
    content { key: "Nd" value: 0.75 } content { key: "Pr" value: 0.25 }
  }
  commodities {
    id: "magnet" name: "NdFeB magnets" stage: STAGE_MAGNET unit: "kg"
    quantity_lot: 1 price_tick: 0.01 reference_price: 40
    content { key: "NdPr" value: 0.31 }
  }
  venues { id: "ndpr_cn" commodity: "ndpr" jurisdiction: "CN" }
  venues { id: "ndpr_global" commodity: "ndpr" jurisdiction: "global" }
  venues { id: "magnet_global" commodity: "magnet" jurisdiction: "global" }
  nations { id: "CN" } nations { id: "IN" } nations { id: "US" } nations { id: "AU" }
  agents {
    id: "cn_separators" type: "separator" nation: "CN" venues: ["ndpr_cn", "ndpr_global"]
    capacities { commodity: "ndpr" per_year { fixed: 1040000 } }
    params { name: "unit_cost" value { fixed: 30 } }
  }
  agents {
    id: "au_separator" type: "separator" nation: "AU" venues: ["ndpr_global"]
    capacities { commodity: "ndpr" per_year { fixed: 200000 } }
    params { name: "unit_cost" value { fixed: 35 } }
  }
  agents {
    id: "cn_magnets" type: "magnet_maker" nation: "CN" venues: ["ndpr_cn", "magnet_global"]
    capacities { commodity: "magnet" per_year { fixed: 2000000 } }
  }
  agents {
    id: "in_magnets" type: "magnet_maker" nation: "IN" venues: ["ndpr_global", "magnet_global"]
    capacities { commodity: "magnet" per_year { fixed: 1000000 } }
  }
  agents {
    id: "us_motors" type: "magnet_buyer" nation: "US" sector: "ev" venues: ["magnet_global"]
    capacities { commodity: "magnet" per_year { fixed: 800000 } }
    params { name: "demand_growth" value { fixed: 0 } }
  }
  agents {
    id: "cn_motors" type: "magnet_buyer" nation: "CN" sector: "ev" venues: ["magnet_global"]
    capacities { commodity: "magnet" per_year { fixed: 1600000 } }
    params { name: "demand_growth" value { fixed: 0 } }
  }
  agents {
    id: "us_recycler" type: "recycler" nation: "US" venues: ["ndpr_global"]
    capacities { commodity: "ndpr" per_year { fixed: 100000 } }
    params { name: "recovery_rate" value { fixed: 0.02 } }
  }
  policies {
    id: "cn_magnet_ban" type: "export_ban" enacted_by: "CN"
    origins: ["CN"] destinations: ["US"] commodities: ["magnet"]
  }
)txt";

// --- Agent types -------------------------------------------------------------------------------

// The mine: costs 4 USD/kg against a price of about 8, so it invests (builds take half a year),
// and breaks down about every other year.
inline const Habitat kMine{
    "mine",
    {kChain},
    "au_miner",
    {{"unit_cost", 4}, {"outage_probability_per_year", 0.5}, {"build_years", 0.5}}};

// The same mine paid less than its cash cost (9 USD/kg against about 8).
inline const Habitat kMineBelowCost{"mine below cost", {kChain}, "au_miner", {{"unit_cost", 9}}};

// The separator: costs 10 USD per kg of feed whose oxides fetch about 30, so it invests; it
// breaks down about every other year.
inline const Habitat kSeparator{
    "separator",
    {kChain},
    "cn_separator",
    {{"unit_cost", 10}, {"outage_probability_per_year", 0.5}, {"build_years", 0.5}}};

// The magnet maker: magnets fetch about twice its costs, so it invests.
inline const Habitat kMaker{"magnet maker", {kChain}, "us_maker", {{"build_years", 0.5}}};

// The magnet maker cutting its Dy and Tb: in this world their price drifts a few per cent either
// side of the reference and Tb's climbs a third by the end, so a cut that pays in full at 1.1
// times the reference (over half a year) comes and partly goes.
inline const Habitat kThriftyMaker{
    "thrifty magnet maker",
    {kChain},
    "us_maker",
    {{"thrift_max_share", 0.5}, {"thrift_price_ratio", 1.1}, {"thrift_years", 0.5}}};

// The magnet maker swapping Dy for Tb: Tb's price climbs a third against Dy's by the end of this
// world, so a swap that pays in full at a tenth's change (over half a year) comes.
inline const Habitat kSwappingMaker{
    "magnet maker swapping Dy and Tb",
    {kChain},
    "us_maker",
    {{"heavy_swap_max_share", 0.5}, {"heavy_swap_price_ratio", 1.1}, {"thrift_years", 0.5}}};

// The recycler, breaking down about every other year.
inline const Habitat kRecycler{
    "recycler", {kChain}, "us_recycler", {{"outage_probability_per_year", 0.5}}};

// The PSU at half its capacity (a mandate's target above a half binds), with a mission budget of
// 1 M USD for 100 t/yr built in half a year; it breaks down about every other year.
inline const Habitat kPsu{"psu",
                          {kChain},
                          "in_psu",
                          {{"mission_budget_usd", 1e6},
                           {"capex_usd_per_unit_year", 10},
                           {"build_years", 0.5},
                           {"outage_probability_per_year", 0.5}}};

// A year of SmCo magnets, weekly: an Indian PSU separates Sm oxide, which an Indian maker of
// Sm2Co17 magnets (no NdPr, Dy or Tb in its recipe) buys, and Indian defence buys its magnets.
inline constexpr std::string_view kSmCo = R"txt(
  id: "smco"
  calendar { start: "2024-01-01" end: "2024-12-31" }
  commodities {
    id: "sm" name: "Sm oxide" stage: STAGE_OXIDE unit: "kg"
    quantity_lot: 1 price_tick: 0.01 reference_price: 4 content { key: "Sm" value: 0.86 }
  }
  commodities {
    id: "smco" name: "SmCo magnets" stage: STAGE_MAGNET unit: "kg"
    quantity_lot: 1 price_tick: 0.01 reference_price: 120 content { key: "Sm" value: 0.25 }
  }
  venues { id: "sm_in" commodity: "sm" jurisdiction: "IN" }
  venues { id: "smco_in" commodity: "smco" jurisdiction: "IN" }
  nations { id: "IN" }
  agents {
    id: "in_psu" type: "psu" nation: "IN" venues: ["sm_in"]
    capacities { commodity: "sm" per_year { fixed: 3000 } utilisation: 0.5 }
  }
  agents {
    id: "in_smco" type: "magnet_maker" nation: "IN" venues: ["sm_in", "smco_in"]
    capacities { commodity: "smco" per_year { fixed: 5000 } utilisation: 0.85 }
    @in_smco@
  }
  agents {
    id: "in_defence" type: "magnet_buyer" nation: "IN" sector: "defence" venues: ["smco_in"]
    capacities { commodity: "smco" per_year { fixed: 4000 } }
  }
)txt";
inline const Habitat kSmCoMaker{
    "SmCo maker",
    {kSmCo},
    "in_smco",
    {{"ndpr_per_t", 0}, {"dy_per_t", 0}, {"tb_per_t", 0}, {"sm_per_t", 0.29}}};

// The whole chain with every agent at its defaults, for the model parameters.
inline const Habitat kChainAtDefaults{"chain", {kChain}, {}, {}};

// Indian buyers on the seaborne market when China stops exporting: prices soar, they go short
// and substitute (after 4 weeks above 1.2 times the reference price, 5 % of demand a week).
inline constexpr std::string_view kIndianBuyers = R"txt(
  agents {
    id: "in_buyers" type: "magnet_buyer" nation: "IN" sector: "industrial"
    venues: ["ndpr_global"]
    capacities { commodity: "ndpr" per_year { fixed: 200000 } }
    @in_buyers@
  }
)txt";
inline const Habitat kBuyers{"magnet buyer",
                             {kOxide, kChinaStopsExports, kIndianBuyers},
                             "in_buyers",
                             {{"substitution_lag_weeks", 4}, {"substitution_price_ratio", 1.2}},
                             {{"substitution_rate", 0.05}}};

// For kOxide: China stops exporting NdPr from March to June; seaborne prices soar, then ease.
inline constexpr std::string_view kChinaStopsExportsUntilJuly = R"txt(
  policies {
    id: "cn_export_stop" type: "export_ban" enacted_by: "CN" origins: ["CN"]
    activation { date: "2024-03-04" until: "2024-06-30" }
  }
)txt";

// Indian buyers as in kBuyers, with the value-in-use rule and partial-adjustment substitution
// on: magnets are 5 % of their product's cost (they pay up to 3 times the reference), and they
// substitute above 1.8 times the reference, closely following the target, half of it
// reversibly. Eight weeks of long price memory let the target fall within the world, as the
// price eases in December.
inline const Habitat kValuingBuyers{"valuing magnet buyer",
                                    {kOxide, kChinaStopsExportsUntilJuly, kIndianBuyers},
                                    "in_buyers",
                                    {{"magnet_cost_share", 0.05},
                                     {"substitution_price_ratio", 1.8},
                                     {"substitution_speed", 52},
                                     {"substitution_reversibility", 0.5}},
                                    {{"long_price_memory_weeks", 8}}};

// The buyers of kBuyers hoarding: 10 more weeks of buffer per unit of shortage memory and per
// unit of price momentum.
inline const Habitat kHoardingBuyers{
    "hoarding magnet buyer",
    {kOxide, kChinaStopsExports, kIndianBuyers},
    "in_buyers",
    {{"precaution_weeks_per_shortage", 10}, {"momentum_weeks", 10}}};

// The buyers of kIndianBuyers as sector buyers (alloy makers buying NdPr, say): the same rules
// under the sector buyer's type, in the same habitats.
inline constexpr std::string_view kIndianSectorBuyers = R"txt(
  agents {
    id: "in_buyers" type: "sector_buyer" nation: "IN" sector: "alloys"
    venues: ["ndpr_global"]
    capacities { commodity: "ndpr" per_year { fixed: 200000 } }
    @in_buyers@
  }
)txt";
inline const Habitat kSectorBuyers{"sector buyer",
                                   {kOxide, kChinaStopsExports, kIndianSectorBuyers},
                                   "in_buyers",
                                   kBuyers.subject_settings,
                                   kBuyers.model_settings};
inline const Habitat kValuingSectorBuyers{
    "valuing sector buyer",
    {kOxide, kChinaStopsExportsUntilJuly, kIndianSectorBuyers},
    "in_buyers",
    kValuingBuyers.subject_settings,
    kValuingBuyers.model_settings};
inline const Habitat kHoardingSectorBuyers{"hoarding sector buyer",
                                           {kOxide, kChinaStopsExports, kIndianSectorBuyers},
                                           "in_buyers",
                                           kHoardingBuyers.subject_settings,
                                           kHoardingBuyers.model_settings};

// China's government stops NdPr exports once the seaborne price has been above 1 USD/kg for two
// weeks, after its reaction time.
inline constexpr std::string_view kTriggeredStop = R"txt(
  agents {
    id: "cn_government" type: "government" nation: "CN"
    @cn_government@
  }
  policies {
    id: "cn_export_stop" type: "export_ban" enacted_by: "CN" origins: ["CN"]
    activation {
      trigger { metric: "price_global" comparison: COMPARISON_ABOVE threshold: 1 sustain_ticks: 2 }
    }
  }
  metrics { id: "price_global" kind: METRIC_PRICE venue: "ndpr_global" }
)txt";
inline const Habitat kGovernment{"government", {kOxide, kTriggeredStop}, "cn_government", {}};

// A US stockpile agency under a stockpile policy that leaves its terms to the agency: it buys
// below 60 USD/kg before China stops exporting and releases in the shortage after.
inline constexpr std::string_view kStockpilePolicy = R"txt(
  policies { id: "us_stockpile" type: "stockpile" enacted_by: "US" @us_stockpile@ }
)txt";
inline const Habitat kReserveAgency{"stockpile agency",
                                    {kOxide, kChinaStopsExports, kUsReserve, kStockpilePolicy},
                                    "us_reserve",
                                    {{"buy_below_price", 60}}};

// A US dealer quoting 5 t each side on the seaborne market when China stops exporting: short
// buyers take its offers.
inline constexpr std::string_view kDealer = R"txt(
  agents {
    id: "us_dealer" type: "liquidity_provider" nation: "US" venues: ["ndpr_global"]
    @us_dealer@
  }
)txt";
inline const Habitat kLiquidity{"liquidity provider",
                                {kOxide, kChinaStopsExports, kDealer},
                                "us_dealer",
                                {{"depth_units", 5000}}};

// A US stockholder of NdPr on the seaborne market with 100 t and 50 M USD when China stops
// exporting: the market trades 10-20 t a week, so it sells most of its stock down to a few weeks'
// volume, then trades on while US buyers go short and the price climbs.
inline constexpr std::string_view kUsTrader = R"txt(
  agents {
    id: "us_trader" type: "trader" nation: "US" venues: ["ndpr_global"] cash: 50000000
    inventory { commodity: "ndpr" quantity { fixed: 100000 } }
    @us_trader@
  }
)txt";
inline const Habitat kStockholder{
    "trader", {kOxide, kChinaStopsExports, kUsTrader}, "us_trader", {}};

// --- Policy types ------------------------------------------------------------------------------

// China bans NdPr exports to the US from March.
inline constexpr std::string_view kExportBan = R"txt(
  policies {
    id: "cn_ban" type: "export_ban" enacted_by: "CN" origins: ["CN"] destinations: ["US"]
    activation { date: "2024-03-04" }
    @cn_ban@
  }
)txt";
inline const Habitat kExportBanned{"export ban", {kOxide, kExportBan}, "cn_ban", {}};

// The US bans NdPr imports from China from March.
inline constexpr std::string_view kImportBan = R"txt(
  policies {
    id: "us_ban" type: "import_ban" enacted_by: "US" origins: ["CN"] destinations: ["US"]
    activation { date: "2024-03-04" }
    @us_ban@
  }
)txt";
inline const Habitat kImportBanned{"import ban", {kOxide, kImportBan}, "us_ban", {}};

// China licenses NdPr exports from March. Each application asks for five weeks of the usual
// flow, so granted licences outlast a week.
inline constexpr std::string_view kLicensing = R"txt(
  policies {
    id: "cn_licensing" type: "export_licensing" enacted_by: "CN" origins: ["CN"]
    activation { date: "2024-03-04" }
    @cn_licensing@
  }
)txt";
inline const Habitat kLicensed{
    "export licensing", {kOxide, kLicensing}, "cn_licensing", {{"application_scale", 5}}};

// China caps NdPr exports from March.
inline constexpr std::string_view kQuota = R"txt(
  policies {
    id: "cn_quota" type: "export_quota" enacted_by: "CN" origins: ["CN"]
    activation { date: "2024-03-04" }
    @cn_quota@
  }
)txt";
inline const Habitat kQuotaed{"export quota", {kOxide, kQuota}, "cn_quota", {}};
// The same quota, binding at 100 t a year: batches, pacing and leakage change what gets out.
inline const Habitat kQuotaBinding{
    "binding export quota", {kOxide, kQuota}, "cn_quota", {{"quota_per_year", 100000}}};

// A quota of 400 t a year on Chinese and Australian exports, shared, allocated by capacity, or
// allotted to the exporting firms.
inline constexpr std::string_view kSharedQuota = R"txt(
  policies {
    id: "shared_quota" type: "export_quota" enacted_by: "CN" origins: ["CN", "AU"]
    @shared_quota@
  }
)txt";
inline const Habitat kQuotaShared{"export quota of two origins",
                                  {kOxide, kSharedQuota},
                                  "shared_quota",
                                  {{"quota_per_year", 400000}}};

// A quota of 100 t a year from the last fortnight of 2024: most of 2024's is unused, 2025's
// binds.
inline constexpr std::string_view kQuotaAcrossNewYear = R"txt(
  calendar { start: "2024-09-02" end: "2025-03-31" }
  policies {
    id: "cn_quota" type: "export_quota" enacted_by: "CN" origins: ["CN"]
    activation { date: "2024-12-23" }
    @cn_quota@
  }
)txt";
inline const Habitat kQuotaCarried{"export quota across a new year",
                                   {kOxide, kQuotaAcrossNewYear},
                                   "cn_quota",
                                   {{"quota_per_year", 100000}}};

// For kChain: Australia caps its concentrate exports at 200 t a year (86 t of REO).
inline constexpr std::string_view kConcentrateQuota = R"txt(
  policies {
    id: "au_quota" type: "export_quota" enacted_by: "AU" origins: ["AU"] commodities: ["conc"]
    @au_quota@
  }
)txt";
inline const Habitat kConcentrateQuotaed{"export quota on concentrate",
                                         {kChain, kConcentrateQuota},
                                         "au_quota",
                                         {{"quota_per_year", 200000}}};

// China caps its separators' NdPr output from March (1,000 t/yr unless set: under what they
// make).
inline constexpr std::string_view kProductionQuota = R"txt(
  policies {
    id: "cn_output_quota" type: "production_quota" enacted_by: "CN" commodities: ["ndpr"]
    activation { date: "2024-03-04" }
    @cn_output_quota@
  }
)txt";
inline const Habitat kOutputCapped{"production quota",
                                   {kOxide, kProductionQuota},
                                   "cn_output_quota",
                                   {{"units_per_year", 1000000}}};

// For kChain: China caps its separator's NdPr and Dy output at 300 t a year, each or together
// (pooled): together, the Dy output (24 t/yr of capacity) shares the NdPr's allowance.
inline constexpr std::string_view kPooledProductionQuota = R"txt(
  policies {
    id: "cn_output_quota" type: "production_quota" enacted_by: "CN" commodities: ["ndpr", "dy"]
    @cn_output_quota@
  }
)txt";
inline const Habitat kOutputPooled{"production quota on two oxides",
                                   {kChain, kPooledProductionQuota},
                                   "cn_output_quota",
                                   {{"units_per_year", 300000}}};

// China levies a duty on its NdPr exports from March.
inline constexpr std::string_view kExportDuty = R"txt(
  policies {
    id: "cn_duty" type: "export_duty" enacted_by: "CN" commodities: ["ndpr"]
    activation { date: "2024-03-04" }
    @cn_duty@
  }
)txt";
inline const Habitat kDutied{"export duty", {kOxide, kExportDuty}, "cn_duty", {}};

// The US levies a tariff on Chinese NdPr (30 % unless set).
inline constexpr std::string_view kTariff = R"txt(
  policies {
    id: "us_tariff" type: "tariff" enacted_by: "US" origins: ["CN"] destinations: ["US"]
    @us_tariff@
  }
)txt";
inline const Habitat kTariffed{"tariff", {kOxide, kTariff}, "us_tariff", {{"rate", 0.3}}};

// India pays its separator 5 USD/kg sold and awards it 100 t/yr of capacity, built at once.
inline constexpr std::string_view kIncentive = R"txt(
  policies {
    id: "in_incentive" type: "production_incentive" enacted_by: "IN"
    agents: ["in_separator"] commodities: ["ndpr"]
    @in_incentive@
  }
)txt";
inline const Habitat kIncentivised{
    "production incentive",
    {kOxide, kIndianSeparator, kIncentive},
    "in_incentive",
    {{"per_unit_usd", 5}, {"max_units_per_year", 100000}, {"build_years", 0}}};

// India's separator is announced 100 t/yr more capacity from March.
inline constexpr std::string_view kProject = R"txt(
  policies {
    id: "in_project" type: "project" enacted_by: "IN"
    agents: ["in_separator"] commodities: ["ndpr"]
    activation { date: "2024-03-04" }
    @in_project@
  }
)txt";
inline const Habitat kProjected{
    "capacity project", {kOxide, kIndianSeparator, kProject}, "in_project", {{"capacity", 100000}}};

// An Indian separator that invests (cost 25 USD/kg against about 40), its builds part-paid by
// India's capital support.
inline constexpr std::string_view kCapitalSupport = R"txt(
  agents {
    id: "in_investor" type: "separator" nation: "IN" venues: ["ndpr_global"]
    capacities { commodity: "ndpr" per_year { fixed: 260000 } }
    params { name: "unit_cost" value { fixed: 25 } }
    params { name: "supply_elasticity" value { fixed: 0 } }
    params { name: "outage_probability_per_year" value { fixed: 0 } }
    params { name: "build_years" value { fixed: 0.5 } }
  }
  policies {
    id: "in_support" type: "capital_support" enacted_by: "IN" agents: ["in_investor"]
    @in_support@
  }
)txt";
inline const Habitat kSupported{"capital support", {kOxide, kCapitalSupport}, "in_support", {}};

// The world of kReserveAgency with the policy setting the terms: its agency buys below 60
// USD/kg.
inline const Habitat kStockpiled{"stockpile policy",
                                 {kOxide, kChinaStopsExports, kUsReserve, kStockpilePolicy},
                                 "us_stockpile",
                                 {{"buy_below_price", 60}}};

// Australia guarantees its separator a floor (70 USD/kg unless set, above the market).
inline constexpr std::string_view kPriceFloor = R"txt(
  policies {
    id: "au_floor" type: "price_floor" enacted_by: "AU" agents: ["au_separator"]
    @au_floor@
  }
)txt";
inline const Habitat kFloored{
    "price floor", {kOxide, kPriceFloor}, "au_floor", {{"floor_price", 70}}};

// The US and Australia in an alliance; the US levies 50 % on every import.
inline constexpr std::string_view kAlliance = R"txt(
  alliances { id: "pact" members: ["US", "AU"] }
  policies {
    id: "us_tariff" type: "tariff" enacted_by: "US" destinations: ["US"]
    params { name: "rate" value { fixed: 0.5 } }
  }
  policies {
    id: "pact_terms" type: "alliance_terms" enacted_by: "US"
    @pact_terms@
  }
)txt";
inline const Habitat kAllied{"alliance terms", {kOxide, kAlliance}, "pact_terms", {}};

// India's separator awarded 100 t/yr built over half a year, while China bans the export of
// separation technology.
inline constexpr std::string_view kTechnologyBan = R"txt(
  policies {
    id: "in_award" type: "production_incentive" enacted_by: "IN" agents: ["in_separator"]
    params { name: "max_units_per_year" value { fixed: 100000 } }
    params { name: "build_years" value { fixed: 0.5 } }
  }
  policies {
    id: "cn_tech_ban" type: "technology_export_ban" enacted_by: "CN"
    @cn_tech_ban@
  }
)txt";
inline const Habitat kTechnologyBanned{
    "technology export ban", {kOxide, kIndianSeparator, kTechnologyBan}, "cn_tech_ban", {}};

// China forbids India to resell to the US magnets made with Chinese oxide.
inline constexpr std::string_view kReExport = R"txt(
  policies {
    id: "cn_re_export" type: "re_export_restriction" enacted_by: "CN"
    origins: ["IN"] destinations: ["US"] commodities: ["magnet"]
    @cn_re_export@
  }
)txt";
inline const Habitat kReExportRestricted{
    "re-export restriction", {kMagnets, kReExport}, "cn_re_export", {}};

// The US requires its recycler to recover a growing share of end-of-life NdPr.
inline constexpr std::string_view kMandate = R"txt(
  policies {
    id: "us_mandate" type: "recycling_mandate" enacted_by: "US"
    @us_mandate@
  }
)txt";
inline const Habitat kMandated{"recycling mandate", {kMagnets, kMandate}, "us_mandate", {}};

}  // namespace reesim::testing::habitats
