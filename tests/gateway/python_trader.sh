#!/usr/bin/env bash
# The Python client's trader example (clients/python/examples/trader.py), run with Debian's
# /usr/bin/python3 and python3-protobuf against `reesim serve`: it plays the whole game, every
# action it sends is applied and recorded, and the recorded game replays to its digest.
#   python_trader.sh REESIM CLIENT_DIR EXAMPLES FOLDER
#     CLIENT_DIR: build/clients/python; EXAMPLES: clients/python/examples; FOLDER: quick start
set -u
reesim=$1
client_dir=$2
examples=$3
folder=$4
# shellcheck source-path=SCRIPTDIR source=serve_common.sh
source "$(dirname "$0")/serve_common.sh"

name=trader
serve $name
PYTHONPATH=$client_dir timeout 120 /usr/bin/python3 "$examples/trader.py" "$port" lp_global \
  >"$work/$name.client" 2>&1 || fail "trader.py: $(cat "$work/$name.client")"
finish $name
grep -qx 'ticks: 106' "$work/$name.client" || fail "trader.py: $(cat "$work/$name.client")"
grep -q '^trial 1: ' "$work/$name.client" || fail "no TrialEnd scalars: $(cat "$work/$name.client")"
grep -qx 'actions: 106 recorded (106 applied, 0 deadline, 0 disconnected, 0 rejected, 0 rejoined)' \
  "$work/$name.out" || fail "$name: $(cat "$work/$name.out")"
replays $name
echo "ok: the Python trader played 2 trials and its game replays to digest $digest"
