#!/usr/bin/env bash
# `reesim reproduce OUTDIR` re-runs an output folder from its manifest (the experiment and scenario
# as run, overrides included) and compares the digest with its own; a mismatch names the model
# change (the build that wrote the folder beside this one), or says the run was not
# reproducible when the build is the same.
#   reproduce_output.sh REESIM FOLDER     (FOLDER: the quick-start run folder)
# shellcheck source-path=SCRIPTDIR source=run_common.sh
source "$(dirname "$0")/run_common.sh"
sweeps=$(cd "$(dirname "$0")" && pwd)/sweeps

# reproduce_rc DIR: runs `reesim reproduce DIR`, prints its stdout, returns its exit code.
reproduce_rc() {
  "$reesim" reproduce "$1" --threads 2 2>"$work/stderr"
}

# A run with a --set override and fewer trials than the experiment's: both come back.
run_digest "$work/run" --trials 6 --seed 11 \
  --set 'policies[cn_dy_licensing].params[approval_probability].value=0.2' >/dev/null || exit 1
out=$(reproduce_rc "$work/run") || fail "reproduce of a run folder: $out $(cat "$work/stderr")"
grep -q '^reproduce .*: 6 trials, seed 11, from its manifest$' <<<"$out" || fail "header: $out"
grep -qx 'match' <<<"$out" || fail "no match: $out"

# A sweep's output folder.
"$reesim" sweep "$sweeps/grid.textproto" --quiet --out "$work/sweep" >/dev/null 2>&1 ||
  fail "sweep"
out=$(reproduce_rc "$work/sweep") || fail "reproduce of a sweep folder: $out"
grep -q '^reproduce .*: 24 trials' <<<"$out" || fail "sweep header: $out"

# The recorded digest altered as another build would have left it: the model changed.
cp -r "$work/run" "$work/other_build"
sed -i 's/^git_commit: .*/git_commit: "0000000"/; s/^digest: .*/digest: "'"$(printf '0%.0s' {1..64})"'"/' \
  "$work/other_build/manifest.textproto"
out=$(reproduce_rc "$work/other_build") && fail "a changed model matched: $out"
[ $? -eq 1 ] || fail "exit code for a changed model"
grep -q '^mismatch: the model changed (the inputs are the manifest.s, as run): commit 0000000 -> ' \
  <<<"$out" || fail "model change not named: $out"

# The same build giving another digest: not reproducible.
cp -r "$work/run" "$work/same_build"
sed -i 's/^digest: .*/digest: "'"$(printf 'f%.0s' {1..64})"'"/' "$work/same_build/manifest.textproto"
out=$(reproduce_rc "$work/same_build") && fail "a wrong digest matched: $out"
grep -q '^mismatch: the same inputs and the same build give another digest' <<<"$out" ||
  fail "same build not told: $out"

# One shard of a sweep is refused.
"$reesim" sweep "$sweeps/grid.textproto" --shard 1/2 --quiet --out "$work/shard" >/dev/null 2>&1 ||
  fail "shard"
reproduce_rc "$work/shard" >/dev/null
rc=$?
[ "$rc" -eq 2 ] || fail "a shard: exit $rc, expected 2"
grep -q 'shard: 1/2 is one shard of a sweep' "$work/stderr" || fail "shard message: $(cat "$work/stderr")"
echo "ok"
