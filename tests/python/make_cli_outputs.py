"""Runs the cases of cli_cases.py with the command line, for the Python tests to compare with.

    make_cli_outputs.py REESIM SOURCE_DIR OUT_DIR
"""
import subprocess
import sys
from pathlib import Path

import cli_cases

reesim, source, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
common = ["--quiet", "--force", "--threads", "2"]
subprocess.run([reesim, "run", str(source / "runs" / "quickstart-2024"), *cli_cases.run_set_arguments(),
                "--trial-series", "--out", str(out / "run-set"), *common], check=True,
               stdout=subprocess.DEVNULL)
subprocess.run([reesim, "sweep", str(source / "tests" / "e2e" / "sweeps" / "grid.textproto"),
                "--replicates", str(cli_cases.SWEEP_GRID["replicates"]),
                "--out", str(out / "sweep-grid"), *common], check=True, stdout=subprocess.DEVNULL)
print(f"command-line outputs in {out}")
