#!/usr/bin/env bash
# The README's tour of a result quotes `reesim run runs/india-self-reliance-2035` as that folder's
# README does (whose summary table e2e.readme_figures.india-self-reliance-2035 checks against the
# folder's recorded outputs): every line the tour shows, in the same order, and the folder's
# recorded digest, so that the tour cannot go stale when the model moves.
#   readme_tour.sh SOURCE_DIR
set -u
root=$1
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
folder=$root/runs/india-self-reliance-2035
# The lines of the tour's block after its command line, without the elisions ("...") and the
# outputs line (its folder is the reader's).
tour=$(awk '/^\$ build\/reesim run runs\/india-self-reliance-2035$/ { on = 1; next }
  on && /^```/ { exit } on' "$root/README.md" | grep -v -e '^\.\.\.$' -e '^outputs: ')
[ "$(wc -l <<<"$tour")" -ge 5 ] || fail "README.md: no tour of runs/india-self-reliance-2035 found"
table=$(awk '/^<!-- figblock summary_table\(\) -->$/ { on = 1; next } on && /^<!-- \/figblock -->$/ { exit }
  on && !/^```/' "$folder/README.md")
[ -n "$table" ] || fail "$folder/README.md: no summary_table() figblock"
# Each tour line is the next matching line of the folder's table.
rest=$table
while IFS= read -r line; do
  at=$(grep -nxF -- "$line" <<<"$rest" | head -n 1 | cut -d: -f1)
  [ -n "$at" ] || fail "README.md's tour line is not in $folder/README.md's table (in order): $line"
  rest=$(tail -n +$((at + 1)) <<<"$rest")
done <<<"$tour"
expect=$(cat "$folder/expected_digest")
grep -qx "digest: $expect" <<<"$tour" || fail "README.md's tour does not end in the folder's digest $expect"
echo "ok: $(wc -l <<<"$tour") lines of the tour, digest $expect"
