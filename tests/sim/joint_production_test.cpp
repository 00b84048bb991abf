// Joint production and uses outside magnets (docs/model.md §7.15): a separator's basket brings La
// and Ce with NdPr in the ore's proportions, sector buyers use the light oxides, and what the
// light oxides fetch moves how much ore is separated, so a glut of one oxide matters for the
// others.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "tests/policies/world_runner.h"

using reesim::testing::WorldRunner;

namespace {

// Two years, weekly: a Chinese mine's light concentrate (20 % NdPr, 25 % La, 50 % Ce) goes to a
// Chinese separator, whose NdPr oxide magnet makers' buyers take (as an NdPr buyer) and whose La
// and Ce oxides sector buyers take (catalysts, polishing). Test prices, not calibrated ones: the
// light oxides carry a fifth of the basket's value here, so that their effect is plain. Nobody's
// demand grows, and nothing has outages.
constexpr std::string_view kLight = R"txt(
  id: "light"
  calendar { start: "2024-01-01" end: "2025-12-31" }
  commodities {
    id: "conc" name: "Light concentrate" stage: STAGE_CONCENTRATE unit: "kg"
    quantity_lot: 1 price_tick: 0.01 reference_price: 6.4
    content { key: "Nd" value: 0.15 } content { key: "Pr" value: 0.05 }
    content { key: "La" value: 0.25 } content { key: "Ce" value: 0.5 }
  }
  commodities {
    id: "ndpr" name: "NdPr oxide" stage: STAGE_OXIDE unit: "kg"
    quantity_lot: 1 price_tick: 0.01 reference_price: 55
    content { key: "Nd" value: 0.75 } content { key: "Pr" value: 0.25 }
  }
  commodities {
    id: "la" name: "La oxide" stage: STAGE_OXIDE unit: "kg"
    quantity_lot: 1 price_tick: 0.01 reference_price: 2 content { key: "La" value: 1 }
  }
  commodities {
    id: "ce" name: "Ce oxide" stage: STAGE_OXIDE unit: "kg"
    quantity_lot: 1 price_tick: 0.01 reference_price: 4 content { key: "Ce" value: 1 }
  }
  venues { id: "conc_cn" commodity: "conc" jurisdiction: "CN" }
  venues { id: "ndpr_cn" commodity: "ndpr" jurisdiction: "CN" }
  venues { id: "la_cn" commodity: "la" jurisdiction: "CN" }
  venues { id: "ce_cn" commodity: "ce" jurisdiction: "CN" }
  nations { id: "CN" }
  model { params { name: "expected_growth_prior" value { fixed: 0 } } }
  agents {
    id: "cn_mine" type: "miner" nation: "CN" venues: ["conc_cn"]
    capacities { commodity: "conc" per_year { fixed: 1100000 } utilisation: 0.9 }
    params { name: "unit_cost" value { fixed: 2 } }
    params { name: "outage_probability_per_year" value { fixed: 0 } }
  }
  agents {
    id: "cn_separator" type: "separator" nation: "CN"
    venues: ["conc_cn", "ndpr_cn", "la_cn", "ce_cn"]
    capacities { commodity: "ndpr" per_year { fixed: 230000 } utilisation: 0.9 }
    capacities { commodity: "la" per_year { fixed: 290000 } utilisation: 0.9 }
    capacities { commodity: "ce" per_year { fixed: 580000 } utilisation: 0.9 }
    params { name: "unit_cost" value { fixed: 9 } }
    params { name: "outage_probability_per_year" value { fixed: 0 } }
  }
  agents {
    id: "cn_ndpr_buyers" type: "magnet_buyer" nation: "CN" sector: "magnets" venues: ["ndpr_cn"]
    capacities { commodity: "ndpr" per_year { fixed: 188000 } }
    params { name: "demand_growth" value { fixed: 0 } }
  }
  agents {
    id: "cn_la_buyers" type: "sector_buyer" nation: "CN" sector: "catalysts" venues: ["la_cn"]
    capacities { commodity: "la" per_year { fixed: 235000 } }
    params { name: "demand_growth" value { fixed: 0 } }
  }
  metrics { id: "ndpr_price" kind: METRIC_PRICE venue: "ndpr_cn" series: true }
  metrics { id: "ce_price" kind: METRIC_PRICE venue: "ce_cn" series: true }
  metrics { id: "la_price" kind: METRIC_PRICE venue: "la_cn" series: true }
  metrics { id: "ndpr_output" kind: METRIC_OUTPUT nation: "CN" commodity: "ndpr" series: true }
  metrics { id: "ce_output" kind: METRIC_OUTPUT nation: "CN" commodity: "ce" series: true }
  metrics { id: "ce_stock" kind: METRIC_INVENTORY nation: "CN" commodity: "ce" series: true }
)txt";

// Polishing and glass makers' use of Ce oxide, `kg` a year.
std::string ce_buyers(double kg) {
  return R"txt(
  agents {
    id: "cn_ce_buyers" type: "sector_buyer" nation: "CN" sector: "polishing" venues: ["ce_cn"]
    capacities { commodity: "ce" per_year { fixed: )txt" +
         std::to_string(kg) + R"txt( } }
    params { name: "demand_growth" value { fixed: 0 } }
  }
)txt";
}

// The mean of `series` from `from` to its end.
double mean_of(const std::vector<double>& series, std::size_t from) {
  return reesim::testing::window_mean(series, static_cast<int>(from),
                                      static_cast<int>(series.size()));
}

}  // namespace

TEST_CASE("Separators make La and Ce with NdPr in the ore's proportions", "[sim][joint]") {
  const std::string ce = ce_buyers(470000);
  WorldRunner world({kLight, ce});
  const auto second_year = static_cast<std::size_t>(world.tick_of("2025-01-06"));
  const double ndpr = mean_of(world.series("ndpr_output", 0), second_year);
  const double cerium = mean_of(world.series("ce_output", 0), second_year);
  INFO("NdPr " << ndpr << " kg/week, Ce " << cerium << " kg/week");
  REQUIRE(ndpr > 0);
  CHECK(cerium / ndpr == Approx(0.5 / 0.2).epsilon(1e-9));
  // Demand about matches supply, so prices stay near their references.
  const double ndpr_ratio = mean_of(world.series("ndpr_price", 0), second_year) / 55.0;
  const double ce_ratio = mean_of(world.series("ce_price", 0), second_year) / 4.0;
  INFO("NdPr at " << ndpr_ratio << " of its reference, Ce at " << ce_ratio);
  CHECK(ndpr_ratio > 0.8);
  CHECK(ndpr_ratio < 1.25);
  CHECK(ce_ratio > 0.8);
  CHECK(ce_ratio < 1.25);
}

TEST_CASE("A glut of Ce lowers its price, leaves Ce unsold, and makes NdPr scarcer",
          "[sim][joint][direction]") {
  const std::string full = ce_buyers(470000);
  const std::string half = ce_buyers(235000);
  WorldRunner balanced({kLight, full});
  WorldRunner glutted({kLight, half});
  const auto second_year = static_cast<std::size_t>(balanced.tick_of("2025-01-06"));
  auto mean = [&](WorldRunner& world, std::string_view series) {
    return mean_of(world.series(series, 0), second_year);
  };
  INFO("Ce price " << mean(balanced, "ce_price") << " -> " << mean(glutted, "ce_price"));
  INFO("Ce stock " << mean(balanced, "ce_stock") << " -> " << mean(glutted, "ce_stock"));
  INFO("NdPr output " << mean(balanced, "ndpr_output") << " -> " << mean(glutted, "ndpr_output"));
  INFO("NdPr price " << mean(balanced, "ndpr_price") << " -> " << mean(glutted, "ndpr_price"));
  CHECK(mean(glutted, "ce_price") < mean(balanced, "ce_price"));
  CHECK(mean(glutted, "ce_stock") > mean(balanced, "ce_stock"));
  // The basket is worth less, so less ore is separated: less NdPr, dearer.
  CHECK(mean(glutted, "ndpr_output") < mean(balanced, "ndpr_output"));
  CHECK(mean(glutted, "ndpr_price") > mean(balanced, "ndpr_price"));
}
