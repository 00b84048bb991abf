// The size of a run's per-trial series on disk (trial_series.csv and their part of results.pb),
// estimated before the run starts, so that it can be printed first and a run past the limit
// (`--max-output-size`, 1 GiB by default) refused at once (exit 2) instead of after hours of
// trials. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace reesim::experiment {

// `--max-output-size`'s default: 1 GiB.
inline constexpr std::uint64_t kDefaultMaxOutputBytes = std::uint64_t{1} << 30;

// Estimated bytes of a run's per-trial series: `trials` trials of the series `series_names`
// ("metric" or "metric|key", as results::SeriesAccumulator names them) over `ticks` ticks.
struct TrialSeriesSize {
  std::uint64_t csv = 0;      // trial_series.csv: one row per trial, series and tick
  std::uint64_t results = 0;  // their TrialSeries messages in results.pb
  [[nodiscard]] std::uint64_t total() const { return csv + results; }
};
[[nodiscard]] TrialSeriesSize estimate_trial_series(std::int64_t trials,
                                                    const std::vector<std::string>& series_names,
                                                    std::int64_t ticks);

// "trial series: 16 trials x 5 series x 626 ticks, about 7.4 MiB (trial_series.csv 6.2 MiB,
// results.pb 1.2 MiB)": the line a run prints before its trials; "(trial_series.csv only)" when
// size.results is 0 (a sweep's series, which results.pb does not hold).
[[nodiscard]] std::string describe_trial_series(std::int64_t trials, std::size_t series,
                                                std::int64_t ticks, const TrialSeriesSize& size);

// Throws InputError ("WHAT: the per-trial series would take about 3.1 GiB (...), more than
// --max-output-size 1 GiB; keep fewer trials or metrics (outputs.metrics), or raise
// --max-output-size") when size.total() exceeds `limit` bytes.
void require_output_size(const TrialSeriesSize& size, std::uint64_t limit, const std::string& what);

}  // namespace reesim::experiment
