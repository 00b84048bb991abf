// Reading a finished run folder (DESIGN §6) back, as `reesim merge` and `reesim analyze` do.
// Thread-safe (no shared state).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "results.pb.h"

namespace reesim::experiment {

// The results in `dir`: DIR/results.pb, after checking that DIR/digest (written last, so present
// only in a complete folder) holds the digest of its trials and that no sweep is unfinished there.
// Throws InputError (experiment/errors.h), one line naming the folder or file and what is wrong:
// not a folder, no digest file (the run did not finish, or is still running), checkpoints of an
// unfinished sweep, results.pb missing or unreadable, a trial without its series hash (written by
// a reesim whose digest did not cover series), or a digest that is not its trials'.
[[nodiscard]] Results read_result_folder(const std::filesystem::path& dir);

// The trial_series.csv of a sweep's shards joined: the first folder's header, then every folder's
// rows in the order given (the shards' order, so that the rows are in job order, as an unsharded
// sweep writes them). Throws InputError naming a folder without trial_series.csv, or whose
// header is not the first folder's.
[[nodiscard]] std::string join_trial_series_csv(const std::vector<std::filesystem::path>& folders);

// The whole content of a file, byte for byte; nullopt when it cannot be opened.
[[nodiscard]] std::optional<std::string> read_bytes(const std::filesystem::path& path);

}  // namespace reesim::experiment
