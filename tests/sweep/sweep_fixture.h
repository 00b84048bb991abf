// Named constructors for the sweeps the tests build.
#pragma once

#include <cstdint>
#include <initializer_list>

#include "experiment.pb.h"

namespace reesim::sweep::testing {

// A parameter ranging over [min, max].
inline reesim::SweepParameter range(double min, double max, int levels = 0,
                                    bool log_scale = false) {
  reesim::SweepParameter p;
  p.set_min(min);
  p.set_max(max);
  p.set_levels(levels);
  p.set_log_scale(log_scale);
  return p;
}

// A parameter taking the listed values.
inline reesim::SweepParameter listed(std::initializer_list<double> values) {
  reesim::SweepParameter p;
  for (const double v : values)
    p.add_values(v);
  return p;
}

// A sweep of `design` over `parameters` with `points` points (base, trajectories).
inline reesim::Sweep sweep_of(reesim::Design design, std::int64_t points,
                              std::initializer_list<reesim::SweepParameter> parameters) {
  reesim::Sweep sweep;
  sweep.set_design(design);
  sweep.set_points(points);
  for (const auto& p : parameters)
    *sweep.add_parameters() = p;
  return sweep;
}

}  // namespace reesim::sweep::testing
