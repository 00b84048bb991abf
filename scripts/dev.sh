#!/usr/bin/env bash
# The two Quick start commands, and a few more for developers.
#
#   scripts/dev.sh run [PATH]   install what is missing, build Release into build/, run the main job
#   scripts/dev.sh test         install what is missing, build (with MPI), run every test (ctest)
#   scripts/dev.sh bench        build and print the throughput benchmarks
#   scripts/dev.sh sanitize address|undefined|thread   build into build-SAN/ and run the unit tests
#   scripts/dev.sh format       clang-format the tree in place
#
# Idempotent: packages already installed are not touched, and an up-to-date build does nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian 12 packages (DESIGN §8). Nothing else is needed or reachable.
PACKAGES=(g++ cmake ninja-build git ccache
  libboost-dev libtbb-dev libeigen3-dev libprotobuf-dev protobuf-compiler
  catch2 librandom123-dev libcli11-dev libbenchmark-dev libopenmpi-dev openmpi-bin
  chromium python3)  # chromium: the report's browser test (headless); python3: README figures

log() { printf '== %s\n' "$*" >&2; }

install_missing() {
  local missing=()
  for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$package")
  done
  ((${#missing[@]} == 0)) && return 0
  log "installing ${missing[*]}"
  local sudo=()
  ((EUID == 0)) || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# configure_and_build DIR [cmake options...]
configure_and_build() {
  local dir=$1
  shift
  log "configuring $dir"
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_COMPILER_LAUNCHER=ccache "$@" >/dev/null
  log "building $dir"
  cmake --build "$dir" --parallel "$(nproc)"
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
    ;;
  bench)
    install_missing
    configure_and_build build -DREESIM_BUILD_BENCH=ON
    build/reesim bench book
    ;;
  sanitize)
    sanitizer=${1:?usage: scripts/dev.sh sanitize address|undefined|thread}
    install_missing
    configure_and_build "build-$sanitizer" -DREESIM_SANITIZE="$sanitizer" \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo
    ctest --test-dir "build-$sanitizer" --output-on-failure --parallel "$(nproc)"
    ;;
  format)
    git ls-files '*.h' '*.cpp' | xargs clang-format -i
    ;;
  *)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
