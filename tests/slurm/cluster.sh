# shellcheck shell=bash
#
# One-node Slurm cluster on localhost for integration tests.
#
# Source this file from a bash test script, then:
#
#   slurm_install_if_missing              # apt-get slurm-wlm + munge if absent
#   slurm_start WORKDIR                   # private munged + slurmctld + slurmd
#   trap slurm_stop EXIT                  # stop only what slurm_start started
#                                         # (exit status of the script is kept)
#   jobid=$(sbatch --parsable --array=0-3 job.sh)
#   slurm_wait_job "$jobid" 60            # 0 iff every task COMPLETED, exit 0
#
# slurm_start exports SLURM_CONF, so sbatch/squeue/scontrol/sinfo called from
# the same shell (and its children) reach this cluster and no other.
#
# Everything lives in WORKDIR: config, munge key and socket, state, spool,
# logs, pid files. Ports are picked from a free range, so a Slurm or munge
# already running on the machine is neither used nor touched.
#
# The daemons run as root (SlurmUser=root), without systemd, cgroups or
# accounting, which is what a throwaway CI container offers.
#
# Job success without accounting (no sacct): MinJobAge is set to an hour,
# so slurmctld keeps the record of every finished job and array task in
# memory; `scontrol -o show job ID` then gives each task's JobState and
# ExitCode after it has left squeue. jobcomp/filetxt also logs one line per
# finished task to WORKDIR/log/jobcomp.txt, which survives the controller
# for post-mortems.
#
# Tunables (environment, all optional):
#   SLURM_HARNESS_START_TIMEOUT  seconds to wait for the node to be idle (60)
#   SLURM_HARNESS_STOP_TIMEOUT   seconds to wait for each daemon to exit (20)
#
# The functions do not rely on the caller's set -e/-u/pipefail and do not
# change them; each returns non-zero on failure.

# Filled in by slurm_start; slurm_stop and slurm_wait_job read them.
SLURM_HARNESS_DIR="${SLURM_HARNESS_DIR:-}"
SLURM_HARNESS_NODE="${SLURM_HARNESS_NODE:-}"

_slurm_log() { printf '[slurm-harness] %s\n' "$*" >&2; }

# Short host name as Slurm computes it (gethostname up to the first dot):
# slurmctld refuses to start unless SlurmctldHost matches it.
_slurm_hostname() {
    local h
    h=$(hostname -s 2>/dev/null) || h=""
    [[ -n $h ]] || { h=$(uname -n); h=${h%%.*}; }
    printf '%s\n' "$h"
}

slurm_install_if_missing() {
    local p st missing=()
    for p in slurm-wlm munge; do
        st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) || st=""
        [[ $st == "install ok installed" ]] || missing+=("$p")
    done
    # Slim images lack procps; test scripts check for stray daemons with pgrep.
    command -v pgrep >/dev/null 2>&1 || missing+=(procps)
    ((${#missing[@]} == 0)) && return 0

    if ((EUID != 0)); then
        _slurm_log "missing packages (${missing[*]}) and not root: cannot install"
        return 1
    fi
    _slurm_log "installing ${missing[*]} ..."

    # Without systemd, invoke-rc.d would start the packaged munged (and try
    # slurmctld/slurmd) from postinst: daemons nobody asked for that outlive
    # the test. A policy-rc.d returning 101 forbids that; only add one if the
    # image has none, and remove it again.
    local policy=/usr/sbin/policy-rc.d added_policy=0
    if [[ ! -e $policy ]]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && added_policy=1
    fi

    local log rc=0
    log=$(mktemp) || return 1
    local -a apt=(env DEBIAN_FRONTEND=noninteractive apt-get -y -qq
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)

    # Skip 'apt-get update' when the lists already know the packages; a
    # fresh container has empty lists, and stale ones make install fail.
    local cand
    cand=$(apt-cache policy slurm-wlm 2>/dev/null) || cand=""
    if [[ $cand != *"Candidate:"* || $cand == *"Candidate: (none)"* ]]; then
        "${apt[@]}" update >>"$log" 2>&1 || rc=$?
    fi
    if ((rc == 0)); then
        "${apt[@]}" install --no-install-recommends "${missing[@]}" >>"$log" 2>&1 || rc=$?
        if ((rc != 0)); then
            rc=0
            "${apt[@]}" update >>"$log" 2>&1 &&
                "${apt[@]}" install --no-install-recommends "${missing[@]}" >>"$log" 2>&1 || rc=$?
        fi
    fi

    ((added_policy)) && rm -f "$policy"
    if ((rc != 0)); then
        _slurm_log "apt-get failed (rc=$rc):"
        tail -n 40 "$log" >&2
        rm -f "$log"
        return 1
    fi
    rm -f "$log"
    return 0
}

# Ports open in any state on this machine, from /proc (no ss/netstat needed).
_slurm_used_ports() {
    local f local_addr rest
    for f in /proc/net/tcp /proc/net/tcp6; do
        [[ -r $f ]] || continue
        while read -r _ local_addr rest; do
            [[ $local_addr == *:* ]] || continue
            echo $((16#${local_addr##*:}))
        done <"$f"
    done
}

# Two consecutive free ports below the kernel's ephemeral range, so an
# outgoing connection cannot grab them between picking and binding.
_slurm_pick_ports() {
    local used p i
    used=" $(_slurm_used_ports | sort -un | tr '\n' ' ') "
    for ((i = 0; i < 200; i++)); do
        p=$((20000 + (RANDOM % 6000) * 2))
        if [[ $used != *" $p "* && $used != *" $((p + 1)) "* ]]; then
            printf '%s %s\n' "$p" "$((p + 1))"
            return 0
        fi
    done
    _slurm_log "no free port pair found in 20000-32000"
    return 1
}

# Alive and not a zombie waiting to be reaped (PID 1 of a container may
# reap orphans late, and a zombie still answers kill -0).
_slurm_alive() {
    local pid=$1 stat
    kill -0 "$pid" 2>/dev/null || return 1
    { read -r stat <"/proc/$pid/stat"; } 2>/dev/null || return 1
    # comm may contain spaces; the state letter follows the last ')'.
    stat=${stat##*) }
    [[ ${stat%% *} != Z ]]
}

# A recorded PID is ours only if its command line still names our WORKDIR;
# this guards against PID reuse after the daemon died.
_slurm_is_ours() {
    local pid=$1 dir=$2 cmd
    _slurm_alive "$pid" || return 1
    cmd=$({ tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null) || return 1
    [[ $cmd == *"$dir"* ]]
}

_slurm_dump_logs() {
    local dir=${1:-$SLURM_HARNESS_DIR} n=${2:-40} d f
    [[ -n $dir ]] || return 0
    # A daemon's .out holds its stderr: the same lines as its log file, plus
    # whatever it printed before the log was open (fatal config errors).
    for d in munged slurmctld slurmd; do
        f=$dir/log/$d.log
        [[ -s $f ]] || f=$dir/log/$d.out
        [[ -s $f ]] || continue
        printf -- '----- tail -n %s %s -----\n' "$n" "$f" >&2
        tail -n "$n" "$f" >&2
    done
}

# Starts CMD... in the background with its output in LOG, records its PID
# under NAME. With -D/-F the daemons stay in the foreground, so $! is the
# daemon itself, not a parent that forked it.
_slurm_spawn() {
    local name=$1 log=$2
    shift 2
    "$@" </dev/null >>"$log" 2>&1 &
    local pid=$!
    # Not a job of the caller: bash stays quiet when it is killed later.
    disown "$pid" 2>/dev/null || true
    printf '%s\n' "$pid" >"$SLURM_HARNESS_DIR/run/$name.harness-pid"
}

_slurm_wait_for() {
    # _slurm_wait_for SECONDS DESCRIPTION COMMAND...: poll until COMMAND
    # succeeds, failing early if a daemon we started has died.
    local timeout=$1 what=$2 deadline name pid
    shift 2
    deadline=$((SECONDS + timeout))
    while ((SECONDS < deadline)); do
        "$@" >/dev/null 2>&1 && return 0
        for name in munged slurmctld slurmd; do
            pid=$(cat "$SLURM_HARNESS_DIR/run/$name.harness-pid" 2>/dev/null) || continue
            if ! _slurm_alive "$pid"; then
                _slurm_log "$name (pid $pid) died while waiting for $what"
                _slurm_dump_logs
                return 1
            fi
        done
        sleep 0.2
    done
    _slurm_log "timed out after ${timeout}s waiting for $what"
    _slurm_dump_logs
    return 1
}

_slurm_node_idle() {
    local st
    st=$(sinfo -h -N -n "$SLURM_HARNESS_NODE" -o '%T' 2>/dev/null) || return 1
    [[ $st == idle ]]
}

_slurm_munge_ok() {
    local cred
    cred=$(munge -n --socket="$SLURM_HARNESS_DIR/munge/munge.socket" 2>/dev/null) || return 1
    printf '%s' "$cred" | unmunge --socket="$SLURM_HARNESS_DIR/munge/munge.socket" >/dev/null 2>&1
}

slurm_start() {
    if (($# != 1)) || [[ -z $1 ]]; then
        _slurm_log "usage: slurm_start WORKDIR"
        return 2
    fi
    if ((EUID != 0)); then
        _slurm_log "slurm_start must run as root (SlurmUser=root)"
        return 1
    fi
    local cmd
    for cmd in munged munge unmunge slurmctld slurmd sinfo; do
        command -v "$cmd" >/dev/null 2>&1 || {
            _slurm_log "$cmd not found; call slurm_install_if_missing first"
            return 1
        }
    done
    if [[ -n $SLURM_HARNESS_DIR && -f $SLURM_HARNESS_DIR/run/slurmctld.harness-pid ]]; then
        _slurm_log "a cluster is already running in $SLURM_HARNESS_DIR; slurm_stop it first"
        return 1
    fi

    local dir
    mkdir -p "$1" || return 1
    dir=$(cd "$1" && pwd -P) || return 1
    if [[ $dir == *[[:space:]]* ]]; then
        # slurm.conf values cannot hold spaces.
        _slurm_log "WORKDIR must not contain whitespace: $dir"
        return 1
    fi
    SLURM_HARNESS_DIR=$dir
    SLURM_HARNESS_NODE=$(_slurm_hostname)

    # munged insists that every directory on the socket's path is
    # searchable by all users and writable only by root.
    chmod 0755 "$dir" || return 1
    mkdir -p "$dir"/{state,spool,log,run,munge} || return 1
    chmod 0755 "$dir/munge" || return 1
    chmod 0700 "$dir/state" "$dir/spool" || return 1

    # A key of our own: never depends on (or leaks into) /etc/munge.
    if [[ ! -s $dir/munge/munge.key ]]; then
        (umask 077 && head -c 1024 /dev/urandom >"$dir/munge/munge.key") || return 1
    fi
    chmod 0600 "$dir/munge/munge.key" || return 1

    local ports ctld_port slurmd_port hwline
    ports=$(_slurm_pick_ports) || return 1
    read -r ctld_port slurmd_port <<<"$ports"

    # The node's real CPU/socket/memory layout; a mismatch with what slurmd
    # detects at registration would drain the node.
    hwline=$(env -u SLURM_CONF slurmd -C 2>/dev/null | grep '^NodeName=') || hwline=""
    if [[ -z $hwline ]]; then
        _slurm_log "slurmd -C printed no NodeName line"
        return 1
    fi
    hwline=${hwline#NodeName=* }

    : >"$dir/plugstack.conf"
    cat >"$dir/slurm.conf" <<EOF
# Written by tests/slurm/cluster.sh; throwaway single-node test cluster.
ClusterName=reesim-test
SlurmctldHost=$SLURM_HARNESS_NODE(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
PlugStackConfig=$dir/plugstack.conf
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/log/jobcomp.txt
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
# Keep finished jobs visible to scontrol: this is how job success is read.
MinJobAge=3600
SlurmctldTimeout=10
SlurmdTimeout=10
MessageTimeout=5
TCPTimeout=2
KillWait=2
InactiveLimit=0
Waittime=0
# Default batch_sched_delay=3 holds every batch start for up to 3s.
SchedulerParameters=batch_sched_delay=0
MailProg=/bin/true
NodeName=$SLURM_HARNESS_NODE NodeAddr=127.0.0.1 NodeHostname=$SLURM_HARNESS_NODE $hwline State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF

    # Every client command (and slurmstepd, via the daemons' environment)
    # must read this file, never /etc/slurm/slurm.conf.
    export SLURM_CONF=$dir/slurm.conf

    _slurm_spawn munged "$dir/log/munged.out" \
        munged -F --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
        --pid-file="$dir/run/munged.pid" --log-file="$dir/log/munged.log" \
        --seed-file="$dir/munge/munged.seed"
    _slurm_wait_for 15 "munged" _slurm_munge_ok || return 1

    _slurm_spawn slurmctld "$dir/log/slurmctld.out" slurmctld -D -c -f "$dir/slurm.conf"
    _slurm_spawn slurmd "$dir/log/slurmd.out" slurmd -D -f "$dir/slurm.conf" -N "$SLURM_HARNESS_NODE"

    _slurm_wait_for "${SLURM_HARNESS_START_TIMEOUT:-60}" \
        "node $SLURM_HARNESS_NODE to be idle (sinfo)" _slurm_node_idle || return 1
    _slurm_log "cluster up: $dir (node $SLURM_HARNESS_NODE, ports $ctld_port/$slurmd_port)"
    return 0
}

# Stops one recorded daemon: TERM, wait, then KILL. Fails only if it
# survives even SIGKILL (e.g. stuck in uninterruptible I/O).
_slurm_stop_one() {
    local dir=$1 name=$2 f pid deadline
    f=$dir/run/$name.harness-pid
    [[ -f $f ]] || return 0
    pid=$(cat "$f" 2>/dev/null) || pid=""
    if [[ $pid =~ ^[0-9]+$ ]] && _slurm_is_ours "$pid" "$dir"; then
        kill -TERM "$pid" 2>/dev/null || true
        deadline=$((SECONDS + ${SLURM_HARNESS_STOP_TIMEOUT:-20}))
        while _slurm_alive "$pid" && ((SECONDS < deadline)); do sleep 0.1; done
        if _slurm_alive "$pid"; then
            _slurm_log "$name (pid $pid) ignored SIGTERM; killing"
            kill -KILL "$pid" 2>/dev/null || true
            deadline=$((SECONDS + 10))
            while _slurm_alive "$pid" && ((SECONDS < deadline)); do sleep 0.1; done
            if _slurm_alive "$pid"; then
                _slurm_log "$name (pid $pid) survived SIGKILL"
                return 1
            fi
        fi
    fi
    rm -f "$f"
}

# slurmstepd processes of this cluster: slurmd passes its environment on,
# so they carry our SLURM_CONF. Scans /proc so procps is not required.
_slurm_our_stepds() {
    local dir=$1 p comm env
    for p in /proc/[0-9]*; do
        { read -r comm <"$p/comm"; } 2>/dev/null || continue
        [[ $comm == slurmstepd ]] || continue
        env=$({ tr '\0' '\n' <"$p/environ"; } 2>/dev/null) || continue
        if [[ $'\n'$env$'\n' == *$'\n'"SLURM_CONF=$dir/slurm.conf"$'\n'* ]]; then
            echo "${p#/proc/}"
        fi
    done
    return 0
}

# slurm_stop [WORKDIR]: WORKDIR defaults to the one slurm_start used in
# this shell. Idempotent; returns non-zero only if a daemon would not die.
slurm_stop() {
    local dir=${1:-$SLURM_HARNESS_DIR} pid deadline rc=0
    [[ -n $dir && -d $dir/run ]] || return 0

    # Cancel leftover jobs first so slurmd can tear down their steps
    # cleanly; best effort, the controller may already be gone.
    if [[ -f $dir/run/slurmctld.harness-pid && -f $dir/slurm.conf ]]; then
        SLURM_CONF=$dir/slurm.conf timeout 10 scancel --quiet --user=root >/dev/null 2>&1 || true
    fi

    _slurm_stop_one "$dir" slurmd || rc=1
    # Steps outlive slurmd by design; do not leave them behind.
    for pid in $(_slurm_our_stepds "$dir"); do kill -KILL "$pid" 2>/dev/null || true; done
    deadline=$((SECONDS + 5))
    while [[ -n $(_slurm_our_stepds "$dir") ]] && ((SECONDS < deadline)); do sleep 0.1; done
    _slurm_stop_one "$dir" slurmctld || rc=1
    _slurm_stop_one "$dir" munged || rc=1
    rm -f "$dir/munge/munge.socket" "$dir/munge/munge.socket.lock"
    return "$rc"
}

# Prints what is known about JOBID to stderr: queue, job records, node,
# daemon logs and the job's output files.
slurm_job_diagnostics() {
    local jobid=$1 dir=$SLURM_HARNESS_DIR recs f
    {
        echo "===== diagnostics for job $jobid ====="
        echo "--- squeue (all jobs) ---"
        squeue -a -o '%.14i %.10P %.12j %.9T %.10M %.20R' 2>&1 || true
        echo "--- sinfo ---"
        sinfo -N -l 2>&1 || true
        echo "--- scontrol show job $jobid ---"
        recs=$(scontrol -o show job "$jobid" 2>&1) || true
        printf '%s\n' "$recs"
        if [[ -s $dir/log/jobcomp.txt ]]; then
            echo "--- jobcomp (last 20) ---"
            tail -n 20 "$dir/log/jobcomp.txt"
        fi
    } >&2
    _slurm_dump_logs "$dir" 30
    # StdOut/StdErr of every task, as slurmctld expanded them.
    printf '%s\n' "$recs" | grep -o -E 'Std(Out|Err)=[^ ]+' | cut -d= -f2- | sort -u |
        while read -r f; do
            [[ -f $f ]] || { echo "--- $f: missing ---" >&2; continue; }
            printf -- '--- %s ---\n' "$f" >&2
            tail -n 30 "$f" >&2
        done
    return 0
}

# _slurm_field KEY LINE: value of KEY=value in one `scontrol -o` record.
_slurm_field() {
    local rest=" $2"
    [[ $rest == *" $1="* ]] || return 0
    rest=${rest#* "$1"=}
    printf '%s\n' "${rest%% *}"
}

# slurm_wait_job JOBID TIMEOUT_SECONDS
# Waits until JOBID (a plain job, a whole array, or one array task) has left
# squeue, then succeeds only if every record scontrol has for it is
# JobState=COMPLETED with ExitCode=0:0.
slurm_wait_job() {
    if (($# != 2)) || [[ ! $1 =~ ^[0-9]+(_[0-9]+)?$ || ! $2 =~ ^[0-9]+$ ]]; then
        _slurm_log "usage: slurm_wait_job JOBID TIMEOUT_SECONDS"
        return 2
    fi
    local jobid=$1 timeout=$2 deadline q pid recs line state code bad=0 n=0
    deadline=$((SECONDS + timeout))
    while :; do
        # An id slurmctld no longer knows is also "gone"; the record check
        # below then fails loudly.
        q=$(squeue -h -j "$jobid" -o '%i %T' 2>&1) || {
            [[ $q == *"Invalid job id"* ]] && q="" || q="squeue failed: $q"
        }
        [[ -z $q ]] && break
        pid=$(cat "$SLURM_HARNESS_DIR/run/slurmctld.harness-pid" 2>/dev/null) || pid=""
        if [[ -n $pid ]] && ! _slurm_alive "$pid"; then
            _slurm_log "slurmctld (pid $pid) died while job $jobid was queued"
            slurm_job_diagnostics "$jobid"
            return 1
        fi
        if ((SECONDS >= deadline)); then
            _slurm_log "job $jobid still queued after ${timeout}s:"
            printf '%s\n' "$q" >&2
            slurm_job_diagnostics "$jobid"
            return 1
        fi
        sleep 0.2
    done

    recs=$(scontrol -o show job "$jobid" 2>&1) || recs=""
    while IFS= read -r line; do
        [[ $line == JobId=* ]] || continue
        n=$((n + 1))
        state=$(_slurm_field JobState "$line")
        code=$(_slurm_field ExitCode "$line")
        if [[ $state != COMPLETED || $code != 0:0 ]]; then
            bad=$((bad + 1))
            _slurm_log "$(_slurm_field JobId "$line") (array task $(_slurm_field ArrayTaskId "$line")):" \
                "JobState=$state ExitCode=$code"
        fi
    done <<<"$recs"
    if ((n == 0)); then
        _slurm_log "no record of job $jobid in slurmctld"
        slurm_job_diagnostics "$jobid"
        return 1
    fi
    if ((bad > 0)); then
        _slurm_log "$bad of $n task(s) of job $jobid did not complete with exit 0"
        slurm_job_diagnostics "$jobid"
        return 1
    fi
    return 0
}
