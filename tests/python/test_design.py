"""reesim.sweep, reesim.run_points (a design matrix, as SALib makes) and reesim.model_function
(the calling convention of the EMA Workbench's Model(function=...)), without SALib or the
Workbench: neither is a Debian package, so stand-ins below make the same calls."""

import csv

import numpy as np
import pytest

import cli_cases
import reesim
from conftest import SOURCE, read_digest

GRID = SOURCE / "tests" / "e2e" / "sweeps" / "grid.textproto"
SCALAR = "in_dependence_cn_2024"


def test_a_sweep_gives_the_command_lines_digest_and_points(cli_outputs):
    result = reesim.sweep(GRID, threads=2, **cli_cases.SWEEP_GRID)
    cli = cli_outputs / "sweep-grid"
    assert result.digest == read_digest(cli)
    with open(cli / "points.csv", newline="") as f:
        points = list(csv.DictReader(f))
    table = result.by_point
    assert list(table) == list(points[0])
    np.testing.assert_array_equal(table["point"], [int(p["point"]) for p in points])
    for name in list(table)[1:]:
        np.testing.assert_allclose(table[name], [float(p[name]) for p in points], rtol=1e-12)


def saltelli_like_sample(bounds, rows, seed):
    """A stand-in for SALib's sample functions: a [rows, parameters] matrix within bounds."""
    rng = np.random.default_rng(seed)
    low, high = np.array(bounds).T
    return low + rng.random((rows, len(bounds))) * (high - low)


def test_run_points_evaluates_each_row_with_common_random_numbers(quickstart):
    problem = {"names": [cli_cases.BUFFER, cli_cases.APPROVAL], "bounds": [[1, 12], [0.1, 0.9]]}
    sample = saltelli_like_sample(problem["bounds"], 3, seed=5)
    sample = np.vstack([sample, sample[1]])  # point 3 repeats point 1
    result = reesim.run_points(quickstart, sample, names=problem["names"], trials=4, seed=2,
                               threads=2)
    assert list(result.points) == [p for p in range(4) for _ in range(4)]
    assert list(result.trials) == list(range(4)) * 4
    table = result.by_point
    np.testing.assert_array_equal(table[cli_cases.APPROVAL], sample[:, 1])
    per_point = result.per_point(SCALAR)
    assert per_point.shape == (4, 4)
    np.testing.assert_array_equal(per_point[3], per_point[1])  # same point, same draws
    np.testing.assert_allclose(table[SCALAR], np.nanmean(per_point, axis=1), rtol=1e-12)
    # Replicate r of a point is trial r of a run with that point's values set.
    single = reesim.run(quickstart, trials=4, seed=2, threads=2,
                        set=dict(zip(problem["names"], sample[2])))
    np.testing.assert_array_equal(per_point[2], single.scalars[SCALAR])


def test_run_points_takes_a_mapping_of_columns(quickstart):
    columns = {cli_cases.APPROVAL: [0.2, 0.8]}
    result = reesim.run_points(quickstart, columns, trials=2, threads=2)
    assert list(result.by_point["point"]) == [0, 1]
    assert result.digest == reesim.run_points(
        quickstart, np.array([[0.2], [0.8]]), names=[cli_cases.APPROVAL], trials=2).digest


def test_run_points_refuses_what_cannot_be_set(quickstart):
    with pytest.raises(reesim.InputError, match=r"agents\[in_evv\].*did you mean 'in_ev'"):
        reesim.run_points(quickstart, [[1.0]], names=["agents[in_evv].params[buffer_weeks].value"])
    with pytest.raises(reesim.InputError, match="point 0 has 1 values for 2 parameters"):
        reesim.run_points(quickstart, [[1.0]], names=[cli_cases.BUFFER, cli_cases.APPROVAL])
    with pytest.raises(reesim.InputError, match="not a finite number"):
        reesim.run_points(quickstart, [[np.nan]], names=[cli_cases.BUFFER])


class StandInModel:
    """The part of the EMA Workbench's Model that calls the function: Model(name, function=f)."""

    def __init__(self, name, function):
        self.name = name
        self.function = function


def perform_experiments(model, experiments, outcomes):
    """As the Workbench does: call model.function(**experiment) for each experiment (a dict of
    uncertainties and levers by name) and gather each outcome into an array."""
    gathered = {name: [] for name in outcomes}
    for experiment in experiments:
        returned = model.function(**experiment)
        for name in outcomes:
            gathered[name].append(returned[name])
    return {name: np.array(values) for name, values in gathered.items()}


def test_model_function_plugs_into_a_workbench_model(quickstart):
    outcomes = [SCALAR, "dy_premium_mean"]
    model = StandInModel("quickstart", reesim.model_function(quickstart, outcomes=outcomes,
                                                             trials=3, seed=4, threads=2))
    experiments = [{cli_cases.APPROVAL: 0.3, cli_cases.BUFFER: 2},
                   {cli_cases.APPROVAL: 0.8, cli_cases.BUFFER: 10},
                   {cli_cases.APPROVAL: 0.3, cli_cases.BUFFER: 2}]
    results = perform_experiments(model, experiments, outcomes)
    for name in outcomes:
        assert results[name].shape == (3,)
        assert results[name][0] == results[name][2]  # the same levers give the same outcome
    direct = reesim.run(quickstart, trials=3, seed=4, set=experiments[1])
    assert results[SCALAR][1] == np.nanmean(direct.scalars[SCALAR])


def test_model_function_takes_short_names_and_statistics(quickstart):
    function = reesim.model_function(quickstart, outcomes=[SCALAR], trials=3, seed=4,
                                     names={"approval": cli_cases.APPROVAL}, statistic="trials")
    values = function(approval=0.5)[SCALAR]
    direct = reesim.run(quickstart, trials=3, seed=4, set={cli_cases.APPROVAL: 0.5})
    np.testing.assert_array_equal(values, direct.scalars[SCALAR])
    median = reesim.model_function(quickstart, outcomes=[SCALAR], trials=3, seed=4,
                                   names={"approval": cli_cases.APPROVAL}, statistic="median")
    assert median(approval=0.5)[SCALAR] == np.nanmedian(values)


def test_model_function_refuses_unknown_outcomes_and_levers(quickstart):
    function = reesim.model_function(quickstart, outcomes=["in_dependence_cn"], trials=1)
    with pytest.raises(KeyError, match="did you mean in_dependence_cn_2024"):
        function()
    function = reesim.model_function(quickstart, outcomes=[SCALAR], trials=1)
    with pytest.raises(reesim.InputError, match="approval_probabilty"):
        function(**{"policies[cn_dy_licensing].params[approval_probabilty].value": 0.5})
    with pytest.raises(reesim.InputError):
        reesim.model_function("no-such-folder", outcomes=[SCALAR])
