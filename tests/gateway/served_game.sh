#!/usr/bin/env bash
# A game served by `reesim serve` to a client in another process (gateway_client) that plays the
# liquidity provider by recomputing its built-in rule from the Observations: its digest equals the
# run without the gateway; one order changed at one tick changes it; a missed deadline and a
# disconnect fall back to the built-in rule and are recorded; a client that comes back within
# --wait plays on; `reesim reproduce OUTDIR` replays each recorded game to its digest with no
# client. The digest cases run without a deadline.
#   served_game.sh REESIM CLIENT FOLDER     (FOLDER: the quick-start run folder)
set -u
reesim=$1
client=$2
folder=$3
# shellcheck source-path=SCRIPTDIR source=serve_common.sh
source "$(dirname "$0")/serve_common.sh"

# Bad input: one line naming the problem, exit 2, nothing served.
# expect_refusal PATTERN ARGS...: `reesim serve FOLDER ARGS...` exits 2 with one stderr line
# matching PATTERN.
expect_refusal() {
  local pattern=$1 rc
  shift
  timeout 30 "$reesim" serve "$folder" --out "$work/refused" --start-wait 0 "$@" >/dev/null \
    2>"$work/refused.err"
  rc=$?
  [ "$rc" -eq 2 ] || fail "serve $*: exit $rc, expected 2: $(cat "$work/refused.err")"
  [ "$(wc -l <"$work/refused.err")" -eq 1 ] || fail "serve $*: $(cat "$work/refused.err")"
  grep -q -- "$pattern" "$work/refused.err" || fail "serve $*: $(cat "$work/refused.err")"
}
expect_refusal 'is not a loopback address: a token file (--token-file) is required' \
  --listen 0.0.0.0:0
expect_refusal "expected HOST:PORT" --listen 127.0.0.1
expect_refusal "is not an IP address" --listen localhost:0
expect_refusal "$work/none: cannot open the token file" --token-file "$work/none"
: >"$work/empty_token"
expect_refusal "$work/empty_token:1: the token file holds no token" --token-file "$work/empty_token"

plain=$("$reesim" run "$folder" --trials 2 --quiet --out "$work/plain" | tail -n 1)
plain=${plain#digest: }
[[ $plain =~ ^[0-9a-f]{64}$ ]] || fail "reesim run gave no digest: '$plain'"

# The rule recomputed from Observations: the same digest, 2 trials x 53 ticks of actions.
name=recompute
serve $name
timeout 120 "$client" "$port" lp_global recompute >"$work/$name.client" ||
  fail "client $name: $(cat "$work/$name.client")"
finish $name
[ "$digest" == "$plain" ] || fail "recomputed rule: digest $digest, without gateway $plain"
grep -qx 'actions: 106 recorded (106 applied, 0 deadline, 0 disconnected, 0 rejected, 0 rejoined)' \
  "$work/$name.out" || fail "$name: $(cat "$work/$name.out")"
grep -qx 'ticks: 106' "$work/$name.client" || fail "$name client: $(cat "$work/$name.client")"
replays $name

# One bid half as high again at one tick: another digest, and its replay gives it back.
name=perturb
serve $name
timeout 120 "$client" "$port" lp_global perturb 10 >"$work/$name.client" ||
  fail "client $name: $(cat "$work/$name.client")"
finish $name
[ "$digest" != "$plain" ] || fail "a changed action left the digest unchanged"
perturbed=$digest
replays $name

# A deadline missed at one tick: the built-in rule decides it (the same orders here, so the same
# digest), recorded as such.
name=deadline
serve $name --tick-timeout-ms 500
timeout 120 "$client" "$port" lp_global sleep 5 >"$work/$name.client" ||
  fail "client $name: $(cat "$work/$name.client")"
finish $name
[ "$digest" == "$plain" ] || fail "deadline fallback: digest $digest, without gateway $plain"
# The client sleeps 2 s on a 0.5 s deadline: that tick and the next few fall back (how many
# depends on the machine's speed), the late Actions are dropped, and it plays again after.
line=$(grep '^actions: ' "$work/$name.out")
[[ $line =~ ^actions:\ 106\ recorded\ \(([0-9]+)\ applied,\ ([0-9]+)\ deadline,\ 0\ disconnected,\ 0\ rejected,\ 0\ rejoined\)$ ]] ||
  fail "$name: '$line'"
((BASH_REMATCH[2] >= 1 && BASH_REMATCH[1] >= 90)) || fail "$name: '$line'"
replays $name

# A client gone at tick 20 and none back within --wait 1: the built-in rule for the rest of the
# run.
name=quit
serve $name --wait 1
timeout 120 "$client" "$port" lp_global quit 20 >"$work/$name.client" && fail "quit: exit 0"
finish $name
[ "$digest" == "$plain" ] || fail "disconnect fallback: digest $digest, without gateway $plain"
grep -qx 'actions: 21 recorded (20 applied, 0 deadline, 1 disconnected, 0 rejected, 0 rejoined)' \
  "$work/$name.out" || fail "$name: $(cat "$work/$name.out")"
replays $name

# A client gone at tick 5 and another process asking for the same agent within --wait: the trial
# waits at tick 5, the second client plays from there and raises its bid at tick 10. The game is
# the one a single client raising that bid played (perturb), not the run without clients.
name=rejoin
serve $name --wait 60
timeout 120 "$client" "$port" lp_global quit 5 >"$work/$name.first" && fail "rejoin: exit 0"
timeout 120 "$client" "$port" lp_global perturb 10 >"$work/$name.client" ||
  fail "client $name: $(cat "$work/$name.client")"
finish $name
[ "$digest" == "$perturbed" ] || fail "rejoined game: digest $digest, one client $perturbed"
grep -qx 'actions: 107 recorded (106 applied, 0 deadline, 0 disconnected, 0 rejected, 1 rejoined)' \
  "$work/$name.out" || fail "$name: $(cat "$work/$name.out")"
grep -qx 'ticks: 101' "$work/$name.client" || fail "$name client: $(cat "$work/$name.client")"
replays $name
echo "ok: served games equal the run without clients and replay to their digests"
