"""reesim.load and reesim.run: the same inputs give the command line's digest and files."""

import csv
from pathlib import Path

import numpy as np
import pytest

import cli_cases
import reesim
from conftest import read_digest


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def test_a_published_run_gives_its_recorded_digest(quickstart):
    result = reesim.run(quickstart, threads=2)
    assert result.digest == (quickstart / "expected_digest").read_text().strip()
    assert len(result.trials) == 16
    assert list(result.trials) == list(range(16))


def test_the_same_inputs_give_the_command_lines_digest(quickstart, cli_outputs):
    result = reesim.run(quickstart, threads=2, trial_series=True, **cli_cases.RUN_SET)
    assert result.digest == read_digest(cli_outputs / "run-set")


def test_the_digest_does_not_depend_on_threads(quickstart):
    one = reesim.run(quickstart, trials=5, seed=3, threads=1)
    three = reesim.run(quickstart, trials=5, seed=3, threads=3)
    assert one.digest == three.digest
    for name, values in one.scalars.items():
        np.testing.assert_array_equal(values, three.scalars[name])


def test_scalars_and_parameters_are_the_command_lines_trials_csv(quickstart, cli_outputs):
    result = reesim.run(quickstart, threads=2, **cli_cases.RUN_SET)
    rows = read_csv(cli_outputs / "run-set" / "trials.csv")
    assert len(rows) == cli_cases.RUN_SET["trials"]
    names = list(rows[0])
    assert names[2 : 2 + len(result.parameters)] == list(result.parameters)
    assert names[2 + len(result.parameters) : -1] == list(result.scalars)
    for column in (result.scalars, result.parameters):
        for name, values in column.items():
            assert values.dtype == np.float64 and values.shape == (len(rows),)
            expected = [float("nan") if r[name] == "NA" else float(r[name]) for r in rows]
            np.testing.assert_array_equal(values, expected)


def test_series_are_quantiles_across_trials(quickstart, cli_outputs):
    result = reesim.run(quickstart, threads=2, trial_series=True, **cli_cases.RUN_SET)
    series = result.series
    assert list(series) == ["metric", "key", "date", "mean", "p05", "p25", "p50", "p75", "p95"]
    rows = read_csv(cli_outputs / "run-set" / "series.csv")
    assert len(series["mean"]) == len(rows)
    assert series["date"].dtype == np.dtype("datetime64[D]")
    assert [str(d) for d in series["date"][:3]] == [r["date"] for r in rows[:3]]
    np.testing.assert_allclose(series["p50"], [float(r["p50"]) for r in rows], rtol=1e-12)
    # Each tick's mean is the mean of the trials' values at that tick.
    ticks = result.trial_series[("price_dy_global", "")]
    assert ticks.shape == (cli_cases.RUN_SET["trials"], len(result.dates))
    mask = np.array(series["metric"]) == "price_dy_global"
    np.testing.assert_allclose(series["mean"][mask], ticks.mean(axis=0), rtol=1e-9)
    assert (series["p05"][mask] <= series["p95"][mask]).all()


def test_units_are_the_command_lines_units_csv(quickstart, cli_outputs):
    result = reesim.run(quickstart, threads=2, **cli_cases.RUN_SET)
    units = result.units
    rows = read_csv(cli_outputs / "run-set" / "units.csv")
    assert [(r["name"], r["kind"], r["unit"]) for r in rows] == list(
        zip(units["name"], units["kind"], units["unit"]))
    assert [n for n, k in zip(units["name"], units["kind"]) if k == "scalar"] == list(
        result.scalars)
    assert all(units["unit"]), units


def test_trial_series_only_when_asked(quickstart):
    result = reesim.run(quickstart, trials=2, threads=2)
    assert result.trial_series is None
    assert len(result.dates) == 0


def test_the_manifest_records_what_ran(quickstart):
    result = reesim.run(quickstart, threads=2, **cli_cases.RUN_SET)
    manifest = result.manifest
    assert manifest.startswith("# proto-message: reesim.RunManifest")
    assert "seed: 11" in manifest and "trials: 6" in manifest
    assert f'digest: "{result.digest}"' in manifest
    assert cli_cases.APPROVAL in manifest


def test_out_writes_the_command_lines_files(quickstart, cli_outputs, tmp_path):
    out = tmp_path / "run"
    result = reesim.run(quickstart, threads=2, trial_series=True, out=out, **cli_cases.RUN_SET)
    cli = cli_outputs / "run-set"
    assert read_digest(out) == result.digest
    for name in ("trials.csv", "trial_series.csv", "series.csv", "summary.csv", "covariance.csv"):
        assert (out / name).read_bytes() == (cli / name).read_bytes(), name
    with pytest.raises(reesim.FolderRefused, match="holds another run's files"):
        reesim.run(quickstart, trials=2, out=out)
    reesim.run(quickstart, trials=2, out=out, force=True)
    assert len(read_csv(out / "trials.csv")) == 2


def test_write_is_the_run_folder_writer(quickstart, tmp_path):
    result = reesim.run(quickstart, trials=3, threads=2)
    result.write(tmp_path / "w")
    assert read_digest(tmp_path / "w") == result.digest
    assert len(read_csv(tmp_path / "w" / "trials.csv")) == 3


def test_load_resolves_the_experiment(quickstart):
    plan = reesim.load(quickstart, trials=4, seed=9, set={cli_cases.BUFFER: 2})
    assert plan.id == "quickstart-2024"
    assert (plan.trials, plan.seed, plan.has_sweep) == (4, 9, False)
    assert plan.overrides == [(cli_cases.BUFFER, "2")]
    assert Path(plan.scenario_path).name == "scenario.textproto"
    assert "fixed: 2" in plan.scenario
    assert reesim.run(plan, threads=2).digest == reesim.run(
        quickstart, trials=4, seed=9, set={cli_cases.BUFFER: 2}, threads=2).digest


def test_bad_input_is_refused_with_the_command_lines_message(quickstart):
    with pytest.raises(reesim.InputError, match=r"buffer_week.*did you mean 'buffer_weeks'"):
        reesim.load(quickstart, set={"agents[in_ev].params[buffer_week].value": 2})
    with pytest.raises(reesim.InputError, match="trials: must be at least 1"):
        reesim.run(quickstart, trials=0)
    with pytest.raises(reesim.InputError, match="no-such-folder"):
        reesim.run("no-such-folder")
    with pytest.raises(reesim.InputError, match="declares no sweep"):
        reesim.sweep(quickstart)
