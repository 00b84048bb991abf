#!/usr/bin/env bash
# Records what `reesim reproduce` compares against, for each run folder:
#   FOLDER/expected_digest      the run digest at the folder's declared trials and seed (one line)
#   FOLDER/expected_trials.csv  that run's trials.csv, to name the first differing trial (its
#                               series_sha256 column pins each trial's series)
#   FOLDER/expected_series.csv  that run's trial_series.csv (`reesim run --trial-series`), to name
#                               the first differing series and date; not for a sweep, whose
#                               per-trial series would be too large to publish (thousands of
#                               trials), so a sweep's folder names a trial whose series differ by
#                               its series_sha256 only
#   FOLDER/expected_sensitivity.csv  only for a sweep: its sensitivity.csv (`reesim analyze`),
#                               the Sobol or Morris indices its README quotes
#                               (scripts/readme-figures.py)
#   FOLDER/expected_includes    only for a scenario that includes other files: '<sha256>  <path>'
#                               per included file, from the run manifest's included_files (paths
#                               relative to the scenario's folder), so that reproduce names an
#                               included file that changed since
#   FOLDER/expected_inputs      '<sha256>  <path>' for the folder's experiment.textproto and the
#                               scenario file it names (path as the experiment names it), from the
#                               run manifest's experiment_sha256 and scenario_sha256, so that
#                               reproduce tells a digest changed by its inputs ("inputs changed:
#                               FILE ...") from one changed by the model ("model changed"); with
#                               expected_includes it covers every file the run reads, and
#                               `sha256sum -c expected_inputs` in the folder checks it
#
#   scripts/record-digests.sh [runs/NAME...]     (default: every runs/*/ with an experiment.textproto)
#
# Run it after any change to the model that changes results, and commit the new files with that
# change. It first builds build/reesim (set REESIM=/path/to/reesim to use another binary instead),
# so the digests always come from the current sources. Exits non-zero when any folder fails.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ -z "${REESIM:-}" ]; then
  cmake --build "$root/build" --target reesim
  REESIM=$root/build/reesim
fi

folders=("$@")
if [ ${#folders[@]} -eq 0 ]; then
  for experiment in "$root"/runs/*/experiment.textproto; do
    [ -e "$experiment" ] && folders+=("$(dirname "$experiment")")
  done
fi
if [ ${#folders[@]} -eq 0 ]; then
  echo "record-digests: no run folders under $root/runs" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

failed=0
for folder in "${folders[@]}"; do
  folder=${folder%/}
  if [ ! -f "$folder/experiment.textproto" ]; then
    echo "record-digests: $folder/experiment.textproto: no such file" >&2
    failed=1
    continue
  fi
  out=$work/$(basename "$folder")
  # A folder whose experiment has a sweep is recorded as one unsharded sweep; any other keeps
  # its trials' series.
  command=(run --trial-series)
  grep -Eq '^[[:space:]]*sweep[[:space:]]*\{' "$folder/experiment.textproto" && command=(sweep)
  if ! "$REESIM" "${command[@]}" "$folder" --quiet --out "$out" >"$work/log" 2>&1; then
    echo "record-digests: $folder: reesim ${command[0]} failed:" >&2
    cat "$work/log" >&2
    failed=1
    continue
  fi
  # Written beside the final names, then renamed, the digest last, so an interrupted run leaves
  # the old digest whole (and reproduce reports any file left from the older record). A sweep's
  # folder drops any expected_series.csv of an earlier record.
  if [ "${command[0]}" = sweep ]; then
    if ! "$REESIM" analyze "$out" >"$work/log" 2>&1; then
      echo "record-digests: $folder: reesim analyze failed:" >&2
      cat "$work/log" >&2
      failed=1
      continue
    fi
    cp "$out/sensitivity.csv" "$folder/expected_sensitivity.csv.tmp"
    mv "$folder/expected_sensitivity.csv.tmp" "$folder/expected_sensitivity.csv"
  else
    rm -f "$folder/expected_sensitivity.csv"
  fi
  cp "$out/trials.csv" "$folder/expected_trials.csv.tmp"
  cp "$out/digest" "$folder/expected_digest.tmp"
  if [ -f "$out/trial_series.csv" ]; then
    cp "$out/trial_series.csv" "$folder/expected_series.csv.tmp"
    mv "$folder/expected_series.csv.tmp" "$folder/expected_series.csv"
  else
    rm -f "$folder/expected_series.csv"
  fi
  # The manifest's top-level included_files { path: "..." sha256: "..." } blocks.
  awk '/^included_files \{/ { inside = 1; path = ""; sha = ""; next }
       inside && /^}/ { print sha "  " path; inside = 0; next }
       inside && /^  path: "/ { path = substr($0, 10, length($0) - 10) }
       inside && /^  sha256: "/ { sha = substr($0, 12, length($0) - 12) }' \
    "$out/manifest.textproto" >"$folder/expected_includes.tmp"
  if [ -s "$folder/expected_includes.tmp" ]; then
    mv "$folder/expected_includes.tmp" "$folder/expected_includes"
  else
    rm -f "$folder/expected_includes.tmp" "$folder/expected_includes"
  fi
  # The manifest's top-level experiment_sha256 and scenario_sha256, and the experiment's scenario.
  if ! awk '/^experiment_sha256: "/ { experiment = substr($0, 21, length($0) - 21) }
            /^scenario_sha256: "/ { scenario = substr($0, 19, length($0) - 19) }
            /^experiment \{/ { inside = 1; next }
            inside && /^}/ { inside = 0 }
            inside && /^  scenario: "/ { path = substr($0, 14, length($0) - 14) }
            END { if (experiment == "" || scenario == "" || path == "") exit 1
                  print experiment "  experiment.textproto"; print scenario "  " path }' \
    "$out/manifest.textproto" >"$folder/expected_inputs.tmp"; then
    echo "record-digests: $folder: $out/manifest.textproto has no experiment_sha256," \
      "scenario_sha256 or experiment scenario" >&2
    rm -f "$folder/expected_inputs.tmp" "$folder/expected_trials.csv.tmp" "$folder/expected_digest.tmp"
    failed=1
    continue
  fi
  mv "$folder/expected_inputs.tmp" "$folder/expected_inputs"
  mv "$folder/expected_trials.csv.tmp" "$folder/expected_trials.csv"
  mv "$folder/expected_digest.tmp" "$folder/expected_digest"
  echo "$folder: $(cat "$folder/expected_digest")"
done
exit "$failed"
