# shellcheck shell=bash
# Helpers shared by the gateway's end-to-end scripts; sourced, not run. The caller sets `reesim`
# and `folder`; each script works in a private folder removed on exit, and a server it started is
# killed on exit.
set -u
work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# serve NAME ARGS...: starts `reesim serve FOLDER --trials 2 --out WORK/NAME ARGS...` in the
# background and sets `port` from its 'listening:' line (at most 30 s).
serve() {
  local name=$1
  shift
  "$reesim" serve "$folder" --trials 2 --start-wait 60 --out "$work/$name" "$@" \
    >"$work/$name.out" 2>"$work/$name.err" &
  server_pid=$!
  port=
  for _ in $(seq 1 300); do
    port=$(sed -n 's/^listening: 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$work/$name.out")
    [ -n "$port" ] && return 0
    kill -0 "$server_pid" 2>/dev/null || fail "serve $name exited early: $(cat "$work/$name.err")"
    sleep 0.1
  done
  fail "serve $name printed no port in 30 s"
}

# finish NAME: waits for the server (at most 120 s), requires exit 0 and sets `digest` from its
# last line.
finish() {
  local name=$1 rc last
  for _ in $(seq 1 1200); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$server_pid" 2>/dev/null && fail "serve $name still running after 120 s"
  wait "$server_pid"
  rc=$?
  server_pid=
  [ "$rc" -eq 0 ] || fail "serve $name exited $rc: $(cat "$work/$name.err")"
  last=$(tail -n 1 "$work/$name.out")
  [[ $last =~ ^digest:\ ([0-9a-f]{64})$ ]] || fail "serve $name: last line is '$last'"
  digest=${BASH_REMATCH[1]}
}

# replays NAME: `reesim reproduce WORK/NAME` matches with no client.
replays() {
  local out
  out=$("$reesim" reproduce "$work/$1" 2>&1) || fail "reproduce $1: $out"
  grep -qx 'match' <<<"$out" || fail "reproduce $1: $out"
}

