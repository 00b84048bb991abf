// Merging the shards of a sweep (DESIGN §7) into the result of the whole sweep: the trials
// concatenated in job order, so the merged digest equals that of the sweep run in one piece, and
// the aggregates recomputed from them. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "results.pb.h"

namespace reesim::experiment {

// One shard's result and the folder it was read from (for messages).
struct ShardResult {
  std::string folder;
  Results results;
};

// The whole sweep from all N of its shards, given in any order. Refuses (InputError, one line
// naming the folder and the difference) a result that is not a sweep's or whose shard is not
// "K/N"; shards of different sweeps: another reesim version or git commit, experiment or scenario
// file, included or --add-policy files (their paths or SHA-256, RunManifest.included_files),
// resolved experiment or scenario (overrides, --set), seed or N, or other parameter or
// scalar names; a shard given twice; a missing shard (naming every missing K); and a shard whose
// trials are not exactly its share of the jobs. Per-trial series the shards hold
// (Results.trial_series) are joined in shard order, as the trials; shards read from folders hold
// none (a sweep's results.pb does not), and their trial_series.csv files are joined by
// join_trial_series_csv. The merged manifest is the first shard's with
// shard "1/1", merged_shards N, the earliest start, the latest end, the hosts of all shards, and
// the merged digest.
[[nodiscard]] Results merge_shards(std::vector<ShardResult> shards);

}  // namespace reesim::experiment
