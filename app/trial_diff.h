// Naming the first difference between the trials a run folder recorded (expected_trials.csv and,
// when kept, expected_series.csv) and those of a re-run, for `reesim reproduce` (DESIGN §4, §5).
// Both sides are the CSV text reesim writes, whose numbers are in shortest round-trip form (NaN as
// NA), so equal text means equal canonical bits. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace reesim::app {

// The recorded results of a run folder, written by scripts/record-digests.sh.
inline constexpr std::string_view kExpectedDigestFile = "expected_digest";
inline constexpr std::string_view kExpectedTrialsFile = "expected_trials.csv";
inline constexpr std::string_view kExpectedSeriesFile = "expected_series.csv";

// Rows of unquoted fields.
using CsvTable = std::vector<std::vector<std::string>>;

// Splits RFC 4180 CSV text into rows of unquoted fields.
[[nodiscard]] CsvTable parse_csv(std::string_view text);

// The recorded and the re-run tables of one run, and how to read them.
struct RecordedTrials {
  const CsvTable* expected_trials = nullptr;  // expected_trials.csv (trials.csv's format)
  const CsvTable* actual_trials = nullptr;    // the re-run's trials.csv
  // expected_series.csv and the re-run's trial_series.csv (trial_series.csv's format); null when
  // the folder records no per-trial series.
  const CsvTable* expected_series = nullptr;
  const CsvTable* actual_series = nullptr;
  int parameters = 0;  // parameter columns after `trial,point`
  bool sweep = false;  // name trials "point P, trial T"
};

// The first difference, in words; empty when the tables agree. Trials are compared in order; in
// the first that differs, a parameter is named first (the inputs differ), then, when per-trial
// series are recorded, the earliest date at which any of its series differs (the first series in
// scenario order at that date): "trial 3, series in_magnet_imports, 2026-03-02: expected 0.81,
// got 0.8"; otherwise its first differing column (a scalar, or series_sha256). Differing headers
// are named too.
[[nodiscard]] std::string first_difference(const RecordedTrials& recorded);

}  // namespace reesim::app
