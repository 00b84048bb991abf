#!/usr/bin/env bash
# `reesim reproduce` on a run folder whose experiment is a sweep: it re-runs the sweep, matches
# the recorded digest, and names the first differing point, trial and column otherwise (a trial
# whose series differ by its series hash: a sweep's folder records no per-trial series).
#   sweep_reproduce.sh REESIM SWEEPS
# shellcheck source-path=SCRIPTDIR source=sweep_common.sh
source "$(dirname "$0")/sweep_common.sh"
published=$work/published
mkdir -p "$published"
cp "$sweeps/../../../runs/quickstart-2024/scenario.textproto" "$published/"
sed 's|^scenario: .*|scenario: "scenario.textproto"|' "$sweeps/grid.textproto" \
  >"$published/experiment.textproto"

recorded=$(sweep_digest grid "$work/recorded") || exit 1
echo "$recorded" >"$published/expected_digest"
cp "$work/recorded/trials.csv" "$published/expected_trials.csv"

stdout=$("$reesim" reproduce "$published" --threads 2 2>&1) || fail "reproduce: $stdout"
grep -q '^match$' <<<"$stdout" || fail "no match: $stdout"
expect_equal "last line" "digest: $recorded" "$(tail -n 1 <<<"$stdout")"

# A changed recorded value at point 2, trial 1 (row 11): named by point, trial and column.
column=$(head -n 1 "$published/expected_trials.csv" | cut -d, -f8)
original=$(sed -n 11p "$published/expected_trials.csv" | cut -d, -f8)
awk -F, -v OFS=, 'NR == 11 { $8 = "0.125" } { print }' "$work/recorded/trials.csv" \
  >"$published/expected_trials.csv"
echo "0000000000000000000000000000000000000000000000000000000000000000" >"$published/expected_digest"
stdout=$("$reesim" reproduce "$published" 2>&1)
rc=$?
expect_equal "exit status of a mismatch" 1 "$rc"
expect_equal "mismatch line" "mismatch: point 2, trial 1, $column: expected 0.125, got $original" \
  "$(grep '^mismatch' <<<"$stdout")"

# A recorded series hash that differs at point 2, trial 1 (row 11, the last column).
hash=$(sed -n 11p "$work/recorded/trials.csv" | awk -F, '{ print $NF }')
zeros=0000000000000000000000000000000000000000000000000000000000000000
awk -F, -v OFS=, -v z="$zeros" 'NR == 11 { $NF = z } { print }' "$work/recorded/trials.csv" \
  >"$published/expected_trials.csv"
stdout=$("$reesim" reproduce "$published" 2>&1)
expect_equal "series mismatch line" \
  "mismatch: point 2, trial 1, series_sha256: expected $zeros, got $hash (the folder records no per-trial series, expected_series.csv, to name the series and date)" \
  "$(grep '^mismatch' <<<"$stdout")"
# --shard K/N: shard 2 of 3 (jobs 8-15: rows 10-17) holds point 2, trial 1 (row 11), whose
# recorded series hash differs: named; shard 1 of 3 (rows 2-9) matches all the same, and the digest
# printed is the shard's.
stdout=$("$reesim" reproduce "$published" --shard 2/3 --threads 2 2>&1)
rc=$?
expect_equal "exit status of a shard mismatch" 1 "$rc"
expect_equal "shard mismatch line" \
  "mismatch: point 2, trial 1, series_sha256: expected $zeros, got $hash (the folder records no per-trial series, expected_series.csv, to name the series and date)" \
  "$(grep '^mismatch' <<<"$stdout")"
shard=$(sweep_digest grid "$work/shard1" --shard 1/3) || exit 1
stdout=$("$reesim" reproduce "$published" --shard 1/3 --threads 2 2>&1) || fail "shard 1/3: $stdout"
expect_equal "shard match line" \
  "match: shard 1/3's 8 trials equal their rows of $published/expected_trials.csv" \
  "$(grep '^match' <<<"$stdout")"
expect_equal "shard's last line" "digest: $shard" "$(tail -n 1 <<<"$stdout")"
expect_refusal "a malformed shard" "^reesim reproduce: --shard: " \
  "$reesim" reproduce "$published" --shard 4/3
expect_refusal "a shard of a run that is not a sweep" "needs a sweep's folder" \
  "$reesim" reproduce "$sweeps/../../../runs/quickstart-2024" --shard 1/2
echo "ok"
