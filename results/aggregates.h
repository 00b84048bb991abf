// The aggregates of a Results message that are computed from its trials alone (DESIGN §6): the
// per-scalar summaries and the covariance of the scalars. `reesim run`, `reesim sweep` and
// `reesim merge` all fill them this way, so a merged result's aggregates equal those of the same
// trials run in one piece. Pure; thread-safe for distinct messages.
#pragma once

#include "results.pb.h"

namespace reesim::results {

// Replaces results.summary (one ScalarSummary per scalar name, from summarize_scalar over every
// trial in stored order) and results.scalar_covariance (covariance() of the trials x scalars
// matrix, row-major; see results.proto). Throws std::invalid_argument when a trial's scalar count
// differs from scalar_names_size(), naming the trial.
void fill_scalar_aggregates(Results& results);

}  // namespace reesim::results
