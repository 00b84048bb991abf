#!/usr/bin/env bash
#
# Integration test of sweeps on Slurm (DESIGN §7): start a one-node cluster on localhost,
# submit the published sweep's array script (runs/india-incentive-sweep/sweep.sbatch) as a
# 4-task array over SWEEP, wait, merge the four shards with `reesim merge`, and require the
# merged digest to equal a local, unsharded `reesim sweep` of the same experiment. Only the
# daemons started here are stopped. Needs root; installs slurm-wlm and munge when missing.
#
# Usage: tests/slurm/sweep_array.sh REESIM SWEEP [SBATCH]
#   REESIM  the reesim binary          SWEEP  an experiment with a sweep, or its run folder
#   SBATCH  the array script (default: runs/india-incentive-sweep/sweep.sbatch)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=cluster.sh
source "$here/cluster.sh"

fail() {
  echo "sweep_array: FAIL: $*" >&2
  exit 1
}
trap 'echo "sweep_array: FAIL: line $LINENO: $BASH_COMMAND" >&2' ERR

(($# >= 2)) || fail "usage: $0 REESIM SWEEP [SBATCH]"
reesim=$(realpath "$1")
sweep=$(realpath "$2")
sbatch_script=$(realpath "${3:-$root/runs/india-incentive-sweep/sweep.sbatch}")
tasks=4

# digest_of FOLDER: the run digest a finished output folder records.
digest_of() { tr -d '[:space:]' <"$1/digest"; }

slurm_install_if_missing || fail "could not install slurm-wlm and munge"

work=$(mktemp -d /tmp/reesim-slurm-sweep.XXXXXX)
chmod 755 "$work" # munged refuses a socket below a folder others cannot search
cleanup() {
  local rc=$?
  slurm_stop "$work/cluster" || rc=1
  if ((rc == 0)); then rm -rf "$work"; else echo "sweep_array: kept $work" >&2; fi
  return "$rc"
}
trap cleanup EXIT

started=$SECONDS
"$reesim" sweep "$sweep" --quiet --out "$work/local" >"$work/local.log" ||
  fail "local sweep failed: $(cat "$work/local.log")"
local_digest=$(digest_of "$work/local")
local_seconds=$((SECONDS - started))

mkdir -p "$work/cluster" "$work/logs"
slurm_start "$work/cluster" || fail "the cluster did not start"

# Options on the command line override the script's #SBATCH lines: one CPU per task so that
# all four run at once on a small node, and logs in the work folder.
started=$SECONDS
job=$(cd "$root" && sbatch --parsable --array=1-$tasks --cpus-per-task=1 \
  --output="$work/logs/task-%a.out" \
  --export=ALL,REESIM="$reesim",SWEEP="$sweep",OUT="$work/shards" "$sbatch_script")
job=${job%%;*}
[[ $job =~ ^[0-9]+$ ]] || fail "sbatch answered '$job'"
slurm_wait_job "$job" 600 || fail "array job $job did not complete"
array_seconds=$((SECONDS - started))

shards=()
for ((k = 1; k <= tasks; ++k)); do
  folder=$work/shards/shard-$k
  [ -f "$folder/digest" ] || fail "task $k left no finished shard in $folder: $(cat "$work/logs/task-$k.out" 2>/dev/null)"
  grep -q "shard: \"$k/$tasks\"" "$folder/manifest.textproto" ||
    fail "task $k did not run shard $k/$tasks: $(grep shard: "$folder/manifest.textproto")"
  shards+=("$folder")
done

"$reesim" merge "${shards[@]}" --out "$work/merged" >"$work/merge.log" ||
  fail "merge failed: $(cat "$work/merge.log")"
merged_digest=$(digest_of "$work/merged")
[ "$(tail -n 1 "$work/merge.log")" = "digest: $merged_digest" ] ||
  fail "merge's last line is '$(tail -n 1 "$work/merge.log")'"
[ "$merged_digest" = "$local_digest" ] ||
  fail "merged digest $merged_digest differs from the local sweep's $local_digest"
cmp -s "$work/merged/trials.csv" "$work/local/trials.csv" ||
  fail "merged trials.csv differs from the local sweep's"

echo "local sweep:   $local_digest (${local_seconds} s)"
echo "slurm array:   job $job, $tasks tasks (${array_seconds} s)"
echo "merged shards: $merged_digest"
echo "sweep_array: ok"
