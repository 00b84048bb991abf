#!/usr/bin/env bash
# `reesim check` evaluates an experiment's series checks after its scalar checks: one row per
# series check, counted in the 'N passed, M failed' line; a failing one names itself with FAIL
# and why, and makes check exit 1; series checks alone are enough to check.
#   check_series.sh REESIM FOLDER     (FOLDER: the quick-start run folder)
# shellcheck source-path=SCRIPTDIR source=run_common.sh
source "$(dirname "$0")/run_common.sh"

cp "$folder/scenario.textproto" "$work/"
header='# proto-message: reesim.Experiment
id: "series-checks"
scenario: "scenario.textproto"
trials: 8
seed: 7
outputs { series: true }'
scalar='checks { scalar: "in_dependence_cn_2024" min: 0.85 max: 1.0 }'
# The Dy price over its first quarter, each year's median within [0.5, 2] of it: passes.
passing='series_checks { metric: "price_dy_global" base_from: "2024-01-01" base_to: "2024-03-31"
  from_year: 2024 to_year: 2024 min_ratio: 0.5 max_ratio: 2 peak_quantile: 0.95 max_peak_ratio: 3
  base_min: 100 base_max: 1000 }'
# The Dy premium falls through 2024 (to about a quarter by December): a ceiling of 1.2 x its
# January level holds, a floor of 0.9 for the year's median does not.
failing='series_checks { metric: "premium_dy" base_from: "2024-01-01" base_to: "2024-01-31"
  from_year: 2024 to_year: 2024 min_ratio: 0.9 max_ratio: 1.2 peak_quantile: 0.95 max_peak_ratio: 2 }'

# check_exit NAME CODE: runs `reesim check` on $work/NAME.textproto, requires exit CODE, prints
# its stdout.
check_exit() {
  local stdout rc
  stdout=$("$reesim" check "$work/$1.textproto" --threads 2 2>"$work/stderr")
  rc=$?
  [ "$rc" -eq "$2" ] || fail "reesim check $1: exit $rc, expected $2: $stdout $(cat "$work/stderr")"
  echo "$stdout"
}

printf '%s\n' "$header" "$scalar" "$passing" "$failing" >"$work/mixed.textproto"
out=$(check_exit mixed 1) || exit 1
echo "$out"
grep -Eq '^in_dependence_cn_2024 .* pass$' <<<"$out" || fail "mixed: no passing scalar row"
grep -Eq '^price_dy_global .* pass$' <<<"$out" || fail "mixed: no passing row for price_dy_global"
grep -Eq '^premium_dy .* FAIL$' <<<"$out" || fail "mixed: no FAIL row naming premium_dy"
grep -Eq '^    years outside \[0\.9, 1\.2\]: 2024 0\.[0-9]+$' <<<"$out" ||
  fail "mixed: the failing row does not say which year lies outside its band"
grep -Eq '^2 passed, 1 failed \(8 trials\)$' <<<"$out" || fail "mixed: wrong count line"

printf '%s\n' "$header" "$passing" >"$work/alone.textproto"
out=$(check_exit alone 0) || exit 1
echo "$out"
grep -Eq '^1 passed, 0 failed \(8 trials\)$' <<<"$out" || fail "alone: wrong count line"
echo "ok"
