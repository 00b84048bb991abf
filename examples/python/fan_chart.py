"""A fan chart of one series of a run, drawn with matplotlib from reesim's Python module.

    PYTHONPATH=build/python /usr/bin/python3 examples/python/fan_chart.py runs/quickstart-2024 \\
        --metric price_dy_global --out fan_chart.png

Runs the experiment in-process (no build/reesim, no CSV files), then draws the p05-p95 and
p25-p75 bands of the series across trials, its median, and the first trials' own paths.
"""

import argparse

import matplotlib

matplotlib.use("Agg")  # files only: no display needed
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import reesim  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="experiment file or run folder")
    parser.add_argument("--metric", default="price_dy_global", help="a series metric id")
    parser.add_argument("--key", default="", help="the series key, if the metric has several")
    parser.add_argument("--trials", type=int, default=None, help="trials (default: the run's)")
    parser.add_argument("--paths", type=int, default=5, help="trial paths to draw")
    parser.add_argument("--out", default="fan_chart.png", help="the PNG to write")
    args = parser.parse_args()

    result = reesim.run(args.path, trials=args.trials, trial_series=True)
    series = result.series
    rows = (np.array(series["metric"]) == args.metric) & (np.array(series["key"]) == args.key)
    if not rows.any():
        names = sorted(set(series["metric"]))
        parser.error(f"no series '{args.metric}' (key '{args.key}'); the run has {names}")
    dates = series["date"][rows]

    figure, axes = plt.subplots(figsize=(9, 4.5), dpi=100)
    axes.fill_between(dates, series["p05"][rows], series["p95"][rows], alpha=0.2,
                      color="tab:blue", linewidth=0, label="p05–p95")
    axes.fill_between(dates, series["p25"][rows], series["p75"][rows], alpha=0.35,
                      color="tab:blue", linewidth=0, label="p25–p75")
    axes.plot(dates, series["p50"][rows], color="tab:blue", linewidth=1.8, label="median")
    paths = result.trial_series[(args.metric, args.key)]
    for trial in range(min(args.paths, len(paths))):
        axes.plot(result.dates, paths[trial], color="0.35", linewidth=0.6, alpha=0.7,
                  label="trials" if trial == 0 else None)
    axes.set_title(f"{args.metric} across {len(result.trials)} trials")
    axes.set_ylabel(args.metric)
    axes.legend(loc="upper left", frameon=False)
    axes.grid(alpha=0.3)
    figure.autofmt_xdate()
    figure.tight_layout()
    figure.savefig(args.out)
    width, height = (figure.get_size_inches() * figure.dpi).astype(int)
    with open(args.out, "rb") as png:
        assert png.read(8) == b"\x89PNG\r\n\x1a\n", f"{args.out} is not a PNG"
    print(f"wrote {args.out} ({width} x {height} px); digest {result.digest}")


if __name__ == "__main__":
    main()
