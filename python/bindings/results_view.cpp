#include "python/bindings/results_view.h"

#include <pybind11/stl.h>

#include <limits>
#include <map>
#include <utility>
#include <vector>

#include "results/csv_format.h"
#include "results/writers.h"

namespace reesim::python {
namespace {

namespace py = pybind11;

// A float64 array of `size` values, value(i) each.
template <class Value>
py::array_t<double> doubles(std::size_t size, Value value) {
  py::array_t<double> array(static_cast<py::ssize_t>(size));
  auto out = array.mutable_unchecked<1>();
  for (std::size_t i = 0; i < size; ++i)
    out(static_cast<py::ssize_t>(i)) = value(i);
  return array;
}

// ISO dates as numpy datetime64[D].
py::array dates(const std::vector<std::string>& iso) {
  return py::module_::import("numpy").attr("array")(iso, "datetime64[D]");
}

// Column j of the trials' repeated `field` (parameters or scalars), named by `names`.
template <class Field>
py::dict columns(const Results& results,
                 const google::protobuf::RepeatedPtrField<std::string>& names, Field field) {
  py::dict out;
  const auto rows = static_cast<std::size_t>(results.trials_size());
  for (int j = 0; j < names.size(); ++j)
    out[py::str(names.Get(j))] = doubles(rows, [&](std::size_t i) {
      const auto& values = field(results.trials(static_cast<int>(i)));
      return j < values.size() ? values.Get(j) : std::numeric_limits<double>::quiet_NaN();
    });
  return out;
}

}  // namespace

std::string ResultsView::manifest_text() const {
  return results::manifest_text(results_.manifest());
}

py::array_t<std::int64_t> ResultsView::trial_index() const {
  py::array_t<std::int64_t> array(results_.trials_size());
  auto out = array.mutable_unchecked<1>();
  for (int i = 0; i < results_.trials_size(); ++i)
    out(i) = results_.trials(i).trial();
  return array;
}

py::array_t<std::int64_t> ResultsView::point_index() const {
  py::array_t<std::int64_t> array(results_.trials_size());
  auto out = array.mutable_unchecked<1>();
  for (int i = 0; i < results_.trials_size(); ++i)
    out(i) = results_.trials(i).point();
  return array;
}

py::dict ResultsView::scalars() const {
  return columns(
      results_, results_.scalar_names(),
      [](const TrialResult& t) -> const auto& { return t.scalars(); });
}

py::dict ResultsView::parameters() const {
  return columns(
      results_, results_.parameter_names(),
      [](const TrialResult& t) -> const auto& { return t.parameters(); });
}

py::dict ResultsView::series() const {
  const auto rows = static_cast<std::size_t>(results_.series_size());
  py::list metric;
  py::list key;
  std::vector<std::string> date;
  for (const SeriesPoint& point : results_.series()) {
    metric.append(point.metric());
    key.append(point.key());
    date.push_back(point.date());
  }
  py::dict out;
  out["metric"] = metric;
  out["key"] = key;
  out["date"] = dates(date);
  out["mean"] =
      doubles(rows, [&](std::size_t i) { return results_.series(static_cast<int>(i)).mean(); });
  for (int q = 0; q < results_.quantiles_size(); ++q)
    out[py::str(results::quantile_column_name(results_.quantiles(q)))] =
        doubles(rows, [&](std::size_t i) {
          const SeriesPoint& point = results_.series(static_cast<int>(i));
          return q < point.quantiles_size() ? point.quantiles(q)
                                            : std::numeric_limits<double>::quiet_NaN();
        });
  return out;
}

py::dict ResultsView::summary() const {
  const auto rows = static_cast<std::size_t>(results_.summary_size());
  const auto at = [&](std::size_t i) -> const ScalarSummary& {
    return results_.summary(static_cast<int>(i));
  };
  py::list scalar;
  for (const ScalarSummary& s : results_.summary())
    scalar.append(s.scalar());
  py::dict out;
  out["scalar"] = scalar;
  out["mean"] = doubles(rows, [&](std::size_t i) { return at(i).mean(); });
  out["sd"] = doubles(rows, [&](std::size_t i) { return at(i).sd(); });
  out["ci95_low"] = doubles(rows, [&](std::size_t i) { return at(i).ci95_low(); });
  out["ci95_high"] = doubles(rows, [&](std::size_t i) { return at(i).ci95_high(); });
  out["p05"] = doubles(rows, [&](std::size_t i) { return at(i).p05(); });
  out["p50"] = doubles(rows, [&](std::size_t i) { return at(i).p50(); });
  out["p95"] = doubles(rows, [&](std::size_t i) { return at(i).p95(); });
  py::array_t<std::int64_t> count(static_cast<py::ssize_t>(rows));
  auto counts = count.mutable_unchecked<1>();
  for (std::size_t i = 0; i < rows; ++i)
    counts(static_cast<py::ssize_t>(i)) = at(i).count();
  out["count"] = count;
  return out;
}

py::object ResultsView::trial_series() const {
  if (!results_.manifest().experiment().outputs().trial_series()) return py::none();
  // Rows come trial by trial, each trial's series in one order: group them by series.
  std::map<std::pair<std::string, std::string>, std::vector<const TrialSeries*>> by_series;
  std::vector<std::pair<std::string, std::string>> order;
  for (const TrialSeries& row : results_.trial_series()) {
    auto name = std::make_pair(row.metric(), row.key());
    auto& rows = by_series[name];
    if (rows.empty()) order.push_back(name);
    rows.push_back(&row);
  }
  const auto ticks = static_cast<py::ssize_t>(results_.tick_dates_size());
  py::dict out;
  for (const auto& name : order) {
    const auto& rows = by_series.at(name);
    py::array_t<double> values(
        std::vector<py::ssize_t>{static_cast<py::ssize_t>(rows.size()), ticks});
    auto cells = values.mutable_unchecked<2>();
    for (std::size_t r = 0; r < rows.size(); ++r)
      for (py::ssize_t t = 0; t < ticks; ++t)
        cells(static_cast<py::ssize_t>(r), t) = t < rows[r]->values_size()
                                                    ? rows[r]->values(static_cast<int>(t))
                                                    : std::numeric_limits<double>::quiet_NaN();
    out[py::make_tuple(name.first, name.second)] = values;
  }
  return out;
}

py::array ResultsView::tick_dates() const {
  return dates(
      std::vector<std::string>(results_.tick_dates().begin(), results_.tick_dates().end()));
}

py::dict ResultsView::units() const {
  py::list name;
  py::list kind;
  py::list unit;
  for (const MetricUnit& m : results_.metric_units()) {
    name.append(m.metric());
    kind.append("metric");
    unit.append(m.unit());
  }
  for (int s = 0; s < results_.scalar_names_size(); ++s) {
    name.append(results_.scalar_names(s));
    kind.append("scalar");
    unit.append(s < results_.scalar_units_size() ? results_.scalar_units(s) : std::string());
  }
  py::dict out;
  out["name"] = name;
  out["kind"] = kind;
  out["unit"] = unit;
  return out;
}

void bind_results(py::module_& module) {
  py::class_<ResultsView>(module, "Results",
                          "The results of a run, a sweep or a design matrix (reesim.Results).")
      .def_property_readonly("digest", &ResultsView::digest)
      .def_property_readonly("manifest", &ResultsView::manifest_text)
      .def_property_readonly("trials", &ResultsView::trial_index)
      .def_property_readonly("points", &ResultsView::point_index)
      .def_property_readonly("scalar_names",
                             [](const ResultsView& v) {
                               const auto& names = v.results().scalar_names();
                               return std::vector<std::string>(names.begin(), names.end());
                             })
      .def_property_readonly("parameter_names",
                             [](const ResultsView& v) {
                               const auto& names = v.results().parameter_names();
                               return std::vector<std::string>(names.begin(), names.end());
                             })
      .def_property_readonly(
          "swept_paths",
          [](const ResultsView& v) {
            std::vector<std::string> paths;
            for (const SweepParameter& p : v.results().manifest().experiment().sweep().parameters())
              paths.push_back(p.path());
            return paths;
          })
      .def("scalars", &ResultsView::scalars)
      .def("parameters", &ResultsView::parameters)
      .def("series", &ResultsView::series)
      .def("summary", &ResultsView::summary)
      .def("units", &ResultsView::units)
      .def("trial_series", &ResultsView::trial_series)
      .def("tick_dates", &ResultsView::tick_dates);
}

}  // namespace reesim::python
