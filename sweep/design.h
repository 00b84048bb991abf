// The points of a parameter sweep (proto/experiment.proto, message Sweep): full factorial grids,
// Latin hypercubes, Sobol sequences, Saltelli designs for Sobol indices and Morris trajectories for
// elementary effects. Model-agnostic: a design is a table of numbers, one row per point and one
// column per swept parameter, in the order of Sweep.parameters; nothing here knows what a path
// names. Every function is pure and thread-safe, and a design depends only on the sweep and the
// seed, never on the platform: random numbers come from std::mt19937_64 (whose output the standard
// fixes) turned into doubles and integers here, never from std:: distributions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "experiment.pb.h"

namespace reesim::sweep {

// The points of a sweep. Row p of `unit` and of `values` is point p, in the order a runner should
// evaluate and report them; column i is Sweep.parameters[i].
//
// Layouts by kind (k = dimensions):
//   DESIGN_GRID: the full factorial, the last parameter varying fastest (row-major, like nested
//     loops over parameters 0..k-1). Parameter i takes its `values` in the order given, or `levels`
//     evenly spaced points from min to max (both included; geometric when log_scale). base = size.
//   DESIGN_LHS: `points` points; in each dimension exactly one point falls in each stratum
//     [s/n, (s+1)/n) of the unit coordinate, uniformly jittered inside it. base = points.
//   DESIGN_SOBOL: the first `points` points of boost::random::sobol in k dimensions (Joe-Kuo
//     direction numbers), which starts at (1/2, ..., 1/2): the all-zero point is skipped. The seed
//     is not used. base = points.
//   DESIGN_SALTELLI: base N = `points`. Matrices A and B (N x k) are the two halves of the first N
//     points of the 2k-dimensional Sobol sequence above (A: dimensions 0..k-1, B: k..2k-1; the seed
//     is not used). Base row j occupies rows j*(k+2) .. j*(k+2)+k+1:
//       j*(k+2)         A_j
//       j*(k+2) + 1     B_j
//       j*(k+2) + 2 + i AB_j^(i), i = 0..k-1: A_j with column i taken from B_j
//     size = N*(k+2). sobol_indices() relies on this layout. N a power of two balances the Sobol
//     points best.
//   DESIGN_MORRIS: r = `points` trajectories of k+1 points each, trajectory t occupying rows
//     t*(k+1) .. t*(k+1)+k, after Morris (1991) as written by Campolongo, Cariboni and Saltelli
//     (2007). Parameter i lives on a p_i-level grid {0, 1/(p_i-1), ..., 1} (p_i its `levels`, else
//     the number of its `values`, else 4; p_i even) and steps by delta_i = p_i/(2(p_i-1)). A
//     trajectory starts at a random grid point from which every step stays on the grid; row m+1
//     differs from row m in exactly one parameter, by +delta or -delta (random direction per
//     parameter), each parameter stepping once, in a random order. base = r.
struct SweepDesign {
  reesim::Design kind = reesim::DESIGN_UNSPECIFIED;
  std::size_t dimensions = 0;               // k: number of swept parameters
  std::size_t base = 0;                     // points (GRID, LHS, SOBOL), N (SALTELLI), r (MORRIS)
  std::vector<std::vector<double>> unit;    // [point][parameter], coordinates in [0, 1]
  std::vector<std::vector<double>> values;  // [point][parameter], the parameter values

  // Number of points (rows).
  [[nodiscard]] std::size_t size() const { return unit.size(); }
};

// The largest design make_design() builds, in points; design_problems() refuses bigger sweeps.
inline constexpr std::size_t kMaxDesignPoints = 100'000'000;

// What is wrong with `sweep` as a design, one human-readable line per problem, each naming the
// field it is about relative to the Sweep message, e.g. "parameters[2].levels: must be >= 2 for
// DESIGN_GRID". Empty when make_design() can build it. Path checks (does a path name a scenario
// field?) are the caller's business.
[[nodiscard]] std::vector<std::string> design_problems(const reesim::Sweep& sweep);

// The number of points make_design() would build, without building them; 0 when
// design_problems() finds any.
[[nodiscard]] std::size_t design_points(const reesim::Sweep& sweep);

// The points of `sweep`; `seed` drives the random designs (LHS, MORRIS) and is ignored by the
// others. The same sweep and seed give the same design, bit for bit, on every platform. Throws
// std::invalid_argument with the first of design_problems() when there is any.
[[nodiscard]] SweepDesign make_design(const reesim::Sweep& sweep, std::uint64_t seed);

// The value of `parameter` at unit coordinate `u` in [0, 1]: min + u*(max - min), or
// exp(log(min) + u*(log(max) - log(min))) when log_scale, exactly min at u = 0 and max at u = 1;
// with explicit `values` (n of them) the one at index floor(u*n), clamped to n - 1.
[[nodiscard]] double parameter_value(const reesim::SweepParameter& parameter, double u);

}  // namespace reesim::sweep
