"""The runs the Python tests compare with the command line, stated once: make_cli_outputs.py runs
each with build/reesim before the tests (ctest fixture python.cli_outputs), and the tests run the
same inputs through the module."""

BUFFER = "agents[in_ev].params[buffer_weeks].value"
APPROVAL = "policies[cn_dy_licensing].params[approval_probability].value"

# reesim run runs/quickstart-2024 with these settings, into CLI_OUTPUTS/run-set.
RUN_SET = {
    "trials": 6,
    "seed": 11,
    "set": {BUFFER: 3, APPROVAL: 0.45},
}

# reesim sweep tests/e2e/sweeps/grid.textproto --replicates 2, into CLI_OUTPUTS/sweep-grid.
SWEEP_GRID = {"replicates": 2}


def run_set_arguments():
    """RUN_SET as command-line arguments."""
    arguments = ["--trials", str(RUN_SET["trials"]), "--seed", str(RUN_SET["seed"])]
    for path, value in RUN_SET["set"].items():
        arguments += ["--set", f"{path}={value!r}"]
    return arguments
