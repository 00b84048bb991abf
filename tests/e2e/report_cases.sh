#!/usr/bin/env bash
# `reesim report` and the `--report` of run, check, sweep and merge, without a browser: which
# sections each page has, inputs escaped, sensitivity indices read from sensitivity.csv or
# computed, and refusals.
#   report_cases.sh REESIM SOURCE_DIR
set -u
reesim=$1
source_dir=$2
runs=$source_dir/runs
sweeps=$source_dir/tests/e2e/sweeps
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# has FILE TEXT... / lacks FILE TEXT...: FILE holds (does not hold) each fixed string.
has() {
  local file=$1
  shift
  for text in "$@"; do grep -qF -- "$text" "$file" || fail "$file lacks '$text'"; done
}
lacks() {
  local file=$1
  shift
  for text in "$@"; do ! grep -qF -- "$text" "$file" || fail "$file holds '$text'"; done
}

# A run with a hostile scenario title: every input is escaped.
"$reesim" run "$runs/quickstart-2024" --quiet --threads 2 --trials 4 --out "$work/run" \
  --set 'title="<script>alert(1)</script> & co"' >"$work/out" 2>&1 || fail "run: $(cat "$work/out")"
[ ! -e "$work/run/report.html" ] || fail "run wrote a report without --report"
"$reesim" report "$work/run" >"$work/out" 2>&1 || fail "report: $(cat "$work/out")"
grep -qx "report: $work/run/report.html" "$work/out" || fail "report printed: $(cat "$work/out")"
page=$work/run/report.html
has "$page" '&lt;script&gt;alert(1)&lt;/script&gt; &amp; co' 'id="run"' 'id="checks"' \
  'id="series"' 'id="summary"' '<svg class="chart"' 'class="median"' '(USD/kg)' \
  "$(cat "$work/run/digest")" 'in_dependence_cn_2024' '1 passed, 0 failed' '<code>title</code>'
lacks "$page" '<script>alert' 'id="sweep"' 'class="trial"' 'http:' 'https:'

# --out FILE elsewhere; the folder is left alone.
"$reesim" report "$work/run" --out "$work/elsewhere.html" >/dev/null || fail "report --out"
cmp -s "$work/elsewhere.html" "$page" || fail "report --out differs from the folder's report"

# check --report: the run's outputs and the report, checks in it; exit 0 as all pass.
"$reesim" check "$runs/quickstart-2024" --threads 2 --report --out "$work/check" >"$work/out" 2>&1 ||
  fail "check --report: $(cat "$work/out")"
has "$work/check/report.html" '1 passed, 0 failed' 'class="pass"'
[ -s "$work/check/digest" ] || fail "check --report wrote no outputs"

# Series checks: a passing and a failing one, with why, in a run's report.
cp "$runs/quickstart-2024/scenario.textproto" "$work/"
cat >"$work/series.textproto" <<'PROTO'
# proto-message: reesim.Experiment
id: "series-checks"
scenario: "scenario.textproto"
trials: 8
seed: 7
outputs { series: true }
series_checks { metric: "price_dy_global" base_from: "2024-01-01" base_to: "2024-03-31"
  from_year: 2024 to_year: 2024 min_ratio: 0.5 max_ratio: 2 peak_quantile: 0.95 max_peak_ratio: 3 }
series_checks { metric: "premium_dy" base_from: "2024-01-01" base_to: "2024-01-31"
  from_year: 2024 to_year: 2024 min_ratio: 0.9 max_ratio: 1.2 peak_quantile: 0.95 max_peak_ratio: 2 }
PROTO
"$reesim" check "$work/series.textproto" --threads 2 --report --out "$work/series" >"$work/out" 2>&1
[ $? -eq 1 ] || fail "check of a failing series check: $(cat "$work/out")"
has "$work/series/report.html" 'Series checks' '1 passed, 1 failed' '<td>premium_dy</td>' \
  'years outside [0.9, 1.2]: 2024' '<td class="fail">FAIL</td>' '<td class="pass">pass</td>'

# A grid sweep: main effects and points, and why there are no indices.
"$reesim" sweep "$sweeps/grid.textproto" --quiet --threads 2 --out "$work/grid" --report \
  >"$work/out" 2>&1 || fail "sweep --report: $(cat "$work/out")"
has "$work/grid/report.html" 'id="sweep"' 'Main effects' 'DESIGN_GRID' \
  'sensitivity indices need a DESIGN_SALTELLI or DESIGN_MORRIS sweep' \
  'agents[in_ev].params[buffer_weeks].value'
lacks "$work/grid/report.html" 'id="series"'

# A Saltelli sweep in two shards, merged with --report: indices computed, then read from
# sensitivity.csv once analyze wrote it; an unresolved index is flagged.
for k in 1 2; do
  "$reesim" sweep "$sweeps/saltelli.textproto" --quiet --threads 2 --shard "$k/2" \
    --out "$work/shard-$k" >/dev/null 2>&1 || fail "sweep shard $k"
done
"$reesim" report "$work/shard-1" >/dev/null 2>&1 || fail "report of a shard"
has "$work/shard-1/report.html" 'merge the shards first'
"$reesim" merge "$work/shard-1" "$work/shard-2" --out "$work/merged" --report >"$work/out" 2>&1 ||
  fail "merge --report: $(cat "$work/out")"
has "$work/merged/report.html" 'merged shards' 'Computed as reesim analyze does' 'class="bar s0' \
  'class="bar s1'
"$reesim" analyze "$work/merged" >"$work/analyze.out" 2>&1 || fail "analyze"
"$reesim" report "$work/merged" >/dev/null || fail "report after analyze"
has "$work/merged/report.html" "From $work/merged/sensitivity.csv"
if awk -F, 'NR > 1 && ($3 == "first" || $3 == "total") && ($6 - $5 > 0.2 || $6 < 0 || $5 > 1)' \
  "$work/merged/sensitivity.csv" | grep -q .; then
  has "$work/merged/report.html" 'class="warning"' 'unresolved'
else
  lacks "$work/merged/report.html" 'class="warning"'
fi

# The replicate noise beside the indices, as analyze measures it: a warning naming the noisy
# metrics exactly when analyze flags one.
has "$work/merged/report.html" 'Replicate noise: the share of the variance between point means'
if grep -qE ' noisy$' "$work/analyze.out"; then
  has "$work/merged/report.html" 'noisy metric' "<code>$(grep -E ' noisy$' "$work/analyze.out" | head -n 1 | cut -d' ' -f1)</code>"
else
  lacks "$work/merged/report.html" 'noisy metric'
fi

# A Morris sweep: mu* and sigma bars, no intervals, nothing flagged.
"$reesim" sweep "$sweeps/morris.textproto" --quiet --threads 2 --out "$work/morris" --report \
  >"$work/out" 2>&1 || fail "morris sweep --report: $(cat "$work/out")"
has "$work/morris/report.html" 'Morris mu* and sigma' '<td>mu_star</td>' 'class="bar s1'
lacks "$work/morris/report.html" 'class="warning"' 'class="whisker"'

# Refusals: not a folder, an unfinished folder, a bad sensitivity.csv (exit 2).
expect_exit() {
  local code=$1 rc
  shift
  "$reesim" "$@" >"$work/out" 2>&1
  rc=$?
  [ "$rc" -eq "$code" ] || fail "reesim $*: exit $rc, expected $code: $(cat "$work/out")"
}
expect_exit 2 report "$work/nothing"
mkdir "$work/empty"
expect_exit 2 report "$work/empty"
grep -q "has no digest file" "$work/out" || fail "unfinished folder: $(cat "$work/out")"
printf 'metric,parameter\n' >"$work/merged/sensitivity.csv"
expect_exit 2 report "$work/merged"
grep -q "sensitivity.csv:1: the header" "$work/out" || fail "bad sensitivity.csv: $(cat "$work/out")"
expect_exit 2 report
echo "report cases: ok"
