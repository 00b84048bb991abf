#!/usr/bin/env bash
# DESIGN §6: a run folder holds every output file, and `digest` equals the printed digest.
#   run_outputs.sh REESIM FOLDER
# shellcheck source-path=SCRIPTDIR source=run_common.sh
source "$(dirname "$0")/run_common.sh"
trials=24
out=$work/out

printed=$(run_digest "$out" --trials $trials --threads 2) || exit 1
for file in manifest.textproto trials.csv series.csv summary.csv results.pb digest; do
  [ -s "$out/$file" ] || fail "$out/$file is missing or empty"
done
expect_equal "digest file" "$printed" "$(cat "$out/digest")"
expect_equal "digest file size (64 hex digits and a newline)" 65 "$(wc -c <"$out/digest")"
expect_equal "trials.csv lines (header and one per trial)" $((trials + 1)) \
  "$(wc -l <"$out/trials.csv")"
head -n 1 "$out/trials.csv" | grep -q '^trial,point,.*,series_sha256$' ||
  fail "trials.csv header: $(head -n 1 "$out/trials.csv")"
tail -n +2 "$out/trials.csv" | grep -Evq ',[0-9a-f]{64}$' &&
  fail "a trials.csv row ends in something other than a series hash"
grep -q "digest: \"$printed\"" "$out/manifest.textproto" || fail "the manifest does not hold the digest"
grep -q "^trials: $trials\$" "$out/manifest.textproto" || fail "the manifest does not hold 'trials: $trials'"
leftover=$(find "$out" -name '*.tmp.*')
[ -z "$leftover" ] || fail "temporaries left behind: $leftover"
echo "ok: $printed"
