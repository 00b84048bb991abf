#!/usr/bin/env bash
# Runs one libFuzzer target (tests/fuzz/CMakeLists.txt):
#   run_fuzzer.sh --once FUZZER SEED...                  every seed once (files, or folders' files)
#   run_fuzzer.sh --seconds S FUZZER CORPUS SEED...      fuzz for S seconds from CORPUS (created,
#                                                        kept) plus the seeds
# Fails on a crash, a sanitizer report, a leak, an input slower than 10 s or over 2 GiB, and
# prints a last line `fuzz NAME: runs R, cov C, ft F, corpus N` (libFuzzer's executions, covered
# edges and features). A crashing input is saved in the working folder as crash-<sha1> (see
# tests/fuzz/README.md for turning it into a regression input).
set -uo pipefail
mode=${1:?usage: run_fuzzer.sh --once FUZZER SEED... | --seconds S FUZZER CORPUS SEED...}
shift
seconds=0
if [[ $mode == --seconds ]]; then
  seconds=$1
  shift
fi
fuzzer=${1:?no fuzz target}
shift
name=$(basename "$fuzzer")
limits=(-timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048)

# The seeds as a list of files.
seed_files() {
  for seed in "$@"; do
    if [[ -d $seed ]]; then
      find "$seed" -maxdepth 1 -type f -print
    elif [[ -f $seed ]]; then
      printf '%s\n' "$seed"
    fi
  done
}

if [[ $mode == --once ]]; then
  mapfile -t files < <(seed_files "$@")
  ((${#files[@]} > 0)) || { echo "$name: no seeds" >&2; exit 1; }
  "$fuzzer" "${limits[@]}" "${files[@]}" 2>&1 | tail -n 20
  status=${PIPESTATUS[0]}
  echo "fuzz $name: ${#files[@]} seeds, exit $status"
  exit "$status"
fi

corpus=${1:?no corpus folder}
shift
mkdir -p "$corpus"
seed_list=$(seed_files "$@" | paste -sd, -)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# -seed_inputs: the seeds are read, not copied; what they lead to is added to the corpus.
"$fuzzer" "${limits[@]}" -max_total_time="$seconds" -print_final_stats=1 \
  ${seed_list:+-seed_inputs="$seed_list"} "$corpus" >"$log" 2>&1
status=$?
grep -E '^(==|SUMMARY|INFO: (seed|-max_len)|#[0-9]+[[:space:]]+(INITED|DONE))|ERROR|Deadly|stat::' "$log" |
  tail -n 40
done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1)
if ((status != 0)) || [[ -z $done_line ]]; then
  tail -n 60 "$log" >&2
  echo "fuzz $name: FAILED (exit $status)"
  exit 1
fi
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
cov=$(sed -E -n 's/.* cov: ([0-9]+).*/\1/p' <<<"$done_line")
ft=$(sed -E -n 's/.* ft: ([0-9]+).*/\1/p' <<<"$done_line")
echo "fuzz $name: runs $runs, cov $cov, ft $ft, corpus $(find "$corpus" -type f | wc -l)"
