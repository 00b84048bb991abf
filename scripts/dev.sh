#!/usr/bin/env bash
# The two Quick start commands, and a few more for developers.
#
#   scripts/dev.sh run [PATH]   install what is missing, build Release into build/, run the main job
#   scripts/dev.sh test         install what is missing, build (with MPI), run every test (ctest);
#                               with CI=true or REESIM_CLANG_CHECK=1 also the clang check below,
#                               with CI=true or REESIM_CROSS_TEST=1 also the ARM64 check below;
#                               with REESIM_FUZZ_TEST=1 also every fuzz target for 10 s (fuzz)
#   scripts/dev.sh clang-check  install clang, configure build/ with its tests, generate its
#                               headers and require that clang++ compiles each of its sources and
#                               tests, and the fuzz targets' (syntax only, with precompiled
#                               headers), as the clang builds of fuzz and sanitize
#                               address,undefined need
#   scripts/dev.sh cross-test   add Debian's arm64 architecture and cross tools, build reesim for
#                               ARM64 into build-aarch64/, run every run folder under qemu-aarch64
#                               and require the x86-64 digests (docs/reproducibility.md)
#   scripts/dev.sh bench        build and print the throughput benchmarks
#   scripts/dev.sh sanitize address|undefined|thread   build into build-SAN/ (GCC, with MPI) and run
#                               the tests (thread: with cmake/tsan.supp)
#   scripts/dev.sh sanitize address,undefined   the clang build of the fuzz targets (build-fuzz/,
#                               ASan + UBSan) with the tests, and run them but the fuzz runs;
#                               either fails when a sanitised process wrote a report (BUILD/
#                               sanitizer-reports/), also in a test that passed
#   scripts/dev.sh fuzz [TARGET [SECONDS]]   build the libFuzzer targets (clang, ASan + UBSan) into
#                               build-fuzz/ and run TARGET (loader, set_path, book, checkpoint,
#                               results, frame) for SECONDS (default 60), or each for 10 s
#   scripts/dev.sh format       clang-format the tree in place
#
# Idempotent: packages already installed are not touched, and an up-to-date build does nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian 12 packages (DESIGN §8). Nothing else is needed or reachable.
PACKAGES=(g++ cmake ninja-build git ccache
  libboost-dev libtbb-dev libeigen3-dev libprotobuf-dev protobuf-compiler
  catch2 librandom123-dev libcli11-dev libbenchmark-dev libopenmpi-dev openmpi-bin
  pybind11-dev python3-dev python3-numpy       # the `reesim` Python module (build/python)
  python3-pytest python3-matplotlib            # its tests and examples/python
  python3-protobuf                             # the gateway's Python client (clients/python)
  chromium python3)  # chromium: the report's browser test (headless); python3: README figures

# What `cross-test` adds: the cross compiler, user-mode emulation, and the arm64 builds of the
# libraries reesim links (headers-only and architecture-independent ones are shared with the host;
# protoc stays the host's).
CROSS_PACKAGES=(g++-aarch64-linux-gnu binutils-aarch64-linux-gnu qemu-user
  libprotobuf-dev:arm64 libtbb-dev:arm64 libboost-dev:arm64 libbenchmark-dev:arm64)

# What `fuzz` and `sanitize address,undefined` add: clang and its libFuzzer (DESIGN §8).
FUZZ_PACKAGES=(clang libfuzzer-14-dev)

log() { printf '== %s\n' "$*" >&2; }

# install_missing [PACKAGE...]: installs those of the packages (default: PACKAGES) not installed.
install_missing() {
  local wanted=("$@")
  ((${#wanted[@]} > 0)) || wanted=("${PACKAGES[@]}")
  local missing=()
  for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$package")
  done
  ((${#missing[@]} == 0)) && return 0
  log "installing ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}
SUDO=()
((EUID == 0)) || SUDO=(sudo)

# configure_and_build DIR [cmake options...] [-- build options...]
configure_and_build() {
  local dir=$1
  shift
  local configure=()
  while (($# > 0)) && [[ $1 != -- ]]; do
    configure+=("$1")
    shift
  done
  (($# > 0)) && shift
  log "configuring $dir"
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_COMPILER_LAUNCHER=ccache "${configure[@]}" >/dev/null
  log "building $dir"
  cmake --build "$dir" --parallel "$(nproc)" "$@"
}

# configure_fuzz: build-fuzz/, clang with libFuzzer, ASan and UBSan (REESIM_FUZZ), tests included,
# so that one build serves the fuzz targets and a sanitised run of the tests.
configure_fuzz() {
  log "configuring build-fuzz"
  cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DREESIM_FUZZ=ON -DREESIM_BUILD_TESTS=ON \
    -DREESIM_PYTHON=OFF -DREESIM_MPI=OFF >/dev/null
}

# clang_check: clang++ must compile build/'s sources and tests, and the fuzz targets' (syntax only,
# scripts/clang-check.py): the opt-in clang builds (fuzz, sanitize address,undefined) are too
# heavy for CI, and C++20 that GCC takes is not always taken by Debian's clang 14.
clang_check() {
  install_missing clang
  log "checking that clang++ compiles the sources"
  SECONDS=0
  /usr/bin/python3 scripts/clang-check.py build
  log "clang check done after ${SECONDS} s"
}

# The digest line `reesim` prints last: digest_of COMMAND...
digest_of() {
  "$@" --quiet --force | sed -n 's/^digest: //p' | tail -n 1
}

# cross_test: builds reesim for ARM64 and requires, for every run folder, the same digest under
# qemu-aarch64 as on this machine: quickstart-2024 at its declared trials (and its recorded
# digest), each other folder at 2 trials (a sweep: both replicates of its last point, through
# --shard); and a test sweep sharded across the two merges into its unsharded digest. One thread:
# oneTBB's workers spin forever under qemu-aarch64's user-mode emulation, and digests do not
# depend on the thread count.
cross_test() {
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    log "adding the arm64 architecture"
    "${SUDO[@]}" dpkg --add-architecture arm64
    "${SUDO[@]}" apt-get update -qq
  fi
  install_missing "${CROSS_PACKAGES[@]}"
  log "arm64 tools installed after ${SECONDS} s"
  configure_and_build build
  # At -O1: the check's build is usually a cold one, and -O1 takes about a sixth less compile time
  # than the default -O3 (-O0 saves a little more but runs the emulated trials five times slower).
  # The floating-point flags (cmake/FloatingPoint.cmake) leave the optimisation level no room to
  # change a result, so the check also shows that -O1 on ARM64 gives the -O3 digests of x86-64.
  configure_and_build build-aarch64 -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake \
    -DCMAKE_CXX_FLAGS_RELEASE="-O1 -DNDEBUG" \
    -DREESIM_BUILD_TESTS=OFF -DREESIM_MPI=OFF -DREESIM_PYTHON=OFF -- --target reesim
  log "reesim for aarch64 built after ${SECONDS} s"
  log "checking for fused multiply-adds"
  local probe
  probe=$(ctest --test-dir build --output-on-failure -R '^core\.fma_probe$' 2>&1) || true
  if ! grep -q '100% tests passed' <<<"$probe" ||
    grep -q 'Skipped\|No tests were found' <<<"$probe"; then
    printf '%s\n' "$probe" >&2
    log "core.fma_probe did not pass"
    return 1
  fi
  local fused
  fused=$(aarch64-linux-gnu-objdump -d build-aarch64/reesim |
    grep -cE $'[ \t](fmadd|fmsub|fnmadd|fnmsub)[ \t]' || true)
  if ((fused != 0)); then
    log "build-aarch64/reesim holds $fused fused multiply-add instructions"
    return 1
  fi
  local emulator=(qemu-aarch64 -L /usr/aarch64-linux-gnu)
  local work failed=0
  work=$(mktemp -d)
  printf '%-30s %-66s %-66s\n' folder x86-64 aarch64
  for experiment in runs/*/experiment.textproto; do
    local folder name args
    folder=$(dirname "$experiment")
    name=$(basename "$folder")
    if grep -Eq '^[[:space:]]*sweep[[:space:]]*\{' "$experiment"; then
      local trials points
      trials=$(sed -n 's/^trials: *//p' "$experiment")
      points=$((($(wc -l <"$folder/expected_trials.csv") - 1) / trials))
      args=(sweep "$folder" --replicates 2 --shard "$points/$points")
    elif [[ $name == quickstart-2024 ]]; then
      args=(run "$folder")
    else
      args=(run "$folder" --trials 2)
    fi
    # The two runs are single-threaded: side by side on two cores.
    local native emulated
    digest_of build/reesim "${args[@]}" --threads 1 --out "$work/$name-x86-64" \
      >"$work/$name-x86-64.digest" &
    emulated=$(digest_of "${emulator[@]}" build-aarch64/reesim "${args[@]}" --threads 1 \
      --out "$work/$name-aarch64") || true
    wait $! || true
    native=$(cat "$work/$name-x86-64.digest")
    printf '%-30s %-66s %-66s\n' "$name" "${native:-none}" "${emulated:-none}"
    if [[ -z $native || $native != "$emulated" ]]; then
      log "$folder: '${args[*]}' gives another digest on aarch64"
      failed=1
    fi
    if [[ $name == quickstart-2024 && $emulated != "$(cat "$folder/expected_digest")" ]]; then
      log "$folder: aarch64 does not give the recorded digest $(cat "$folder/expected_digest")"
      failed=1
    fi
  done
  # A sweep whose shards ran on the two architectures merges into the single-machine digest.
  local grid=tests/e2e/sweeps/grid.textproto whole merged
  whole=$(digest_of build/reesim sweep "$grid" --threads 1 --out "$work/grid") || true
  digest_of build/reesim sweep "$grid" --shard 1/2 --threads 1 --out "$work/grid-1" >/dev/null ||
    true
  digest_of "${emulator[@]}" build-aarch64/reesim sweep "$grid" --shard 2/2 --threads 1 \
    --out "$work/grid-2" >/dev/null || true
  merged=$(build/reesim merge "$work/grid-1" "$work/grid-2" --out "$work/grid-merged" |
    sed -n 's/^digest: //p') || true
  printf '%-30s %-66s %-66s\n' "sweep grid, shards merged" "${whole:-none}" "${merged:-none}"
  if [[ -z $whole || $whole != "$merged" ]] ||
    ! grep -qs '^target_arch: "x86_64,aarch64"$' "$work/grid-merged/manifest.textproto"; then
    log "$grid: shard 1/2 on x86-64 and 2/2 on aarch64 do not merge into the unsharded digest"
    failed=1
  fi
  rm -rf "$work"
  log "cross-test done after ${SECONDS} s"
  return "$failed"
}

command=${1:-}
shift || true
case "$command" in
  run)
    install_missing
    configure_and_build build
    path=${1:-runs/india-self-reliance-2035}
    log "running $path"
    # --force: the default job replaces its own earlier outputs, so that `run` stays idempotent.
    build/reesim run "$path" --force
    ;;
  test)
    install_missing
    configure_and_build build -DREESIM_BUILD_TESTS=ON -DREESIM_MPI=ON  # tests `sweep --mpi` too
    log "testing"
    ctest --test-dir build --output-on-failure --parallel "$(nproc)" --timeout 600
    if [[ ${REESIM_CLANG_CHECK:-} == 1 || ${CI:-} == true ]]; then
      clang_check
    fi
    # CI (CI=true, as .ci/run sets it) also checks ARM64; a researcher's test command does not
    # add an architecture to their system unless asked (REESIM_CROSS_TEST=1).
    if [[ ${REESIM_CROSS_TEST:-} == 1 || ${CI:-} == true ]]; then
      log "cross-testing on ARM64"
      SECONDS=0
      cross_test
    fi
    if [[ ${REESIM_FUZZ_TEST:-} == 1 ]]; then
      log "fuzzing each target for 10 s (REESIM_FUZZ_TEST=1)"
      "$0" fuzz
    fi
    ;;
  clang-check)
    install_missing
    # Syntax only: the tests' compile commands and the generated headers are all it needs.
    configure_and_build build -DREESIM_BUILD_TESTS=ON -- --target reesim_proto
    clang_check
    ;;
  cross-test)
    install_missing
    cross_test
    ;;
  bench)
    install_missing
    configure_and_build build -DREESIM_BUILD_BENCH=ON
    build/reesim bench book
    ;;
  sanitize)
    sanitizer=${1:?usage: scripts/dev.sh sanitize address|undefined|address,undefined|thread}
    install_missing
    SECONDS=0
    if [[ $sanitizer == address,undefined ]]; then
      install_missing "${FUZZ_PACKAGES[@]}"
      configure_fuzz
      dir=build-fuzz
      log "building build-fuzz"
      cmake --build build-fuzz --parallel "$(nproc)"
    else
      dir=build-$sanitizer
      # The Python module is left out: a sanitised extension cannot load into Debian's python3.
      configure_and_build "$dir" -DREESIM_SANITIZE="$sanitizer" \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREESIM_PYTHON=OFF -DREESIM_MPI=ON
    fi
    log "built $dir after ${SECONDS} s"
    # Every sanitised process writes its reports into files under $reports (log_path), so that a
    # report counts even where its test expects a failing exit or does not show stderr.
    reports=$PWD/$dir/sanitizer-reports
    rm -rf "$reports"
    mkdir -p "$reports"
    export ASAN_OPTIONS="log_path=$reports/asan ${ASAN_OPTIONS:-}"
    export UBSAN_OPTIONS="log_path=$reports/ubsan ${UBSAN_OPTIONS:-}"
    export TSAN_OPTIONS="log_path=$reports/tsan suppressions=$PWD/cmake/tsan.supp ${TSAN_OPTIONS:-}"
    # A test's limit: under TSan e2e.reproduce.india-incentive-sweep alone took 1,117 s on a
    # loaded 2-core machine (docs/limits.md).
    limit=1200
    [[ $sanitizer == thread ]] && limit=2400
    status=0
    ctest --test-dir "$dir" --output-on-failure --parallel "$(nproc)" --timeout "$limit" \
      --label-exclude fuzz || status=$?
    shopt -s nullglob
    found=("$reports"/*)
    if ((${#found[@]} > 0)); then
      log "${#found[@]} processes wrote sanitizer reports into $reports:"
      grep -h -E '^(WARNING|ERROR|SUMMARY): |runtime error: ' "${found[@]}" | sort | uniq -c >&2
      status=1
    fi
    log "sanitize $sanitizer done after ${SECONDS} s"
    exit "$status"
    ;;
  fuzz)
    target=${1:-}
    seconds=${2:-60}
    install_missing
    install_missing "${FUZZ_PACKAGES[@]}"
    configure_fuzz
    log "building the fuzz targets"
    cmake --build build-fuzz --parallel "$(nproc)" --target reesim_fuzzers
    if [[ -z $target ]]; then
      ctest --test-dir build-fuzz --output-on-failure --label-regex fuzz
    else
      [[ -x build-fuzz/tests/fuzz/fuzz_$target ]] || {
        log "no fuzz target '$target' (loader, set_path, book, checkpoint, results, frame)"
        exit 2
      }
      bash tests/fuzz/run_fuzzer.sh --seconds "$seconds" "build-fuzz/tests/fuzz/fuzz_$target" \
        "build-fuzz/tests/fuzz/corpus/$target" tests/fuzz/seeds/"$target" \
        tests/fuzz/regressions/"$target"
    fi
    ;;
  format)
    git ls-files '*.h' '*.cpp' | xargs clang-format -i
    ;;
  *)
    sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
