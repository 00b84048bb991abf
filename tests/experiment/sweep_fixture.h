// The small sweep experiments of tests/e2e/sweeps as test input, loaded into plans.
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "experiment/plan.h"

namespace reesim::testing {

// The plan of tests/e2e/sweeps/NAME.textproto (grid, saltelli, morris or long).
inline experiment::Plan sweep_plan(const std::string& name) {
  config::Diagnostics diagnostics;
  auto plan = experiment::load_plan(
      std::string(REESIM_SOURCE_DIR) + "/tests/e2e/sweeps/" + name + ".textproto", {}, diagnostics);
  if (!plan) FAIL("tests/e2e/sweeps/" << name << ".textproto does not load");
  return std::move(*plan);
}

}  // namespace reesim::testing
