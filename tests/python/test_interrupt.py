"""While trials run the GIL is released (other Python threads go on), and Ctrl-C (SIGINT) stops
a run promptly, leaving no output behind."""

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import reesim


def test_another_thread_advances_while_a_run_works(quickstart):
    ticks = []
    running = threading.Event()
    finished = threading.Event()

    def count():
        running.set()
        while not finished.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.005)

    counter = threading.Thread(target=count)
    counter.start()
    running.wait()
    # Enough trials that the run lasts well beyond the counter's 5 ms step even on an idle machine
    # (48 quickstart trials took under 10 ms, too short to see a tick).
    started = time.monotonic()
    result = reesim.run(quickstart, trials=4000, threads=2)
    ended = time.monotonic()
    finished.set()
    counter.join()
    assert len(result.trials) == 4000
    assert ended - started > 0.1, ended - started
    during = [t for t in ticks if started < t < ended]
    # The counter ran all through the run: at least a tick in every 100 ms of it.
    assert len(during) >= (ended - started) / 0.1, (len(during), ended - started)


CHILD = textwrap.dedent("""
    import sys, reesim
    folder, out = sys.argv[1], sys.argv[2]
    print("running", flush=True)
    try:
        reesim.run(folder, trials=1000000, threads=2, out=out)
    except KeyboardInterrupt:
        print("interrupted", flush=True)
        sys.exit(3)
    print("finished", flush=True)
""")


def test_sigint_stops_a_run_within_two_seconds_leaving_no_output(quickstart, tmp_path):
    out = tmp_path / "out"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(quickstart), str(out)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "running"
    time.sleep(1.0)  # well into the trials
    assert child.poll() is None
    sent = time.monotonic()
    child.send_signal(signal.SIGINT)
    try:
        child.wait(timeout=10)
    finally:
        child.kill()
    took = time.monotonic() - sent
    stdout, stderr = child.communicate()
    assert child.returncode == 3, (stdout, stderr)
    assert stdout.strip() == "interrupted"
    assert took < 2.0, f"stopped {took:.2f} s after SIGINT"
    # Nothing written: no folder contents, no staging folder, no lock left beside it.
    left = sorted(os.listdir(out)) if out.exists() else []
    assert left == [], left
    assert set(os.listdir(tmp_path)) <= {"out"}, os.listdir(tmp_path)
