#!/usr/bin/env bash
# `reesim report` in a real browser. Debian's chromium loads, headless, the report of a quick-start
# run (trial series, a calibration check) and of a small Saltelli sweep, each at a 375 px (phone)
# and a 1280 px viewport. Fails on any console message (the report writes none, so JS exceptions,
# console.error and blocked loads all show), and reads the layout facts the report's script
# writes into <pre id="layout-facts">: every chart is drawn with a non-zero size and the page is no
# wider than the viewport (tables scroll in their own boxes). First it shows that a page with a
# console error and an exception is caught. A 1280 px screenshot of the quick-start report is
# left in OUT.
#   report_browser.sh REESIM SOURCE_DIR OUT
# Fails (does not skip) when chromium is missing: `scripts/dev.sh test` installs it.
set -u
reesim=$1
source_dir=$2
out=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

command -v chromium >/dev/null ||
  fail "chromium is not installed (Debian's chromium; scripts/dev.sh test installs it)"
rm -rf "$out"
mkdir -p "$out"

# browse NAME FILE WIDTH [chromium options...]: loads FILE headless at a viewport WIDTH CSS px wide
# into $work/NAME.dom (--dump-dom, unless options say otherwise) and $work/NAME.err (its log), in
# a fresh profile. Headless windows are never narrower than 500 px, so a narrower viewport is a
# 500 px window showing the page zoomed by 500/WIDTH (a profile preference): the page lays out
# in WIDTH CSS px, as on a phone of that width.
browse() {
  local name=$1 file=$2 width=$3 window=$3 profile="$work/profile-$1"
  shift 3
  mkdir -p "$profile/Default"
  if ((width < 500)); then
    window=500
    awk -v w="$width" 'BEGIN { printf "{\"partition\":{\"default_zoom_level\":{\"x\":%.17g}}}\n",
                               log(500 / w) / log(1.2) }' >"$profile/Default/Preferences"
  fi
  local options=("$@")
  ((${#options[@]} > 0)) || options=(--window-size="$window,800" --dump-dom)
  timeout 120 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$profile" \
    --enable-logging=stderr --v=0 "${options[@]}" "file://$file" >"$work/$name.dom" \
    2>"$work/$name.err" || fail "$name: chromium exited $? on $file: $(tail -n 5 "$work/$name.err")"
}

# console NAME: the console messages (and uncaught exceptions) in NAME's log; dbus noise is not.
console() {
  grep -E ':CONSOLE[:(]|Uncaught' "$work/$1.err"
}

# The detector sees an error: a page with console.error and an exception.
cat >"$work/bad.html" <<'HTML'
<!DOCTYPE html><html><body><p>bad</p>
<script>console.error("an error logged");</script><script>notDefined();</script></body></html>
HTML
browse bad "$work/bad.html" 1280
console bad | grep -q "an error logged" || fail "console.error not seen in: $(cat "$work/bad.err")"
console bad | grep -q "Uncaught ReferenceError" || fail "the exception not seen"

"$reesim" run "$source_dir/runs/quickstart-2024" --trial-series --threads 2 --quiet \
  --out "$out/quickstart" --report >"$work/run.out" 2>&1 || fail "reesim run: $(cat "$work/run.out")"
grep -qx "report: $out/quickstart/report.html" "$work/run.out" || fail "run --report: $(cat "$work/run.out")"
"$reesim" sweep "$source_dir/tests/e2e/sweeps/saltelli.textproto" --threads 2 --quiet \
  --out "$out/saltelli" --report >"$work/sweep.out" 2>&1 || fail "reesim sweep: $(cat "$work/sweep.out")"

for report in quickstart saltelli; do
  html="$out/$report/report.html"
  [ -s "$html" ] || fail "no $html"
  charts=$(grep -o '<svg class="chart' "$html" | wc -l)
  ((charts > 0)) || fail "$html: no charts"
  for width in 375 1280; do
    name="$report-$width"
    browse "$name" "$html" "$width"
    messages=$(console "$name")
    [ -z "$messages" ] || fail "$name: console messages: $messages"
    facts=$(sed -n 's:.*<pre id="layout-facts">\(.*\)</pre>.*:\1:p' "$work/$name.dom")
    [ -n "$facts" ] || fail "$name: no layout facts (did the script run?)"
    inner=$(sed -n 's/.*"innerWidth":\([0-9.]*\).*/\1/p' <<<"$facts")
    scroll=$(sed -n 's/.*"scrollWidth":\([0-9.]*\).*/\1/p' <<<"$facts")
    [ "$inner" == "$width" ] || fail "$name: the viewport is $inner px, not $width: $facts"
    awk -v s="$scroll" -v w="$width" 'BEGIN { exit !(s <= w) }' ||
      fail "$name: the page is $scroll px wide in a $width px viewport"
    sizes=$(grep -o '\[[0-9.]*,[0-9.]*\]' <<<"$facts" | tr -d '[]')
    [ "$(wc -l <<<"$sizes")" -eq "$charts" ] || fail "$name: $charts charts, sizes of: $sizes"
    while IFS=, read -r w h; do
      awk -v w="$w" -v h="$h" 'BEGIN { exit !(w > 0 && h > 0) }' ||
        fail "$name: a chart is drawn ${w} x ${h}: $facts"
    done <<<"$sizes"
    echo "$name: $charts charts, page $scroll px wide in a $inner px viewport"
  done
done

browse screenshot "$out/quickstart/report.html" 1280 --window-size=1280,2000 \
  --screenshot="$out/report-quickstart.png"
[ "$(head -c 4 "$out/report-quickstart.png" | tail -c 3)" == PNG ] ||
  fail "no PNG screenshot in $out/report-quickstart.png"
echo "screenshot: $out/report-quickstart.png"
