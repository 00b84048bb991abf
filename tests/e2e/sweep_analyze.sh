#!/usr/bin/env bash
# `reesim analyze`: Sobol indices of a Saltelli sweep and Morris effects of a Morris sweep, one row
# per (metric, parameter, index) in sensitivity.csv; a grid or a shard is refused with exit 2.
#   sweep_analyze.sh REESIM SWEEPS
# shellcheck source-path=SCRIPTDIR source=sweep_common.sh
source "$(dirname "$0")/sweep_common.sh"

# analyze NAME INDICES: sweeps NAME, analyzes it and checks its sensitivity.csv: a row per
# analyzed metric, swept parameter and index, every metric not analyzed named on stderr.
analyze() {
  local name=$1 indices=$2 scalars skipped rows
  sweep_digest "$name" "$work/$name" --threads 2 >/dev/null || exit 1
  "$reesim" analyze "$work/$name" >"$work/$name.out" 2>"$work/$name.err" ||
    fail "reesim analyze $name: $(cat "$work/$name.err")"
  scalars=$(($(wc -l <"$work/$name/summary.csv") - 1))
  skipped=$(grep -c "skipped scalar" "$work/$name.err")
  rows=$(($(wc -l <"$work/$name/sensitivity.csv") - 1))
  echo "$name: $scalars scalars, $skipped skipped, $rows rows"
  [ $((scalars - skipped)) -ge 3 ] || fail "$name: too few metrics analyzed: $(cat "$work/$name.err")"
  expect_equal "$name: rows (metrics x 2 parameters x $indices indices)" \
    $(((scalars - skipped) * 2 * indices)) "$rows"
  expect_equal "$name: header" "metric,parameter,index,estimate,low,high" \
    "$(head -n 1 "$work/$name/sensitivity.csv")"
  grep -q "^sensitivity: $work/$name/sensitivity.csv$" "$work/$name.out" || fail "$name: stdout"
}

analyze saltelli 2
cut -d, -f3 "$work/saltelli/sensitivity.csv" | sort -u | tr '\n' ' ' | grep -qx "first index total " ||
  fail "Saltelli indices: $(cut -d, -f3 "$work/saltelli/sensitivity.csv" | sort -u)"
# Every Sobol row has a bootstrap interval around its estimate.
awk -F, 'NR > 1 && !($5 <= $4 && $4 <= $6) { bad = bad " " NR } END { exit bad != "" }' \
  "$work/saltelli/sensitivity.csv" || fail "a Sobol estimate outside its interval"
# The tiny Saltelli sweep (32 points, 2 replicates) resolves few indices: each unresolved one is
# flagged in the table, and one warning line counts them and says how many points the widest
# interval needs.
flagged=$(grep -cE ' (unresolved|outside)$' "$work/saltelli.out")
[ "$flagged" -ge 1 ] || fail "no flagged index in: $(cat "$work/saltelli.out")"
grep -qE "^reesim analyze: $work/saltelli: warning: $flagged of [0-9]+ Sobol indices unresolved \([0-9]+ with the whole 95 % interval outside \[0, 1\], the rest wider than 0.2\): do not read them as estimates; the widest \(.*\) needs about [0-9]+ points, against 32 now$" \
  "$work/saltelli.err" || fail "no warning line: $(cat "$work/saltelli.err")"
head -n 2 "$work/saltelli.out" | tail -n 1 | grep -qE '  flag$' || fail "no flag column"
# Then each analyzed metric's replicate noise: a row per metric under its header, a share in
# [0, 1] or flagged, and for noisy metrics one warning line naming the noisiest and the
# replicates it needs (or that it is all noise).
grep -q '^replicate noise (noise_share: ' "$work/saltelli.out" || fail "no noise table"
grep -qE '^metric +unit +trial_var +noise_var +point_var +noise_share +flag$' "$work/saltelli.out" ||
  fail "no noise header: $(cat "$work/saltelli.out")"
metrics=$(cut -d, -f1 "$work/saltelli/sensitivity.csv" | tail -n +2 | sort -u | wc -l)
noise_rows=$(sed -n '/^metric  *unit  *trial_var/,$p' "$work/saltelli.out" | grep -cvE '^(metric|sensitivity:)')
# Each row gives its metric's unit as units.csv (and results.pb) give it.
while read -r name _ unit; do
  grep -qE "^$name +$(sed 's/[()]/\\&/g' <<<"$unit") +[-+0-9.eNA]+ " "$work/saltelli.out" ||
    fail "noise row of $name without its unit '$unit': $(cat "$work/saltelli.out")"
done < <(tail -n +2 "$work/saltelli/units.csv" | awk -F, '$2 == "scalar" { print $1, "-", $3 }' |
  grep -Fwf <(cut -d, -f1 "$work/saltelli/sensitivity.csv" | tail -n +2 | sort -u))
expect_equal "noise rows (one per analyzed metric)" "$metrics" "$noise_rows"
if grep -qE ' noisy$' "$work/saltelli.out"; then
  grep -qE "^reesim analyze: $work/saltelli: warning: the point means of [0-9]+ of $metrics metrics are more than 0.1 replicate noise, which each of their total indices counts as an effect; the noisiest \(.*\) (needs about [0-9]+ replicates, against 2 now, or a less noisy metric|is all noise: analyze a less noisy metric)$" \
    "$work/saltelli.err" || fail "no noise warning: $(cat "$work/saltelli.err")"
fi
analyze morris 3
grep -q "warning" "$work/morris.err" && fail "a Morris sweep warned: $(cat "$work/morris.err")"
grep -q ',mu_star,.*,NA,NA$' "$work/morris/sensitivity.csv" || fail "Morris rows"

sweep_digest grid "$work/grid" --threads 2 >/dev/null || exit 1
expect_refusal "a grid" "^$work/grid: analyze needs a DESIGN_SALTELLI or DESIGN_MORRIS sweep; this one is DESIGN_GRID$" \
  "$reesim" analyze "$work/grid"
[ -e "$work/grid/sensitivity.csv" ] && fail "a refused analysis wrote sensitivity.csv"
sweep_digest saltelli "$work/shard" --shard 1/2 --threads 2 >/dev/null || exit 1
expect_refusal "a shard" "is shard 1/2 of a sweep; merge the shards first" \
  "$reesim" analyze "$work/shard"
echo "ok"
