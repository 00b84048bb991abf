// Small worlds for the policy tests, in scenario text format. A test merges a world with the
// policy it studies (and the agents and metrics it needs) and compares the same trials with and
// without the policy. Weekly ticks over 2024: 2024-03-04 is tick 9.
#pragma once

#include <string_view>

namespace reesim::testing::worlds {

// One year of NdPr oxide trade. China's separators sell at home and on the seaborne market;
// Australia's only on the seaborne market. China's magnet industry buys at home, the US's on the
// seaborne market. Supply and demand are about balanced (54 t a week each); China alone makes a
// third more than it uses.
inline constexpr std::string_view kOxideTrade = R"txt(
  id: "oxide-trade"
  calendar { start: "2024-01-01" end: "2024-12-31" }
  commodities {
    id: "ndpr" name: "NdPr oxide" stage: STAGE_OXIDE unit: "kg"
    quantity_lot: 10 price_tick: 0.01 reference_price: 55
    content { key: "Nd" value: 0.75 } content { key: "Pr" value: 0.25 }
  }
  venues { id: "ndpr_cn" commodity: "ndpr" jurisdiction: "CN" }
  venues { id: "ndpr_global" commodity: "ndpr" jurisdiction: "global" }
  nations { id: "CN" } nations { id: "US" } nations { id: "AU" } nations { id: "IN" }
  agents {
    id: "cn_separators" type: "separator" nation: "CN"
    capacities { commodity: "ndpr" per_year { fixed: 2600000 } }
    venues: ["ndpr_cn", "ndpr_global"]
    params { name: "unit_cost" value { fixed: 30 } }
  }
  agents {
    id: "au_separator" type: "separator" nation: "AU"
    capacities { commodity: "ndpr" per_year { fixed: 520000 } }
    venues: ["ndpr_global"]
    params { name: "unit_cost" value { fixed: 40 } }
  }
  agents {
    id: "cn_magnets" type: "magnet_buyer" nation: "CN" sector: "industrial"
    capacities { commodity: "ndpr" per_year { fixed: 1768000 } }
    venues: ["ndpr_cn"]
    params { name: "demand_growth" value { fixed: 0 } }
  }
  agents {
    id: "us_magnets" type: "magnet_buyer" nation: "US" sector: "industrial"
    capacities { commodity: "ndpr" per_year { fixed: 1040000 } }
    venues: ["ndpr_global"]
    params { name: "demand_growth" value { fixed: 0 } }
  }
  metrics { id: "price_cn" kind: METRIC_PRICE venue: "ndpr_cn" series: true }
  metrics { id: "price_global" kind: METRIC_PRICE venue: "ndpr_global" series: true }
  metrics { id: "cn_exports" kind: METRIC_FLOW commodity: "ndpr" origin: "CN" series: true }
  metrics { id: "us_unmet" kind: METRIC_UNMET_DEMAND nation: "US" commodity: "ndpr" series: true }
  metrics { id: "cn_output" kind: METRIC_OUTPUT nation: "CN" commodity: "ndpr" series: true }
  metrics { id: "au_output" kind: METRIC_OUTPUT nation: "AU" commodity: "ndpr" series: true }
)txt";

// NdPr oxide and the magnets made from it. China separates oxide and makes magnets; India makes
// magnets from oxide bought on the seaborne market; the US buys magnets and makes none. China
// does not sell magnets to the US, so the US's magnets come from India, made with Chinese oxide.
inline constexpr std::string_view kMagnetTrade = R"txt(
  id: "magnet-trade"
  calendar { start: "2024-01-01" end: "2024-12-31" }
  commodities {
    id: "ndpr" name: "NdPr oxide" stage: STAGE_OXIDE unit: "kg"
    quantity_lot: 10 price_tick: 0.01 reference_price: 55
    content { key: "Nd" value: 0.75 } content { key: "Pr" value: 0.25 }
  }
  commodities {
    id: "magnet" name: "NdFeB magnets" stage: STAGE_MAGNET unit: "kg"
    quantity_lot: 10 price_tick: 0.01 reference_price: 40
    content { key: "NdPr" value: 0.31 }
  }
  venues { id: "ndpr_cn" commodity: "ndpr" jurisdiction: "CN" }
  venues { id: "ndpr_global" commodity: "ndpr" jurisdiction: "global" }
  venues { id: "magnet_global" commodity: "magnet" jurisdiction: "global" }
  nations { id: "CN" } nations { id: "IN" } nations { id: "US" }
  agents {
    id: "cn_separators" type: "separator" nation: "CN"
    capacities { commodity: "ndpr" per_year { fixed: 1040000 } }
    venues: ["ndpr_cn", "ndpr_global"]
    params { name: "unit_cost" value { fixed: 30 } }
  }
  agents {
    id: "cn_magnets" type: "magnet_maker" nation: "CN"
    capacities { commodity: "magnet" per_year { fixed: 2000000 } }
    venues: ["ndpr_cn", "magnet_global"]
  }
  agents {
    id: "in_magnets" type: "magnet_maker" nation: "IN"
    capacities { commodity: "magnet" per_year { fixed: 1000000 } }
    venues: ["ndpr_global", "magnet_global"]
  }
  agents {
    id: "us_motors" type: "magnet_buyer" nation: "US" sector: "ev"
    capacities { commodity: "magnet" per_year { fixed: 800000 } }
    venues: ["magnet_global"]
    params { name: "demand_growth" value { fixed: 0 } }
  }
  agents {
    id: "cn_motors" type: "magnet_buyer" nation: "CN" sector: "ev"
    capacities { commodity: "magnet" per_year { fixed: 1600000 } }
    venues: ["magnet_global"]
    params { name: "demand_growth" value { fixed: 0 } }
  }
  policies {
    id: "cn_magnet_ban" type: "export_ban" enacted_by: "CN"
    origins: ["CN"] destinations: ["US"] commodities: ["magnet"]
  }
  metrics { id: "magnets_in_to_us" kind: METRIC_FLOW commodity: "magnet" origin: "IN" nation: "US" series: true }
  metrics { id: "oxide_cn_to_in" kind: METRIC_FLOW commodity: "ndpr" origin: "CN" nation: "IN" series: true }
  metrics { id: "us_unmet" kind: METRIC_UNMET_DEMAND nation: "US" commodity: "magnet" series: true }
  metrics { id: "price_magnet" kind: METRIC_PRICE venue: "magnet_global" series: true }
)txt";

// India's separator, price-insensitive (elasticity 0, no outages, no investment of its own), so
// that an award is the only thing that changes its output.
inline constexpr std::string_view kIndianSeparator = R"txt(
  agents {
    id: "in_separator" type: "separator" nation: "IN"
    capacities { commodity: "ndpr" per_year { fixed: 260000 } }
    venues: ["ndpr_global"]
    params { name: "unit_cost" value { fixed: 20 } }
    params { name: "supply_elasticity" value { fixed: 0 } }
    params { name: "outage_probability_per_year" value { fixed: 0 } }
    params { name: "invest_price_ratio" value { fixed: 20 } }
  }
  metrics { id: "in_output" kind: METRIC_OUTPUT nation: "IN" commodity: "ndpr" series: true }
)txt";

// A supply shock for kOxideTrade: China stops exporting NdPr from March to June, and a US
// stockpile agency holds 300 t, about 15 weeks of US demand (it acts only under a stockpile
// policy).
inline constexpr std::string_view kChinaShockAndUsReserve = R"txt(
  policies {
    id: "cn_export_ban" type: "export_ban" enacted_by: "CN"
    origins: ["CN"] commodities: ["ndpr"]
    activation { date: "2024-03-04" until: "2024-07-01" }
  }
  agents {
    id: "us_reserve" type: "stockpile" nation: "US" venues: ["ndpr_global"]
    inventory { commodity: "ndpr" quantity { fixed: 300000 } }
  }
)txt";

}  // namespace reesim::testing::worlds
