// Global sensitivity indices of one scalar output over a sweep design (design.h): variance-based
// first-order and total Sobol indices from a Saltelli design, with bootstrap intervals, and Morris
// elementary-effect statistics from Morris trajectories. Model-agnostic: the caller evaluates the
// model at every design point (e.g. the mean of a scalar over a point's replicate trials) and
// passes those outputs in design order. Every function is pure and thread-safe; results depend
// only on the inputs (and the seed), never on the platform.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sweep/design.h"

namespace reesim::sweep {

// A point estimate with an interval around it; low and high are NaN when no interval was asked.
struct Interval {
  double estimate = 0;
  double low = 0;
  double high = 0;
};

// Sobol indices, one per swept parameter in the order of the design's columns.
struct SobolIndices {
  std::vector<Interval> first;  // S_i: share of Var(Y) due to parameter i alone
  std::vector<Interval>
      total;            // ST_i: share of Var(Y) involving parameter i, interactions included
  double variance = 0;  // V: population variance of Y over the rows A and B together
};

// First-order and total Sobol indices from a DESIGN_SALTELLI design and `y`, the output at each of
// its design.size() points in design order. With f(A), f(B) and f(AB^(i)) the outputs at the
// rows of base row j (see SweepDesign) and V the variance (1/(2N) denominator) of the 2N outputs
// f(A) and f(B):
//   S_i  = mean_j (f(B)_j - f0) (f(AB^(i))_j - f(A)_j) / V   (Saltelli et al. 2010, Table 2)
//   ST_i = mean_j (f(A)_j - f(AB^(i))_j)^2 / (2 V)           (Jansen 1999; Saltelli et al. 2010,
//   Table 2)
// where f0 is the mean of those 2N outputs. Subtracting f0 leaves S_i's expectation as it is
// (f(AB^(i)) - f(A) has mean 0) but removes a spread that grows with the output's mean over its
// sd (Sobol' 2001): an output of 0.3 +- 0.03 gave first-order intervals several units wide.
// Intervals are bootstrap percentile intervals at level `confidence` in (0, 1) (e.g. 0.95): the
// N base rows are resampled with replacement `bootstrap` times, the indices recomputed on each
// resample, and the (1-confidence)/2 and (1+confidence)/2 type-7 quantiles taken. bootstrap = 0
// gives NaN intervals. The resampling is driven by `seed` alone, so the same inputs give the same
// intervals. A constant output (V = 0) gives NaN indices; NaN outputs propagate.
// Throws std::invalid_argument when the design is not DESIGN_SALTELLI, is inconsistent with its
// layout, y.size() != design.size(), bootstrap < 0 or confidence is outside (0, 1).
//
// Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M., Tarantola, S. (2010). Variance
// based sensitivity analysis of model output. Design and estimator for the total sensitivity
// index. Computer Physics Communications 181, 259-270.
// Sobol', I.M. (2001). Global sensitivity indices for nonlinear mathematical models and their
// Monte Carlo estimates. Mathematics and Computers in Simulation 55, 271-280.
// Jansen, M.J.W. (1999). Analysis of variance designs for model output. Computer Physics
// Communications 117, 35-43.
[[nodiscard]] SobolIndices sobol_indices(const SweepDesign& design, std::span<const double> y,
                                         int bootstrap, double confidence, std::uint64_t seed);

// Morris statistics, one per swept parameter, of the elementary effects
// EE = (y(x + delta e_i) - y(x)) / delta in unit coordinates (delta negative for a downward step),
// one per parameter per trajectory.
struct MorrisIndices {
  std::vector<double> mu;       // mean EE (Morris 1991): effects of opposite sign cancel
  std::vector<double> mu_star;  // mean |EE| (Campolongo et al. 2007): overall importance
  std::vector<double> sigma;    // sample sd of EE (n - 1 denominator; NaN with one trajectory):
                                // non-linearity and interactions
};

// Morris statistics from a DESIGN_MORRIS design and `y`, the output at each of its design.size()
// points in design order. To express an effect per unit of parameter i rather than per unit
// coordinate, divide by (max - min) (linear scale). Throws std::invalid_argument when the design
// is not DESIGN_MORRIS, a step of a trajectory does not change exactly one parameter, or
// y.size() != design.size().
//
// Morris, M.D. (1991). Factorial sampling plans for preliminary computational experiments.
// Technometrics 33, 161-174.
// Campolongo, F., Cariboni, J., Saltelli, A. (2007). An effective screening design for
// sensitivity analysis of large models. Environmental Modelling & Software 22, 1509-1518.
[[nodiscard]] MorrisIndices morris_indices(const SweepDesign& design, std::span<const double> y);

}  // namespace reesim::sweep
