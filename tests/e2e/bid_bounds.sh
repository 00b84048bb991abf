#!/usr/bin/env bash
# Bounds on bids are sanity limits, not what sets a peak (docs/model.md §7.6): in the calibrated
# licensing run fewer than 5 % of bidders' ticks are held down by their bound (its
# bids_at_bound_share), and raising every bound tenfold (magnet makers' max_input_price_ratio,
# magnet buyers' max_price_ratio) moves the medians of the Dy and Tb premium peaks by under 5 %.
#   bid_bounds.sh REESIM FOLDER     (FOLDER: runs/china-licensing-2025)
# shellcheck source-path=SCRIPTDIR source=run_common.sh
source "$(dirname "$0")/run_common.sh"

# overrides FACTOR: one --set pair per line raising every bound in the scenario FACTOR times (a
# bound the scenario leaves at its default, 12, as well).
overrides() {
  /usr/bin/python3 - "$folder/scenario.textproto" "$1" <<'PY'
import re, sys
text, factor = open(sys.argv[1]).read(), float(sys.argv[2])
bound = {"magnet_maker": "max_input_price_ratio", "magnet_buyer": "max_price_ratio"}
for block in re.findall(r"\nagents \{.*?\n\}", text, re.S):
    kind = re.search(r'type: "([^"]+)"', block).group(1)
    if kind not in bound:
        continue
    name = bound[kind]
    agent = re.search(r'id: "([^"]+)"', block).group(1)
    found = re.search(r'params \{ name: "%s" value \{ (\w+) \{ ([^}]*) \} \} \}' % name, block)
    if not found:
        value = "%g" % (12 * factor)
    else:
        fields = re.findall(r"(\w+): ([-\d.e]+)", found.group(2))
        value = "%s { %s }" % (found.group(1), " ".join("%s: %g" % (k, float(v) * factor) for k, v in fields))
    print("--set")
    print("agents[%s].params[%s].value=%s" % (agent, name, value))
PY
}

# median SUMMARY SCALAR: the p50 column of SCALAR's row in summary.csv.
median() {
  awk -F, -v s="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "p50") col = i }
    $1 == s { print $col }' "$1"
}

mapfile -t tenfold < <(overrides 10)
[ "${#tenfold[@]}" -ge 20 ] || fail "expected a bound for every maker and buyer, got ${#tenfold[@]} lines"
run_digest "$work/as_run" >/dev/null || exit 1
run_digest "$work/tenfold" "${tenfold[@]}" >/dev/null || exit 1

share=$(median "$work/as_run/summary.csv" bids_at_bound_share)
echo "bids held at their bound: median share $share"
/usr/bin/python3 -c "import sys; sys.exit(0 if float('$share') < 0.05 else 1)" ||
  fail "median share of bids held at their bound $share, not under 0.05"
for scalar in dy_premium_peak_8w tb_premium_peak_8w; do
  before=$(median "$work/as_run/summary.csv" "$scalar")
  after=$(median "$work/tenfold/summary.csv" "$scalar")
  echo "$scalar: median $before as run, $after with every bound tenfold"
  /usr/bin/python3 -c "import sys; sys.exit(0 if abs($after / $before - 1) < 0.05 else 1)" ||
    fail "$scalar moved from $before to $after (5 % or more) when the bounds rose tenfold"
done
