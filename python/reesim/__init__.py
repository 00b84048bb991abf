"""reesim in Python: run experiments of the rare-earth supply-chain simulator in-process.

The functions below are the command line's, bound to the same library: `run` is `reesim run`,
`sweep` is `reesim sweep`, `describe` is `reesim describe --format json`, and a run gives the
digest the command line prints for the same inputs. Trials run on reesim's own worker threads
with the GIL released; Ctrl-C stops a run (KeyboardInterrupt) once the trials under way finish,
and a run asked to write a folder (`out=`) then writes nothing. See docs/python.md.

    import reesim
    result = reesim.run("runs/quickstart-2024", trials=32, seed=7)
    result.scalars["in_dependence_cn_2024"]      # numpy array, one value per trial
    result.digest                                # as `reesim run` prints it
"""

import json
import math
import numbers

import numpy as np

from . import _reesim
from ._reesim import FolderRefused, InputError, Plan

__all__ = [
    "FolderRefused",
    "InputError",
    "Plan",
    "Result",
    "describe",
    "load",
    "model_function",
    "run",
    "run_points",
    "sweep",
]

__version__ = _reesim.version
git_commit = _reesim.git_commit


def _value_text(value):
    """A Python value as `--set` reads it: numbers that read back as the same double."""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        value = float(value)
        if not math.isfinite(value):
            raise InputError(f"{value!r} is not a finite number")
        return repr(value)
    return str(value)


def _settings(values):
    """`set=` as the command line's list of 'field.path=value' settings, in order."""
    if values is None:
        return []
    pairs = values.items() if hasattr(values, "items") else values
    return [f"{path}={_value_text(value)}" for path, value in pairs]


def load(path, *, trials=None, seed=None, set=None, add_policy=(), trial_series=False,
         replicates=None):
    """Loads and validates the experiment at PATH (a file or a run folder) as `reesim run` does.

    `set` maps field paths to values (`--set path=value`, in order); `add_policy` lists policy
    files (`--add-policy`). Raises InputError with every problem, one per line
    ('file:line:col: message'). Returns a Plan (its id, trials, seed, overrides, and the resolved
    experiment and scenario in text format).
    """
    return _reesim.load(str(path), trials, seed, _settings(set), [str(p) for p in add_policy],
                        trial_series, replicates)


def _threads(threads):
    return 0 if threads is None else int(threads)


class Result:
    """The results of a run, a sweep or a design matrix: what a run folder holds, as arrays.

    Rows are trials in (point, trial) order. `scalars` and `parameters` map names to float64
    arrays with one value per trial (NaN where a trial has none); `series` holds series.csv's
    columns (metric, key, date, mean, p05 ... p95; empty for a sweep); `trial_series`, when the
    run kept them (`trial_series=True`), maps (metric, key) to a [trial, tick] array dated by
    `dates`; `digest` and `manifest` are the run folder's. pandas takes each dict as it is:
    `pd.DataFrame(result.scalars)`, `pd.DataFrame(result.series)`.
    """

    def __init__(self, results):
        self._results = results
        self._cache = {}

    def _get(self, name):
        if name not in self._cache:
            self._cache[name] = getattr(self._results, name)()
        return self._cache[name]

    @property
    def digest(self):
        """The run digest (hex), as `reesim run` prints it and writes into `digest`."""
        return self._results.digest

    @property
    def manifest(self):
        """manifest.textproto: what ran (version, inputs as run, seed, trials, host, times)."""
        return self._results.manifest

    @property
    def trials(self):
        """The trial index of each row (a sweep's replicate)."""
        return self._results.trials

    @property
    def points(self):
        """The sweep point of each row (0 for a run)."""
        return self._results.points

    @property
    def scalars(self):
        return self._get("scalars")

    @property
    def parameters(self):
        return self._get("parameters")

    @property
    def series(self):
        return self._get("series")

    @property
    def summary(self):
        """summary.csv's columns: scalar, mean, sd, ci95_low, ci95_high, p05, p50, p95, count."""
        return self._get("summary")

    @property
    def units(self):
        """units.csv's columns: name, kind ("metric" or "scalar"), unit: the unit of every metric
        the run keeps and of every scalar, as results.pb carries them."""
        return self._get("units")

    @property
    def trial_series(self):
        return self._get("trial_series")

    @property
    def dates(self):
        """The tick dates of `trial_series` (datetime64[D])."""
        return self._get("tick_dates")

    def per_point(self, scalar):
        """A scalar as a [point, replicate] array (a sweep's or a design matrix's rows)."""
        values = self.scalars[scalar]
        points = int(self.points.max()) + 1 if len(values) else 0
        return values.reshape(points, -1)

    @property
    def by_point(self):
        """points.csv's columns, one row per point: point, the swept values (named by their field
        paths), then each scalar's mean over the point's replicates (NaN trials skipped; NaN
        when all are)."""
        if "by_point" not in self._cache:
            points = self.points
            first = np.unique(points, return_index=True)[1]
            table = {"point": points[first]}
            for path in self._results.swept_paths:
                table[path] = self.parameters[path][first]
            for name in self._results.scalar_names:
                table[name] = _nan_mean_rows(self.per_point(name))
            self._cache["by_point"] = table
        return self._cache["by_point"]

    def write(self, out, *, force=False):
        """Writes the run folder OUT as the command line does (trials.csv, series.csv, ...,
        digest last, as a whole). A folder holding another run is refused (FolderRefused)
        unless force."""
        _reesim.write(self._results, str(out), force)

    def __repr__(self):
        rows = len(self.trials)
        return f"<reesim.Result: {rows} trials, digest {self.digest[:12]}>"


def _nan_mean_rows(matrix):
    counts = np.sum(~np.isnan(matrix), axis=1)
    sums = np.nansum(matrix, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)


def _plan(path, **options):
    if isinstance(path, Plan):
        if any(v not in (None, (), False) for v in options.values()):
            raise InputError("pass the settings to load(), or a path instead of a Plan")
        return path
    return load(path, **options)


def run(path, *, trials=None, seed=None, threads=None, set=None, add_policy=(),
        trial_series=False, out=None, force=False):
    """Runs the experiment at PATH (or a Plan from load) as `reesim run` does and returns a
    Result. `threads`: worker threads (default: all cores; the results do not depend on it).
    `out`: also write the run folder there, as a whole once every trial has finished; a folder
    holding another run is refused (FolderRefused) unless force."""
    plan = _plan(path, trials=trials, seed=seed, set=set, add_policy=add_policy,
                 trial_series=trial_series)
    return Result(_reesim.run(plan, _threads(threads), "" if out is None else str(out), force))


def sweep(path, *, seed=None, replicates=None, threads=None, set=None, add_policy=(), out=None,
          force=False):
    """Runs the sweep the experiment at PATH declares, as `reesim sweep` does (one shard, no
    checkpoints), and returns a Result whose `by_point` is points.csv."""
    plan = _plan(path, seed=seed, set=set, add_policy=add_policy, replicates=replicates)
    return Result(_reesim.sweep(plan, _threads(threads), "" if out is None else str(out), force))


def _design_matrix(points, names):
    if hasattr(points, "columns"):  # a pandas DataFrame
        if names is None:
            names = [str(c) for c in points.columns]
        return np.asarray(points.to_numpy(), dtype=float), list(names)
    if hasattr(points, "items"):  # {path: column}
        if names is not None:
            raise InputError("points: a mapping names its columns; pass no names")
        names = [str(k) for k in points]
        columns = [np.asarray(v, dtype=float).reshape(-1) for v in points.values()]
        return np.column_stack(columns) if columns else np.empty((0, 0)), names
    if names is None:
        raise InputError("points: a matrix needs names= (the field path of each column)")
    matrix = np.asarray(points, dtype=float)
    if matrix.ndim == 1:
        matrix = matrix.reshape(-1, 1)
    return matrix, [str(n) for n in names]


def run_points(path, points, *, names=None, trials=None, seed=None, threads=None, set=None,
               add_policy=()):
    """Evaluates a design matrix: each row of POINTS sets the field paths NAMES (e.g. a SALib
    sample and its problem["names"]) and runs `trials` replicates (default: the experiment's
    trials). Replicate r of every point is trial r under one seed: common random numbers, as a
    sweep's points. POINTS may also be a {path: column} mapping or a pandas DataFrame. Returns a
    Result: `by_point` has one row per point (its values and each scalar's mean over its
    replicates), `per_point(name)` a [point, replicate] array."""
    plan = _plan(path, seed=seed, set=set, add_policy=add_policy)
    matrix, paths = _design_matrix(points, names)
    replicates = plan.trials if trials is None else int(trials)
    return Result(_reesim.run_points(plan, paths, matrix, replicates, _threads(threads)))


def describe(name=None):
    """The catalogue: agent and policy types with their parameters (unit, default, range, source,
    doc), model parameters, metric and scalar kinds; NAME's entries only when given. The dict
    `reesim describe [NAME] --format json` prints. An unknown NAME raises InputError naming the
    nearest."""
    return json.loads(_reesim.describe("" if name is None else str(name)))


from .workbench import model_function  # noqa: E402  (uses run above)
