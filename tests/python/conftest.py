"""Fixtures of the Python module's tests (ctest: python.pytest).

The tests import a copy of the package (build/python/reesim, copied into a temporary folder), run
in another temporary folder, and find on PATH only a stand-in `reesim` that records any call and
fails: the module must run trials itself, never the command line. The command line's own outputs
for the same inputs are made beforehand by the ctest fixture python.cli_outputs.

Environment (set by tests/python/CMakeLists.txt):
  REESIM_PACKAGE_DIR  build/python (holds reesim/)
  REESIM_SOURCE_DIR   the repository (runs/, tests/e2e/sweeps/)
  REESIM_CLI_OUTPUTS  the command line's run folders made by python.cli_outputs
"""

import os
import shutil
import stat
import sys
from pathlib import Path

import pytest

SOURCE = Path(os.environ["REESIM_SOURCE_DIR"])
CLI_OUTPUTS = Path(os.environ["REESIM_CLI_OUTPUTS"])
_PACKAGE = Path(os.environ["REESIM_PACKAGE_DIR"]) / "reesim"


def _install_copy(root):
    """Copies the package under ROOT/site, puts a trap `reesim` first on PATH, moves into
    ROOT/work; returns the trap's record file."""
    site = root / "site"
    shutil.copytree(_PACKAGE, site / "reesim", ignore=shutil.ignore_patterns("__pycache__"))
    sys.path.insert(0, str(site))
    trap_dir = root / "trap"
    trap_dir.mkdir()
    record = root / "trap-called"
    trap = trap_dir / "reesim"
    trap.write_text(f'#!/bin/sh\necho "$@" >> "{record}"\nexit 1\n')
    trap.chmod(trap.stat().st_mode | stat.S_IXUSR)
    os.environ["PATH"] = f"{trap_dir}:/usr/bin:/bin"
    os.environ["PYTHONPATH"] = str(site)  # for the child processes of the tests
    work = root / "work"
    work.mkdir()
    os.chdir(work)
    return record


_ROOT = Path(os.environ.get("REESIM_TEST_TMP", "/tmp")) / f"reesim-python-{os.getpid()}"
shutil.rmtree(_ROOT, ignore_errors=True)
_ROOT.mkdir(parents=True)
TRAP_RECORD = _install_copy(_ROOT)


def pytest_sessionfinish(session, exitstatus):
    called = TRAP_RECORD.exists()
    if not called:
        shutil.rmtree(_ROOT, ignore_errors=True)
    if called:
        print(f"\nthe command line was called: {TRAP_RECORD.read_text()}", file=sys.stderr)
        session.exitstatus = 1


@pytest.fixture
def quickstart():
    return SOURCE / "runs" / "quickstart-2024"


@pytest.fixture
def cli_outputs():
    return CLI_OUTPUTS


def read_digest(folder):
    return (Path(folder) / "digest").read_text().strip()
