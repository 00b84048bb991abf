// Draws a value from a scenario Distribution (DESIGN §3, "Uncertainty"). Thread-safe given its
// own stream.
#pragma once

#include <span>
#include <vector>

#include "core/param_spec.h"
#include "distribution.pb.h"
#include "scenario.pb.h"
#include "world/random.h"

namespace reesim::world {

// One draw of `distribution`; a constant returns itself without consuming the stream.
// Normal draws truncated to [min, max] are resampled (at most 64 times, then clamped).
[[nodiscard]] double sample(const Distribution& distribution, RandomStream& stream);

// The values of a registered type's parameters for one owner, aligned with `specs`: each one the
// scenario gives (`given`) is drawn from `stream`, in the type's order; the others keep their
// defaults. Agents, policies and the policy engine's reading of a government's parameters all
// draw this way, so the same stream gives the same values.
[[nodiscard]] std::vector<double> sample_params(
    std::span<const ParamSpec> specs, const google::protobuf::RepeatedPtrField<Param>& given,
    RandomStream& stream);

// The distribution's central value without drawing: the constant, the mean of a uniform,
// normal or triangular, the median of a lognormal, the weighted mean of a discrete.
[[nodiscard]] double central_value(const Distribution& distribution);

}  // namespace reesim::world
