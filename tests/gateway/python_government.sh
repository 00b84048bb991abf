#!/usr/bin/env bash
# The Python client's Indian government example (clients/python/examples/india_government.py),
# run with Debian's /usr/bin/python3 and python3-protobuf against `reesim serve` on the example's
# folder, whose scenario adds levers to the quick start's: each quarter it sets the stockpile
# release and the tariff on Chinese magnets; every move is applied and recorded, the game differs
# from the run without a client, and the recorded game replays to its digest.
#   python_government.sh REESIM CLIENT_DIR EXAMPLES
#     CLIENT_DIR: build/clients/python; EXAMPLES: clients/python/examples
set -u
reesim=$1
client_dir=$2
examples=$3
folder=$examples/india_government
# shellcheck source-path=SCRIPTDIR source=serve_common.sh
source "$(dirname "$0")/serve_common.sh"

plain=$("$reesim" run "$folder" --trials 2 --quiet --out "$work/plain" | tail -n 1)
plain=${plain#digest: }
[[ $plain =~ ^[0-9a-f]{64}$ ]] || fail "reesim run gave no digest: '$plain'"

name=government
serve $name
PYTHONPATH=$client_dir timeout 120 /usr/bin/python3 "$examples/india_government.py" "$port" \
  >"$work/$name.client" 2>&1 || fail "india_government.py: $(cat "$work/$name.client")"
finish $name
grep -qx 'ticks: 106' "$work/$name.client" || fail "india_government.py: $(cat "$work/$name.client")"
# Four quarters in each of two trials, two levers each.
grep -qx 'moves: 16' "$work/$name.client" || fail "india_government.py: $(cat "$work/$name.client")"
grep -q '^2024-04-0[1-7] trial 0: in_stockpile_release ' "$work/$name.client" ||
  fail "no move at the second quarter: $(cat "$work/$name.client")"
grep -qx 'actions: 106 recorded (106 applied, 0 deadline, 0 disconnected, 0 rejected, 0 rejoined)' \
  "$work/$name.out" || fail "$name: $(cat "$work/$name.out")"
[ "$digest" != "$plain" ] || fail "the government's moves left the digest of the run without it"
replays $name
echo "ok: the Python government played 2 trials, moved its levers each quarter, and its game" \
  "replays to digest $digest"
