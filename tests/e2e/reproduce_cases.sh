#!/usr/bin/env bash
# `reesim reproduce` on a private copy of a run folder, recorded with scripts/record-digests.sh:
# a match, a kept --out folder, mismatches named by trial and column, and refused folders.
#   reproduce_cases.sh REESIM FOLDER
# shellcheck source-path=SCRIPTDIR source=run_common.sh
source "$(dirname "$0")/run_common.sh"
record=$(cd "$(dirname "$0")/../.." && pwd)/scripts/record-digests.sh
copy=$work/published
cp -r "$folder" "$copy"
rm -f "$copy/expected_digest" "$copy/expected_trials.csv"

# reproduce EXPECTED_RC ARGS...: runs reesim reproduce with a private TMPDIR; stdout goes to
# $work/stdout, stderr to $work/stderr.
reproduce() {
  local expected=$1 rc
  shift
  mkdir -p "$work/tmp"
  TMPDIR=$work/tmp "$reesim" reproduce "$@" >"$work/stdout" 2>"$work/stderr"
  rc=$?
  [ "$rc" -eq "$expected" ] ||
    fail "reesim reproduce $*: exit $rc, expected $expected: $(cat "$work/stdout" "$work/stderr")"
}

# expect_line FILE REGEX: some line of FILE matches the extended regex.
expect_line() {
  grep -Eq -- "$2" "$1" || fail "no line of $(basename "$1") matches /$2/: $(cat "$1")"
}

# No recorded digest: exit 2 and one line naming the file.
reproduce 2 "$copy"
expect_equal "lines on stderr" 1 "$(wc -l <"$work/stderr")"
expect_line "$work/stderr" "^$copy/expected_digest: no such file"
reproduce 2 "$work/no-such-folder"
expect_line "$work/stderr" "no-such-folder: is not a run folder"

# Record with the script, which must agree with a plain run.
REESIM=$reesim "$record" "$copy" >"$work/record.log" || fail "record-digests.sh: $(cat "$work/record.log")"
declared=$(run_digest "$work/plain") || exit 1
expect_equal "recorded digest" "$declared" "$(cat "$copy/expected_digest")"
cmp -s "$work/plain/trials.csv" "$copy/expected_trials.csv" || fail "expected_trials.csv is not trials.csv"

# A match: 'match', the digest last, and the temporary outputs removed.
reproduce 0 "$copy" --threads 2
expect_line "$work/stdout" "^match$"
expect_equal "last line" "digest: $declared" "$(tail -n 1 "$work/stdout")"
[ -z "$(ls -A "$work/tmp")" ] || fail "temporary outputs left in TMPDIR: $(ls -A "$work/tmp")"

# --out keeps the outputs.
reproduce 0 "$copy" --threads 1 --out "$work/kept"
expect_equal "kept digest" "$declared" "$(cat "$work/kept/digest")"

# A changed trial row: named by the first differing trial and column, with both values.
cp "$copy/expected_trials.csv" "$work/trials.orig"
column=$(head -n 1 "$copy/expected_trials.csv" | cut -d, -f5)
original=$(awk -F, '$1 == 3 { print $5 }' "$copy/expected_trials.csv")
awk -F, -v OFS=, '$1 == 3 || $1 == 9 { $5 = "0.125" } { print }' "$work/trials.orig" \
  >"$copy/expected_trials.csv"
echo "0000000000000000000000000000000000000000000000000000000000000000" >"$copy/expected_digest"
reproduce 1 "$copy"
expect_equal "mismatch line" "mismatch: trial 3, $column: expected 0.125, got $original" \
  "$(grep '^mismatch' "$work/stdout")"
expect_equal "last line" "digest: $declared" "$(tail -n 1 "$work/stdout")"

# Without expected_trials.csv the mismatch is still reported, and says what is missing.
rm "$copy/expected_trials.csv"
reproduce 1 "$copy"
expect_line "$work/stdout" "^mismatch: no .*expected_trials\.csv"

# A changed model input (here the seed) against a correct record: trial 0, first parameter.
cp "$work/trials.orig" "$copy/expected_trials.csv"
echo "$declared" >"$copy/expected_digest"
sed -i 's/^seed: .*/seed: 99/' "$copy/experiment.textproto"
reproduce 1 "$copy"
first=$(head -n 1 "$copy/expected_trials.csv" | cut -d, -f3)
grep -Fq "mismatch: trial 0, $first: expected " "$work/stdout" ||
  fail "the seed change is not named at trial 0, $first: $(cat "$work/stdout")"

# A malformed expected_digest.
echo "not a digest" >"$copy/expected_digest"
reproduce 2 "$copy"
expect_line "$work/stderr" "expected_digest:1: expected one line of 64 lower-case hex digits"
echo "ok"
