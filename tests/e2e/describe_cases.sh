#!/usr/bin/env bash
# `reesim describe` end to end: the index, one entry in full, unknown names refused with the
# nearest names (exit 2), and every enum value and type documented in the JSON form.
#   describe_cases.sh REESIM
set -u
reesim=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# describe OUT ARGS...: runs `reesim describe ARGS...` into OUT (stdout) and OUT.err, requires exit 0.
describe() {
  local out=$1
  shift
  "$reesim" describe "$@" >"$out" 2>"$out.err" || fail "reesim describe $* exited $?: $(cat "$out.err")"
}

# expect_line FILE REGEX
expect_line() {
  grep -Eq -- "$2" "$1" || fail "no line of '$1' matches /$2/: $(head -c 2000 "$1")"
}

describe "$work/index"
for section in "agent types" "policy types" "model parameters" "metric kinds" "scalar kinds"; do
  expect_line "$work/index" "^$section: "
done
for name in miner magnet_buyer export_licensing recycling_mandate price_step METRIC_PRICE SCALAR_MEAN; do
  expect_line "$work/index" "[ :]$name(,|$)"
done

describe "$work/miner" miner
expect_line "$work/miner" "^agent type miner$"
expect_line "$work/miner" "^  set as agents\[ID\]\.params\[NAME\]\.value$"
expect_line "$work/miner" "^  name +unit +default +range +source +doc$"
expect_line "$work/miner" "^  unit_cost +USD/commodity unit +0 +\[0, inf\] +- +cash cost"
expect_line "$work/miner" "^  build_years +years +3 +\[0, 20\] +cal §8 +lead time"
expect_line "$work/miner" "^  supply_elasticity +ratio +0\.3 +\[0, 5\] +prior "

describe "$work/stockpile" stockpile  # both an agent and a policy type
expect_line "$work/stockpile" "^agent type stockpile$"
expect_line "$work/stockpile" "^policy type stockpile$"
describe "$work/model" model
expect_line "$work/model" "^  content_memory +fraction +0\.98 +\[0, 1\] +prior "
describe "$work/metrics" metrics
expect_line "$work/metrics" "^  METRIC_DEMAND_MET_WITHOUT +share of a nation"

# What a scenario's levers may move: each policy type's switch and parameters, with units and the
# bounds a lever's min and max must lie in; a policy type is shown with its own.
expect_line "$work/index" "scalars, levers: what a scenario's levers may move"
describe "$work/levers" levers
expect_line "$work/levers" "^levers \(Scenario\.levers\)$"
expect_line "$work/levers" "^  set as levers \{ id: \"ID\" policy: \"POLICY\" nation: \"NATION\" param: \"NAME\" min: X max: Y \}$"
expect_line "$work/levers" "^  policy type +param +unit +bounds +doc$"
expect_line "$work/levers" "^  tariff +\(switch\) +on/off +\[0, 1\] +whether the policy is in force"
expect_line "$work/levers" "^  tariff +rate +fraction +\[0, 10\] +ad valorem tariff"
expect_line "$work/levers" "^  export_licensing +approval_probability +[a-z]+ +\[0, 1\] "
if grep -Eq "^(agent|policy) type " "$work/levers"; then
  fail "describe levers printed types: $(cat "$work/levers")"
fi
describe "$work/tariff" tariff
expect_line "$work/tariff" "^policy type tariff$"
expect_line "$work/tariff" "^  tariff +rate +fraction +\[0, 10\] "
[ "$(grep -c '^  tariff ' "$work/tariff")" -eq 2 ] || fail "describe tariff: $(cat "$work/tariff")"

# expect_refused NAME MESSAGE: exit 2 and exactly MESSAGE on stderr, nothing on stdout.
expect_refused() {
  local stdout stderr rc
  stdout=$("$reesim" describe "$1" 2>"$work/err")
  rc=$?
  stderr=$(cat "$work/err")
  [ "$rc" -eq 2 ] || fail "reesim describe $1: exit $rc, expected 2"
  [ "$stderr" == "$2" ] || fail "reesim describe $1: stderr '$stderr', expected '$2'"
  [ -z "$stdout" ] || fail "reesim describe $1: printed '$stdout'"
  echo "ok: $1 -> $stderr"
}
expect_refused minr "reesim describe: 'minr' is not in the catalogue; did you mean 'miner'?"
expect_refused price_stp "reesim describe: 'price_stp' is not in the catalogue; did you mean 'price_step'?"
expect_refused METRIC_PRCE "reesim describe: 'METRIC_PRCE' is not in the catalogue; did you mean 'METRIC_PRICE'?"
expect_refused xyzzy "reesim describe: 'xyzzy' is not in the catalogue; 'reesim describe' lists every name"
"$reesim" describe --format yaml >/dev/null 2>&1
[ $? -eq 2 ] || fail "reesim describe --format yaml: expected exit 2"

# Every type, parameter and enum value has a doc line (protobuf keeps no comments at run time:
# a new MetricKind or ScalarKind needs its line in app/describe_command.cpp).
describe "$work/json" --format json
if grep -n '"doc": ""' "$work/json"; then
  fail "an entry has no doc line (above)"
fi
expect_line "$work/json" '"max": "inf"'
describe "$work/miner.json" miner --format json
expect_line "$work/miner.json" '^      "name": "miner",$'
echo "ok"
