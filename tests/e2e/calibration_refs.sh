#!/usr/bin/env bash
# The calibration sources are in the project (DESIGN §3): every `cal §N` (or `calibration.md §N`,
# with any `, §M` that follows it) cited in the code, docs, scenarios and scripts names a section
# `## N.` of docs/calibration.md, and no file points outside the repository to `../shared`.
# Test fixtures (tests/) cite made-up sections on purpose and are not read.
#   calibration_refs.sh SOURCE_DIR
set -u
root=$1
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
cd "$root" || fail "cannot enter $root"
calibration=docs/calibration.md
[ -s "$calibration" ] || fail "$calibration is missing"

# The project's own files: tracked ones in a clone, else every file outside the build folders.
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files | grep -v '^tests/')
else
  mapfile -t files < <(find . -type f -not -path './.git/*' -not -path './build*' \
    -not -path './tests/*' | sed 's|^\./||')
fi
[ "${#files[@]}" -gt 100 ] || fail "only ${#files[@]} files found under $root"

sections=$(grep -oE '^## [0-9]+\.' "$calibration" | grep -oE '[0-9]+' | sort -n | tr '\n' ' ')
[ -n "$sections" ] || fail "$calibration has no numbered sections ('## N. title')"

citations=$(grep -HnoE '(cal|calibration\.md) §[0-9]+((, ?| and |-)§[0-9]+)*' "${files[@]}" 2>/dev/null)
[ "$(wc -l <<<"$citations")" -gt 100 ] || fail "too few citations found: $citations"
# Each cited section number, as "FILE:LINE: §N" when docs/calibration.md lacks it.
checked=$(awk -F'§' '{ for (i = 2; i <= NF; i++) n++ } END { print n }' <<<"$citations")
unresolved=$(awk -v sections=" $sections" '{
  match($0, /^[^:]*:[0-9]+:/); where = substr($0, 1, RLENGTH); rest = substr($0, RLENGTH + 1)
  n = split(rest, parts, "§")
  for (i = 2; i <= n; i++) {
    num = parts[i]; sub(/[^0-9].*/, "", num)
    if (index(sections, " " num " ") == 0) print where " §" num
  } }' <<<"$citations")
[ -z "$unresolved" ] ||
  fail "citations of sections $calibration lacks (it has $sections):"$'\n'"$unresolved"
echo "ok: $checked section citations in $(cut -d: -f1 <<<"$citations" | sort -u | wc -l) files, all in $calibration ($sections)"

# Nothing points to a folder beside the repository.
outside=$(grep -HnE '\.\./shared' "${files[@]}" 2>/dev/null)
[ -z "$outside" ] || fail "files point outside the repository:"$'\n'"$outside"
echo "ok: no file points to ../shared"
