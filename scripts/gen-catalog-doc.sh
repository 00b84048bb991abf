#!/usr/bin/env bash
# Writes docs/catalogue.md, the catalogue of agent and policy types, model parameters and metric
# and scalar kinds, from the registrations (`reesim describe --format markdown`). Run it after
# changing a registration; the e2e.describe.catalogue_doc test fails while the file is stale.
#   scripts/gen-catalog-doc.sh [REESIM]     (default: build/reesim)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
reesim=${1:-$root/build/reesim}
out=$root/docs/catalogue.md
trap 'rm -f "$out.tmp.$$"' EXIT
"$reesim" describe --format markdown >"$out.tmp.$$"
mv "$out.tmp.$$" "$out"
echo "wrote $out"
