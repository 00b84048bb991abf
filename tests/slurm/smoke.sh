#!/usr/bin/env bash
#
# Smoke test for tests/slurm/cluster.sh: bring up the one-node cluster,
# run a 4-task array job, check every task's output, tear down, and make
# sure no daemon of ours survives. Needs root (installs packages if absent).
#
# Usage: bash tests/slurm/smoke.sh     (SLURM_SMOKE_KEEP=1 keeps the workdir)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=cluster.sh
source "$here/cluster.sh"

# Any command that fails unexpectedly says where, instead of a silent exit.
trap 'echo "smoke: FAIL: line $LINENO: $BASH_COMMAND" >&2' ERR

fail() {
    echo "smoke: FAIL: $*" >&2
    exit 1
}

t0=$SECONDS
slurm_install_if_missing || fail "could not install slurm-wlm/munge"
t_install=$((SECONDS - t0))

# Daemons that were already running belong to someone else; they must be
# the only ones left at the end.
live_daemons() {
    local name pid
    for name in munged slurmctld slurmscriptd slurmd slurmstepd; do
        for pid in $(pgrep -x "$name" || true); do
            if _slurm_alive "$pid"; then echo "$pid"; fi
        done
    done | sort
}
before=$(live_daemons)

work=$(mktemp -d /tmp/reesim-slurm.XXXXXX)
cleanup() {
    local rc=$?
    slurm_stop "$work" || rc=1
    if ((rc != 0)) || [[ ${SLURM_SMOKE_KEEP:-0} == 1 ]]; then
        echo "smoke: workdir kept for inspection: $work" >&2
    else
        rm -rf "$work"
    fi
    return "$rc"
}
trap cleanup EXIT

t1=$SECONDS
slurm_start "$work" || fail "cluster did not start"
t_start=$((SECONDS - t1))

mkdir -p "$work/out" "$work/result"
cat >"$work/job.sh" <<EOF
#!/bin/bash
set -eu
printf '%s %s %s\n' "\$SLURM_ARRAY_TASK_ID" "\$SLURM_ARRAY_TASK_COUNT" "\$SLURM_ARRAY_TASK_MIN" \\
    >"$work/result/task_\$SLURM_ARRAY_TASK_ID.txt"
EOF
chmod +x "$work/job.sh"

t2=$SECONDS
jobid=$(sbatch --parsable --array=0-3 --ntasks=1 --time=2 --job-name=smoke \
    --chdir="$work" --output="$work/out/smoke_%A_%a.out" "$work/job.sh") ||
    fail "sbatch failed"
jobid=${jobid%%;*} # --parsable prints "id;cluster" on multi-cluster setups
slurm_wait_job "$jobid" 60 || fail "array job $jobid did not succeed"
t_job=$((SECONDS - t2))

for i in 0 1 2 3; do
    f=$work/result/task_$i.txt
    [[ -f $f ]] || fail "missing $f"
    got=$(<"$f")
    [[ $got == "$i 4 0" ]] || fail "$f: expected '$i 4 0', got '$got'"
done

slurm_stop "$work"
after=$(live_daemons)
leftover=$(comm -13 <(printf '%s\n' "$before") <(printf '%s\n' "$after") | sed '/^$/d')
if [[ -n $leftover ]]; then
    ps -o pid,args -p "$(tr '\n' ',' <<<"$leftover" | sed 's/,$//')" >&2 || true
    fail "daemons left behind after slurm_stop"
fi
if pgrep -f -- "$work" >/dev/null; then
    pgrep -a -f -- "$work" >&2 || true
    fail "processes still refer to $work"
fi

echo "smoke: OK job $jobid (install ${t_install}s, start ${t_start}s, array job ${t_job}s, total $((SECONDS - t0))s)"
