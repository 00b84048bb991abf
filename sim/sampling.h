// Draws a value from a scenario Distribution (DESIGN §3, "Uncertainty"). Thread-safe given its
// own stream.
#pragma once

#include "distribution.pb.h"
#include "sim/random.h"

namespace reesim::sim {

// One draw of `distribution`; a constant returns itself without consuming the stream.
// Normal draws truncated to [min, max] are resampled (at most 64 times, then clamped).
[[nodiscard]] double sample(const Distribution& distribution, RandomStream& stream);

// The distribution's central value without drawing: the constant, the mean of a uniform,
// normal or triangular, the median of a lognormal, the weighted mean of a discrete.
[[nodiscard]] double central_value(const Distribution& distribution);

}  // namespace reesim::sim
