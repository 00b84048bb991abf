#!/usr/bin/env bash
# The command line's refusals say what is wrong in one plain sentence, with exit 2 (DESIGN §5): an
# unknown command with the nearest one, numeric options out of range or not numbers, libprotobuf's
# own log lines never shown; and what it accepts: a run folder for `validate`, `sweep
# --replicates N`.   cli_messages.sh REESIM FOLDER (the quick-start run folder)
# shellcheck source-path=SCRIPTDIR source=run_common.sh
source "$(dirname "$0")/run_common.sh"
sweeps=$(dirname "$0")/sweeps

# expect_message WHAT CODE FIRST-LINE COMMAND...: COMMAND exits CODE and the first line of its
# stderr is exactly FIRST-LINE.
expect_message() {
  local what=$1 code=$2 line=$3 rc
  shift 3
  "$@" >"$work/out" 2>"$work/err"
  rc=$?
  expect_equal "$what: exit status" "$code" "$rc"
  expect_equal "$what: message" "$line" "$(head -n 1 "$work/err")"
  echo "$what: exit $rc: $line"
}

expect_message "a misspelt command" 2 "reesim: unknown command 'rn'; did you mean 'run'?" \
  "$reesim" rn "$folder"
expect_message "an unknown command" 2 \
  "reesim: unknown command 'frobnicate'; known: validate, run, check, sweep, merge, analyze, reproduce, describe, report, serve, bench" \
  "$reesim" frobnicate
expect_equal "an unknown command: lines" 1 "$(wc -l <"$work/err")"

expect_message "--threads 0" 2 "reesim: --threads must be at least 1, got 0" \
  "$reesim" run "$folder" --threads 0 --out "$work/never"
expect_message "--threads -2" 2 "reesim: --threads must be at least 1, got -2" \
  "$reesim" sweep "$sweeps/grid.textproto" --threads -2 --out "$work/never"
expect_message "--threads two" 2 "reesim: --threads must be a whole number, got 'two'" \
  "$reesim" reproduce "$folder" --threads two
expect_message "check --threads 0" 2 "reesim: --threads must be at least 1, got 0" \
  "$reesim" check "$folder" --threads 0
expect_message "--seed -1" 2 "reesim: --seed must be a whole number from 0 to 18446744073709551615, got -1" \
  "$reesim" run "$folder" --seed -1 --out "$work/never"
expect_message "--progress-interval 0" 2 "reesim: --progress-interval must be at least 1, got 0" \
  "$reesim" run "$folder" --progress-interval 0 --out "$work/never"
expect_message "--replicates 0" 2 "reesim: --replicates must be at least 1, got 0" \
  "$reesim" sweep "$sweeps/grid.textproto" --replicates 0 --out "$work/never"
expect_message "bench --repetitions 0" 2 "reesim: --repetitions must be at least 1, got 0" \
  "$reesim" bench trials --repetitions 0
expect_message "bench scale --rounds 0" 2 "reesim: --rounds must be at least 1, got 0" \
  "$reesim" bench scale --rounds 0
[ -e "$work/never" ] && fail "a refused command wrote its folder"

# A string that is not UTF-8: reesim's own message, naming the field, never libprotobuf's log
# line; the file's other problems follow.
printf '# proto-message: reesim.Scenario\nid: "\\xff\\xfe"\n' >"$work/bad_utf8.textproto"
expect_message "a string that is not UTF-8" 2 \
  "$work/bad_utf8.textproto: id: is not valid UTF-8 (byte 0xFF at offset 0)" \
  "$reesim" validate "$work/bad_utf8.textproto"
grep -qx "$work/bad_utf8.textproto: calendar: is required (start and end dates)" "$work/err" ||
  fail "a string that is not UTF-8: the missing calendar is not reported: $(cat "$work/err")"
grep -q "libprotobuf" "$work/err" && fail "libprotobuf's log reached stderr: $(cat "$work/err")"

# validate accepts a run folder: its experiment, checked with its scenario.
expect_message "validate a run folder" 0 "" "$reesim" validate "$folder"
expect_equal "validate a run folder: stdout" "$folder/experiment.textproto: ok" "$(cat "$work/out")"
mkdir "$work/folder" && cp "$folder"/experiment.textproto "$work/folder/"
expect_message "validate a run folder without its scenario" 2 \
  "$work/folder/experiment.textproto: scenario: \"scenario.textproto\" does not resolve to a valid scenario" \
  "$reesim" validate "$work/folder"

# A JSON experiment named neither *scenario* nor *experiment*: known by its content.
printf '  {"id": "j", "scenario": "%s/scenario.textproto", "trials": 2, "seed": 1}\n' \
  "$(realpath "$folder")" >"$work/plain.json"
expect_message "a JSON experiment by content" 0 "" "$reesim" validate "$work/plain.json"

# sweep --replicates N: N replicates per point, recorded in the manifest's experiment.
stdout=$("$reesim" sweep "$sweeps/grid.textproto" --quiet --replicates 1 --out "$work/smoke" \
  2>"$work/err") || fail "sweep --replicates 1: $(cat "$work/err")"
grep -q "^sweep: DESIGN_GRID, 6 points x 1 replicates" <<<"$stdout" || fail "sweep --replicates 1: $stdout"
grep -Eq "^ +replicates: 1$" "$work/smoke/manifest.textproto" || fail "the manifest lacks replicates: 1"
expect_equal "trials of sweep --replicates 1" 7 "$(wc -l <"$work/smoke/trials.csv")"
echo "ok"
