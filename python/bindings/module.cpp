// _reesim: the compiled half of the `reesim` Python package (python/reesim/__init__.py is the
// other). It binds the functions the command line runs experiments with — load_plan, run_plan,
// run_sweep, the run folder's writer and the catalogue — so that trials run in this process, on
// oneTBB's workers, with the GIL released (released.h).
#include <google/protobuf/text_format.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "app/catalogue_entries.h"
#include "app/catalogue_format.h"
#include "config/diagnostics.h"
#include "config/suggest.h"
#include "core/version.h"
#include "experiment/errors.h"
#include "experiment/plan.h"
#include "experiment/runner.h"
#include "experiment/sweep_plan.h"
#include "experiment/sweep_runner.h"
#include "python/bindings/released.h"
#include "python/bindings/results_view.h"
#include "results/run_folder.h"

namespace reesim::python {
namespace {

namespace py = pybind11;

std::string text_format(const google::protobuf::Message& message) {
  std::string text;
  google::protobuf::TextFormat::PrintToString(message, &text);
  return text;
}

// The plan of PATH with the command line's settings, or InputError with every diagnostic, one
// per line, as `reesim run` prints them.
experiment::Plan load(const std::string& path, std::optional<std::int64_t> trials,
                      std::optional<std::uint64_t> seed, const std::vector<std::string>& settings,
                      const std::vector<std::string>& policy_files, bool trial_series,
                      std::optional<std::int64_t> replicates) {
  config::Diagnostics diagnostics;
  auto plan = experiment::load_plan(
      path, {trials, seed, settings, trial_series, policy_files, replicates}, diagnostics);
  if (!plan) {
    std::ostringstream text;
    diagnostics.print(text);
    std::string message = text.str();
    while (!message.empty() && message.back() == '\n')
      message.pop_back();
    throw experiment::InputError(message);
  }
  return std::move(*plan);
}

// Opens the run folder OUT into `folder`, locked, refused when it holds another run unless
// `force`; leaves `folder` empty for an empty OUT.
void open_folder(std::optional<results::RunFolder>& folder, const std::string& out, bool force) {
  if (out.empty()) return;
  folder.emplace(out);
  if (!force) folder->refuse_other_run();
}

// Writes `results` into `folder` unless the run was asked to stop: a stopped run writes nothing.
void write_unless_stopped(std::optional<results::RunFolder>& folder, const Results& results,
                          const std::atomic<bool>& stop) {
  if (!folder) return;
  if (experiment::stop_requested(&stop)) throw experiment::Stopped("stopped before writing");
  folder->write(results);
}

ResultsView run(const experiment::Plan& plan, int threads, const std::string& out, bool force) {
  if (plan.experiment.has_sweep())
    throw experiment::InputError(plan.experiment_path +
                                 ": sweep: the experiment declares a sweep; run it with "
                                 "reesim.sweep()");
  std::optional<results::RunFolder> folder;
  open_folder(folder, out, force);
  return ResultsView(run_released([&](const std::atomic<bool>& stop) {
    Results results = experiment::run_plan(plan, {threads, {}, &stop});
    write_unless_stopped(folder, results, stop);
    return results;
  }));
}

ResultsView sweep(const experiment::Plan& plan, int threads, const std::string& out, bool force) {
  if (!plan.experiment.has_sweep())
    throw experiment::InputError(plan.experiment_path +
                                 ": sweep: the experiment declares no sweep; run it with "
                                 "reesim.run()");
  std::optional<results::RunFolder> folder;
  open_folder(folder, out, force);
  return ResultsView(run_released([&](const std::atomic<bool>& stop) {
    experiment::SweepOptions options;
    options.threads = threads;
    options.stop = &stop;
    Results results = experiment::run_sweep(plan, options);
    write_unless_stopped(folder, results, stop);
    return results;
  }));
}

ResultsView run_points(experiment::Plan plan, const std::vector<std::string>& paths,
                       const py::array_t<double, py::array::c_style | py::array::forcecast>& matrix,
                       std::int64_t replicates, int threads) {
  if (matrix.ndim() != 2)
    throw experiment::InputError("points: expected a matrix (one row per point), got " +
                                 std::to_string(matrix.ndim()) + " dimensions");
  const auto cells = matrix.unchecked<2>();
  std::vector<std::vector<double>> rows(static_cast<std::size_t>(cells.shape(0)));
  for (py::ssize_t p = 0; p < cells.shape(0); ++p)
    for (py::ssize_t i = 0; i < cells.shape(1); ++i)
      rows[static_cast<std::size_t>(p)].push_back(cells(p, i));
  const experiment::SweepLayout layout =
      experiment::matrix_layout(plan, paths, std::move(rows), replicates);
  return ResultsView(run_released([&](const std::atomic<bool>& stop) {
    experiment::SweepOptions options;
    options.threads = threads;
    options.stop = &stop;
    return experiment::run_sweep(plan, layout, options);
  }));
}

void write(const ResultsView& view, const std::string& out, bool force) {
  py::gil_scoped_release released;
  results::RunFolder folder(out);
  if (!force) folder.refuse_other_run();
  folder.write(view.results());
}

// The catalogue (of NAME, when given) as `reesim describe --format json` prints it.
std::string describe(const std::string& name) {
  const app::Catalogue all = app::whole_catalogue();
  if (name.empty()) return app::format_json(all);
  const app::Catalogue shown = app::select_entries(all, name);
  if (app::is_empty(shown)) {
    const std::vector<std::string> names = app::every_name(all);
    const std::string near = config::suggest(name, {names.begin(), names.end()}, false);
    throw experiment::InputError("'" + name + "' is not in the catalogue" +
                                 (near.empty() ? "; describe() lists every name" : near));
  }
  return app::format_json(shown);
}

void bind_plan(py::module_& m) {
  using experiment::Plan;
  py::class_<Plan>(m, "Plan", "An experiment and its scenario, loaded, validated and resolved.")
      .def_readonly("experiment_path", &Plan::experiment_path)
      .def_readonly("scenario_path", &Plan::scenario_path)
      .def_property_readonly("id", [](const Plan& p) { return p.experiment.id(); })
      .def_property_readonly("trials", [](const Plan& p) { return p.experiment.trials(); })
      .def_property_readonly("seed", [](const Plan& p) { return p.experiment.seed(); })
      .def_property_readonly("has_sweep", [](const Plan& p) { return p.experiment.has_sweep(); })
      .def_property_readonly("swept_paths",
                             [](const Plan& p) { return experiment::swept_paths(p.experiment); })
      .def_property_readonly("overrides",
                             [](const Plan& p) {
                               std::vector<std::pair<std::string, std::string>> out;
                               for (const Override& o : p.experiment.overrides())
                                 out.emplace_back(o.path(), o.value());
                               return out;
                             })
      .def_property_readonly("experiment", [](const Plan& p) { return text_format(p.experiment); })
      .def_property_readonly("scenario", [](const Plan& p) { return text_format(p.scenario); });
}

void bind_functions(py::module_& m) {
  m.def("load", &load, py::arg("path"), py::arg("trials"), py::arg("seed"), py::arg("settings"),
        py::arg("policy_files"), py::arg("trial_series"), py::arg("replicates"));
  m.def("run", &run, py::arg("plan"), py::arg("threads"), py::arg("out"), py::arg("force"));
  m.def("sweep", &sweep, py::arg("plan"), py::arg("threads"), py::arg("out"), py::arg("force"));
  m.def("run_points", &run_points, py::arg("plan"), py::arg("paths"), py::arg("matrix"),
        py::arg("replicates"), py::arg("threads"));
  m.def("write", &write, py::arg("results"), py::arg("out"), py::arg("force"));
  m.def("describe", &describe, py::arg("name"));
}

}  // namespace
}  // namespace reesim::python

PYBIND11_MODULE(_reesim, m) {
  namespace py = pybind11;
  using namespace reesim;
  m.doc() = "reesim's runner, bound in-process; use the `reesim` package, not this module.";
  m.attr("version") = std::string(kVersion);
  m.attr("git_commit") = std::string(kGitCommit);
  auto input_error =
      py::register_exception<experiment::InputError>(m, "InputError", PyExc_ValueError);
  py::register_exception<results::FolderRefused>(m, "FolderRefused", input_error.ptr());
  py::register_exception<experiment::Stopped>(m, "Stopped", PyExc_RuntimeError);
  python::bind_plan(m);
  python::bind_results(m);
  python::bind_functions(m);
}
