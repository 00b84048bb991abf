// Writes a run's output folder (DESIGN §6) from a filled Results message. Every file is written
// atomically (AtomicFile), and `digest` last, so a folder holding a `digest` file is complete.
#pragma once

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>

#include "results.pb.h"

namespace reesim::results {

// File names inside a run folder.
inline constexpr std::string_view kTrialsFile = "trials.csv";
inline constexpr std::string_view kTrialSeriesFile = "trial_series.csv";
inline constexpr std::string_view kSeriesFile = "series.csv";
inline constexpr std::string_view kSummaryFile = "summary.csv";
inline constexpr std::string_view kCovarianceFile = "covariance.csv";
inline constexpr std::string_view kPointsFile = "points.csv";
inline constexpr std::string_view kUnitsFile = "units.csv";
inline constexpr std::string_view kColumnsFile = "columns.csv";
inline constexpr std::string_view kResultsFile = "results.pb";
inline constexpr std::string_view kManifestFile = "manifest.textproto";
inline constexpr std::string_view kDigestFile = "digest";
// Every external action of a `reesim serve` run, for replay (gateway::ActionLog).
inline constexpr std::string_view kActionsFile = "actions.pb";
// Written into a finished sweep's folder by `reesim analyze`.
inline constexpr std::string_view kSensitivityFile = "sensitivity.csv";
// An unfinished sweep's checkpoints (experiment::kCheckpointFolder).
inline constexpr std::string_view kCheckpointsFolder = ".partial";
// A file any command writes into a run folder is named above and listed in own_entry_names()
// (run_folder.h), so that a new run replaces it and --force removes it.

// Protobuf's limit on one message: 2 GiB - 1 bytes.
inline constexpr std::uint64_t kProtobufLimitBytes = 2147483647;

// Creates `out_dir` (and its parents) if needed and writes, each atomically and in this order:
// trials.csv, trial_series.csv when the run keeps per-trial series (results.manifest.experiment
// has outputs.trial_series), series.csv, summary.csv, covariance.csv and, for a sweep
// (results.manifest.experiment has one), points.csv (see csv_tables.h), units.csv (units.h),
// columns.csv (column_names.h), results.pb (results_bytes; without the per-trial series for a
// sweep, or when they would pass results_limit, see trial_series_in_results),
// manifest.textproto (manifest_text) and digest (the run digest of results.trials in lower-case
// hex, then '\n'). The digest is computed here from the trials (run_digest); when
// results.manifest.digest is set it must equal it (std::invalid_argument otherwise), and when it is
// empty the written manifest and results.pb carry the computed one; likewise results.pb carries
// the units of units.csv (fill_units, units.h) when the message holds none. Every file is rendered
// before the first is written, so an inconsistent message (std::invalid_argument) leaves no file
// behind; an I/O failure throws std::runtime_error (or std::filesystem::filesystem_error) naming
// the path. Files already in `out_dir` under these names are replaced, one by one: the commands
// write through a RunFolder (run_folder.h), which replaces a run as a whole. Thread-safe for
// distinct folders.
// `results_limit`: results.pb's limit (trial_series_in_results); tests pass a small one.
void write_run_outputs(const std::filesystem::path& out_dir, const Results& results,
                       std::uint64_t results_limit = kProtobufLimitBytes);

// Whether a run's per-trial series go into results.pb beside trial_series.csv: only while the
// Results message holding them, of `message_bytes`, stays within `limit` bytes; past it they go
// to trial_series.csv alone (Results.trial_series_csv_only).
[[nodiscard]] bool trial_series_in_results(std::uint64_t message_bytes,
                                           std::uint64_t limit = kProtobufLimitBytes);

// `results` without its per-trial series (trial_series, tick_dates), marked trial_series_csv_only:
// what results.pb holds when they would pass the limit. Every other field is copied.
[[nodiscard]] Results without_trial_series(const Results& results);

// results.pb: `results` in the protobuf binary format with deterministic serialization (the same
// message always gives the same bytes). Throws std::runtime_error past protobuf's 2 GiB limit.
[[nodiscard]] std::string results_bytes(const Results& results);
// The same bytes, written to `out` as they are made (write_run_outputs does, so that a large
// run's results.pb is never held in memory whole).
void write_results_bytes(const Results& results, std::ostream& out);

// Any message in the protobuf binary format with deterministic serialization, as results_bytes.
[[nodiscard]] std::string deterministic_bytes(const google::protobuf::Message& message);

// manifest.textproto: the line `# proto-message: reesim.RunManifest`, then `manifest` in protobuf
// text format (TextFormat::ParseFromString reads it back, the comment line included).
[[nodiscard]] std::string manifest_text(const RunManifest& manifest);

}  // namespace reesim::results
