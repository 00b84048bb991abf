#!/usr/bin/env bash
# Adversarial inputs are refused with exit 2 and one plain, located line (docs/limits.md): thread
# counts, run and sweep sizes beyond the bounds or beyond memory, bench book's message counts and
# streams, Slurm array variables, strings that are not UTF-8 or ids outside the safe set, numbers
# that are not finite or beyond their physical bounds, seeds, shards, JSON that is not one object,
# and output folders that are not folders. Memory exhaustion is tested by its refusal only.
#   hardening.sh REESIM FOLDER (the quick-start run folder)
# shellcheck source-path=SCRIPTDIR source=run_common.sh
source "$(dirname "$0")/run_common.sh"
e2e=$(dirname "$0")
sweeps=$e2e/sweeps
tiny=$(realpath "$e2e/malformed/tiny.scenario.textproto")

# expect_message WHAT CODE FIRST-LINE COMMAND...: COMMAND exits CODE and the first line of its
# stderr is exactly FIRST-LINE.
expect_message() {
  local what=$1 code=$2 line=$3 rc
  shift 3
  "$@" >"$work/out" 2>"$work/err"
  rc=$?
  expect_equal "$what: exit status" "$code" "$rc"
  expect_equal "$what: message" "$line" "$(head -n 1 "$work/err")"
  echo "$what: exit $rc: $line"
}

# expect_refusal WHAT REGEX COMMAND...: COMMAND exits 2 and some line of its stderr matches the
# extended REGEX; libprotobuf's own log never shows.
expect_refusal() {
  local what=$1 regex=$2 rc
  shift 2
  "$@" >"$work/out" 2>"$work/err"
  rc=$?
  expect_equal "$what: exit status ($(head -n 3 "$work/err"))" 2 "$rc"
  grep -Eq -- "$regex" "$work/err" || fail "$what: no line matches '$regex' in: $(cat "$work/err")"
  grep -q "libprotobuf" "$work/err" && fail "$what: libprotobuf's log reached stderr"
  echo "$what: exit 2: $(grep -E -m1 -- "$regex" "$work/err")"
}

# variant NAME SED-SCRIPT: writes the tiny scenario, edited by SED-SCRIPT, as
# NAME.scenario.textproto in the work folder, and prints its path.
variant() {
  local name=$1 script=$2
  sed -e "$script" "$tiny" >"$work/$name.scenario.textproto"
  echo "$work/$name.scenario.textproto"
}

### 1. --threads has an upper bound; 16 and 64 still work.
for command in run check reproduce; do
  expect_message "$command --threads 10000000" 2 "reesim: --threads must be at most 1024, got 10000000" \
    "$reesim" "$command" "$folder" --threads 10000000
done
expect_message "sweep --threads 2147483648" 2 "reesim: --threads must be at most 1024, got 2147483648" \
  "$reesim" sweep "$sweeps/grid.textproto" --threads 2147483648 --out "$work/never"
expect_message "bench trials --threads 5000000" 2 "reesim: --threads must be at most 1024, got 5000000" \
  "$reesim" bench trials --threads 5000000
expect_message "--threads 99999999999999999999" 2 \
  "reesim: --threads must be at most 1024, got 99999999999999999999" \
  "$reesim" run "$folder" --threads 99999999999999999999 --out "$work/never"
expect_message "bench trials --trials 10^12" 2 "reesim: --trials must be at most 100000000, got 1000000000000" \
  "$reesim" bench trials --trials 1000000000000
for threads in 16 64; do
  run_digest "$work/threads_$threads" --threads "$threads" --trials 4 >/dev/null || exit 1
  echo "--threads $threads: runs"
done

### 2. Sizes: trials, points x replicates, and memory estimated before the run.
expect_refusal "--trials above the bound" \
  "experiment\.textproto \(with the command line's settings\): trials: must be at most 100000000, got 100000001" \
  "$reesim" run "$folder" --trials 100000001 --out "$work/never"
quickstart=$(realpath "$folder/scenario.textproto")
sed -e "s|^scenario: .*|scenario: \"$quickstart\"|" \
  -e 's/design: DESIGN_GRID/design: DESIGN_GRID replicates: 2147483647/' \
  "$sweeps/grid.textproto" >"$work/grid.textproto"
expect_refusal "sweep.replicates 2147483647" \
  "grid\.textproto: sweep\.replicates: 6 points x 2147483647 replicates is more than the 1000000000 jobs a sweep may have" \
  "$reesim" validate "$work/grid.textproto"
expect_refusal "sweep --shard 1/2560 of 2147483647 replicates" "sweep\.replicates: .* jobs a sweep may have" \
  "$reesim" sweep "$work/grid.textproto" --shard 1/2560 --out "$work/never"
expect_refusal "a run whose results cannot fit in memory" \
  "^reesim run: .*experiment\.textproto: 100000000 trials needs about [0-9.]+ [GT]iB of memory for its results, more than this machine's [0-9.]+ GiB; keep fewer trials' series" \
  "$reesim" run "$folder" --trials 100000000 --trial-series --out "$work/never"

### 3. bench book: --messages bounded, --stream guarded like every input file.
expect_message "bench book --messages 2^64-1" 2 \
  "reesim: --messages must be at most 100000000, got 18446744073709551615" \
  "$reesim" bench book --messages 18446744073709551615
expect_message "bench book --stream /dev/zero" 2 \
  "/dev/zero: is not a regular file (device, FIFO or socket)" \
  timeout 20 "$reesim" bench book --stream /dev/zero
mkfifo "$work/fifo"
expect_message "bench book --stream FIFO" 2 "$work/fifo: is not a regular file (device, FIFO or socket)" \
  timeout 20 "$reesim" bench book --stream "$work/fifo"
expect_message "bench book --stream DIR" 2 "$work: is a directory, not a stream CSV" \
  "$reesim" bench book --stream "$work"
expect_message "bench book --stream missing" 2 "$work/missing.csv: cannot open: No such file or directory" \
  "$reesim" bench book --stream "$work/missing.csv"

### 4. Slurm array variables: no overflow, inconsistent values refused.
expect_refusal "SLURM_ARRAY_TASK_ID - MIN overflowing" \
  "SLURM_ARRAY_TASK_ID=-9223372036854775808 with SLURM_ARRAY_TASK_MIN=9223372036854775807 lies outside the array's 4 tasks" \
  env SLURM_ARRAY_TASK_ID=-9223372036854775808 SLURM_ARRAY_TASK_MIN=9223372036854775807 \
  SLURM_ARRAY_TASK_COUNT=4 "$reesim" sweep "$sweeps/grid.textproto" --out "$work/never"
expect_refusal "SLURM_ARRAY_TASK_MAX disagreeing" "are inconsistent" \
  env SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_MAX=9 SLURM_ARRAY_TASK_COUNT=4 \
  "$reesim" sweep "$sweeps/grid.textproto" --out "$work/never"

### 5. Strings: UTF-8 everywhere, ids from the safe set, no NUL.
printf '# proto-message: reesim.Scenario\nid: "tiny"\n' >"$work/raw.textproto"
for bytes in '\xed\xa0\x80' '\xf4\x90\x80\x80' '\xc0\xaf' '\xe0\x80\xaf' '\x80'; do
  printf "# proto-message: reesim.Scenario\nid: \"tiny\"\nnations { id: \"CN\" name: \"a$bytes\" }\n" \
    >"$work/raw.textproto"
  expect_refusal "raw bytes $bytes in a file" "raw\.textproto:3:[0-9]+: binary content \(control byte or invalid UTF-8\)" \
    "$reesim" validate "$work/raw.textproto"
done
s=$(variant escaped 's/name: "China"/name: "\\377\\376"/')
expect_refusal "escaped bytes in a string" \
  "escaped\.scenario\.textproto: nations\[[^]]*\]\.name: is not valid UTF-8 \(byte 0xFF at offset 0\)" \
  "$reesim" validate "$s"
s=$(variant surrogate 's/name: "China"/name: "\\355\\240\\200"/')
expect_refusal "an escaped surrogate" "nations\[[^]]*\]\.name: is not valid UTF-8 \(byte 0xED at offset 0\)" \
  "$reesim" validate "$s"
s=$(variant nul 's/name: "China"/name: "a\\000b"/')
expect_refusal "a NUL in a string" "nations\[[^]]*\]\.name: holds a control character \(NUL, 0x00 at offset 1\)" \
  "$reesim" validate "$s"
s=$(variant scalar_id 's/id: "peak"/id: "\\x00\\377"/')
expect_refusal "a scalar id of escapes" "metrics\[[^]]*\]\.scalars\[0\]\.id: holds byte 0x00 at position 1; an id takes letters" \
  "$reesim" validate "$s"
s=$(variant space_id 's/id: "peak"/id: "peak value"/')
expect_refusal "an id with a space" "\.scalars\[0\]\.id: holds byte 0x20 at position 5; an id takes letters A-Z a-z, digits 0-9, '_', '-' and '\.'" \
  "$reesim" validate "$s"
s=$(variant dots_id 's/id: "tiny"/id: "..\/..\/etc"/')
expect_refusal "an id that is a path" "dots_id\.scenario\.textproto: id: holds '\.' at position 1" \
  "$reesim" validate "$s"
expect_refusal "--set with a raw 0xFF" "^--set: the setting is not valid UTF-8" \
  "$reesim" run "$folder" --set "$(printf 'policies[0].enacted_by=\xff')" --out "$work/never"
expect_refusal "--set of an escape, taken as it is" "\\(with overrides\\): id: holds '\\\\' at position 1" \
  "$reesim" run "$folder" --set 'id=\377' --out "$work/never"

### 6. Numbers: finite everywhere, within the catalogue's ranges and the physical bounds.
check_number() {
  local name=$1 script=$2 regex=$3 s
  s=$(variant "$name" "$script")
  expect_refusal "$name" "$name\.scenario\.textproto: $regex" "$reesim" validate "$s"
}
check_number nan_mean 's/per_year { fixed: 1000 }/per_year { normal { mean: nan sd: 1 } }/' \
  "agents\[[^]]*\]\.capacities\[0\]\.per_year\.normal\.mean: must be a finite number, got nan"
check_number inf_sd 's/per_year { fixed: 1000 }/per_year { normal { mean: 10 sd: inf } }/' \
  "agents\[[^]]*\]\.capacities\[0\]\.per_year\.normal\.sd: must be a finite number, got inf"
check_number inf_fixed 's/per_year { fixed: 1000 }/per_year { fixed: inf }/' \
  "agents\[[^]]*\]\.capacities\[0\]\.per_year\.fixed: must be a finite number, got inf"
check_number huge_fixed 's/per_year { fixed: 1000 }/per_year { fixed: 1e400 }/' \
  "agents\[[^]]*\]\.capacities\[0\]\.per_year\.fixed: must be a finite number, got inf"
check_number huge_capacity 's/per_year { fixed: 1000 }/per_year { fixed: 1e19 }/' \
  "agents\[[^]]*\]\.capacities\[0\]\.per_year: value 1e\+19 is outside the valid range \[0, 1000000000000\]"
check_number inf_tick 's/price_tick: 0.01/price_tick: inf/' \
  "commodities\[[^]]*\]\.price_tick: must be a finite number, got inf"
check_number huge_tick 's/price_tick: 0.01/price_tick: 1e308/' \
  "commodities\[[^]]*\]\.price_tick: must be at most 1000000 USD per unit, got 1e\+308"
check_number fine_tick 's/price_tick: 0.01/price_tick: 1e-300/' \
  "commodities\[[^]]*\]\.price_tick: is too fine for the reference price"
check_number huge_lot 's/quantity_lot: 1 /quantity_lot: 1e19 /' \
  "commodities\[[^]]*\]\.quantity_lot: must be at most 1000000 units, got 1e\+19"
check_number huge_freight 's/jurisdiction: "global" }/jurisdiction: "global" freight { key: "CN" value: 1e300 } }/' \
  "venues\[[^]]*\]\.freight\[CN\]: must be at most 1000000000 USD per unit, got 1e\+300"
check_number inf_freight 's/jurisdiction: "global" }/jurisdiction: "global" freight { key: "CN" value: inf } }/' \
  "venues\[[^]]*\]\.freight\[CN\]: must be a finite number, got inf"
check_number inf_unit_cost 's/type: "miner" nation: "CN"/type: "miner" nation: "CN" params { name: "unit_cost" value { fixed: inf } }/' \
  "agents\[[^]]*\]\.params\[0\]\.value\.fixed: must be a finite number, got inf"
expect_refusal "--set of inf" "^--set: commodities\[0\]\.price_tick: expected double for 'price_tick', got 'inf'" \
  "$reesim" run "$folder" --set 'commodities[0].price_tick=inf' --out "$work/never"

### 9. Seeds: out of range or empty, refused.
for seed in -1 18446744073709551616 99999999999999999999999 ""; do
  expect_message "--seed '$seed'" 2 \
    "reesim: --seed must be a whole number from 0 to 18446744073709551615, got $seed" \
    "$reesim" run "$folder" --seed "$seed" --out "$work/never"
done
expect_message "sweep --seed ''" 2 \
  "reesim: --seed must be a whole number from 0 to 18446744073709551615, got " \
  "$reesim" sweep "$sweeps/grid.textproto" --seed "" --out "$work/never"

### 10. The smaller ones.
expect_message "--shard 1/99999999999" 2 "reesim sweep: --shard '1/99999999999': N must be at most 4000001" \
  "$reesim" sweep "$sweeps/grid.textproto" --shard 1/99999999999 --out "$work/never"
printf '# proto-message: reesim.Experiment\nid: "e"\nscenario: "%s"\ntrials: 2\nchecks { scalar: "peak" min: nan max: 1 }\n' \
  "$tiny" >"$work/nan_check.experiment.textproto"
expect_refusal "a check with min: nan" "nan_check\.experiment\.textproto: checks\[0\]\.min: must be a finite number, got nan" \
  "$reesim" validate "$work/nan_check.experiment.textproto"
grep -q "must not be below min" "$work/err" && fail "min: nan is reported as 'max must not be below min'"
printf '\xef\xbb\xbf{"id": "j", "scenario": "%s", "trials": 2}\n' "$tiny" >"$work/bom.experiment.json"
expect_message "a JSON file with a byte-order mark" 2 \
  "$work/bom.experiment.json:1:1: starts with a UTF-8 byte-order mark (bytes EF BB BF); save the file without it" \
  "$reesim" validate "$work/bom.experiment.json"
printf '[{"id": "j"}]\n' >"$work/array.experiment.json"
expect_message "a JSON array" 2 \
  "$work/array.experiment.json: is a JSON array; a scenario, experiment or policy file in JSON is one object { ... }" \
  "$reesim" validate "$work/array.experiment.json"
printf '{"id": "j",\n "scenario": "%s",\n "trials": 2,\n "trials": 3}\n' "$tiny" >"$work/twice.experiment.json"
expect_message "a duplicate JSON key" 2 "$work/twice.experiment.json:4:2: duplicate member \"trials\" (first on line 3)" \
  "$reesim" validate "$work/twice.experiment.json"
printf '{"id": "j",\n "scenario": "%s",\n "outputs": {"trialSeries": true, "trial_series": false}}\n' \
  "$tiny" >"$work/twice_camel.experiment.json"
expect_refusal "a duplicate JSON key in two spellings" "duplicate member \"trial_series\"" \
  "$reesim" validate "$work/twice_camel.experiment.json"
expect_refusal "a date out of range" "\"2300-12-31\" is outside the supported years 1900 to 2200" \
  "$reesim" validate "$(variant late_date 's/end: "2024-12-31"/end: "2300-12-31"/')"
expect_message "--out /dev/null" 2 "reesim run: /dev/null: is not a folder (a device, FIFO or socket); choose another --out" \
  "$reesim" run "$folder" --trials 2 --quiet --out /dev/null
touch "$work/file"
expect_message "--out a file" 2 "reesim run: $work/file: is not a folder (a file); choose another --out" \
  "$reesim" run "$folder" --trials 2 --quiet --out "$work/file"
ln -s "$work/nowhere" "$work/dangling"
expect_message "--out a dangling symlink" 2 \
  "reesim run: $work/dangling: is a symbolic link to $work/nowhere, which does not exist; create that folder or choose another --out" \
  "$reesim" run "$folder" --trials 2 --quiet --out "$work/dangling"
[ -e "$work/never" ] && fail "a refused command wrote its folder"
echo "ok"
