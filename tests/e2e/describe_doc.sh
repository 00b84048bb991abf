#!/usr/bin/env bash
# docs/catalogue.md is what `reesim describe --format markdown` prints, so the documented
# catalogue cannot drift from the registrations.
#   describe_doc.sh REESIM DOC
set -u
reesim=$1 doc=$2
generated=$(mktemp)
trap 'rm -f "$generated"' EXIT
"$reesim" describe --format markdown >"$generated" || { echo "FAIL: reesim describe exited $?"; exit 1; }
if ! diff -u "$doc" "$generated"; then
  echo "FAIL: $doc differs from 'reesim describe --format markdown' (above); run scripts/gen-catalog-doc.sh"
  exit 1
fi
echo "ok: $doc is up to date"
