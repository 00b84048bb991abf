#!/usr/bin/env bash
# DESIGN §6: a run folder holds every output file, and `digest` equals the printed digest.
#   run_outputs.sh REESIM FOLDER
# shellcheck source-path=SCRIPTDIR source=run_common.sh
source "$(dirname "$0")/run_common.sh"
trials=24
out=$work/out

printed=$(run_digest "$out" --trials $trials --threads 2) || exit 1
for file in manifest.textproto trials.csv series.csv summary.csv results.pb digest; do
  [ -s "$out/$file" ] || fail "$out/$file is missing or empty"
done
expect_equal "digest file" "$printed" "$(cat "$out/digest")"
expect_equal "digest file size (64 hex digits and a newline)" 65 "$(wc -c <"$out/digest")"
expect_equal "trials.csv lines (header and one per trial)" $((trials + 1)) \
  "$(wc -l <"$out/trials.csv")"
head -n 1 "$out/trials.csv" | grep -q '^trial,point,.*,series_sha256$' ||
  fail "trials.csv header: $(head -n 1 "$out/trials.csv")"
tail -n +2 "$out/trials.csv" | grep -Evq ',[0-9a-f]{64}$' &&
  fail "a trials.csv row ends in something other than a series hash"
grep -q "digest: \"$printed\"" "$out/manifest.textproto" || fail "the manifest does not hold the digest"
grep -q "^trials: $trials\$" "$out/manifest.textproto" || fail "the manifest does not hold 'trials: $trials'"
# units.csv: a row per declared metric and per scalar, each with its unit (the quick-start world
# declares the units of all of them).
expect_equal "units.csv header" "name,kind,unit" "$(head -n 1 "$out/units.csv")"
scalars=$(($(wc -l <"$out/summary.csv") - 1))
expect_equal "units.csv scalar rows" "$scalars" "$(grep -c ',scalar,' "$out/units.csv")"
grep -q '^dy_global_peak,scalar,USD/kg$' "$out/units.csv" || fail "units.csv: $(cat "$out/units.csv")"
grep -q '^in_ev_shortfall,scalar,kg$' "$out/units.csv" || fail "units.csv: $(cat "$out/units.csv")"
grep -q '^in_ev_weeks_short,scalar,ticks$' "$out/units.csv" || fail "units.csv: $(cat "$out/units.csv")"
grep -Eq ',(metric|scalar),$' "$out/units.csv" && fail "a metric or scalar without a unit: $(cat "$out/units.csv")"
# columns.csv: every trials.csv column, in order, with a distinct name R and pandas keep as it is.
expect_equal "columns.csv columns" "$(head -n 1 "$out/trials.csv" | tr ',' '\n' | tr -d '"')" \
  "$(tail -n +2 "$out/columns.csv" | cut -d, -f1 | tr -d '"')"
tail -n +2 "$out/columns.csv" | cut -d, -f2 | grep -Evq '^[A-Za-z][A-Za-z0-9._]*$' &&
  fail "a name R would change: $(cat "$out/columns.csv")"
expect_equal "distinct names" "$(tail -n +2 "$out/columns.csv" | wc -l)" \
  "$(tail -n +2 "$out/columns.csv" | cut -d, -f2 | sort -u | wc -l)"
# outputs.metrics: only the listed metrics' scalars and series are recorded (in trials.csv,
# series.csv, summary.csv, units.csv and the digest), each with the values of the full run.
selected=$work/selected.textproto
sed -e "s|^scenario: .*|scenario: \"$(realpath "$folder")/scenario.textproto\"|" \
  -e 's|^outputs { series: true }|outputs { series: true metrics: "price_dy_global" metrics: "in_unmet_ev" }|' \
  "$folder/experiment.textproto" | grep -v '^checks' >"$selected"
grep -q 'metrics: "price_dy_global"' "$selected" || fail "no outputs.metrics in $selected"
"$reesim" run "$selected" --quiet --out "$work/selected" --trials $trials --threads 2 >"$work/selected.out" ||
  fail "outputs.metrics run: $(cat "$work/selected.out")"
head -n 1 "$work/selected/trials.csv" | grep -q ',dy_global_peak,in_ev_shortfall,in_ev_weeks_short,series_sha256$' ||
  fail "outputs.metrics: trials.csv header $(head -n 1 "$work/selected/trials.csv")"
expect_equal "outputs.metrics: summary rows" 3 $(($(wc -l <"$work/selected/summary.csv") - 1))
expect_equal "outputs.metrics: series.csv metrics" "price_dy_global" \
  "$(tail -n +2 "$work/selected/series.csv" | cut -d, -f1 | sort -u | tr '\n' ' ' | sed 's/ $//')"
expect_equal "outputs.metrics: units.csv metrics" "price_dy_global in_unmet_ev" \
  "$(grep ',metric,' "$work/selected/units.csv" | cut -d, -f1 | tr '\n' ' ' | sed 's/ $//')"
column_of() {  # column_of FILE NAME: the values of column NAME
  awk -F, -v n="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i; next } { print $c }' "$1"
}
for scalar in dy_global_peak in_ev_shortfall in_ev_weeks_short; do
  expect_equal "outputs.metrics: $scalar as in the full run" "$(column_of "$out/trials.csv" $scalar)" \
    "$(column_of "$work/selected/trials.csv" $scalar)"
done
[ "$(cat "$work/selected/digest")" != "$printed" ] || fail "outputs.metrics: the digest of the full run"
leftover=$(find "$out" -name '*.tmp.*')
[ -z "$leftover" ] || fail "temporaries left behind: $leftover"
echo "ok: $printed"
