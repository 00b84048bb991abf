#!/usr/bin/env bash
# DESIGN §7: `mpirun -np 2 reesim sweep PATH --mpi` runs shard 1/2 on rank 0 and 2/2 on rank 1,
# and rank 0 alone writes the merged outputs and prints the digest of the unsharded sweep. A rank
# that cannot start fails the whole run; --resume continues from the ranks' checkpoints; --mpi
# with --shard is a usage error.   sweep_ranks.sh REESIM SWEEPS MPIEXEC
# shellcheck source-path=SCRIPTDIR source=../e2e/sweep_common.sh
source "$(dirname "$0")/../e2e/sweep_common.sh"
mpiexec=$3

# mpirun as root in a container: no ssh or rsh agent (the isolated launcher, one node), shared
# memory without cross-process copies (no ptrace), no Slurm allocation to pick up.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
unset "${!SLURM_@}"
mpi_sweep() {
  "$mpiexec" --allow-run-as-root --oversubscribe -np 2 --mca plm isolated --mca pml ob1 \
    --mca btl self,vader --mca btl_vader_single_copy_mechanism none --tag-output \
    "$reesim" sweep "$sweeps/grid.textproto" --mpi --quiet "$@"
}

plain=$(sweep_digest grid "$work/plain" --threads 2) || exit 1
echo "plain:      $plain"

# Rank 0 prints the report, digest last; rank 1 prints nothing on stdout.
mpi_sweep --out "$work/mpi" >"$work/mpi.out" 2>"$work/mpi.err" ||
  fail "mpirun -np 2 reesim sweep --mpi: exited $?: $(cat "$work/mpi.err")"
grep -v '^\[[0-9]*,[01]\]<std' "$work/mpi.out" && fail "stdout lines of no rank (above)"
grep '^\[[0-9]*,1\]<stdout>' "$work/mpi.out" && fail "rank 1 printed on stdout (above)"
last=$(grep '^\[[0-9]*,0\]<stdout>:' "$work/mpi.out" | tail -n 1 | sed 's/^[^:]*://')
echo "mpi, 2 ranks: $last"
expect_equal "digest of 2 MPI ranks vs the plain sweep" "digest: $plain" "$last"
for file in trials.csv points.csv summary.csv covariance.csv series.csv digest results.pb \
  manifest.textproto; do
  [ -s "$work/mpi/$file" ] || fail "$file missing after the MPI sweep"
done
for file in trials.csv points.csv summary.csv covariance.csv series.csv digest; do
  cmp -s "$work/plain/$file" "$work/mpi/$file" || fail "$file differs between MPI and plain"
done
grep -q '^shard: "1/1"$' "$work/mpi/manifest.textproto" || fail "manifest shard"
grep -q '^merged_shards: 2$' "$work/mpi/manifest.textproto" || fail "manifest merged_shards"
[ -e "$work/mpi/.mpi" ] && fail "the ranks' checkpoints were not removed"

# A rank that cannot start (rank 1's folder holds checkpoints, no --resume) fails the run: exit
# 2, rank 0 names it, no digest. With --resume the unreadable checkpoint is run again.
partial=$work/stale/.mpi/shard-2-of-2/.partial
mkdir -p "$partial" && echo "not a checkpoint" >"$partial/block-000000000000.pb"
mpi_sweep --out "$work/stale" >"$work/stale.out" 2>"$work/stale.err"
rc=$?
expect_equal "exit status when rank 1 refuses" 2 "$rc"
grep -q "^\[[0-9]*,0\]<stderr>:rank 1: $work/stale: holds an unfinished sweep" "$work/stale.err" ||
  fail "rank 1's refusal: $(cat "$work/stale.err")"
grep -q 'digest' "$work/stale.out" && fail "a failed MPI sweep printed a digest"
[ -e "$work/stale/digest" ] && fail "a failed MPI sweep wrote a digest"
mpi_sweep --out "$work/stale" --resume >"$work/resume.out" 2>"$work/resume.err" ||
  fail "--mpi --resume: exited $?: $(cat "$work/resume.err")"
resumed=$(grep '^\[[0-9]*,0\]<stdout>:' "$work/resume.out" | tail -n 1 | sed 's/^[^:]*://')
echo "resumed:    $resumed"
grep -q "^\[[0-9]*,1\]<stderr>:rank 1: .*block-000000000000.pb: cannot be read as a checkpoint" \
  "$work/resume.err" || fail "rank 1's note on the unreadable checkpoint: $(cat "$work/resume.err")"
expect_equal "digest of the resumed MPI sweep" "digest: $plain" "$resumed"

# --mpi with --shard is a usage error.
"$reesim" sweep "$sweeps/grid.textproto" --mpi --shard 1/2 --out "$work/both" >/dev/null \
  2>"$work/both.err"
expect_equal "exit status of --mpi --shard" 2 "$?"
grep -q -- "--shard excludes --mpi" "$work/both.err" || fail "--mpi --shard: $(cat "$work/both.err")"
echo "ok"
