#!/usr/bin/env bash
# DESIGN §5: bad experiment input exits 2 with a message naming the place, and writes no output.
#   run_bad_input.sh REESIM FOLDER
# shellcheck source-path=SCRIPTDIR source=run_common.sh
source "$(dirname "$0")/run_common.sh"

# expect_refused PATTERN ARGS...: `reesim run ARGS... --out DIR` exits 2, stderr matches the
# extended regex PATTERN, and DIR is not created.
expect_refused() {
  local pattern=$1 stderr rc
  shift
  stderr=$("$reesim" run "$@" --quiet --out "$work/out" 2>&1 >/dev/null)
  rc=$?
  [ "$rc" -eq 2 ] || fail "reesim run $*: exit $rc, expected 2: $stderr"
  grep -Eq -- "$pattern" <<<"$stderr" || fail "reesim run $*: no line matches /$pattern/: $stderr"
  [ -e "$work/out" ] && fail "reesim run $*: created the output folder"
  echo "ok: $* -> $stderr"
}

expect_refused "^--set: calendar\.colour: 'colour' is not a field" \
  "$folder" --set calendar.colour=red
expect_refused "^--set calendar: expected field\.path=value" "$folder" --set calendar
# A misspelt name is refused on one line naming --set, the path and the nearest valid names.
expect_one_line() {
  local stderr
  stderr=$("$reesim" run "$@" --quiet --out "$work/out" 2>&1 >/dev/null)
  [ "$(wc -l <<<"$stderr")" -eq 1 ] || fail "reesim run $*: expected one line: $stderr"
}
misspelt=(
  "agents[cn_separators].params[unit_cst].value=3|^--set: agents\[cn_separators\]\.params\[unit_cst\]\.value: 'unit_cst' is not a parameter of separator; did you mean 'unit_cost'\?$"
  "model.params[price_stp].value=0.1|^--set: model\.params\[price_stp\]\.value: 'price_stp' is not a parameter of model; did you mean 'price_step'\?$"
  "agents[cn_seprators].cash=1|^--set: agents\[cn_seprators\]\.cash: no element with id 'cn_seprators' in 'agents'; did you mean 'cn_separators'\?$"
  "calendar.ned=2024-06-30|^--set: calendar\.ned: 'ned' is not a field of reesim\.Calendar; did you mean 'end'\?$"
  "metrics[0].kind=METRIC_PRCE|^--set: metrics\[0\]\.kind: unknown value 'METRIC_PRCE' for 'kind'; did you mean 'METRIC_PRICE'\?$"
)
for case in "${misspelt[@]}"; do
  expect_refused "${case#*|}" "$folder" --set "${case%%|*}"
  expect_one_line "$folder" --set "${case%%|*}"
done
expect_refused "--trials" "$folder" --trials 0
expect_refused "--trials" "$folder" --trials -3
expect_refused "absent\.textproto: cannot open" "$work/absent.textproto"
expect_refused "no-such-folder: cannot open" "$work/no-such-folder"
cp -r "$folder" "$work/zero"
sed -i 's/^trials: .*/trials: 0/' "$work/zero/experiment.textproto"
expect_refused "zero/experiment\.textproto: trials: must be at least 1" "$work/zero"
echo "ok"
