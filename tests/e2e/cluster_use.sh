#!/usr/bin/env bash
# Cluster use without Slurm: progress lines in a log (stderr not a terminal) every
# --progress-interval seconds, a shard outside its count refused, and the published array script
# run as Slurm would run a task: its extra arguments reach `reesim sweep`, and one failed task
# resubmitted alone with --shard K/N gives that shard.   cluster_use.sh REESIM FOLDER
# shellcheck source-path=SCRIPTDIR source=sweep_common.sh
source "$(dirname "$0")/sweep_common.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
sweeps=$root/tests/e2e/sweeps
sbatch_script=$root/runs/india-incentive-sweep/sweep.sbatch
line='^progress: [0-9]+/12000 trials, [0-9.]+ trials/s, ETA [0-9]+ (s|min|h)$'

# Progress lines, flushed as they come: at least two in a run of a few seconds, all well formed,
# the counts rising.
"$reesim" run "$folder" --trials 12000 --threads 1 --progress-interval 1 --out "$work/progress" \
  >/dev/null 2>"$work/progress.err" || fail "run: $(cat "$work/progress.err")"
lines=$(wc -l <"$work/progress.err")
[ "$lines" -ge 2 ] || fail "$lines progress lines: $(cat "$work/progress.err")"
bad=$(grep -Ev "$line" "$work/progress.err")
[ -z "$bad" ] || fail "malformed progress line: $bad"
cut -d' ' -f2 "$work/progress.err" | cut -d/ -f1 | sort -n -c || fail "counts not rising"
echo "progress: $lines lines, e.g. $(head -n 1 "$work/progress.err")"
"$reesim" run "$folder" --trials 6000 --threads 1 --progress-interval 1 --quiet \
  --out "$work/quiet" >/dev/null 2>"$work/quiet.err" || fail "run --quiet"
[ -s "$work/quiet.err" ] && fail "--quiet printed: $(cat "$work/quiet.err")"
# The default interval is 30 s: a short run prints none.
"$reesim" run "$folder" --trials 200 --out "$work/short" >/dev/null 2>"$work/short.err" || fail "run"
[ -s "$work/short.err" ] && fail "a short run printed: $(cat "$work/short.err")"
# 32 replicates a point (6,400 jobs): a few seconds even on a fast machine, so a line comes.
"$reesim" sweep "$sweeps/long.textproto" --threads 1 --progress-interval 1 --replicates 32 \
  --out "$work/sweep" >/dev/null 2>"$work/sweep.err" || fail "sweep: $(cat "$work/sweep.err")"
grep -Eq '^progress: [0-9]+/6400 jobs, [0-9.]+ jobs/s, ETA ' "$work/sweep.err" ||
  fail "no sweep progress line: $(cat "$work/sweep.err")"

# A shard outside its count.
expect_refusal "--shard 5/4" "^reesim sweep: --shard '5/4': K must be between 1 and N" \
  "$reesim" sweep "$sweeps/grid.textproto" --shard 5/4 --out "$work/never"

# A shard beyond the job count: 200 shards of the grid's 24 jobs would leave most of them empty.
expect_refusal "--shard 2/200" \
  "^$sweeps/grid\.textproto: --shard 2/200: the sweep has 24 jobs \(6 points x 4 replicates\), so N must be at most 24$" \
  "$reesim" sweep "$sweeps/grid.textproto" --shard 2/200 --out "$work/never"
[ -e "$work/never" ] && fail "a refused shard wrote its folder"

# The array script: what it asks of Slurm, and a task run as Slurm runs it, with extra arguments.
for option in --cpus-per-task --mem --time --array; do
  grep -Eq "^#SBATCH $option=" "$sbatch_script" || fail "sweep.sbatch lacks #SBATCH $option"
done
task() {
  env SLURM_ARRAY_TASK_ID="$1" SLURM_ARRAY_TASK_MIN="$2" SLURM_ARRAY_TASK_COUNT="$3" \
    SLURM_CPUS_PER_TASK=1 REESIM="$reesim" SWEEP="$sweeps/grid.textproto" OUT="$work/array" \
    bash "$sbatch_script" "${@:4}" >"$work/task.out" 2>"$work/task.err" ||
    fail "task $1: $(cat "$work/task.err")"
  tail -n 1 "$work/task.out"
}
single=$(sweep_digest grid "$work/one" --seed 5 --shard 3/4) || exit 1
third=$(task 3 1 4 --seed 5) || exit 1
expect_equal "task 3 of 4 with --seed 5" "digest: $single" "$third"
grep -qx 'shard: "3/4"' "$work/array/shard-3/manifest.textproto" || fail "task 3's manifest shard"
grep -qx 'seed: 5' "$work/array/shard-3/manifest.textproto" || fail "task 3's manifest seed"
# Task 3 resubmitted alone (a one-task array) with its shard named: the same shard again.
rm -r "$work/array/shard-3"
again=$(task 3 3 1 --seed 5 --shard 3/4) || exit 1
expect_equal "task 3 resubmitted with --shard 3/4" "digest: $single" "$again"
echo "ok"
