#!/usr/bin/env bash
# DESIGN §6, one run per folder, with `reesim run`: a folder holding another run is refused
# (exit 2, one line naming its files) unless --force, which replaces only reesim's own files; a
# re-run killed while it runs leaves the old run whole; a second writer into the same folder is
# refused, naming the first one's pid.   out_folder_run.sh REESIM FOLDER
# shellcheck source-path=SCRIPTDIR source=sweep_common.sh
source "$(dirname "$0")/sweep_common.sh"
out=$work/out
lock=$work/.out.lock

# check_run OUT REF: OUT holds one whole run: the run in folder REF (its digest, and the same
# digest in its manifest, and the same trials.csv, series.csv and summary.csv).
check_run() {
  local dir=$1 ref=$2 file digest
  digest=$(cat "$ref/digest")
  expect_equal "$dir/digest" "$digest" "$(cat "$dir/digest")"
  grep -qx "digest: \"$digest\"" "$dir/manifest.textproto" || fail "$dir: manifest's digest"
  for file in trials.csv series.csv summary.csv covariance.csv; do
    cmp -s "$ref/$file" "$dir/$file" || fail "$dir/$file is not the one of $ref"
  done
}

# wait_for_lock PID: waits until process PID holds $lock (its pid in it; a killed writer's stale
# file may hold another) and prints the pid the file holds then.
wait_for_lock() {
  for _ in $(seq 500); do
    [ "$(cat "$lock" 2>/dev/null)" == "$1" ] && break
    sleep 0.02
  done
  cat "$lock" 2>/dev/null
}

first=$(run_digest "$work/ref4" --trials 4 --threads 2) || exit 1
run_digest "$work/ref3" --trials 3 --threads 2 >/dev/null || exit 1
expect_equal "digest" "$first" "$(run_digest "$out" --trials 4 --threads 2)"
check_run "$out" "$work/ref4"
[ -e "$lock" ] && fail "the lock file stayed after the run"

# Refused: the run folder of another run.
own="digest, manifest.textproto, trials.csv, series.csv, summary.csv, covariance.csv, units.csv, columns.csv, results.pb"
expect_refusal "a folder holding a run" \
  "^reesim run: $out: holds another run's files \($own\); pass --force to replace them, or choose another --out$" \
  "$reesim" run "$folder" --quiet --out "$out" --trials 3
check_run "$out" "$work/ref4"
# A folder holding only a stale sensitivity.csv is another run's too.
mkdir -p "$work/stale" && echo "metric" >"$work/stale/sensitivity.csv"
expect_refusal "a stale sensitivity.csv" "^reesim run: $work/stale: holds another run's files \(sensitivity.csv\);" \
  "$reesim" run "$folder" --quiet --out "$work/stale" --trials 3
# A folder holding only the user's files is not.
mkdir -p "$work/mine" && echo "mine" >"$work/mine/notes.txt"
run_digest "$work/mine" --trials 2 >/dev/null || exit 1
expect_equal "the user's file beside a new run" "mine" "$(cat "$work/mine/notes.txt")"

# --force: reesim's own files go (sensitivity.csv too), the user's stay.
echo "mine" >"$out/notes.txt"
mkdir "$out/figures" && echo "svg" >"$out/figures/a.svg"
echo "metric" >"$out/sensitivity.csv"
second=$(run_digest "$out" --trials 3 --threads 2 --force) || exit 1
[ "$second" != "$first" ] || fail "the forced re-run has the old digest"
check_run "$out" "$work/ref3"
expect_equal "entries after --force" \
  "columns.csv covariance.csv digest figures manifest.textproto notes.txt results.pb series.csv summary.csv trials.csv units.csv" \
  "$(ls -A "$out" | tr '\n' ' ' | sed 's/ $//')"
expect_equal "the user's file" "mine" "$(cat "$out/notes.txt")"
expect_equal "the user's folder" "svg" "$(cat "$out/figures/a.svg")"

# A forced re-run killed while its trials run leaves the old run whole, and its folder untouched.
"$reesim" run "$folder" --quiet --out "$out" --trials 100000 --threads 2 --force >/dev/null 2>&1 &
pid=$!
expect_equal "the lock's pid" "$pid" "$(wait_for_lock "$pid")"
sleep 0.3
kill -9 "$pid" 2>/dev/null
wait "$pid"
expect_equal "exit status of the killed run" 137 "$?"
check_run "$out" "$work/ref3"
expect_equal "entries after the killed re-run" \
  "columns.csv covariance.csv digest figures manifest.textproto notes.txt results.pb series.csv summary.csv trials.csv units.csv" \
  "$(ls -A "$out" | tr '\n' ' ' | sed 's/ $//')"

# A second writer while the first runs: refused, naming the first one's pid (the killed run's
# stale lock file is no lock).
"$reesim" run "$folder" --quiet --out "$out" --trials 100000 --threads 1 --force >/dev/null 2>&1 &
pid=$!
expect_equal "the lock's pid" "$pid" "$(wait_for_lock "$pid")"
expect_refusal "a second writer" \
  "^reesim run: $out: another reesim process \(pid $pid\) is writing to it \(lock $lock\)$" \
  "$reesim" run "$folder" --quiet --out "$out" --trials 2 --force
kill -9 "$pid" 2>/dev/null
wait "$pid"
check_run "$out" "$work/ref3"

# Once the writer is gone, the folder can be written again, and the rest of a killed writer's
# staging is cleared.
mkdir -p "$out/.reesim-new-1" && echo "half" >"$out/.reesim-new-1/trials.csv"
third=$(run_digest "$out" --trials 4 --threads 2 --force) || exit 1
expect_equal "digest of the same run as the first" "$first" "$third"
compgen -G "$out/.reesim-*" >/dev/null && fail "staging left: $(ls -A "$out")"
echo "ok"
