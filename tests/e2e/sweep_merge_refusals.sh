#!/usr/bin/env bash
# `reesim merge` refuses, with exit 2 and one line naming the folder, shards that do not make one
# sweep: a duplicate, a missing one, one of another seed, one that did not finish, and plain runs.
#   sweep_merge_refusals.sh REESIM SWEEPS
# shellcheck source-path=SCRIPTDIR source=sweep_common.sh
source "$(dirname "$0")/sweep_common.sh"

for k in 1 2 3; do
  sweep_digest grid "$work/s$k" --shard "$k/3" --threads 2 >/dev/null || exit 1
done
sweep_digest grid "$work/seed7" --shard 3/3 --seed 7 --threads 2 >/dev/null || exit 1

expect_refusal "duplicate shard" "^$work/s2: shard 2/3 is given twice \(also $work/s2\)$" \
  "$reesim" merge "$work/s1" "$work/s2" "$work/s2" "$work/s3" --out "$work/m"
expect_refusal "missing shard" "missing shard 3/3 " \
  "$reesim" merge "$work/s1" "$work/s2" --out "$work/m"
expect_refusal "shard of another seed" "^$work/seed7: its seed 7 differs from 20240101 in $work/s1" \
  "$reesim" merge "$work/s1" "$work/s2" "$work/seed7" --out "$work/m"
cp -r "$work/s3" "$work/unfinished"
rm "$work/unfinished/digest"
expect_refusal "shard without digest" "^$work/unfinished: has no digest file" \
  "$reesim" merge "$work/s1" "$work/s2" "$work/unfinished" --out "$work/m"
"$reesim" run "$sweeps/../../../runs/quickstart-2024" --quiet --trials 2 --out "$work/plain" \
  >/dev/null || fail "reesim run failed"
expect_refusal "a plain run" "^$work/plain: is not a sweep's result" \
  "$reesim" merge "$work/plain" --out "$work/m"
[ -e "$work/m" ] && fail "a refused merge wrote $work/m"
echo "ok"
