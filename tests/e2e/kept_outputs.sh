#!/usr/bin/env bash
# An experiment that reads what outputs.metrics drops is bad input: a calibration check naming a
# scalar of a dropped metric, or a series check naming a dropped metric, is refused by validate,
# run, check and sweep before anything runs (exit 2, one line naming the file, the check's place
# and what is missing), and the same experiment keeping that metric is accepted.
#   kept_outputs.sh REESIM FOLDER SWEEPS
# FOLDER is runs/quickstart-2024 (its check reads in_dependence_cn_2024, a scalar of
# in_magnets_from_cn); SWEEPS is tests/e2e/sweeps.
# shellcheck source-path=SCRIPTDIR source=run_common.sh
source "$(dirname "$0")/run_common.sh"
sweeps=$3

# refused WHAT REGEX COMMAND...: exit 2, one line on stderr matching REGEX (validate adds its
# count line, "1 error"), no output folder.
refused() {
  local what=$1 regex=$2 rc
  shift 2
  "$@" >"$work/refused.out" 2>"$work/refused.err"
  rc=$?
  [ "$rc" -eq 2 ] || fail "$what: exit $rc, expected 2: $(cat "$work/refused.err")"
  if [ "$2" == validate ]; then
    expect_equal "$what: the count line" "1 error" "$(tail -n 1 "$work/refused.err")"
    sed -i '$d' "$work/refused.err"
  fi
  expect_equal "$what: error lines on stderr" 1 "$(wc -l <"$work/refused.err")"
  grep -Eq -- "$regex" "$work/refused.err" ||
    fail "$what: stderr does not match /$regex/: $(cat "$work/refused.err")"
  [ -e "$work/out" ] && fail "$what: wrote an output folder"
  echo "refused ($what): $(cat "$work/refused.err")"
}

# A copy of the run folder whose outputs.metrics keeps the metrics given.
keeping() {  # keeping DIR METRIC...
  local dir=$1 list=""
  shift
  for m in "$@"; do list+=" metrics: \"$m\""; done
  mkdir -p "$dir"
  cp "$folder/scenario.textproto" "$dir/"
  sed "s|^outputs { series: true }|outputs { series: true$list }|" \
    "$folder/experiment.textproto" >"$dir/experiment.textproto"
  grep -q "metrics: \"$1\"" "$dir/experiment.textproto" || fail "no outputs.metrics in $dir"
}

check_error="^$work/dropped/experiment\.textproto: checks\[0\]\.scalar: scalar \"in_dependence_cn_2024\" is not recorded: outputs\.metrics drops its metric \"in_magnets_from_cn\" \(add it there\)$"

keeping "$work/dropped" price_dy_global in_unmet_ev
refused "validate FILE" "$check_error" "$reesim" validate "$work/dropped/experiment.textproto"
refused "validate DIR" "$check_error" "$reesim" validate "$work/dropped"
refused "run" "$check_error" "$reesim" run "$work/dropped" --quiet --trials 2 --out "$work/out"
refused "check" "$check_error" "$reesim" check "$work/dropped" --out "$work/out"

# A series check on a dropped metric (premium_dy records its series).
keeping "$work/series" price_dy_global in_magnets_from_cn
cat >>"$work/series/experiment.textproto" <<'EOF'
series_checks { metric: "premium_dy" base_from: "2024-01-01" base_to: "2024-03-31" from_year: 2024 to_year: 2024 min_ratio: 0.5 max_ratio: 2 peak_quantile: 0.95 max_peak_ratio: 3 }
EOF
refused "series check" \
  "^$work/series/experiment\.textproto: series_checks\[0\]\.metric: metric \"premium_dy\" is not recorded: outputs\.metrics drops it \(add it there\)$" \
  "$reesim" validate "$work/series/experiment.textproto"

# A sweep whose check reads a scalar its outputs.metrics drops.
sweep=$work/sweep.textproto
sed "s|^scenario: .*|scenario: \"$(realpath "$folder")/scenario.textproto\"|" "$sweeps/grid.textproto" >"$sweep"
cat >>"$sweep" <<'EOF'
outputs { metrics: "price_dy_global" }
checks { scalar: "in_ev_shortfall" min: 0 max: 1e12 }
EOF
refused "sweep" "^$sweep: checks\[0\]\.scalar: scalar \"in_ev_shortfall\" is not recorded: outputs\.metrics drops its metric \"in_unmet_ev\" \(add it there\)$" \
  "$reesim" sweep "$sweep" --quiet --out "$work/out"

# Keeping the metrics they read, the same experiments are accepted.
keeping "$work/kept" price_dy_global in_magnets_from_cn
"$reesim" validate "$work/kept/experiment.textproto" >"$work/ok.out" 2>&1 ||
  fail "validate with the checked metric kept: $(cat "$work/ok.out")"
keeping "$work/series_kept" premium_dy in_magnets_from_cn
tail -n 1 "$work/series/experiment.textproto" >>"$work/series_kept/experiment.textproto"
"$reesim" validate "$work/series_kept/experiment.textproto" >"$work/ok.out" 2>&1 ||
  fail "validate with the series check's metric kept: $(cat "$work/ok.out")"
sed -i 's|^outputs { metrics: "price_dy_global" }|outputs { metrics: "price_dy_global" metrics: "in_unmet_ev" }|' "$sweep"
"$reesim" validate "$sweep" >"$work/ok.out" 2>&1 ||
  fail "validate the sweep with the checked metric kept: $(cat "$work/ok.out")"
echo "ok"
