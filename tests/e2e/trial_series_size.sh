#!/usr/bin/env bash
# Per-trial series (DESIGN §6): the size they will take is printed before the trials start, and a
# run past --max-output-size is refused at once (exit 2, one line with the sizes), writing nothing.
#   trial_series_size.sh REESIM FOLDER (the quick-start run folder)
# shellcheck source-path=SCRIPTDIR source=run_common.sh
source "$(dirname "$0")/run_common.sh"

"$reesim" run "$folder" --trial-series --trials 6 --threads 2 --out "$work/kept" \
  >"$work/kept.out" 2>"$work/kept.err" || fail "run --trial-series: $(cat "$work/kept.err")"
line=$(grep '^trial series: ' "$work/kept.err")
[[ $line =~ ^trial\ series:\ 6\ trials\ x\ ([0-9]+)\ series\ x\ ([0-9]+)\ ticks,\ about\ ([0-9.]+)\ (bytes|KiB|MiB)\ \(trial_series\.csv\ ([0-9.]+)\ (bytes|KiB|MiB),\ results\.pb\ [0-9.]+\ (bytes|KiB|MiB)\)$ ]] ||
  fail "no size line before the run: $(cat "$work/kept.err")"
series=${BASH_REMATCH[1]} ticks=${BASH_REMATCH[2]}
csv_estimate=${BASH_REMATCH[5]} csv_unit=${BASH_REMATCH[6]}
# It comes first: before any progress or summary, on the first line of stderr.
expect_equal "the size line is the first on stderr" "$line" "$(head -n 1 "$work/kept.err")"
rows=$(($(wc -l <"$work/kept/trial_series.csv") - 1))
expect_equal "trial_series.csv rows (trials x series x ticks)" $((6 * series * ticks)) "$rows"
# The estimate of trial_series.csv is within a factor of 1.5 of the file written.
actual=$(stat -c %s "$work/kept/trial_series.csv")
awk -v e="$csv_estimate" -v u="$csv_unit" -v a="$actual" 'BEGIN {
  m = u == "MiB" ? 1048576 : (u == "KiB" ? 1024 : 1); e *= m
  exit !(e >= a / 1.5 && e <= a * 1.5) }' ||
  fail "trial_series.csv is $actual bytes, estimated $csv_estimate $csv_unit"
echo "ok: $line (trial_series.csv: $actual bytes)"

# Past the limit: refused before any trial, in one line naming the sizes and the limit.
"$reesim" run "$folder" --trial-series --trials 6 --max-output-size 16KiB --out "$work/never" \
  >"$work/refused.out" 2>"$work/refused.err"
rc=$?
expect_equal "--max-output-size 16KiB: exit status" 2 "$rc"
grep -v '^trial series: ' "$work/refused.err" >"$work/refusal"
expect_equal "--max-output-size 16KiB: lines besides the size line" 1 "$(wc -l <"$work/refusal")"
grep -Eq "^reesim run: .*experiment\.textproto: 6 trials: the per-trial series would take about [0-9.]+ (KiB|MiB) \(trial_series\.csv [0-9.]+ (KiB|MiB), results\.pb [0-9.]+ (KiB|MiB)\), more than --max-output-size 16 KiB; keep fewer trials or metrics \(outputs\.metrics\), or raise --max-output-size$" \
  "$work/refusal" || fail "--max-output-size 16KiB: $(cat "$work/refused.err")"
[ -e "$work/never" ] && fail "a refused run wrote its folder"
[ -s "$work/refused.out" ] && fail "a refused run printed on stdout: $(cat "$work/refused.out")"
echo "ok: $(cat "$work/refusal")"

# Raised above the estimate, the same run goes ahead; a malformed size is a usage error.
"$reesim" run "$folder" --trial-series --trials 6 --max-output-size 1GiB --quiet --out "$work/raised" \
  >/dev/null 2>"$work/raised.err" || fail "--max-output-size 1GiB: $(cat "$work/raised.err")"
expect_equal "the same series under a raised limit" "$(cat "$work/kept/trial_series.csv")" \
  "$(cat "$work/raised/trial_series.csv")"
"$reesim" run "$folder" --trial-series --max-output-size lots --out "$work/never" >/dev/null 2>"$work/err"
expect_equal "--max-output-size lots: exit status" 2 "$?"
expect_equal "--max-output-size lots: message" \
  "reesim: --max-output-size must be a size such as 512MiB or 2GiB, got 'lots'" "$(head -n 1 "$work/err")"
# Without --trial-series, no size line.
"$reesim" run "$folder" --trials 2 --threads 2 --out "$work/plain" >/dev/null 2>"$work/plain.err" ||
  fail "run: $(cat "$work/plain.err")"
grep -q '^trial series: ' "$work/plain.err" && fail "a size line without --trial-series"
echo "ok"
