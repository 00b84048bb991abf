#!/usr/bin/env bash
# DESIGN §4, §7: a sweep's digest and outputs are identical for any --threads; its shards 1/3,
# 2/3 and 3/3, merged, equal the unsharded sweep; a Slurm array task runs the shard --shard
# names; another --seed changes the digest.   sweep_determinism.sh REESIM SWEEPS
# shellcheck source-path=SCRIPTDIR source=sweep_common.sh
source "$(dirname "$0")/sweep_common.sh"

one=$(sweep_digest grid "$work/t1" --threads 1) || exit 1
two=$(sweep_digest grid "$work/t2" --threads 2) || exit 1
echo "threads 1: $one"
echo "threads 2: $two"
expect_equal "sweep digest on 2 threads vs 1" "$one" "$two"
for file in trials.csv points.csv summary.csv covariance.csv series.csv digest; do
  cmp -s "$work/t1/$file" "$work/t2/$file" || fail "$file differs between 1 and 2 threads"
done
expect_equal "trials.csv lines (6 points x 4 replicates)" 25 "$(wc -l <"$work/t1/trials.csv")"
expect_equal "points.csv lines" 7 "$(wc -l <"$work/t1/points.csv")"
expect_equal "series.csv (header only)" "metric,key,date,mean,p05,p25,p50,p75,p95" \
  "$(cat "$work/t1/series.csv")"
head -n 1 "$work/t1/points.csv" | grep -q '^point,agents\[in_ev\]\.params\[buffer_weeks\]\.value,' ||
  fail "points.csv header: $(head -n 1 "$work/t1/points.csv")"

# Shards, merged in another order, give the unsharded digest and the same files.
for k in 1 2 3; do
  shard=$(sweep_digest grid "$work/shard$k" --shard "$k/3" --threads 2) || exit 1
  echo "shard $k/3:  $shard"
  grep -q "^shard: \"$k/3\"\$" "$work/shard$k/manifest.textproto" || fail "shard $k: manifest shard"
done
expect_equal "shard 2/3 trials.csv lines (jobs 8..15)" 9 "$(wc -l <"$work/shard2/trials.csv")"
stdout=$("$reesim" merge "$work/shard2" "$work/shard3" "$work/shard1" --out "$work/merged" 2>&1) ||
  fail "reesim merge: $stdout"
merged=$(tail -n 1 <<<"$stdout")
echo "merged:     $merged"
expect_equal "merged digest" "digest: $one" "$merged"
for file in trials.csv points.csv summary.csv covariance.csv digest; do
  cmp -s "$work/t1/$file" "$work/merged/$file" || fail "$file differs between merged and unsharded"
done
grep -q '^shard: "1/1"$' "$work/merged/manifest.textproto" || fail "merged manifest shard"
grep -q '^merged_shards: 3$' "$work/merged/manifest.textproto" || fail "merged manifest count"

# A Slurm array task (--array=4-6, task 5) runs shard 2/3.
slurm=$(SLURM_ARRAY_TASK_ID=5 SLURM_ARRAY_TASK_MIN=4 SLURM_ARRAY_TASK_COUNT=3 \
  sweep_digest grid "$work/slurm" --threads 2) || exit 1
expect_equal "Slurm task 5 of 4-6 vs --shard 2/3" "$(cat "$work/shard2/digest")" "$slurm"
cmp -s "$work/shard2/trials.csv" "$work/slurm/trials.csv" || fail "Slurm shard's trials differ"
grep -q '^shard: "2/3"$' "$work/slurm/manifest.textproto" || fail "Slurm shard's manifest"
expect_refusal "Slurm ids that are not consecutive" "SLURM_ARRAY_TASK_ID=4 .*consecutive" \
  env SLURM_ARRAY_TASK_ID=4 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_COUNT=3 \
  "$reesim" sweep "$sweeps/grid.textproto" --quiet --out "$work/bad"

other=$(sweep_digest grid "$work/seed" --threads 2 --seed 7) || exit 1
[ "$other" != "$one" ] || fail "--seed 7 gives the same sweep digest: $one"

# outputs.metrics in a sweep: only the listed metric's scalars are recorded, and its shards still
# merge to the digest of the whole.
mkdir -p "$work/selected"
sed "s|^scenario: \"|scenario: \"$(realpath "$sweeps")/|" "$sweeps/grid.textproto" \
  >"$work/selected/grid.textproto"
echo 'outputs { metrics: "price_dy_global" }' >>"$work/selected/grid.textproto"
sweeps=$work/selected
whole=$(sweep_digest grid "$work/selected/whole" --threads 2) || exit 1
head -n 1 "$work/selected/whole/trials.csv" | grep -q ',policies\[cn_dy_licensing\]\.approval_probability,policies\[cn_dy_licensing\]\.activation\.duration_days,dy_global_peak,series_sha256$' ||
  fail "outputs.metrics: trials.csv header $(head -n 1 "$work/selected/whole/trials.csv")"
sweep_digest grid "$work/selected/s1" --shard 1/2 >/dev/null || exit 1
sweep_digest grid "$work/selected/s2" --shard 2/2 >/dev/null || exit 1
"$reesim" merge "$work/selected/s1" "$work/selected/s2" --out "$work/selected/merged" \
  >"$work/selected/merge.out" 2>&1 || fail "merge: $(cat "$work/selected/merge.out")"
expect_equal "outputs.metrics: merged digest" "digest: $whole" "$(tail -n 1 "$work/selected/merge.out")"
echo "ok"
