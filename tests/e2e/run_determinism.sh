#!/usr/bin/env bash
# DESIGN §4: a run's digest and outputs are identical for any --threads and on re-run, and a
# different --seed changes them.   run_determinism.sh REESIM FOLDER
# shellcheck source-path=SCRIPTDIR source=run_common.sh
source "$(dirname "$0")/run_common.sh"
trials=24

one=$(run_digest "$work/t1" --trials $trials --threads 1) || exit 1
two=$(run_digest "$work/t2" --trials $trials --threads 2) || exit 1
seven=$(run_digest "$work/t7" --trials $trials --threads 7) || exit 1
again=$(run_digest "$work/again" --trials $trials --threads 2) || exit 1
other=$(run_digest "$work/seed" --trials $trials --threads 2 --seed 7) || exit 1
echo "threads 1: $one"
echo "threads 2: $two"
echo "threads 7: $seven"
echo "re-run:    $again"
echo "seed 7:    $other"

expect_equal "digest on 2 threads vs 1" "$one" "$two"
expect_equal "digest on 7 threads vs 1" "$one" "$seven"
expect_equal "digest on re-run" "$two" "$again"
[ "$other" != "$one" ] || fail "--seed 7 gives the same digest as the declared seed: $one"

# Per-trial rows and the aggregates are identical too, byte for byte.
for file in trials.csv series.csv summary.csv digest; do
  for run in t2 t7 again; do
    cmp -s "$work/t1/$file" "$work/$run/$file" || fail "$file differs between t1 and $run"
  done
done
cmp -s "$work/t1/trials.csv" "$work/seed/trials.csv" && fail "trials.csv does not depend on --seed"

# Every trial's series, kept with --trial-series, are identical on any --threads too, and keeping
# them leaves the digest (which covers them through each trial's series hash) as it was.
kept1=$(run_digest "$work/k1" --trials $trials --threads 1 --trial-series) || exit 1
kept2=$(run_digest "$work/k2" --trials $trials --threads 2 --trial-series) || exit 1
expect_equal "digest with --trial-series" "$one" "$kept1"
expect_equal "digest with --trial-series on 2 threads" "$one" "$kept2"
cmp -s "$work/k1/trial_series.csv" "$work/k2/trial_series.csv" ||
  fail "trial_series.csv differs between 1 and 2 threads"
expect_equal "trials in trial_series.csv" $trials \
  "$(awk -F, 'NR > 1 { seen[$2] = 1 } END { print length(seen) }' "$work/k1/trial_series.csv")"
echo "ok"
