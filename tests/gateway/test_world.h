// A small world for the gateway tests: one oxide on one venue, ticking monthly for a year, and
// `providers` liquidity providers lp_0, lp_1, ... whose built-in rule never trades (each quotes
// around the same level), so that the orders clients send decide the prices.
#pragma once

#include <memory>
#include <string>

#include "sim/catalog.h"
#include "tests/policies/world_runner.h"
#include "world/world.h"

namespace reesim::testing {

inline std::unique_ptr<world::World> gateway_world(int providers) {
  std::string text = R"txt(
    id: "gateway-test" title: "Gateway test world"
    calendar { start: "2024-01-01" end: "2024-12-31" tick_days: 30 }
    commodities {
      id: "ndpr" name: "NdPr oxide" stage: STAGE_OXIDE unit: "kg"
      quantity_lot: 1 price_tick: 0.01 reference_price: 100
      content { key: "Nd" value: 0.75 } content { key: "Pr" value: 0.25 }
    }
    venues { id: "ndpr_global" commodity: "ndpr" jurisdiction: "global" }
    nations { id: "CN" } nations { id: "US" }
    metrics {
      id: "price" kind: METRIC_PRICE venue: "ndpr_global" series: true
      scalars { id: "price_mean" kind: SCALAR_MEAN }
    }
    metrics {
      id: "volume" kind: METRIC_VOLUME venue: "ndpr_global" series: true
      scalars { id: "volume_total" kind: SCALAR_CUMULATIVE }
    }
  )txt";
  for (int k = 0; k < providers; ++k)
    text += "agents { id: \"lp_" + std::to_string(k) +
            "\" type: \"liquidity_provider\" nation: \"US\" venues: [\"ndpr_global\"] "
            "inventory { commodity: \"ndpr\" quantity { fixed: 1000 } } }\n";
  return std::make_unique<world::World>(scenario_of({text}), sim::catalog());
}

}  // namespace reesim::testing
