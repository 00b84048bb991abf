#!/usr/bin/env bash
# `reesim reproduce` of a variant folder (one whose scenario includes another folder's), on private
# copies of both: record-digests.sh records the included file's SHA-256 as the published folder
# does, the copy reproduces its digest with no word about included files, and a changed included
# file is reported on a line of its own before the digests are compared, whether or not it changes
# the results.
#   include_reproduce.sh REESIM RUNS VARIANT
# shellcheck source-path=SCRIPTDIR source=run_common.sh
source "$(dirname "$0")/run_common.sh"
runs=$(cd "$folder" && pwd)
variant=$3
record=$(cd "$(dirname "$0")/../.." && pwd)/scripts/record-digests.sh
included=$(sed -n 's/^include: "\.\.\/\([^/]*\)\/.*/\1/p' "$runs/$variant/scenario.textproto")
[ -n "$included" ] || fail "$variant/scenario.textproto includes no other run folder"
cp -r "$runs/$variant" "$runs/$included" "$work/"
copy=$work/$variant
base=$work/$included/scenario.textproto

# reproduce EXPECTED_RC: reesim reproduce of the copy; stdout in $work/stdout.
reproduce() {
  local rc
  "$reesim" reproduce "$copy" --threads 2 >"$work/stdout" 2>"$work/stderr"
  rc=$?
  [ "$rc" -eq "$1" ] ||
    fail "reesim reproduce: exit $rc, expected $1: $(cat "$work/stdout" "$work/stderr")"
}

# The published record is what record-digests.sh writes: the digest and the included SHA-256.
REESIM=$reesim "$record" "$copy" >"$work/record.log" 2>&1 || fail "record-digests.sh: $(cat "$work/record.log")"
for file in expected_digest expected_includes expected_inputs expected_trials.csv expected_series.csv; do
  cmp -s "$copy/$file" "$runs/$variant/$file" || fail "record-digests.sh wrote another $file"
done
expect_equal "expected_includes" "$(cd "$copy" && sha256sum "../$included/scenario.textproto")" \
  "$(cat "$copy/expected_includes")"
(cd "$copy" && sha256sum --quiet -c expected_includes) || fail "sha256sum -c expected_includes"

# Unchanged: a match, and no line about included files.
reproduce 0
head -n 1 "$work/stdout" | grep -q "^reproduce $copy: " || fail "first line: $(cat "$work/stdout")"
grep -q '^included' "$work/stdout" && fail "an unchanged include is reported: $(cat "$work/stdout")"
grep -qx match "$work/stdout" || fail "no match: $(cat "$work/stdout")"

# A comment added to the included file: reported first, and the digest still matches.
recorded=$(cut -d' ' -f1 "$copy/expected_includes")
echo "# a comment" >>"$base"
now=$(sha256sum "$base" | cut -d' ' -f1)
reproduce 0
expect_equal "first line" \
  "included file changed: ../$included/scenario.textproto: sha256 $now, recorded $recorded in $copy/expected_includes" \
  "$(head -n 1 "$work/stdout")"
grep -qx match "$work/stdout" || fail "no match after a comment: $(cat "$work/stdout")"

# A changed model input in the included file: reported first, then the mismatch (exit 1).
sed -i '0,/value { fixed: 0\.035 }/s//value { fixed: 0.05 }/' "$base"
grep -q 'fixed: 0.05 }' "$base" || fail "the included file has no 0.035 tariff to change"
reproduce 1
head -n 1 "$work/stdout" | grep -Eq "^included file changed: \.\./$included/scenario\.textproto: sha256 [0-9a-f]{64}, recorded $recorded in " ||
  fail "the changed include is not the first line: $(cat "$work/stdout")"
grep -q '^mismatch: trial ' "$work/stdout" || fail "no mismatch line: $(cat "$work/stdout")"
# The line after it gives the cause: the included file, the folder's own files being as recorded.
expect_equal "cause" \
  "inputs changed: ../$included/scenario.textproto (sha256 $(sha256sum <"$base" | cut -d' ' -f1), recorded $recorded in $copy/expected_includes)" \
  "$(grep -A1 '^mismatch: ' "$work/stdout" | sed -n 2p)"

# Without the record: a note that the included files are not checked.
rm "$copy/expected_includes"
cp "$runs/$included/scenario.textproto" "$base"
reproduce 0
grep -q "^note: $copy records no SHA-256 of the files its scenario includes (expected_includes)" \
  "$work/stdout" ||
  fail "no note about the missing record: $(cat "$work/stdout")"

# A malformed record: exit 2, naming the file and line.
echo "not a record" >"$copy/expected_includes"
reproduce 2
grep -q "expected_includes:1: expected '<64 lower-case hex digits>  <path>'" "$work/stderr" ||
  fail "the malformed record is not named: $(cat "$work/stderr")"
echo "ok"
