// The results of a run, a sweep or a design matrix as Python values: the reesim.Results message
// (proto/results.proto) the command line writes into its run folder, kept whole, read through
// numpy arrays and dicts of columns (which pandas.DataFrame takes as they are). Call with the GIL
// held; not thread-safe.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <string>

#include "results.pb.h"

namespace reesim::python {

class ResultsView {
 public:
  explicit ResultsView(Results results) : results_(std::move(results)) {}

  [[nodiscard]] const Results& results() const { return results_; }

  // The run digest in lower-case hex, as `reesim run` prints it and writes into `digest`.
  [[nodiscard]] std::string digest() const { return results_.manifest().digest(); }
  // manifest.textproto, as the run folder holds it.
  [[nodiscard]] std::string manifest_text() const;

  // The trial index and sweep point of each trial, in the order of the rows below.
  [[nodiscard]] pybind11::array_t<std::int64_t> trial_index() const;
  [[nodiscard]] pybind11::array_t<std::int64_t> point_index() const;
  // {name: float64 array with one value per trial}: the scalars; the parameters (a sweep's swept
  // paths first, then every sampled parameter), NaN where a trial has none.
  [[nodiscard]] pybind11::dict scalars() const;
  [[nodiscard]] pybind11::dict parameters() const;
  // series.csv as columns: metric, key (lists of str), date (datetime64[D]), mean and one float64
  // column per quantile named as series.csv names it (p05, p25, ...).
  [[nodiscard]] pybind11::dict series() const;
  // summary.csv as columns: scalar, mean, sd, ci95_low, ci95_high, p05, p50, p95, count.
  [[nodiscard]] pybind11::dict summary() const;
  // units.csv as columns: name, kind ("metric" or "scalar"), unit (lists of str), from the units
  // results.pb carries (Results.metric_units, Results.scalar_units).
  [[nodiscard]] pybind11::dict units() const;
  // Every trial's series when the run kept them (outputs.trial_series): {(metric, key): float64
  // array [trial row, tick]}; None otherwise.
  [[nodiscard]] pybind11::object trial_series() const;
  // The tick dates of trial_series (datetime64[D]); empty when the run kept no trial series.
  [[nodiscard]] pybind11::array tick_dates() const;

 private:
  Results results_;
};

// Registers ResultsView as _reesim.Results.
void bind_results(pybind11::module_& module);

}  // namespace reesim::python
