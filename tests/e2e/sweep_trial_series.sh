#!/usr/bin/env bash
# Per-trial series of a sweep (`reesim sweep --trial-series`, outputs.trial_series): the grid
# sweep writes one row per point, replicate, series and date to trial_series.csv, in job order,
# with the size printed first and --max-output-size honoured; results.pb holds none
# (trial_series_csv_only); the digest and trials.csv are those of the sweep without them; and
# shards merged in any order give the unsharded file byte for byte.
#   sweep_trial_series.sh REESIM SWEEPS PROTOC PROTO_DIR
# SWEEPS is tests/e2e/sweeps; PROTOC decodes results.pb against PROTO_DIR/results.proto.
# shellcheck source-path=SCRIPTDIR source=sweep_common.sh
source "$(dirname "$0")/sweep_common.sh"
protoc=$3
proto_dir=$4
grid=$sweeps/grid.textproto
points=6
replicates=4

# The sweep without and with per-trial series: the same digest and trials.
plain=$(sweep_digest grid "$work/plain" --threads 2) || exit 1
"$reesim" sweep "$grid" --trial-series --threads 2 --out "$work/kept" \
  >"$work/kept.out" 2>"$work/kept.err" || fail "sweep --trial-series: $(cat "$work/kept.err")"
expect_equal "digest with --trial-series" "digest: $plain" "$(tail -n 1 "$work/kept.out")"
cmp -s "$work/plain/trials.csv" "$work/kept/trials.csv" || fail "--trial-series changed trials.csv"
[ -e "$work/plain/trial_series.csv" ] && fail "a sweep without --trial-series wrote trial_series.csv"

# The size line first on stderr, naming the CSV alone.
line=$(head -n 1 "$work/kept.err")
[[ $line =~ ^trial\ series:\ $((points * replicates))\ trials\ x\ ([0-9]+)\ series\ x\ ([0-9]+)\ ticks,\ about\ [0-9.]+\ (KiB|MiB)\ \(trial_series\.csv\ only\)$ ]] ||
  fail "no size line first: $(cat "$work/kept.err")"
series=${BASH_REMATCH[1]} ticks=${BASH_REMATCH[2]}

# One row per point, replicate, series (metric and key) and date, under the header.
csv=$work/kept/trial_series.csv
expect_equal "header" "point,trial,metric,key,date,value" "$(head -n 1 "$csv")"
expect_equal "distinct series" "$series" "$(tail -n +2 "$csv" | cut -d, -f3,4 | sort -u | wc -l)"
expect_equal "distinct dates" "$ticks" "$(tail -n +2 "$csv" | cut -d, -f5 | sort -u | wc -l)"
expect_equal "rows (points x replicates x series x dates)" \
  $((points * replicates * series * ticks)) "$(($(wc -l <"$csv") - 1))"
# As many series and dates as a run of the sweep's world keeps for one trial.
"$reesim" run "$sweeps/../../../runs/quickstart-2024" --trial-series --trials 1 --quiet \
  --out "$work/one" >/dev/null 2>"$work/one.err" || fail "run --trial-series: $(cat "$work/one.err")"
expect_equal "rows of one trial, as a run keeps them" "$(($(wc -l <"$work/one/trial_series.csv") - 1))" \
  "$((series * ticks))"
# In job order: point by point, each point's replicates 0..3, each with all its rows.
expected_order=$(for p in $(seq 0 $((points - 1))); do
  for r in $(seq 0 $((replicates - 1))); do echo "$p,$r $((series * ticks))"; done
done)
expect_equal "(point, trial) blocks in job order" "$expected_order" \
  "$(tail -n +2 "$csv" | cut -d, -f1,2 | uniq -c | awk '{ print $2 " " $1 }')"
# Point 4's rows are those of a run of the quick-start world at point 4's swept values (replicate
# r of every point is trial r under the sweep's seed, the quick-start run's too).
read -r buffer chance <<<"$(awk -F, 'NR == 1 { for (i = 1; i <= NF; ++i) col[$i] = i }
  NR > 1 && $col["point"] == 4 {
    print $col["agents[in_ev].params[buffer_weeks].value"],
      $col["policies[cn_dy_licensing].activation.chance.per_tick"] }' "$work/kept/points.csv")"
[ -n "$chance" ] || fail "points.csv has no swept values of point 4: $(head -n 2 "$work/kept/points.csv")"
"$reesim" run "$sweeps/../../../runs/quickstart-2024" --trial-series --trials "$replicates" \
  --set "agents[in_ev].params[buffer_weeks].value=$buffer" \
  --set "policies[cn_dy_licensing].activation.chance.per_tick=$chance" --quiet \
  --out "$work/point-4" >/dev/null 2>"$work/point.err" || fail "run at point 4: $(cat "$work/point.err")"
[ "$(awk -F, '$1 == 4' "$csv" | cut -d, -f2- | sha256sum)" = \
  "$(tail -n +2 "$work/point-4/trial_series.csv" | cut -d, -f2- | sha256sum)" ] ||
  fail "point 4's rows are not those of a run at buffer $buffer, chance $chance"

# results.pb holds no per-trial series, and says so.
decoded=$("$protoc" --decode=reesim.Results --proto_path="$proto_dir" "$proto_dir/results.proto" \
  <"$work/kept/results.pb") || fail "results.pb cannot be decoded"
grep -qx 'trial_series_csv_only: true' <<<"$decoded" || fail "results.pb is not marked CSV-only"
grep -q '^trial_series {' <<<"$decoded" && fail "results.pb holds per-trial series"

# Three shards, merged in another order: the unsharded file, byte for byte, and its digest.
for k in 1 2 3; do
  "$reesim" sweep "$grid" --trial-series --shard "$k/3" --threads 2 --quiet --out "$work/shard-$k" \
    >/dev/null 2>"$work/shard.err" || fail "shard $k/3: $(cat "$work/shard.err")"
done
"$reesim" merge "$work/shard-3" "$work/shard-1" "$work/shard-2" --out "$work/merged" \
  >"$work/merged.out" 2>"$work/merged.err" || fail "merge: $(cat "$work/merged.err")"
cmp "$work/kept/trial_series.csv" "$work/merged/trial_series.csv" ||
  fail "merged trial_series.csv differs from the unsharded sweep's"
expect_equal "merged digest" "digest: $plain" "$(tail -n 1 "$work/merged.out")"
# Each shard holds its own jobs' rows: together, the whole file's.
expect_equal "shard rows" "$(($(wc -l <"$csv") - 1))" \
  "$(cat "$work"/shard-*/trial_series.csv | grep -vc '^point,')"

# A shard without its trial_series.csv: refused, naming the file.
rm "$work/shard-2/trial_series.csv"
expect_refusal "a shard without trial_series.csv" \
  "shard-2/trial_series\.csv: no such file: the shard kept no per-trial series" \
  "$reesim" merge "$work/shard-1" "$work/shard-2" "$work/shard-3" --out "$work/merged-2"

# Past --max-output-size: refused before any job, in one line with the sizes; nothing written.
"$reesim" sweep "$grid" --trial-series --max-output-size 16KiB --out "$work/never" \
  >"$work/refused.out" 2>"$work/refused.err"
expect_equal "--max-output-size 16KiB: exit status" 2 "$?"
grep -v '^trial series: ' "$work/refused.err" >"$work/refusal"
expect_equal "--max-output-size 16KiB: lines besides the size line" 1 "$(wc -l <"$work/refusal")"
grep -Eq "grid\.textproto: shard 1/1 \(24 jobs\): the per-trial series would take about [0-9.]+ (KiB|MiB) \(trial_series\.csv only\), more than --max-output-size 16 KiB; keep fewer trials or metrics \(outputs\.metrics\), or raise --max-output-size$" \
  "$work/refusal" || fail "--max-output-size 16KiB: $(cat "$work/refused.err")"
[ -e "$work/never/digest" ] && fail "a refused sweep wrote its digest"
echo "ok: $line"
