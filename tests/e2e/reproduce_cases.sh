#!/usr/bin/env bash
# `reesim reproduce` on a private copy of a run folder, recorded with scripts/record-digests.sh:
# a match, a kept --out folder, mismatches named by trial and column or by series and date, and
# refused folders.
#   reproduce_cases.sh REESIM FOLDER
# shellcheck source-path=SCRIPTDIR source=run_common.sh
source "$(dirname "$0")/run_common.sh"
record=$(cd "$(dirname "$0")/../.." && pwd)/scripts/record-digests.sh
copy=$work/published
cp -r "$folder" "$copy"
rm -f "$copy/expected_digest" "$copy/expected_trials.csv" "$copy/expected_series.csv"

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
kept_series=$(run_digest "$work/series" --trial-series) || exit 1
expect_equal "digest with --trial-series" "$declared" "$kept_series"
cmp -s "$work/series/trial_series.csv" "$copy/expected_series.csv" ||
  fail "expected_series.csv is not trial_series.csv"
[ -e "$work/plain/trial_series.csv" ] && fail "a plain run wrote trial_series.csv"

# A match: 'match', the digest last, and the temporary outputs removed.
reproduce 0 "$copy" --threads 2
expect_line "$work/stdout" "^match$"
expect_equal "last line" "digest: $declared" "$(tail -n 1 "$work/stdout")"
[ -z "$(ls -A "$work/tmp")" ] || fail "temporary outputs left in TMPDIR: $(ls -A "$work/tmp")"

# --out keeps the outputs, with the trials' series the folder records.
reproduce 0 "$copy" --threads 1 --out "$work/kept"
expect_equal "kept digest" "$declared" "$(cat "$work/kept/digest")"
cmp -s "$work/kept/trial_series.csv" "$copy/expected_series.csv" ||
  fail "the kept trial_series.csv is not expected_series.csv"

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

cp "$work/trials.orig" "$copy/expected_trials.csv"

# Recorded series of trial 3 that differ: the second series at its 10th tick, the first at its
# 20th; the earlier date is named, with its series and both values. The record's series hash of
# trial 3 differs too, as a record of a run with those series would.
cp "$copy/expected_series.csv" "$work/series.orig"
read -r first_series second_series <<<"$(awk -F, 'NR > 1 && !seen[$3]++ { printf "%s ", $3 }' \
  "$work/series.orig")"
[ -n "$second_series" ] || fail "the quick-start folder records fewer than two series"
earlier=$(awk -F, -v s="$second_series" '$2 == 3 && $3 == s && ++n == 10 { print $5 "," $6 }' \
  "$work/series.orig")
awk -F, -v OFS=, -v a="$first_series" -v b="$second_series" '
  $2 == 3 && $3 == a && ++n == 20 { $6 = "0.125" }
  $2 == 3 && $3 == b && ++m == 10 { $6 = "0.25" }
  { print }' "$work/series.orig" >"$copy/expected_series.csv"
awk -F, -v OFS=, '$1 == 3 { $NF = "0000000000000000000000000000000000000000000000000000000000000000" }
  { print }' "$work/trials.orig" >"$copy/expected_trials.csv"
reproduce 1 "$copy"
expect_equal "series mismatch line" \
  "mismatch: trial 3, series $second_series, ${earlier%,*}: expected 0.25, got ${earlier#*,}" \
  "$(grep '^mismatch' "$work/stdout")"

# Without expected_series.csv the trial is named by its series hash, and the line says why no
# series and date are named.
rm "$copy/expected_series.csv"
reproduce 1 "$copy"
hash=$(awk -F, '$1 == 3 { print $NF }' "$work/trials.orig")
expect_equal "series hash mismatch line" \
  "mismatch: trial 3, series_sha256: expected $(printf '0%.0s' {1..64}), got $hash (the folder records no per-trial series, expected_series.csv, to name the series and date)" \
  "$(grep '^mismatch' "$work/stdout")"
cp "$work/series.orig" "$copy/expected_series.csv"
cp "$work/trials.orig" "$copy/expected_trials.csv"

# A changed model against a correct record: a ban on China's magnet exports from 2024-06-03 is
# named by the first trial it changes, a series and a date from the ban on (the magnet makers'
# Dy buying moves the Dy premium first).
echo "$declared" >"$copy/expected_digest"
cp "$copy/scenario.textproto" "$work/scenario.orig"
cat >>"$copy/scenario.textproto" <<'BAN'
policies {
  id: "cn_magnet_ban" type: "export_ban" enacted_by: "CN"
  origins: ["CN"] commodities: ["ndfeb_magnet"]
  activation { date: "2024-06-03" }
}
BAN
reproduce 1 "$copy"
expect_line "$work/stdout" \
  "^mismatch: trial [0-9]+, series (price_dy_global|premium_dy), 2024-(0[6-9]|1[0-2])-[0-9]{2}: expected [^,]+, got [^,]+$"
cp "$work/scenario.orig" "$copy/scenario.textproto"

# Without expected_trials.csv the mismatch is still reported, and says what is missing.
echo "0000000000000000000000000000000000000000000000000000000000000000" >"$copy/expected_digest"
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
