#!/usr/bin/env bash
# `reesim reproduce` on a run folder whose experiment is a sweep: it re-runs the sweep, matches
# the recorded digest, and names the first differing point, trial and column otherwise.
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
echo "ok"
