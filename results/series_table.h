// Per-tick series aggregated across trials (DESIGN §6 series.csv): one QuantileSketch per series
// and tick, so memory does not grow with the number of trials.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "results.pb.h"
#include "results/quantile_sketch.h"

namespace reesim::results {

// Accumulates every series of a run, trial by trial. Each trial adds one value per series and
// tick; the sketches make the result independent of the order of trials and of how accumulators
// are split and merged (see QuantileSketch), so threads or shards may each fill their own and
// merge them. Not thread-safe.
class SeriesAccumulator {
 public:
  // `series_names`: one per series, "metric" or "metric|key" (the key after the first '|', e.g.
  // "import_dependence|IN"). `tick_dates`: ISO 8601 date of each tick, in tick order.
  // `relative_accuracy`: of the quantiles, see QuantileSketch. Throws std::invalid_argument on a
  // repeated series name or an empty metric.
  SeriesAccumulator(std::vector<std::string> series_names, std::vector<std::string> tick_dates,
                    double relative_accuracy = QuantileSketch::kDefaultRelativeAccuracy);

  // Adds one trial: series_by_name_then_tick[s][t] is series s at tick t, in the order of the
  // constructor's lists (std::invalid_argument on any other shape). NaN means "no value" (e.g. no
  // trade that tick) and is left out of that tick's mean and quantiles.
  void add_trial(const std::vector<std::vector<double>>& series_by_name_then_tick);

  // Adds every trial of `other`, which must have the same series, ticks and accuracy
  // (std::invalid_argument otherwise).
  void merge(const SeriesAccumulator& other);

  // One point per series and tick, series-major, in the constructor's orders: metric, key, date,
  // mean across trials and the sketch's quantile at each of `quantile_levels` (each in [0, 1]; see
  // QuantileSketch for the definition and accuracy). Mean and quantiles are NaN for a tick
  // without values.
  [[nodiscard]] std::vector<SeriesPoint> points(const std::vector<double>& quantile_levels) const;

  // The sketch of series `series` at tick `tick` (indices into the constructor's lists).
  [[nodiscard]] const QuantileSketch& sketch(std::size_t series, std::size_t tick) const;

  [[nodiscard]] const std::vector<std::string>& series_names() const { return series_names_; }
  [[nodiscard]] const std::vector<std::string>& tick_dates() const { return tick_dates_; }
  // Trials added, including those merged in.
  [[nodiscard]] std::int64_t trials() const { return trials_; }

 private:
  std::vector<std::string> series_names_;
  std::vector<std::string> tick_dates_;
  std::vector<QuantileSketch> sketches_;  // series-major: sketches_[s * ticks + t]
  std::int64_t trials_ = 0;
};

// One trial's series as Results.trial_series rows: one TrialSeries per series, in the order of
// `series_names` (named "metric" or "metric|key", as SeriesAccumulator's), each holding its
// values of `series_by_name_then_tick`. std::invalid_argument when the two lists differ in
// length.
[[nodiscard]] std::vector<TrialSeries> trial_series_rows(
    std::int64_t point, std::int64_t trial, const std::vector<std::string>& series_names,
    const std::vector<std::vector<double>>& series_by_name_then_tick);

}  // namespace reesim::results
