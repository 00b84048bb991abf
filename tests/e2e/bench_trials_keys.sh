#!/usr/bin/env bash
# `reesim bench trials` prints its keys, one 'key value' per line on stdout; with --per-core also
# a rate for each core the process may use and the efficiency against those rates. The figures
# themselves are measurements (bench/README.md), so only their presence and form are checked.
#   bench_trials_keys.sh REESIM FOLDER
# shellcheck source-path=SCRIPTDIR source=run_common.sh
source "$(dirname "$0")/run_common.sh"

# keys FILE: the keys of FILE's lines, in order; fails on a line that is not 'key number'.
keys() {
  local key value
  while read -r key value; do
    [[ $value =~ ^[0-9]+(\.[0-9]+)?$ ]] || fail "$1: '$key $value' is not 'key number'"
    echo "$key"
  done <"$1"
}

common="trials.per_s.threads_1 trials.per_s.threads_all trials.threads_all trials.parallel_efficiency trials.peak_rss_mib trials.seconds_per_trial"

"$reesim" bench trials "$folder" --trials 2 --repetitions 1 >"$work/plain" 2>"$work/err" ||
  fail "bench trials exited $?: $(tail -n 3 "$work/err")"
expect_equal "keys without --per-core" "$common" "$(keys "$work/plain" | xargs)"

# The cores this process may use, as the command sees them (its affinity, not the machine's).
cores=$(taskset -pc $$ | sed 's/.*: //' | tr ',' '\n' | while IFS=- read -r first last; do
  seq "$first" "${last:-$first}"
done | sed 's/^/trials.per_s.cpu_/' | xargs)
"$reesim" bench trials "$folder" --trials 2 --repetitions 1 --per-core >"$work/cores" \
  2>"$work/err" || fail "bench trials --per-core exited $?: $(tail -n 3 "$work/err")"
expect_equal "keys with --per-core" "$common $cores trials.parallel_efficiency_per_core" \
  "$(keys "$work/cores" | xargs)"
# Google Benchmark's table names each pinned run.
for core in $cores; do
  grep -q "^trials/threads:1/cpu:${core#trials.per_s.cpu_}/" "$work/err" ||
    fail "no pinned run on core ${core#trials.per_s.cpu_} in the table"
done
echo "bench trials: $(keys "$work/cores" | wc -l) keys, cores: $cores"
