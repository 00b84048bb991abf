#!/usr/bin/env bash
# DESIGN §6: results.pb carries the unit of every metric and scalar it holds, the unit units.csv
# gives, for a run, a run with outputs.metrics, and a sweep merged from shards.
#   results_units.sh REESIM FOLDER PROTOC PROTO_DIR SWEEPS
# FOLDER is runs/quickstart-2024; PROTOC decodes results.pb (protoc --decode) against
# PROTO_DIR/results.proto; SWEEPS is tests/e2e/sweeps.
# shellcheck source-path=SCRIPTDIR source=run_common.sh
source "$(dirname "$0")/run_common.sh"
protoc=$3
proto_dir=$4
sweeps=$5

# decoded DIR: DIR/results.pb in protobuf text format.
decoded() {
  "$protoc" --decode=reesim.Results --proto_path="$proto_dir" "$proto_dir/results.proto" \
    <"$1/results.pb" || fail "$1/results.pb cannot be decoded as reesim.Results"
}

# from_results DIR: 'kind name unit' per metric and per scalar, as DIR/results.pb holds them
# (Results.metric_units, then Results.scalar_names beside Results.scalar_units).
from_results() {
  local text names units
  text=$(decoded "$1") || exit 1
  grep -A2 '^metric_units {' <<<"$text" | awk -F'"' '
    /^  metric: / { name = $2 } /^  unit: / { print "metric " name " " $2 }'
  names=$(grep '^scalar_names: ' <<<"$text" | cut -d'"' -f2)
  units=$(grep '^scalar_units: ' <<<"$text" | cut -d'"' -f2)
  expect_equal "$1/results.pb: scalar_units beside scalar_names" "$(wc -l <<<"$names")" \
    "$(wc -l <<<"$units")"
  paste -d' ' <(sed 's/^/scalar /' <<<"$names") <(echo "$units")
}

# from_csv DIR: the same lines from DIR/units.csv (name,kind,unit; no unit here holds a comma).
from_csv() {
  tail -n +2 "$1/units.csv" | awk -F, '{ print $2 " " $1 " " $3 }'
}

# expect_units DIR WHAT: results.pb and units.csv list the same metrics and scalars, in the same
# order, with the same non-empty units.
expect_units() {
  local pb csv
  pb=$(from_results "$1") || exit 1
  csv=$(from_csv "$1")
  [ -n "$pb" ] || fail "$2: results.pb holds no units"
  expect_equal "$2: units in results.pb and units.csv" "$csv" "$pb"
  grep -Eq '^(metric|scalar) [^ ]+ ?$' <<<"$pb" && fail "$2: a metric or scalar without a unit: $pb"
  echo "ok ($2): $(wc -l <<<"$pb") units, e.g. $(grep -m1 '^scalar' <<<"$pb")"
}

run_digest "$work/run" --trials 4 --threads 2 >/dev/null || exit 1
expect_units "$work/run" "run"
grep -q '^scalar dy_global_peak USD/kg$' <(from_results "$work/run") ||
  fail "run: results.pb does not give dy_global_peak in USD/kg"
grep -q '^metric in_unmet_ev kg/week$' <(from_results "$work/run") ||
  fail "run: results.pb does not give in_unmet_ev in kg/week"

# outputs.metrics: only the kept metrics and their scalars, with their units.
selected=$work/selected.textproto
sed -e "s|^scenario: .*|scenario: \"$(realpath "$folder")/scenario.textproto\"|" \
  -e 's|^outputs { series: true }|outputs { series: true metrics: "price_dy_global" metrics: "in_unmet_ev" }|' \
  "$folder/experiment.textproto" | grep -v '^checks' >"$selected"
grep -q 'metrics: "in_unmet_ev"' "$selected" || fail "no outputs.metrics in $selected"
"$reesim" run "$selected" --quiet --out "$work/selected" --trials 4 --threads 2 >/dev/null ||
  fail "outputs.metrics run failed"
expect_units "$work/selected" "outputs.metrics"
expect_equal "outputs.metrics: metrics in results.pb" "price_dy_global in_unmet_ev" \
  "$(from_results "$work/selected" | awk '$1 == "metric" { print $2 }' | xargs)"

# A sweep run in two shards and merged: the merged results.pb carries the units too.
for k in 1 2; do
  "$reesim" sweep "$sweeps/grid.textproto" --quiet --shard $k/2 --threads 2 \
    --out "$work/shard$k" >/dev/null 2>"$work/stderr" || fail "shard $k/2: $(cat "$work/stderr")"
  expect_units "$work/shard$k" "sweep shard $k/2"
done
"$reesim" merge "$work/shard1" "$work/shard2" --out "$work/merged" >/dev/null 2>"$work/stderr" ||
  fail "merge: $(cat "$work/stderr")"
expect_units "$work/merged" "merged sweep"
echo "ok"
