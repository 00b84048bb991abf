#!/usr/bin/env bash
# DESIGN §6: a run killed outright never leaves a partial file under a final name. Either the
# folder has no `digest` (written last), or every output is there and complete; and any output
# that is there is whole.   run_killed.sh REESIM FOLDER
# shellcheck source-path=SCRIPTDIR source=run_common.sh
source "$(dirname "$0")/run_common.sh"

# check_folder OUT TRIALS: the invariant for one killed run.
check_folder() {
  local out=$1 trials=$2 file
  [ -d "$out" ] || return 0
  if [ -e "$out/digest" ]; then
    for file in manifest.textproto trials.csv series.csv summary.csv results.pb; do
      [ -s "$out/$file" ] || fail "$out has digest but $file is missing or empty"
    done
    grep -Eqx '[0-9a-f]{64}' "$out/digest" || fail "partial digest: '$(cat "$out/digest")'"
    expect_equal "digest file size" 65 "$(wc -c <"$out/digest")"
  fi
  if [ -e "$out/trials.csv" ]; then
    expect_equal "$out/trials.csv lines" $((trials + 1)) "$(wc -l <"$out/trials.csv")"
  fi
  for file in series.csv summary.csv manifest.textproto; do
    if [ -e "$out/$file" ]; then
      [ "$(tail -c 1 "$out/$file" | od -An -c | tr -d ' ')" == '\n' ] ||
        fail "$out/$file does not end with a newline"
    fi
  done
  return 0
}

# kill_after SECONDS OUT TRIALS: starts a run, kills it with SIGKILL after SECONDS, prints its
# exit status (137 when the kill came first) and checks the folder.
kill_after() {
  local delay=$1 out=$2 trials=$3 pid rc
  "$reesim" run "$folder" --quiet --out "$out" --trials "$trials" --threads 2 >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null
  wait "$pid"
  rc=$?
  check_folder "$out" "$trials"
  echo "$rc"
}

# A large run killed while its trials run: killed, and no digest.
rc=$(kill_after 0.3 "$work/large" 100000) || exit 1
expect_equal "exit status of the killed run" 137 "$rc"
[ -e "$work/large/digest" ] && fail "a run killed after 0.3 s of 100000 trials left a digest"

# Small runs killed at moments spread over the last part of their life, timed from a complete
# run, so that some kills land while the files are being written.
start=$(date +%s.%N)
run_digest "$work/timed" --trials 24 --threads 2 >/dev/null || exit 1
full=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')
for fraction in 0.6 0.75 0.82 0.88 0.93 0.97 1.0 1.05; do
  delay=$(awk -v f="$fraction" -v t="$full" 'BEGIN { printf "%.3f", f * t }')
  rc=$(kill_after "$delay" "$work/small_$fraction" 24) || exit 1
  state=$([ -e "$work/small_$fraction/digest" ] && echo complete || echo "no digest")
  files=$(find "$work/small_$fraction" -type f -printf "%f " 2>/dev/null)
  echo "killed after $delay s: exit $rc, $state: $files"
done
echo "ok"
