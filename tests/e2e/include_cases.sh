#!/usr/bin/env bash
# Scenario includes and --add-policy end to end, on the quick-start world: the refusals (exit 2)
# and their messages, a variant that changes nothing giving the folder's own digest, --add-policy
# giving the digest of the same policy written in a variant, the manifest's included_files, and
# merge refusing shards whose included files differ.
#   include_cases.sh REESIM RUNS
# shellcheck source-path=SCRIPTDIR source=run_common.sh
source "$(dirname "$0")/run_common.sh"
runs=$(cd "$folder" && pwd)
quickstart=$runs/quickstart-2024
sweeps=$(cd "$(dirname "$0")/sweeps" && pwd)
cd "$work" || fail "cannot enter $work"

# scenario NAME BODY: writes NAME with the scenario header line.
scenario() {
  mkdir -p "$(dirname "$1")"
  printf '# proto-message: reesim.Scenario\n%s\n' "$2" >"$1"
}

# experiment NAME SCENARIO: an experiment of the quick-start folder's trials and seed on SCENARIO.
experiment() {
  sed "s|^scenario: .*|scenario: \"$2\"|" "$quickstart/experiment.textproto" >"$1"
}

# refused WHAT REGEX COMMAND...: COMMAND exits 2 and some stderr line matches the extended REGEX.
refused() {
  local what=$1 regex=$2 rc
  shift 2
  "$@" >"$work/out" 2>"$work/err"
  rc=$?
  [ "$rc" -eq 2 ] || fail "$what: exit $rc, expected 2: $(cat "$work/err")"
  grep -Eq -- "$regex" "$work/err" || fail "$what: no stderr line matches /$regex/: $(cat "$work/err")"
  echo "refused ($what): $(head -n 1 "$work/err")"
}

# A cycle a -> b -> a: refused where it closes, naming the chain, by validate and by run.
scenario cycle/a.textproto 'include: "b.textproto"'
scenario cycle/b.textproto 'include: "../cycle/a.textproto"'
experiment cycle/experiment.textproto a.textproto
refused "include cycle" \
  '^cycle/b\.textproto: include\[0\]: include cycle: cycle/a\.textproto -> cycle/b\.textproto -> cycle/a\.textproto$' \
  "$reesim" validate cycle/a.textproto
refused "include cycle, run" 'include cycle: cycle/a\.textproto -> cycle/b\.textproto -> cycle/a\.textproto$' \
  "$reesim" run cycle --quiet --out "$work/never"

# A missing file two levels down: refused naming the chain.
scenario missing/top.textproto 'include: "mid/mid.textproto"'
scenario missing/mid/mid.textproto 'include: "../nowhere.textproto"'
refused "missing include" \
  '^missing/mid/mid\.textproto: include\[0\]: "\.\./nowhere\.textproto" does not exist: missing/top\.textproto -> missing/mid/mid\.textproto -> missing/nowhere\.textproto$' \
  "$reesim" validate missing/top.textproto

# The same policy id from two included files, not chosen by the including file: both named.
scenario conflict/left.textproto 'policies { id: "in_tariff" type: "tariff" enacted_by: "IN" }'
scenario conflict/right.textproto 'policies { id: "in_tariff" type: "tariff" enacted_by: "US" }'
scenario conflict/top.textproto "include: [\"$quickstart/scenario.textproto\", \"left.textproto\", \"right.textproto\"]"
refused "conflicting ids" \
  '^conflict/top\.textproto: include\[2\]: policy "in_tariff" comes from both conflict/left\.textproto and conflict/right\.textproto; define or remove it in conflict/top\.textproto to choose$' \
  "$reesim" validate conflict/top.textproto

# Removing an id the included scenario does not have.
scenario remove/top.textproto "include: \"$quickstart/scenario.textproto\"
remove { policies: [\"us_tarif_cn\"] }"
refused "remove a missing id" \
  "^remove/top\.textproto: remove\.policies\[0\]: no policy \"us_tarif_cn\" in the included scenarios; did you mean 'us_tariff_cn'\?$" \
  "$reesim" validate remove/top.textproto

# A problem of the merged scenario is reported in the file and at the index where it is written.
scenario located/top.textproto "include: \"$quickstart/scenario.textproto\"
policies { id: \"in_tariff\" type: \"tariff\" enacted_by: \"IND\" }"
refused "located problem" \
  "^located/top\.textproto: policies\[in_tariff\]\.enacted_by: unknown nation \"IND\"; did you mean 'IN'\?$" \
  "$reesim" validate located/top.textproto

# A variant that changes nothing but its id runs the folder's world: the folder's digest.
scenario same/scenario.textproto "include: \"$quickstart/scenario.textproto\"
id: \"quickstart-again\""
experiment same/experiment.textproto scenario.textproto
"$reesim" validate same/experiment.textproto >/dev/null || fail "the unchanged variant does not validate"
declared=$(cat "$quickstart/expected_digest")
folder=same
expect_equal "digest of a variant that changes nothing" "$declared" "$(run_digest "$work/same-out")"
grep -q '^included_files {$' "$work/same-out/manifest.textproto" ||
  fail "the manifest lists no included_files"
grep -Fq "  sha256: \"$(sha256sum "$quickstart/scenario.textproto" | cut -d' ' -f1)\"" \
  "$work/same-out/manifest.textproto" || fail "the manifest lacks the included file's sha256"

# --add-policy: a ban on China's magnet exports from a policy file gives the digest of the same ban
# written in a variant, and enters the manifest with its SHA-256.
cat >ban.textproto <<'BAN'
# proto-message: reesim.Policy
id: "cn_magnet_ban" type: "export_ban" enacted_by: "CN"
origins: ["CN"] commodities: ["ndfeb_magnet"]
activation { date: "2024-06-03" }
BAN
scenario banned/scenario.textproto "include: \"$quickstart/scenario.textproto\"
$(grep -v '^#' ban.textproto | sed '1s/^/policies { /; $s/$/ }/')"
experiment banned/experiment.textproto scenario.textproto
folder=banned
written=$(run_digest "$work/banned-out") || exit 1
folder=$quickstart
added=$(run_digest "$work/added-out" --add-policy ban.textproto) || exit 1
expect_equal "digest with --add-policy" "$written" "$added"
[ "$added" != "$declared" ] || fail "--add-policy changed nothing"
grep -A3 '^included_files {$' "$work/added-out/manifest.textproto" >"$work/entry"
grep -Fxq '  path: "ban.textproto"' "$work/entry" || fail "manifest entry: $(cat "$work/entry")"
grep -Fxq "  sha256: \"$(sha256sum ban.textproto | cut -d' ' -f1)\"" "$work/entry" ||
  fail "manifest entry: $(cat "$work/entry")"
grep -Fxq '  included_by: "--add-policy"' "$work/entry" || fail "manifest entry: $(cat "$work/entry")"

# --add-policy with the id of a scenario policy replaces it: the policy count stays.
cat >tariff.textproto <<'TARIFF'
id: "us_tariff_cn" type: "tariff" enacted_by: "US" origins: ["CN"] destinations: ["US"]
params { name: "rate" value { fixed: 0.5 } }
TARIFF
run_digest "$work/replaced-out" --add-policy tariff.textproto >/dev/null || exit 1
expect_equal "policies after a replacing --add-policy" \
  "$(grep -c '^  policies {$' "$work/same-out/manifest.textproto")" \
  "$(grep -c '^  policies {$' "$work/replaced-out/manifest.textproto")"

# A bad policy file: its problems are reported in it (exit 2); a missing one is refused.
cat >bad.textproto <<'BAD'
id: "bad" type: "tariff" enacted_by: "XX"
params { name: "rate" value { fixed: 20 } }
BAD
refused "--add-policy with an unknown nation" '^bad\.textproto: enacted_by: unknown nation "XX"' \
  "$reesim" run "$quickstart" --quiet --out "$work/never" --add-policy bad.textproto
grep -Fq 'bad.textproto: params[0].value: value 20 is outside the valid range [0, 10]' "$work/err" ||
  fail "--add-policy: the out-of-range rate is not reported: $(cat "$work/err")"
refused "--add-policy of a missing file" '^nowhere\.textproto: cannot open' \
  "$reesim" run "$quickstart" --quiet --out "$work/never" --add-policy nowhere.textproto
scenario fragment.textproto 'nations { id: "ZZ" }
policies { id: "p" type: "tariff" enacted_by: "IN" }'
refused "--add-policy fragment with other fields" \
  '^fragment\.textproto: an --add-policy file adds policies only; it also sets nations$' \
  "$reesim" run "$quickstart" --quiet --out "$work/never" --add-policy fragment.textproto
[ -e "$work/never" ] && fail "a refused run wrote $work/never"

# A sweep takes --add-policy too, and merge refuses shards whose included files differ.
sed "s|^scenario: .*|scenario: \"$quickstart/scenario.textproto\"|" \
  "$sweeps/grid.textproto" >grid.textproto
"$reesim" sweep grid.textproto --quiet --shard 1/2 --out s1 --threads 2 --add-policy ban.textproto \
  >/dev/null 2>"$work/err" || fail "sweep --add-policy: $(cat "$work/err")"
grep -Fq '  included_by: "--add-policy"' s1/manifest.textproto || fail "the sweep's manifest lacks ban.textproto"
echo '# changed' >>ban.textproto
"$reesim" sweep grid.textproto --quiet --shard 2/2 --out s2 --threads 2 --add-policy ban.textproto \
  >/dev/null 2>"$work/err" || fail "sweep --add-policy: $(cat "$work/err")"
refused "merge of shards whose included files differ" \
  '^s2: its included file ban\.textproto sha256 [0-9a-f]{64} differs from [0-9a-f]{64} in s1: shards of different sweeps cannot be merged$' \
  "$reesim" merge s1 s2 --out merged
echo "ok"
