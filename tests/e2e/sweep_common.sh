# shellcheck shell=bash
# Helpers of the sweep_* end-to-end scripts, on top of run_common.sh; sourced, not run.
# Each script is called as SCRIPT REESIM SWEEPS, SWEEPS being tests/e2e/sweeps.
# shellcheck source-path=SCRIPTDIR source=run_common.sh
source "$(dirname "${BASH_SOURCE[0]}")/run_common.sh"
sweeps=$folder

# sweep_digest NAME OUT ARGS...: runs `reesim sweep SWEEPS/NAME.textproto --quiet --out OUT
# ARGS...`, requires exit 0 and a last stdout line 'digest: <64 hex>', and prints the hex.
sweep_digest() {
  local name=$1 out=$2 stdout rc last
  shift 2
  stdout=$("$reesim" sweep "$sweeps/$name.textproto" --quiet --out "$out" "$@" 2>"$work/stderr")
  rc=$?
  [ "$rc" -eq 0 ] || fail "reesim sweep $name $*: exited $rc: $(cat "$work/stderr")"
  last=$(tail -n 1 <<<"$stdout")
  [[ $last =~ ^digest:\ ([0-9a-f]{64})$ ]] || fail "reesim sweep $name $*: last line is '$last'"
  echo "${BASH_REMATCH[1]}"
}

# expect_refusal WHAT REGEX COMMAND...: COMMAND exits 2 and prints one line on stderr, matching
# the extended REGEX.
expect_refusal() {
  local what=$1 regex=$2 rc
  shift 2
  "$@" >"$work/refused.out" 2>"$work/refused.err"
  rc=$?
  [ "$rc" -eq 2 ] || fail "$what: exit $rc, expected 2: $(cat "$work/refused.err")"
  expect_equal "$what: lines on stderr" 1 "$(wc -l <"$work/refused.err")"
  grep -Eq -- "$regex" "$work/refused.err" ||
    fail "$what: stderr does not match /$regex/: $(cat "$work/refused.err")"
  echo "refused ($what): $(cat "$work/refused.err")"
}
