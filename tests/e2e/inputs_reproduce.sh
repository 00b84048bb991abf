#!/usr/bin/env bash
# `reesim reproduce` of a private copy of a run folder tells a digest changed by the folder's
# inputs from one changed by the model: record-digests.sh records the SHA-256 of the experiment
# and scenario files (expected_inputs) as the published folder does; on a mismatch the line after
# 'mismatch: ...' names each changed input with both hashes, or says 'model changed' when every
# input is as recorded.
#   inputs_reproduce.sh REESIM FOLDER
# shellcheck source-path=SCRIPTDIR source=run_common.sh
source "$(dirname "$0")/run_common.sh"
record=$(cd "$(dirname "$0")/../.." && pwd)/scripts/record-digests.sh
copy=$work/published
cp -r "$folder" "$copy"

# reproduce EXPECTED_RC: reesim reproduce of the copy; stdout in $work/stdout, stderr in
# $work/stderr.
reproduce() {
  local rc
  "$reesim" reproduce "$copy" --threads 2 >"$work/stdout" 2>"$work/stderr"
  rc=$?
  [ "$rc" -eq "$1" ] ||
    fail "reesim reproduce: exit $rc, expected $1: $(cat "$work/stdout" "$work/stderr")"
}

# cause: the line after the mismatch line.
cause() {
  grep -A1 '^mismatch: ' "$work/stdout" | sed -n 2p
}

# The published record is what record-digests.sh writes, and sha256sum checks it in the folder.
REESIM=$reesim "$record" "$copy" >"$work/record.log" 2>&1 || fail "record-digests.sh: $(cat "$work/record.log")"
for file in expected_digest expected_inputs expected_trials.csv expected_series.csv; do
  cmp -s "$copy/$file" "$folder/$file" || fail "record-digests.sh wrote another $file"
done
expect_equal "expected_inputs" "$(cd "$copy" && sha256sum experiment.textproto scenario.textproto)" \
  "$(cat "$copy/expected_inputs")"
(cd "$copy" && sha256sum --quiet -c expected_inputs) || fail "sha256sum -c expected_inputs"
cp "$copy/experiment.textproto" "$work/experiment.orig"
cp "$copy/scenario.textproto" "$work/scenario.orig"
recorded_experiment=$(sed -n 1p "$copy/expected_inputs" | cut -d' ' -f1)
recorded_scenario=$(sed -n 2p "$copy/expected_inputs" | cut -d' ' -f1)

# Unchanged: a match, and no cause.
reproduce 0
grep -qx match "$work/stdout" || fail "no match: $(cat "$work/stdout")"
grep -Eq '^(inputs|model) changed' "$work/stdout" && fail "a cause for a match: $(cat "$work/stdout")"

# A changed scenario (China's magnet exports banned from mid-2024): exit 1, and the scenario named
# with its new and recorded SHA-256.
cat >>"$copy/scenario.textproto" <<'BAN'
policies {
  id: "cn_magnet_ban" type: "export_ban" enacted_by: "CN"
  origins: ["CN"] commodities: ["ndfeb_magnet"]
  activation { date: "2024-06-03" }
}
BAN
reproduce 1
expect_equal "cause of a changed scenario" \
  "inputs changed: scenario.textproto (sha256 $(sha256sum <"$copy/scenario.textproto" | cut -d' ' -f1), recorded $recorded_scenario in $copy/expected_inputs)" \
  "$(cause)"
cp "$work/scenario.orig" "$copy/scenario.textproto"

# A changed experiment (its seed): the experiment is named.
sed -i 's/^seed: .*/seed: 99/' "$copy/experiment.textproto"
reproduce 1
expect_equal "cause of a changed experiment" \
  "inputs changed: experiment.textproto (sha256 $(sha256sum <"$copy/experiment.textproto" | cut -d' ' -f1), recorded $recorded_experiment in $copy/expected_inputs)" \
  "$(cause)"
cp "$work/experiment.orig" "$copy/experiment.textproto"

# Both changed: both named, the experiment first.
sed -i 's/^seed: .*/seed: 99/' "$copy/experiment.textproto"
echo "# a comment" >>"$copy/scenario.textproto"
reproduce 1
cause | grep -Eq "^inputs changed: experiment\.textproto \(sha256 [0-9a-f]{64}, recorded $recorded_experiment in [^)]*\); scenario\.textproto \(sha256 [0-9a-f]{64}, recorded $recorded_scenario in [^)]*\)$" ||
  fail "both inputs not named: $(cat "$work/stdout")"
cp "$work/experiment.orig" "$copy/experiment.textproto"
cp "$work/scenario.orig" "$copy/scenario.textproto"

# Inputs as recorded but another recorded result (as after a change to the model, which gives
# this build's results against the record of another): 'model changed'.
cp "$copy/expected_digest" "$work/digest.orig"
printf '0%.0s' {1..64} >"$copy/expected_digest"
echo >>"$copy/expected_digest"
reproduce 1
expect_equal "cause with unchanged inputs" \
  "model changed: the experiment, the scenario and its included files are those recorded in $copy/expected_inputs, so the build gives other results" \
  "$(cause)"

# Without the record: a note that inputs and model are not told apart.
mv "$copy/expected_inputs" "$work/inputs.orig"
reproduce 1
cause | grep -q "^note: $copy records no SHA-256 of all its inputs (expected_inputs" ||
  fail "no note about the missing record: $(cat "$work/stdout")"

# A record without the scenario's line: the scenario is named as not recorded.
sed -n 1p "$work/inputs.orig" >"$copy/expected_inputs"
reproduce 1
expect_equal "cause with the scenario unrecorded" \
  "inputs changed: scenario.textproto (sha256 $recorded_scenario, not in $copy/expected_inputs)" \
  "$(cause)"

# A malformed record: exit 2, naming the file and line.
echo "not a record" >"$copy/expected_inputs"
reproduce 2
grep -q "expected_inputs:1: expected '<64 lower-case hex digits>  <path>'" "$work/stderr" ||
  fail "the malformed record is not named: $(cat "$work/stderr")"
echo "ok"
