#!/usr/bin/python3
"""Figures in the run folders' READMEs, computed from each folder's recorded outputs.

Every result a runs/NAME/README.md quotes is marked with the expression that computes it:

    the median is <!-- fig median(col("in_magnet_imports_from_cn_2032")) | .3f -->0.731<!-- /fig -->

and a block (a table, a pasted console output) with

    <!-- figblock summary_table() -->
    ```
    ...
    ```
    <!-- /figblock -->

Markdown renders the comments as nothing, so the README reads as before. An expression is Python
over the helpers below, evaluated on the folder's recorded outputs: expected_trials.csv (what
`reesim run` wrote as trials.csv at the folder's trials and seed), expected_series.csv (its
trial_series.csv) and, for a sweep, expected_sensitivity.csv (what `reesim analyze` wrote). The
text after `|` is a Python format spec for the value (`.3f`, `,.0f`, `.3g`; default `.4g`); a
block's expression returns its text whole. Figures that are inputs (calibration sources, bands,
parameters) are not results and stay unmarked.

    scripts/readme-figures.py --check [runs/NAME...]   exit 1, naming each figure that differs
    scripts/readme-figures.py --write [runs/NAME...]   rewrite the marked figures in place

Default: every runs/*/ with a README.md. After a change that moves results, re-record the digests
(scripts/record-digests.sh), then run --write and read the diff: the words around a figure may
need to change with it. ctest runs --check on every folder (e2e.readme_figures.NAME) and tests
the script itself (tests/e2e/readme_figures.sh).
Standard library only.
"""

import argparse
import csv
import math
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIG = re.compile(r"<!-- fig (?P<expr>.*?) -->(?P<text>.*?)<!-- /fig -->", re.S)
BLOCK = re.compile(r"<!-- figblock (?P<expr>.*?) -->\n(?P<text>.*?)<!-- /figblock -->", re.S)
NAN = float("nan")


def number(text):
    try:
        return float(text)
    except ValueError:
        return NAN


def finite(values):
    """The values that are not NaN."""
    return [v for v in values if not math.isnan(v)]


def q(values, level):
    """Type 7 quantile (Hyndman and Fan 1996) of the non-NaN values, as reesim's summary.csv."""
    xs = sorted(finite(values))
    if not xs:
        return NAN
    h = (len(xs) - 1) * level
    low = math.floor(h)
    high = min(low + 1, len(xs) - 1)
    return xs[low] + (h - low) * (xs[high] - xs[low])


def lower(values, level):
    """The lower sample quantile x[floor(level (n - 1))] of the non-NaN values: what series.csv
    (and `reesim check`'s series checks) report across trials, to within its sketch's 0.5 %."""
    xs = sorted(finite(values))
    return xs[math.floor(level * (len(xs) - 1))] if xs else NAN


def smedian(values):
    """The median as series.csv reports it (lower())."""
    return lower(values, 0.5)


def median(values):
    return q(values, 0.5)


def mean(values):
    """Mean of the non-NaN values (an exactly rounded sum, as reesim's summary)."""
    xs = finite(values)
    return math.fsum(xs) / len(xs) if xs else NAN


def count(values, predicate=lambda v: True):
    """How many non-NaN values satisfy `predicate`."""
    return sum(1 for v in finite(values) if predicate(v))


def date_of(days, spec="%B %Y", start="2024-01-01"):
    """The date `days` days after `start` (a FIRST_BELOW or FIRST_ABOVE scalar's origin)."""
    import datetime
    origin = datetime.date.fromisoformat(start)
    return (origin + datetime.timedelta(days=round(days))).strftime(spec)


def longest_run(values, predicate):
    """The most consecutive values that satisfy `predicate`."""
    best = run = 0
    for v in values:
        run = run + 1 if predicate(v) else 0
        best = max(best, run)
    return best


class Folder:
    """A run folder's recorded outputs, read on first use."""

    def __init__(self, path):
        self.path = path
        self._trials = None
        self._series = None
        self._sensitivity = None

    def _csv(self, name):
        file = os.path.join(self.path, name)
        if not os.path.exists(file):
            raise LookupError("%s: no such file" % os.path.relpath(file, ROOT))
        with open(file, newline="") as f:
            return list(csv.reader(f))

    def trials(self):
        if self._trials is None:
            rows = self._csv("expected_trials.csv")
            self._trials = (rows[0], rows[1:])
        return self._trials

    def series_rows(self):
        """{(metric, key): {date: [value per trial in trial order]}} (point 0 only)."""
        if self._series is None:
            rows = self._csv("expected_series.csv")
            header = rows[0]
            at = {name: i for i, name in enumerate(header)}
            series = {}
            for row in rows[1:]:
                if row[at["point"]] != "0":
                    continue
                by_date = series.setdefault((row[at["metric"]], row[at["key"]]), {})
                by_date.setdefault(row[at["date"]], []).append(number(row[at["value"]]))
            self._series = series
        return self._series

    def sensitivity_rows(self):
        if self._sensitivity is None:
            self._sensitivity = self._csv("expected_sensitivity.csv")
        return self._sensitivity

    def helpers(self):
        """The names an expression may use."""

        def col(name):
            """A trials.csv column, one value per trial (NaN where it has none)."""
            header, rows = self.trials()
            if name not in header:
                raise LookupError("expected_trials.csv has no column '%s'" % name)
            i = header.index(name)
            return [number(row[i]) for row in rows]

        def col_of(run, name):
            """A column of another run folder's trials (runs/RUN), for a comparison."""
            return Folder(os.path.join(os.path.dirname(self.path), run)).helpers()["col"](name)

        def trials():
            return len(self.trials()[1])

        def series(metric, key=""):
            """{date: [value per trial]} of one series (dates as YYYY-MM-DD, in order)."""
            found = self.series_rows().get((metric, key))
            if found is None:
                raise LookupError("expected_series.csv has no series %s[%s]" % (metric, key))
            return found

        def across(metric, statistic, key="", start="", end="9999"):
            """[(date, statistic(values across trials))] for the dates in [start, end]."""
            return [(d, statistic(v)) for d, v in series(metric, key).items() if start <= d <= end]

        def paths(metric, key="", start="", end="9999"):
            """[(dates, values)] per trial: its path over the dates in [start, end]."""
            by_date = [(d, v) for d, v in series(metric, key).items() if start <= d <= end]
            dates = [d for d, _ in by_date]
            return [(dates, [v[t] for _, v in by_date]) for t in range(len(by_date[0][1]))]

        def per_trial(metric, statistic, key="", start="", end="9999"):
            """[statistic(a trial's values over the dates in [start, end])] per trial."""
            return [statistic(values) for _, values in paths(metric, key, start, end)]

        def peak_dates(metric, key="", start="", end="9999"):
            """The date of each trial's highest value (the first, on a tie)."""
            return [dates[values.index(max(values))]
                    for dates, values in paths(metric, key, start, end)]

        def yearly(pairs, year):
            """Mean of the values of [(date, value)] dated in `year`."""
            return mean([v for d, v in pairs if d.startswith(str(year))])

        def level(metric, key=""):
            """A price's 2024 level: the mean of 2024's weekly cross-trial medians (as the series
            checks of `reesim check` take it)."""
            return yearly(across(metric, smedian, key), 2024)

        def spikes(metric, above, key="", start="", end="9999"):
            """The peak of each spike of every trial, as a ratio to the metric's level(): a spike
            is a run of weeks at or above `above` times the level."""
            base = level(metric, key)
            peaks = []
            for _, path in paths(metric, key, start, end):
                peak = None
                for v in path + [NAN]:
                    if v >= above * base:
                        peak = v if peak is None else max(peak, v)
                    elif peak is not None:
                        peaks.append(peak / base)
                        peak = None
            return peaks

        def series_check(metric):
            """The folder's series check of `metric` (experiment.textproto's series_checks, as
            `reesim check` evaluates it on series.csv's quantiles): a dict with level (the base
            level), ratios ({year: median of the year's weekly medians / level}), peak (the
            highest weekly peak quantile / level), peak_date, and passed."""
            with open(os.path.join(self.path, "experiment.textproto")) as f:
                text = f.read()
            for body in re.findall(r"series_checks\s*\{([^}]*)\}", text):
                fields = dict(re.findall(r'(\w+):\s*("[^"]*"|[-\d.e]+)', body))
                if fields.get("metric") == '"%s"' % metric:
                    break
            else:
                raise LookupError("experiment.textproto has no series check of %s" % metric)
            get = lambda name, default=NAN: float(fields.get(name, default))  # noqa: E731
            dated = across(metric, smedian)
            base = mean([v for d, v in dated
                         if fields["base_from"][1:-1] <= d <= fields["base_to"][1:-1]])
            years = range(int(get("from_year")), int(get("to_year")) + 1)
            ratios = {y: smedian([v for d, v in dated if d.startswith(str(y))]) / base
                      for y in years}
            level_q = get("peak_quantile")
            peaks = [(d, lower(v, level_q) / base) for d, v in series(metric).items()
                     if str(years[0]) <= d[:4] <= str(years[-1])]
            peak_date, peak = max(peaks, key=lambda p: p[1])
            passed = (all(get("min_ratio") <= r <= get("max_ratio") for r in ratios.values())
                      and peak <= get("max_peak_ratio", "inf")
                      and get("base_min", "-inf") <= base <= get("base_max", "inf"))
            return dict(level=base, ratios=ratios, peak=peak, peak_date=peak_date, passed=passed,
                        weeks_above=lambda x: sum(1 for _, r in peaks if r >= x), weeks=len(peaks))

        def values(pairs):
            return [v for _, v in pairs]

        def argmax(pairs):
            """The date of the largest value of [(date, value)]."""
            return max(pairs, key=lambda p: p[1])[0]

        def sensitivity(metric, parameter, index, field="estimate"):
            """A row of expected_sensitivity.csv: its estimate, low or high. `parameter` is a
            substring of the swept parameter's path that names one."""
            header, *rows = self.sensitivity_rows()
            at = {name: i for i, name in enumerate(header)}
            hits = [r for r in rows if r[at["metric"]] == metric and parameter in r[at["parameter"]]
                    and r[at["index"]] == index]
            if len(hits) != 1:
                raise LookupError("expected_sensitivity.csv: %d rows for %s, %s, %s"
                                  % (len(hits), metric, parameter, index))
            return number(hits[0][at[field]])

        def interval(metric, parameter, index, spec=".2f"):
            """'estimate [low, high]' of a Sobol index."""
            e, lo, hi = (sensitivity(metric, parameter, index, f) for f in ("estimate", "low", "high"))
            return "%s [%s, %s]" % (format(e, spec), format(lo, spec), format(hi, spec))

        def replicate_noise(metric):
            """A sweep's replicate noise for `metric`, as `reesim analyze` prints it: a dict with
            trial_var, noise_var, point_var and share (see experiment/sensitivity_report.h)."""
            header, rows = self.trials()
            values = col(metric)
            points = [int(r[header.index("point")]) for r in rows]
            by_point = {}
            for p, v in zip(points, values):
                by_point.setdefault(p, []).append(v)
            reps = len(by_point[points[0]])
            means = [math.fsum(v) / reps for v in by_point.values()]
            grand = math.fsum(means) / len(means)
            point_var = math.fsum((m - grand) ** 2 for m in means) / len(means)
            a = reps // 2
            gaps = [math.fsum(v[:a]) / a - math.fsum(v[a:]) / (reps - a) for v in by_point.values()]
            g = math.fsum(gaps) / len(gaps)
            spread = math.fsum((d - g) ** 2 for d in gaps) / (len(gaps) - 1)
            noise_var = spread / (reps * (1 / a + 1 / (reps - a)))
            trial_var = mean([math.fsum((x - m) ** 2 for x in v) / (reps - 1)
                              for v, m in zip(by_point.values(), means)])
            return dict(trial_var=trial_var, noise_var=noise_var, point_var=point_var,
                        share=noise_var / point_var)

        def where(metric, parameter, low, high):
            """The values of `metric` in the trials whose column `parameter` (a substring naming
            one parameter column) lies in [low, high)."""
            header, rows = self.trials()
            names = [n for n in header if parameter in n]
            if len(names) != 1:
                raise LookupError("%d columns match '%s'" % (len(names), parameter))
            xs = col(names[0])
            return [v for x, v in zip(xs, col(metric)) if low <= x < high]

        def digest():
            with open(os.path.join(self.path, "expected_digest")) as f:
                return f.read().strip()

        def summary_table():
            """The summary `reesim run` prints, then its digest line."""
            header, rows = self.trials()
            # Scalars are named by plain identifiers; parameters by paths (agents[x].y, model.z).
            scalars = [i for i, name in enumerate(header) if re.fullmatch(r"[A-Za-z0-9_]+", name)
                       and name not in ("trial", "point", "series_sha256")]
            lines = ["%-36s%14s%14s%14s%14s" % ("scalar", "mean", "p05", "p50", "p95")]
            for i in scalars:
                xs = [number(r[i]) for r in rows]
                lines.append("%-36s%14s%14s%14s%14s" % (
                    header[i], *("%.6g" % v for v in (mean(xs), q(xs, 0.05), q(xs, 0.5), q(xs, 0.95)))))
            lines.append("digest: " + digest())
            return "```\n" + "\n".join(lines) + "\n```\n"

        names = dict(col=col, col_of=col_of, trials=trials, series=series, across=across, paths=paths,
                     per_trial=per_trial, peak_dates=peak_dates,
                     values=values, yearly=yearly, level=level, series_check=series_check, spikes=spikes, argmax=argmax, date_of=date_of,
                     longest_run=longest_run, sensitivity=sensitivity, interval=interval,
                     replicate_noise=replicate_noise, where=where,
                     digest=digest, summary_table=summary_table, q=q, median=median, lower=lower,
                     smedian=smedian, mean=mean,
                     count=count, finite=finite, min=min, max=max, len=len, abs=abs, round=round,
                     sum=sum, sorted=sorted, math=math, range=range, zip=zip)
        return names


def render(folder, expr):
    """The text of one figure: `expr`, optionally `| spec`, evaluated on `folder`."""
    spec = ".4g"
    if "|" in expr:
        expr, spec = (part.strip() for part in expr.rsplit("|", 1))
    # Helpers as globals, so that comprehensions and lambdas in an expression see them too.
    value = eval(expr.strip(), {"__builtins__": {}, **folder.helpers()})  # noqa: S307 (our files)
    return value if isinstance(value, str) else format(value, spec)


def process(readme, write):
    """Checks (or rewrites) one README; returns the list of 'line: expr: has X, output gives Y'."""
    folder = Folder(os.path.dirname(readme))
    with open(readme) as f:
        text = f.read()
    problems = []

    def replace(match):
        line = text.count("\n", 0, match.start()) + 1
        try:
            wanted = render(folder, match.group("expr"))
        except Exception as e:  # a bad expression is reported, never written
            problems.append("%d: %s: cannot compute: %s" % (line, match.group("expr"), e))
            return match.group(0)
        if wanted != match.group("text"):
            problems.append("%d: %s: README has %r, the outputs give %r"
                            % (line, match.group("expr").strip(), match.group("text"), wanted))
        start = match.group(0)[: match.start("text") - match.start()]
        end = match.group(0)[match.end("text") - match.start():]
        return start + wanted + end

    new = BLOCK.sub(replace, text)
    text = new
    new = FIG.sub(replace, text)
    if write and new != text:
        with open(readme, "w") as f:
            f.write(new)
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help="exit 1 when a figure differs")
    mode.add_argument("--write", action="store_true", help="rewrite the figures in place")
    parser.add_argument("folders", nargs="*", help="run folders (default: runs/*/)")
    args = parser.parse_args()
    folders = args.folders or sorted(
        os.path.join(ROOT, "runs", name) for name in os.listdir(os.path.join(ROOT, "runs")))
    status = 0
    for folder in folders:
        readme = os.path.join(folder, "README.md")
        if not os.path.exists(readme):
            continue
        problems = process(readme, args.write)
        figures = 0
        with open(readme) as f:
            content = f.read()
            figures = len(FIG.findall(content)) + len(BLOCK.findall(content))
        for problem in problems:
            print("%s:%s" % (os.path.relpath(readme), problem), file=sys.stderr)
        failed = any("cannot compute" in p for p in problems) or (args.check and problems)
        status = 1 if failed else status
        verb = "rewritten" if args.write else "differ"
        print("%s: %d figures, %s" % (os.path.relpath(readme), figures,
                                      "%d %s" % (len(problems), verb) if problems else "all match"))
    return status


if __name__ == "__main__":
    sys.exit(main())
