# shellcheck shell=bash
# Helpers shared by the run_* and reproduce_* end-to-end scripts; sourced, not run.
# Each script is called as SCRIPT REESIM FOLDER and works in a private folder removed on exit.
set -u
reesim=$1
folder=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# fail MESSAGE...: prints FAIL and the message, exits 1 (the whole script, not a subshell's caller).
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# run_digest OUT ARGS...: runs `reesim run FOLDER --quiet --out OUT ARGS...`, requires exit 0 and a
# last stdout line 'digest: <64 hex>', and prints the hex. Use as d=$(run_digest ...) || exit 1.
run_digest() {
  local out=$1 stdout rc last
  shift
  stdout=$("$reesim" run "$folder" --quiet --out "$out" "$@" 2>"$work/stderr")
  rc=$?
  [ "$rc" -eq 0 ] || fail "reesim run $* exited $rc: $(cat "$work/stderr")"
  last=$(tail -n 1 <<<"$stdout")
  [[ $last =~ ^digest:\ ([0-9a-f]{64})$ ]] || fail "reesim run $*: last line is '$last'"
  echo "${BASH_REMATCH[1]}"
}

# expect_equal WHAT EXPECTED ACTUAL
expect_equal() {
  [ "$2" == "$3" ] || fail "$1: expected '$2', got '$3'"
}
