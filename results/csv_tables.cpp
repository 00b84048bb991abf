#include "results/csv_tables.h"

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "results/csv_format.h"
#include "results/digest.h"
#include "results/sha256.h"
#include "results/statistics.h"

namespace reesim::results {
namespace {

void append_numbers(std::string& out, const google::protobuf::RepeatedField<double>& values) {
  for (const double value : values) {
    out += ',';
    append_number(out, value);
  }
}

void append_names(std::string& out, const google::protobuf::RepeatedPtrField<std::string>& names) {
  for (const std::string& name : names) {
    out += ',';
    out += csv_field(name);
  }
}

void check_length(int actual, int expected, const std::string& what) {
  if (actual != expected) {
    throw std::invalid_argument(what + " has " + std::to_string(actual) + " values for " +
                                std::to_string(expected) + " columns");
  }
}

// Writes `csv` to `out` and empties it once it holds a block (1 MiB) or more.
void flush_block(std::string& csv, std::ostream& out) {
  constexpr std::size_t kBlock = std::size_t{1} << 20;
  if (csv.size() < kBlock) return;
  out.write(csv.data(), static_cast<std::streamsize>(csv.size()));
  csv.clear();
}

std::string trial_name(const TrialResult& trial) {
  return "trial " + std::to_string(trial.trial()) + " of point " + std::to_string(trial.point());
}

// A trials.csv row's lengths and series hash (std::invalid_argument naming the trial).
// The message names are built only for a row that fails: a run's rows are checked before its
// outputs are written and again as trials.csv is.
void check_trial(const Results& results, const TrialResult& trial) {
  if (trial.parameters_size() != results.parameter_names_size())
    check_length(trial.parameters_size(), results.parameter_names_size(),
                 "the parameters of " + trial_name(trial));
  if (trial.scalars_size() != results.scalar_names_size())
    check_length(trial.scalars_size(), results.scalar_names_size(),
                 "the scalars of " + trial_name(trial));
  const std::size_t bytes = trial.series_sha256().size();
  if (bytes != kSeriesHashBytes)
    throw std::invalid_argument("the series hash of " + trial_name(trial) + " has " +
                                std::to_string(bytes) + " bytes, not 32");
}

// A kept series' length against the tick dates (std::invalid_argument naming the series).
void check_series(const Results& results, const TrialSeries& series) {
  if (series.values_size() == results.tick_dates_size()) return;
  check_length(series.values_size(), results.tick_dates_size(),
               "series " + series.metric() + "|" + series.key() + " of trial " +
                   std::to_string(series.trial()) + " of point " + std::to_string(series.point()));
}

}  // namespace

void check_trial_rows(const Results& results) {
  for (const TrialResult& trial : results.trials())
    check_trial(results, trial);
  for (const TrialSeries& series : results.trial_series())
    check_series(results, series);
}

void write_trials_csv(const Results& results, std::ostream& out) {
  std::string csv = "trial,point";
  append_names(csv, results.parameter_names());
  append_names(csv, results.scalar_names());
  csv += ",series_sha256\n";
  for (const TrialResult& trial : results.trials()) {
    check_trial(results, trial);
    const std::string& hash = trial.series_sha256();
    append_integer(csv, trial.trial());
    csv += ',';
    append_integer(csv, trial.point());
    append_numbers(csv, trial.parameters());
    append_numbers(csv, trial.scalars());
    csv += ',';
    csv += to_hex({reinterpret_cast<const std::uint8_t*>(hash.data()), hash.size()});
    csv += '\n';
    flush_block(csv, out);
  }
  out.write(csv.data(), static_cast<std::streamsize>(csv.size()));
}

std::string trials_csv(const Results& results) {
  std::ostringstream out;
  write_trials_csv(results, out);
  return std::move(out).str();
}

void write_trial_series_csv(const Results& results, std::ostream& out) {
  std::string csv = "point,trial,metric,key,date,value\n";
  for (const TrialSeries& series : results.trial_series()) {
    check_series(results, series);
    // The fields before the date are the same on every row of the series.
    std::string head;
    append_integer(head, series.point());
    head += ',';
    append_integer(head, series.trial());
    head += ',';
    head += csv_field(series.metric());
    head += ',';
    head += csv_field(series.key());
    head += ',';
    for (int t = 0; t < series.values_size(); ++t) {
      csv += head;
      csv += csv_field(results.tick_dates(t));
      csv += ',';
      append_number(csv, series.values(t));
      csv += '\n';
    }
    flush_block(csv, out);
  }
  out.write(csv.data(), static_cast<std::streamsize>(csv.size()));
}

std::string trial_series_csv(const Results& results) {
  std::ostringstream out;
  write_trial_series_csv(results, out);
  return std::move(out).str();
}

std::string series_csv(const Results& results) {
  std::string csv = "metric,key,date,mean";
  for (const double level : results.quantiles()) {
    csv += ',';
    csv += quantile_column_name(level);
  }
  csv += '\n';
  for (const SeriesPoint& point : results.series()) {
    check_length(
        point.quantiles_size(), results.quantiles_size(),
        "the quantiles of series " + point.metric() + "|" + point.key() + " at " + point.date());
    csv += csv_field(point.metric());
    csv += ',';
    csv += csv_field(point.key());
    csv += ',';
    csv += csv_field(point.date());
    csv += ',';
    append_number(csv, point.mean());
    append_numbers(csv, point.quantiles());
    csv += '\n';
  }
  return csv;
}

std::string summary_csv(const Results& results) {
  // The quantile columns are the run's levels (outputs.quantiles, as in series.csv), computed from
  // the trials; a message without trials or levels keeps the summaries' p05, p50 and p95.
  const bool from_trials = results.trials_size() > 0 && results.quantiles_size() > 0;
  const std::vector<double> levels =
      from_trials ? std::vector<double>(results.quantiles().begin(), results.quantiles().end())
                  : std::vector<double>{0.05, 0.5, 0.95};
  std::string csv = "scalar,mean,sd,ci95_low,ci95_high";
  for (const double level : levels) {
    csv += ',';
    csv += quantile_column_name(level);
  }
  csv += ",count\n";
  for (const ScalarSummary& summary : results.summary()) {
    std::vector<double> quantile_values = {summary.p05(), summary.p50(), summary.p95()};
    const auto& names = results.scalar_names();
    const auto at = std::find(names.begin(), names.end(), summary.scalar());
    if (from_trials && at != names.end()) {
      const auto s = static_cast<int>(at - names.begin());
      std::vector<double> column;
      column.reserve(static_cast<std::size_t>(results.trials_size()));
      for (const TrialResult& trial : results.trials()) {
        check_length(trial.scalars_size(), results.scalar_names_size(),
                     "the scalars of " + trial_name(trial));
        column.push_back(trial.scalars(s));
      }
      quantile_values = quantiles(column, levels);
    } else if (from_trials) {
      throw std::invalid_argument("summary of '" + summary.scalar() + "', which is not a scalar");
    }
    csv += csv_field(summary.scalar());
    for (const double value :
         {summary.mean(), summary.sd(), summary.ci95_low(), summary.ci95_high()}) {
      csv += ',';
      append_number(csv, value);
    }
    for (const double value : quantile_values) {
      csv += ',';
      append_number(csv, value);
    }
    csv += ',';
    append_integer(csv, summary.count());
    csv += '\n';
  }
  return csv;
}

std::string covariance_csv(const Results& results) {
  const int n = results.scalar_names_size();
  check_length(results.scalar_covariance_size(), n * n, "the scalar covariance");
  std::string csv = "scalar";
  append_names(csv, results.scalar_names());
  csv += '\n';
  for (int i = 0; i < n; ++i) {
    csv += csv_field(results.scalar_names(i));
    for (int j = 0; j < n; ++j) {
      csv += ',';
      append_number(csv, results.scalar_covariance(i * n + j));
    }
    csv += '\n';
  }
  return csv;
}

std::string points_csv(const Results& results) {
  const int swept = results.manifest().experiment().sweep().parameters_size();
  if (swept > results.parameter_names_size())
    throw std::invalid_argument("the sweep has " + std::to_string(swept) + " parameters but the " +
                                "results name " + std::to_string(results.parameter_names_size()));
  std::string csv = "point";
  for (int i = 0; i < swept; ++i) {
    csv += ',';
    csv += csv_field(results.parameter_names(i));
  }
  append_names(csv, results.scalar_names());
  csv += '\n';
  const int scalars = results.scalar_names_size();
  std::vector<std::vector<double>> columns(static_cast<std::size_t>(scalars));
  for (int first = 0; first < results.trials_size();) {
    const TrialResult& head = results.trials(first);
    int last = first;
    for (auto& column : columns)
      column.clear();
    while (last < results.trials_size() && results.trials(last).point() == head.point()) {
      const TrialResult& trial = results.trials(last);
      check_length(trial.scalars_size(), scalars, "the scalars of " + trial_name(trial));
      for (int s = 0; s < scalars; ++s)
        columns[static_cast<std::size_t>(s)].push_back(trial.scalars(s));
      ++last;
    }
    if (head.parameters_size() < swept)
      throw std::invalid_argument("the parameters of " + trial_name(head) + " lack the " +
                                  std::to_string(swept) + " swept values");
    append_integer(csv, head.point());
    for (int i = 0; i < swept; ++i) {
      csv += ',';
      append_number(csv, head.parameters(i));
    }
    for (const auto& column : columns) {
      csv += ',';
      append_number(csv, summarize(column).mean);
    }
    csv += '\n';
    first = last;
  }
  return csv;
}

}  // namespace reesim::results
