#!/usr/bin/env bash
# DESIGN §6, §7: a sweep killed outright (SIGKILL) while it runs leaves whole checkpoints and no
# output under a final name; without --resume the folder is refused, checkpoints of another seed
# are refused, and --resume finishes it with the digest of an uninterrupted sweep.
#   sweep_resume.sh REESIM SWEEPS
# shellcheck source-path=SCRIPTDIR source=sweep_common.sh
source "$(dirname "$0")/sweep_common.sh"
out=$work/killed

full=$(sweep_digest long "$work/full" --threads 2) || exit 1
echo "uninterrupted: $full"

# Kill the sweep once it has checkpointed a block or two, well before its end.
"$reesim" sweep "$sweeps/long.textproto" --quiet --out "$out" --threads 2 >/dev/null 2>&1 &
pid=$!
for _ in $(seq 400); do
  compgen -G "$out/.partial/block-000000000064.pb" >/dev/null && break
  sleep 0.02
done
kill -9 "$pid" 2>/dev/null
wait "$pid"
rc=$?
expect_equal "exit status of the killed sweep" 137 "$rc"
checkpoints=$(find "$out/.partial" -name 'block-*.pb' | wc -l)
[ "$checkpoints" -ge 1 ] || fail "no checkpoint after the kill"
echo "killed with $checkpoints checkpoints: $(ls "$out/.partial" | tr '\n' ' ')"
for file in digest trials.csv summary.csv points.csv results.pb manifest.textproto; do
  [ -e "$out/$file" ] && fail "the killed sweep left $file under its final name"
done
expect_equal "entries of the killed sweep's folder" ".partial" "$(ls -A "$out" | tr '\n' ' ' | sed 's/ $//')"
stray=$(find "$out/.partial" -type f ! -name 'block-*.pb' ! -name 'block-*.pb.tmp.*')
[ -z "$stray" ] || fail "unexpected files among the checkpoints: $stray"

expect_refusal "no --resume" "^$out: holds an unfinished sweep .*pass --resume" \
  "$reesim" sweep "$sweeps/long.textproto" --quiet --out "$out"
expect_refusal "another seed" "block-[0-9]{12}\.pb: a checkpoint of another sweep \(seed 99, this sweep's is 5\)" \
  "$reesim" sweep "$sweeps/long.textproto" --quiet --out "$out" --resume --seed 5

stdout=$("$reesim" sweep "$sweeps/long.textproto" --quiet --out "$out" --resume --threads 2 \
  2>"$work/resume.err") || fail "reesim sweep --resume: $(cat "$work/resume.err")"
# Every checkpoint under a final name was whole: none was discarded.
[ -s "$work/resume.err" ] && fail "the resumed sweep complained: $(cat "$work/resume.err")"
grep -E "^resumed: [0-9]+ jobs from $checkpoints checkpoints$" <<<"$stdout" ||
  fail "the resume did not load the $checkpoints checkpoints: $stdout"
resumed=$(tail -n 1 <<<"$stdout")
echo "resumed:       $resumed"
expect_equal "resumed digest" "digest: $full" "$resumed"
cmp -s "$work/full/trials.csv" "$out/trials.csv" || fail "trials.csv differs after the resume"
[ -e "$out/.partial" ] && fail "the checkpoints were not removed after the sweep"
echo "ok"
