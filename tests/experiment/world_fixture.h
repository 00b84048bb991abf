// The quick-start run folder as test input: its path, its world, and a bit-level view of doubles
// so that outputs holding NaN compare equal exactly when their bits agree.
#pragma once

#include <bit>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/loader.h"
#include "sim/catalog.h"
#include "world/world.h"

namespace reesim::testing {

// The run folder the tests use.
inline const std::string kQuickstartFolder =
    std::string(REESIM_SOURCE_DIR) + "/runs/quickstart-2024";

// The quick-start scenario as a world; throws when it does not load.
inline std::unique_ptr<world::World> quickstart_world() {
  config::Diagnostics diagnostics;
  auto scenario = config::load_scenario(kQuickstartFolder + "/scenario.textproto", diagnostics);
  if (!scenario) throw std::runtime_error("quick-start scenario does not load");
  return std::make_unique<world::World>(std::move(*scenario), sim::catalog());
}

// The IEEE-754 bit patterns of `values`.
inline std::vector<std::uint64_t> bits(const std::vector<double>& values) {
  std::vector<std::uint64_t> out;
  out.reserve(values.size());
  for (const double value : values)
    out.push_back(std::bit_cast<std::uint64_t>(value));
  return out;
}

}  // namespace reesim::testing
