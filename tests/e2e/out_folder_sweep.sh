#!/usr/bin/env bash
# DESIGN §6, one run per folder, with `reesim sweep` and `reesim merge`: a merge onto the folder of
# an analysed sweep is refused, and with --force leaves no stale sensitivity.csv; a forced sweep
# killed while it runs leaves the old run whole beside its checkpoints, and its --resume (no
# --force needed: it continues its own folder) replaces it with the uninterrupted sweep's result.
#   out_folder_sweep.sh REESIM SWEEPS
# shellcheck source-path=SCRIPTDIR source=sweep_common.sh
source "$(dirname "$0")/sweep_common.sh"

# Merge onto an analysed sweep.
sweep_digest saltelli "$work/s1" --shard 1/2 --threads 2 >/dev/null || exit 1
sweep_digest saltelli "$work/s2" --shard 2/2 --threads 2 >/dev/null || exit 1
"$reesim" merge "$work/s1" "$work/s2" --out "$work/merged" >"$work/merge.out" 2>&1 ||
  fail "reesim merge: $(cat "$work/merge.out")"
merged=$(tail -n 1 "$work/merge.out")
"$reesim" analyze "$work/merged" >/dev/null 2>&1 || fail "reesim analyze"
[ -s "$work/merged/sensitivity.csv" ] || fail "no sensitivity.csv"
echo "mine" >"$work/merged/notes.txt"
expect_refusal "merge onto a folder holding a run" \
  "^reesim merge: $work/merged: holds another run's files \(digest, manifest.textproto, trials.csv, series.csv, summary.csv, covariance.csv, points.csv, units.csv, columns.csv, results.pb, sensitivity.csv\); pass --force" \
  "$reesim" merge "$work/s1" "$work/s2" --out "$work/merged"
"$reesim" merge "$work/s1" "$work/s2" --out "$work/merged" --force >"$work/merge.out" 2>&1 ||
  fail "reesim merge --force: $(cat "$work/merge.out")"
expect_equal "digest of the forced merge" "$merged" "$(tail -n 1 "$work/merge.out")"
[ -e "$work/merged/sensitivity.csv" ] && fail "the merge left the old run's sensitivity.csv"
expect_equal "the user's file" "mine" "$(cat "$work/merged/notes.txt")"

# A sweep onto a finished sweep's folder is refused, naming its files.
out=$work/long
full=$(sweep_digest long "$work/full" --threads 2) || exit 1
old=$(sweep_digest grid "$out" --threads 2) || exit 1
expect_refusal "a sweep onto a folder holding a run" \
  "^reesim sweep: $out: holds another run's files \(digest, manifest.textproto, trials.csv, series.csv, summary.csv, covariance.csv, points.csv, units.csv, columns.csv, results.pb\); pass --force" \
  "$reesim" sweep "$sweeps/long.textproto" --quiet --out "$out"

# Forced, then killed once it has checkpointed a block: the old run is whole beside .partial/.
"$reesim" sweep "$sweeps/long.textproto" --quiet --out "$out" --threads 2 --force >/dev/null 2>&1 &
pid=$!
for _ in $(seq 400); do
  compgen -G "$out/.partial/block-000000000064.pb" >/dev/null && break
  sleep 0.02
done
kill -9 "$pid" 2>/dev/null
wait "$pid"
expect_equal "exit status of the killed sweep" 137 "$?"
expect_equal "the old run's digest after the kill" "$old" "$(cat "$out/digest")"
grep -qx "digest: \"$old\"" "$out/manifest.textproto" || fail "the old manifest changed"
expect_refusal "merge of the killed sweep's folder" "^$out: holds an unfinished sweep" \
  "$reesim" merge "$out" --out "$work/never"

# Resumed without --force: it continues its own folder.
stdout=$("$reesim" sweep "$sweeps/long.textproto" --quiet --out "$out" --resume --threads 2 \
  2>"$work/resume.err") || fail "reesim sweep --resume: $(cat "$work/resume.err")"
expect_equal "resumed digest" "digest: $full" "$(tail -n 1 <<<"$stdout")"
cmp -s "$work/full/trials.csv" "$out/trials.csv" || fail "trials.csv differs after the resume"
cmp -s "$work/full/points.csv" "$out/points.csv" || fail "points.csv differs after the resume"
expect_equal "entries after the resume" \
  "columns.csv covariance.csv digest manifest.textproto points.csv results.pb series.csv summary.csv trials.csv units.csv" \
  "$(ls -A "$out" | tr '\n' ' ' | sed 's/ $//')"
# --resume without checkpoints is a new run: refused on a finished folder.
expect_refusal "--resume of a finished folder" "^reesim sweep: $out: holds another run's files" \
  "$reesim" sweep "$sweeps/long.textproto" --quiet --out "$out" --resume
echo "ok"
