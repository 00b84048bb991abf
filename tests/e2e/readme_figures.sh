#!/usr/bin/env bash
# scripts/readme-figures.py on a private copy of a run folder: --check passes on the README as
# committed, fails naming the line and both values when a figure is edited, and --write puts the
# computed figure back; an expression that cannot be computed fails even under --write.
#   readme_figures.sh PYTHON3 ROOT
set -u
python=$1
root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
script=$root/scripts/readme-figures.py
copy=$work/runs/baseline-2024
mkdir -p "$copy"
cp "$root"/runs/baseline-2024/{README.md,expected_trials.csv,expected_digest,experiment.textproto} "$copy"

"$python" "$script" --check "$copy" >"$work/out" 2>&1 || fail "as committed: $(cat "$work/out")"
grep -q "figures, all match$" "$work/out" || fail "no match line: $(cat "$work/out")"

# China's median mine share, edited to a value no run gives (the committed value is read from the
# README, so a model change that moves it needs no edit here).
marker='median(col("mine_share_cn_2024")) | .3f -->'
share=$(grep -o "$marker[0-9.]*<" "$copy/README.md" | head -1 | sed "s/.*-->//; s/<$//")
[ -n "$share" ] || fail "the README no longer marks China's median mine share"
sed -i "s/median(col(\"mine_share_cn_2024\")) | .3f -->$share</median(col(\"mine_share_cn_2024\")) | .3f -->9.999</" \
  "$copy/README.md"
"$python" "$script" --check "$copy" >"$work/out" 2>&1 && fail "an edited figure passed --check"
grep -qE "README.md:[0-9]+: median\(col\(\"mine_share_cn_2024\"\)\) \| .3f: README has '9.999', the outputs give '$share'" \
  "$work/out" || fail "the difference is not named: $(cat "$work/out")"
grep -q "figures, 1 differ$" "$work/out" || fail "no count of differing figures: $(cat "$work/out")"

"$python" "$script" --write "$copy" >"$work/out" 2>&1 || fail "--write: $(cat "$work/out")"
cmp -s "$copy/README.md" "$root/runs/baseline-2024/README.md" ||
  fail "--write did not restore the README: $(diff "$copy/README.md" "$root/runs/baseline-2024/README.md")"

# An expression naming a column the outputs lack is an error, and --write leaves it as it is.
sed -i 's/median(col("mine_share_cn_2024"))/median(col("no_such_scalar"))/' "$copy/README.md"
"$python" "$script" --write "$copy" >"$work/out" 2>&1 && fail "--write accepted a bad expression"
grep -q "cannot compute: expected_trials.csv has no column 'no_such_scalar'" "$work/out" ||
  fail "the bad expression is not named: $(cat "$work/out")"
grep -q -- "-->$share<" "$copy/README.md" || fail "--write changed a figure it could not compute"
echo "ok"
