#include "experiment/output_size.h"

#include "experiment/errors.h"
#include "experiment/memory.h"

namespace reesim::experiment {
namespace {

// Characters of a value in trial_series.csv: the shortest text that reads back as the same
// double is mostly 6 to 18 characters; the estimate takes the long end.
constexpr double kValueChars = 18;
// A TrialSeries message besides its names and values: tags, lengths, trial and point.
constexpr double kSeriesMessageBytes = 24;

double digits(std::int64_t n) {
  double d = 1;
  for (std::int64_t v = n; v >= 10; v /= 10)
    ++d;
  return d;
}

// "trial_series.csv 3 MiB, results.pb 1 MiB", or "trial_series.csv only" for series kept out of
// results.pb (a sweep's).
std::string parts(const TrialSeriesSize& size) {
  if (size.results == 0) return "trial_series.csv only";
  return "trial_series.csv " + describe_bytes(size.csv) + ", results.pb " +
         describe_bytes(size.results);
}

}  // namespace

TrialSeriesSize estimate_trial_series(std::int64_t trials,
                                      const std::vector<std::string>& series_names,
                                      std::int64_t ticks) {
  // In doubles, as estimate_result_bytes: no overflow, and an estimate is all that is needed.
  double names = 0;  // "metric|key": as long as "metric,key" on a row
  for (const std::string& name : series_names)
    names += static_cast<double>(name.size());
  const auto n = static_cast<double>(trials);
  const auto t = static_cast<double>(ticks);
  const auto s = static_cast<double>(series_names.size());
  // A row: point (0 outside a sweep), trial, metric, key, date (10), value, 5 commas, newline.
  const double fixed_row = 1 + digits(trials > 0 ? trials - 1 : 0) + 10 + kValueChars + 6;
  const double csv = n * t * (s * fixed_row + names);
  const double results = n * (s * (kSeriesMessageBytes + 8 * t) + names);
  const auto bytes = [](double b) {
    return b >= 1.8e19 ? UINT64_MAX : static_cast<std::uint64_t>(b);
  };
  return {.csv = bytes(csv), .results = bytes(results)};
}

std::string describe_trial_series(std::int64_t trials, std::size_t series, std::int64_t ticks,
                                  const TrialSeriesSize& size) {
  return "trial series: " + std::to_string(trials) + " trials x " + std::to_string(series) +
         " series x " + std::to_string(ticks) + " ticks, about " + describe_bytes(size.total()) +
         " (" + parts(size) + ")";
}

void require_output_size(const TrialSeriesSize& size, std::uint64_t limit,
                         const std::string& what) {
  if (size.total() <= limit) return;
  throw InputError(what + ": the per-trial series would take about " +
                   describe_bytes(size.total()) + " (" + parts(size) +
                   "), more than --max-output-size " + describe_bytes(limit) +
                   "; keep fewer trials or metrics (outputs.metrics), or raise --max-output-size");
}

}  // namespace reesim::experiment
