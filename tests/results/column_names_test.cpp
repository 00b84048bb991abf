#include <catch2/catch.hpp>

#include <string>

#include "results/column_names.h"

using reesim::results::columns_csv;
using reesim::results::portable_name;

TEST_CASE("A parameter's field path becomes a name R and pandas keep as it is",
          "[results][columns]") {
  CHECK(portable_name("agents[cn_mines_light].supply_elasticity") ==
        "agents.cn_mines_light.supply_elasticity");
  CHECK(portable_name("policies[in_magnet_scheme].params[max_units_per_year].value.fixed") ==
        "policies.in_magnet_scheme.params.max_units_per_year.value.fixed");
  CHECK(portable_name("agents[cn_separators].capacities[dy_oxide]") ==
        "agents.cn_separators.capacities.dy_oxide");
  CHECK(portable_name("model.price_anchor_rate") == "model.price_anchor_rate");
  CHECK(portable_name("dy_global_peak") == "dy_global_peak");  // a scalar stays as it is
  CHECK(portable_name("shortfall, EV India") == "shortfall.EV.India");
  CHECK(portable_name("2035_peak") == "x2035_peak");  // R's names start with a letter
}

TEST_CASE("columns.csv maps every trials.csv column, in order, to a distinct name",
          "[results][columns]") {
  reesim::Results results;
  results.add_parameter_names("agents[a].x");
  results.add_parameter_names("agents.a.x");  // the same portable name: made distinct
  results.add_scalar_names("peak");
  CHECK(columns_csv(results) ==
        "column,name\n"
        "trial,trial\n"
        "point,point\n"
        "agents[a].x,agents.a.x\n"
        "agents.a.x,agents.a.x.2\n"
        "peak,peak\n"
        "series_sha256,series_sha256\n");
}
