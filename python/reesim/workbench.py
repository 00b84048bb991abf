"""An experiment as a plain Python function of its uncertainties and levers.

Exploratory-modelling tools call a model as `function(**experiment)` with one keyword argument
per uncertainty and lever and take back a dict of outcomes; the EMA Workbench's
`Model(name, function=f)` is one. `model_function` makes such a function of a reesim experiment
without depending on any of them: keyword names are field paths (those `--set` takes), or short
names mapped to field paths by `names=`. See docs/python.md.
"""

import difflib

import numpy as np

_STATISTICS = {
    "mean": np.nanmean,
    "median": np.nanmedian,
    "trials": lambda values: values,
}


def _statistic(statistic):
    if callable(statistic):
        return statistic
    try:
        return _STATISTICS[statistic]
    except KeyError:
        raise ValueError(
            f"statistic {statistic!r}: expected one of {', '.join(_STATISTICS)} or a callable"
        ) from None


def model_function(path, outcomes, *, trials=None, seed=None, threads=None, set=None,
                   names=None, statistic="mean"):
    """A function f(**levers) -> {outcome: value} that runs the experiment at PATH.

    Each call runs `trials` trials (default: the experiment's) under one seed (default: the
    experiment's), so every call draws the same random numbers: outcomes of two calls differ only
    by what their arguments change (common random numbers). A keyword argument sets a field path
    as `--set` does, after the experiment's overrides and `set`; `names` maps short keyword names
    (valid identifiers) to field paths. `outcomes` are scalar names of the scenario's metrics;
    each outcome is `statistic` of the scalar across trials: "mean" (NaN trials skipped),
    "median", "trials" (the array of every trial's values) or a callable taking that array.
    An unknown outcome raises KeyError naming the nearest scalars.
    """
    from . import load, run  # the package's own functions

    load(path, trials=trials, seed=seed, set=set)  # refuse bad input before the first call
    outcomes = list(outcomes)
    if not outcomes:
        raise ValueError("outcomes: name at least one scalar")
    reduce = _statistic(statistic)
    aliases = dict(names or {})
    base = dict(set or {})

    def function(**levers):
        settings = dict(base)
        for name, value in levers.items():
            settings[aliases.get(name, name)] = value
        result = run(path, trials=trials, seed=seed, threads=threads, set=settings)
        scalars = result.scalars
        missing = [name for name in outcomes if name not in scalars]
        if missing:
            near = difflib.get_close_matches(missing[0], list(scalars), n=3)
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            raise KeyError(f"outcome '{missing[0]}' is not a scalar of {path}{hint}")
        return {name: reduce(scalars[name]) for name in outcomes}

    function.__name__ = "reesim_model"
    function.__doc__ = f"Runs {path} with the given field paths set; returns {outcomes}."
    function.outcomes = outcomes
    return function
