// Internal to the experiment module: the parts of a run manifest (proto/results.proto) that every
// kind of run fills the same way. Thread-safe (no shared state).
#pragma once

#include <string>

#include "experiment/plan.h"
#include "results.pb.h"

namespace reesim::experiment {

// The manifest of a run of `plan` starting now on `threads` workers: version, git commit,
// compiler and flags, the resolved scenario and experiment, their files' SHA-256 and the included
// files', seed, shard "1/1", threads, host and start time. The caller sets trials, shard, digest
// and end time.
[[nodiscard]] RunManifest start_manifest(const Plan& plan, int threads);

// The current time as ISO 8601 UTC, e.g. "2025-04-04T12:00:00Z".
[[nodiscard]] std::string utc_now();

}  // namespace reesim::experiment
