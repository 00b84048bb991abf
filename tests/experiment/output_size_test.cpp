// The size of a run's per-trial series, estimated before it starts: printed first, and a run past
// --max-output-size refused.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "experiment/errors.h"
#include "experiment/memory.h"
#include "experiment/output_size.h"
#include "results/csv_tables.h"
#include "results/series_table.h"

using reesim::experiment::describe_bytes;
using reesim::experiment::describe_trial_series;
using reesim::experiment::estimate_trial_series;
using reesim::experiment::InputError;
using reesim::experiment::kDefaultMaxOutputBytes;
using reesim::experiment::require_output_size;
using reesim::experiment::TrialSeriesSize;

namespace {

// trial_series.csv and the TrialSeries bytes of `trials` trials of `names` over `ticks` ticks,
// with values of a typical length (prices and shares with many digits).
TrialSeriesSize actual_size(std::int64_t trials, const std::vector<std::string>& names,
                            std::int64_t ticks) {
  reesim::Results results;
  for (std::int64_t t = 0; t < ticks; ++t)
    results.add_tick_dates("2024-01-" + std::string(t % 28 < 9 ? "0" : "") +
                           std::to_string(t % 28 + 1));
  for (std::int64_t trial = 0; trial < trials; ++trial) {
    std::vector<std::vector<double>> values(names.size());
    for (std::size_t s = 0; s < names.size(); ++s)
      for (std::int64_t t = 0; t < ticks; ++t)
        values[s].push_back(254.96500000000001 + static_cast<double>(trial * t) / 7.0);
    for (reesim::TrialSeries& row : reesim::results::trial_series_rows(0, trial, names, values))
      *results.add_trial_series() = std::move(row);
  }
  std::uint64_t pb = 0;
  for (const reesim::TrialSeries& row : results.trial_series())
    pb += row.ByteSizeLong();
  return {.csv = reesim::results::trial_series_csv(results).size(), .results = pb};
}

}  // namespace

TEST_CASE("The estimate of the trial series is near what is written", "[experiment][output_size]") {
  const std::vector<std::string> names = {"price_dy_global", "in_magnets_from_cn|IN", "premium"};
  for (const std::int64_t trials : {1, 16, 200}) {
    const TrialSeriesSize estimate = estimate_trial_series(trials, names, 52);
    const TrialSeriesSize actual = actual_size(trials, names, 52);
    INFO(trials << " trials: estimate " << estimate.csv << " + " << estimate.results << ", actual "
                << actual.csv << " + " << actual.results);
    CHECK(estimate.csv >= actual.csv * 8 / 10);
    CHECK(estimate.csv <= actual.csv * 15 / 10);
    CHECK(estimate.results >= actual.results * 9 / 10);
    CHECK(estimate.results <= actual.results * 15 / 10);
  }
  // Linear in trials and ticks; nothing for no series.
  CHECK(estimate_trial_series(0, names, 52).total() == 0);
  CHECK(estimate_trial_series(10, {}, 52).total() == 0);
  CHECK(estimate_trial_series(40, names, 52).total() ==
        2 * estimate_trial_series(20, names, 52).total());
  CHECK(estimate_trial_series(20, names, 104).csv == 2 * estimate_trial_series(20, names, 52).csv);
}

TEST_CASE("The size line says trials, series, ticks and both files", "[experiment][output_size]") {
  const TrialSeriesSize size{.csv = 3 * 1024 * 1024, .results = 1024 * 1024};
  CHECK(describe_trial_series(16, 5, 626, size) ==
        "trial series: 16 trials x 5 series x 626 ticks, about 4 MiB (trial_series.csv 3 MiB, "
        "results.pb 1 MiB)");
  CHECK(describe_bytes(100) == "100 bytes");
  CHECK(describe_bytes(3584) == "3.5 KiB");
  CHECK(describe_bytes(std::uint64_t{3} << 30) == "3 GiB");
}

TEST_CASE("A sweep's series, kept out of results.pb, are sized as trial_series.csv only",
          "[experiment][output_size]") {
  const TrialSeriesSize csv_only{.csv = 3 * 1024 * 1024, .results = 0};
  CHECK(describe_trial_series(24, 2, 53, csv_only) ==
        "trial series: 24 trials x 2 series x 53 ticks, about 3 MiB (trial_series.csv only)");
  CHECK_THROWS_WITH(require_output_size(csv_only, 1024 * 1024, "grid: shard 1/1 (24 jobs)"),
                    "grid: shard 1/1 (24 jobs): the per-trial series would take about 3 MiB "
                    "(trial_series.csv only), more than --max-output-size 1 MiB; keep fewer trials "
                    "or metrics (outputs.metrics), or raise --max-output-size");
}

TEST_CASE("Series past --max-output-size are refused before the run, with the sizes",
          "[experiment][output_size]") {
  const TrialSeriesSize big{.csv = std::uint64_t{3} << 30, .results = std::uint64_t{1} << 30};
  CHECK_NOTHROW(require_output_size(big, big.total(), "x"));
  CHECK_THROWS_AS(require_output_size(big, kDefaultMaxOutputBytes, "x"), InputError);
  CHECK_THROWS_WITH(
      require_output_size(big, kDefaultMaxOutputBytes, "runs/x/experiment.textproto: 9 trials"),
      "runs/x/experiment.textproto: 9 trials: the per-trial series would take about 4 GiB "
      "(trial_series.csv 3 GiB, results.pb 1 GiB), more than --max-output-size 1 GiB; keep fewer "
      "trials or metrics (outputs.metrics), or raise --max-output-size");
  CHECK(kDefaultMaxOutputBytes == std::uint64_t{1} << 30);
}
