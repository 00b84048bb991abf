#!/usr/bin/env bash
# DESIGN §6, one run per folder, at exact moments rather than timed ones: the test hook
# REESIM_TEST_PAUSE (results/pause_point.h) stops a forced re-run of a finished folder at each step
# of writing it (locked, staged, aside, before-digest). There
#   - a second writer is refused, naming the paused one's pid, and the paused one, released,
#     finishes with its own digest and a whole folder;
#   - the paused one is killed: the folder is then the old run whole (before the swap) or holds no
#     digest (after it), never new files beside the old digest; a reader refuses a folder without
#     digest; and the next forced run writes a whole run and clears the killed one's leftovers.
#   out_folder_pause.sh REESIM FOLDER
# shellcheck source-path=SCRIPTDIR source=sweep_common.sh
source "$(dirname "$0")/sweep_common.sh"
points="locked staged aside before-digest"
go=$work/go

# check_run OUT REF: OUT holds one whole run, the run in folder REF (its digest, the same digest
# in its manifest, the same CSVs), and nothing of a writer's staging.
check_run() {
  local dir=$1 ref=$2 file digest
  digest=$(cat "$ref/digest")
  expect_equal "$dir/digest" "$digest" "$(cat "$dir/digest")"
  grep -qx "digest: \"$digest\"" "$dir/manifest.textproto" || fail "$dir: manifest's digest"
  for file in trials.csv series.csv summary.csv covariance.csv; do
    cmp -s "$ref/$file" "$dir/$file" || fail "$dir/$file is not the one of $ref"
  done
  compgen -G "$dir/.reesim-*" >/dev/null && fail "$dir: staging left: $(ls -A "$dir")"
  return 0
}

# start_paused POINT OUT ARGS...: starts `reesim run FOLDER --quiet --out OUT ARGS...` in the
# background with the hook set to POINT, waits until it stands there and sets `pid`.
start_paused() {
  local point=$1 out=$2
  shift 2
  rm -f "$go" "$go.reached"
  REESIM_TEST_PAUSE="$point:$go" "$reesim" run "$folder" --quiet --out "$out" "$@" \
    >"$work/paused.out" 2>"$work/paused.err" &
  pid=$!
  for _ in $(seq 3000); do # at most a minute; a run of a few trials takes well under a second
    [ -e "$go.reached" ] && break
    kill -0 "$pid" 2>/dev/null || fail "the run to pause at $point ended: $(cat "$work/paused.err")"
    sleep 0.02
  done
  [ -e "$go.reached" ] || fail "the run did not reach $point"
  expect_equal "the pid paused at $point" "$pid" "$(cat "$go.reached")"
}

old=$(run_digest "$work/old" --trials 2 --threads 2) || exit 1
new=$(run_digest "$work/new" --trials 3 --threads 2) || exit 1
[ "$old" != "$new" ] || fail "2 and 3 trials have one digest"

for point in $points; do
  # A second writer meets the paused one.
  out=$work/busy-$point
  run_digest "$out" --trials 2 --threads 2 >/dev/null || exit 1
  start_paused "$point" "$out" --trials 3 --threads 2 --force
  expect_refusal "a second writer while the first stands at $point" \
    "^reesim run: $out: another reesim process \(pid $pid\) is writing to it \(lock $work/\.busy-$point\.lock\)$" \
    "$reesim" run "$folder" --quiet --out "$out" --trials 2 --force
  touch "$go"
  wait "$pid"
  expect_equal "exit status of the writer released at $point" 0 "$?"
  expect_equal "its last line" "digest: $new" "$(tail -n 1 "$work/paused.out")"
  check_run "$out" "$work/new"
  [ -e "$work/.busy-$point.lock" ] && fail "the lock file stayed after the run released at $point"

  # The paused one is killed.
  out=$work/killed-$point
  run_digest "$out" --trials 2 --threads 2 >/dev/null || exit 1
  start_paused "$point" "$out" --trials 3 --threads 2 --force
  kill -9 "$pid"
  { wait "$pid"; } 2>/dev/null # without the shell's "Killed" line
  expect_equal "exit status of the run killed at $point" 137 "$?"
  case $point in
    locked | staged)
      # Before the swap: the old run, whole.
      digest_left=$(cat "$out/digest" 2>/dev/null) || fail "killed at $point: no digest left"
      expect_equal "killed at $point: the old digest" "$old" "$digest_left"
      for file in trials.csv series.csv summary.csv covariance.csv; do
        cmp -s "$work/old/$file" "$out/$file" || fail "killed at $point: $file is not the old run's"
      done
      ;;
    *)
      # After it: no digest, so readers refuse the folder.
      [ -e "$out/digest" ] && fail "killed at $point: a digest beside a half-swapped folder"
      expect_refusal "merging the folder killed at $point" \
        "$out: has no digest file: its run did not finish \(or is still running\)" \
        "$reesim" merge "$out" --out "$work/merged-$point"
      ;;
  esac
  again=$(run_digest "$out" --trials 3 --threads 2 --force) || exit 1
  expect_equal "the forced run after the kill at $point" "$new" "$again"
  check_run "$out" "$work/new"
done
echo "ok"
