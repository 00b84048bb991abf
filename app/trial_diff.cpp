#include "app/trial_diff.h"

#include <cstddef>
#include <map>
#include <optional>
#include <utility>

namespace reesim::app {
namespace {

// Columns of trial_series.csv: point,trial,metric,key,date,value.
enum SeriesColumn : std::size_t { kPoint, kTrial, kMetric, kKey, kDate, kValue, kSeriesColumns };

using Row = std::vector<std::string>;

// The trial a trials.csv row holds, in words: "trial T", or "point P, trial T" in a sweep.
std::string row_name(const Row& row, bool sweep) {
  std::string name = sweep && row.size() > 1 ? "point " + row[1] + ", " : "";
  return name.append("trial ").append(row.front());
}

std::string field(const Row& row, std::size_t column) {
  return column < row.size() ? row[column] : std::string();
}

// The first column in [first, last) where the two rows differ, in words; empty when none.
std::string column_difference(const Row& names, const Row& expected, const Row& actual,
                              std::size_t first, std::size_t last) {
  for (std::size_t c = first; c < last && c < names.size(); ++c) {
    const std::string want = field(expected, c);
    const std::string got = field(actual, c);
    if (want != got) return names[c] + ": expected " + want + ", got " + got;
  }
  return {};
}

// The rows of trial_series.csv for each (point, trial), in file order.
class SeriesIndex {
 public:
  explicit SeriesIndex(const CsvTable& table) {
    for (std::size_t r = 1; r < table.size(); ++r)
      if (table[r].size() == kSeriesColumns)
        rows_[{table[r][kPoint], table[r][kTrial]}].push_back(&table[r]);
  }

  [[nodiscard]] const std::vector<const Row*>* rows(const std::string& point,
                                                    const std::string& trial) const {
    const auto found = rows_.find({point, trial});
    return found == rows_.end() ? nullptr : &found->second;
  }

 private:
  std::map<std::pair<std::string, std::string>, std::vector<const Row*>> rows_;
};

std::string series_name(const Row& row) {
  return row[kKey].empty() ? row[kMetric] : row[kMetric] + "|" + row[kKey];
}

// The earliest date at which one trial's recorded and re-run series differ (the first series in
// the recorded order at that date), in words; empty when they agree.
std::string series_difference(const std::vector<const Row*>& expected,
                              const std::vector<const Row*>& actual) {
  struct Found {
    std::string date;
    std::string text;
  };
  std::optional<Found> earliest;
  const auto consider = [&](const std::string& date, std::string text) {
    // ISO 8601 dates order as text; a tie keeps the series seen first.
    if (!earliest || date < earliest->date) earliest = Found{date, std::move(text)};
  };
  std::map<std::pair<std::string, std::string>, const Row*> by_series_and_date;
  for (const Row* row : actual)
    by_series_and_date[{series_name(*row), (*row)[kDate]}] = row;
  for (const Row* row : expected) {
    const std::string name = series_name(*row);
    const std::string& date = (*row)[kDate];
    const auto found = by_series_and_date.find({name, date});
    const std::string got =
        found == by_series_and_date.end() ? "no value" : (*found->second)[kValue];
    if (got != (*row)[kValue])
      consider(date,
               "series " + name + ", " + date + ": expected " + (*row)[kValue] + ", got " + got);
    if (found != by_series_and_date.end()) by_series_and_date.erase(found);
  }
  for (const auto& [key, row] : by_series_and_date)  // ticks the record lacks
    consider(key.second, "series " + key.first + ", " + key.second + ": expected no value, got " +
                             (*row)[kValue]);
  return earliest ? earliest->text : std::string();
}

}  // namespace

CsvTable parse_csv(std::string_view text) {
  CsvTable rows;
  Row row;
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') {
        cell += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(cell));
      cell.clear();
    } else if (c == '\n') {
      row.push_back(std::move(cell));
      cell.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else if (c != '\r') {
      cell += c;
    }
  }
  if (!cell.empty() || !row.empty()) {
    row.push_back(std::move(cell));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string first_difference(const RecordedTrials& recorded) {
  const CsvTable& expected = *recorded.expected_trials;
  const CsvTable& actual = *recorded.actual_trials;
  const std::string trials_file(kExpectedTrialsFile);
  if (expected.empty() || actual.empty()) return "one of the trial tables is empty";
  const Row& names = expected.front();
  if (names != actual.front()) {
    for (std::size_t c = 0; c < names.size() && c < actual.front().size(); ++c)
      if (names[c] != actual.front()[c])
        return "column " + std::to_string(c + 1) + " is '" + names[c] + "' in " + trials_file +
               " but '" + actual.front()[c] + "' in the run";
    return trials_file + " has " + std::to_string(names.size()) + " columns, the run " +
           std::to_string(actual.front().size());
  }
  const bool series = recorded.expected_series && recorded.actual_series;
  const std::optional<SeriesIndex> expected_series =
      series ? std::optional<SeriesIndex>(*recorded.expected_series) : std::nullopt;
  const std::optional<SeriesIndex> actual_series =
      series ? std::optional<SeriesIndex>(*recorded.actual_series) : std::nullopt;
  const std::size_t inputs = 2 + static_cast<std::size_t>(recorded.parameters);
  for (std::size_t r = 1; r < expected.size() && r < actual.size(); ++r) {
    const Row& want = expected[r];
    const Row& got = actual[r];
    if (want == got) continue;
    const std::string trial = row_name(want, recorded.sweep) + ", ";
    if (const std::string inputs_differ = column_difference(names, want, got, 0, inputs);
        !inputs_differ.empty())
      return trial + inputs_differ;
    if (series) {
      const auto* recorded_rows = expected_series->rows(field(want, 1), field(want, 0));
      const auto* rerun_rows = actual_series->rows(field(got, 1), field(got, 0));
      if (recorded_rows && rerun_rows)
        if (const std::string differ = series_difference(*recorded_rows, *rerun_rows);
            !differ.empty())
          return trial + differ;
    }
    std::string differ = column_difference(names, want, got, inputs, names.size());
    if (differ.empty()) continue;  // only past the header's columns
    if (differ.starts_with("series_sha256:") && !series)
      differ += " (the folder records no per-trial series, " + std::string(kExpectedSeriesFile) +
                ", to name the series and date)";
    return trial + differ;
  }
  if (expected.size() != actual.size())
    return trials_file + " has " + std::to_string(expected.size() - 1) + " trials, the run " +
           std::to_string(actual.size() - 1);
  return {};
}

}  // namespace reesim::app
