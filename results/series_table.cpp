#include "results/series_table.h"

#include <set>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace reesim::results {
namespace {

// A series name's metric and key: "metric|key", or "metric" with an empty key.
std::pair<std::string, std::string> split_series_name(const std::string& name) {
  const std::size_t bar = name.find('|');
  if (bar == std::string::npos) return {name, {}};
  return {name.substr(0, bar), name.substr(bar + 1)};
}

}  // namespace

SeriesAccumulator::SeriesAccumulator(std::vector<std::string> series_names,
                                     std::vector<std::string> tick_dates, double relative_accuracy)
    : series_names_(std::move(series_names)), tick_dates_(std::move(tick_dates)) {
  std::set<std::string_view> seen;
  for (const std::string& name : series_names_) {
    if (name.empty() || name.front() == '|') {
      throw std::invalid_argument("series name '" + name + "' has no metric");
    }
    if (!seen.insert(name).second) {
      throw std::invalid_argument("series '" + name + "' is listed twice");
    }
  }
  sketches_.assign(series_names_.size() * tick_dates_.size(), QuantileSketch(relative_accuracy));
}

void SeriesAccumulator::add_trial(
    const std::vector<std::vector<double>>& series_by_name_then_tick) {
  if (series_by_name_then_tick.size() != series_names_.size()) {
    throw std::invalid_argument("a trial has " + std::to_string(series_by_name_then_tick.size()) +
                                " series, expected " + std::to_string(series_names_.size()));
  }
  for (std::size_t s = 0; s < series_names_.size(); ++s) {
    if (series_by_name_then_tick[s].size() != tick_dates_.size()) {
      throw std::invalid_argument("series '" + series_names_[s] + "' has " +
                                  std::to_string(series_by_name_then_tick[s].size()) +
                                  " ticks, expected " + std::to_string(tick_dates_.size()));
    }
  }
  const std::size_t ticks = tick_dates_.size();
  for (std::size_t s = 0; s < series_names_.size(); ++s) {
    for (std::size_t t = 0; t < ticks; ++t) {
      sketches_[s * ticks + t].add(series_by_name_then_tick[s][t]);
    }
  }
  ++trials_;
}

void SeriesAccumulator::merge(const SeriesAccumulator& other) {
  if (other.series_names_ != series_names_ || other.tick_dates_ != tick_dates_) {
    throw std::invalid_argument("cannot merge series accumulators of different series or ticks");
  }
  for (std::size_t i = 0; i < sketches_.size(); ++i)
    sketches_[i].merge(other.sketches_[i]);
  trials_ += other.trials_;
}

std::vector<SeriesPoint> SeriesAccumulator::points(
    const std::vector<double>& quantile_levels) const {
  for (const double level : quantile_levels) {
    if (!(level >= 0.0 && level <= 1.0)) {
      throw std::invalid_argument("quantile level " + std::to_string(level) + " is outside [0, 1]");
    }
  }
  std::vector<SeriesPoint> points;
  points.reserve(sketches_.size());
  std::vector<double> quantiles(quantile_levels.size());
  const std::size_t ticks = tick_dates_.size();
  for (std::size_t s = 0; s < series_names_.size(); ++s) {
    const auto [metric, key] = split_series_name(series_names_[s]);
    for (std::size_t t = 0; t < ticks; ++t) {
      const QuantileSketch& sketch = sketches_[s * ticks + t];
      SeriesPoint& point = points.emplace_back();
      point.set_metric(metric);
      point.set_key(key);
      point.set_date(tick_dates_[t]);
      point.set_mean(sketch.mean());
      sketch.quantiles(quantile_levels, quantiles);
      for (const double q : quantiles)
        point.add_quantiles(q);
    }
  }
  return points;
}

const QuantileSketch& SeriesAccumulator::sketch(std::size_t series, std::size_t tick) const {
  if (series >= series_names_.size() || tick >= tick_dates_.size()) {
    throw std::out_of_range("no series " + std::to_string(series) + " at tick " +
                            std::to_string(tick));
  }
  return sketches_[series * tick_dates_.size() + tick];
}

std::vector<TrialSeries> trial_series_rows(
    std::int64_t point, std::int64_t trial, const std::vector<std::string>& series_names,
    const std::vector<std::vector<double>>& series_by_name_then_tick) {
  if (series_by_name_then_tick.size() != series_names.size()) {
    throw std::invalid_argument("a trial has " + std::to_string(series_by_name_then_tick.size()) +
                                " series, expected " + std::to_string(series_names.size()));
  }
  std::vector<TrialSeries> rows(series_names.size());
  for (std::size_t s = 0; s < series_names.size(); ++s) {
    TrialSeries& row = rows[s];
    auto [metric, key] = split_series_name(series_names[s]);
    row.set_point(point);
    row.set_trial(trial);
    row.set_metric(std::move(metric));
    row.set_key(std::move(key));
    const std::vector<double>& values = series_by_name_then_tick[s];
    row.mutable_values()->Assign(values.begin(), values.end());
  }
  return rows;
}

}  // namespace reesim::results
