# Toolchain file: builds reesim for ARM64 (aarch64) with Debian's g++-aarch64-linux-gnu against
# Debian's arm64 libraries installed side by side with the host's (multiarch: `dpkg
# --add-architecture arm64`, then libprotobuf-dev:arm64, libtbb-dev:arm64, ...). Programs run at
# build time (protoc) are the host's. `scripts/dev.sh cross-test` installs all of it and runs the
# result under qemu-aarch64.
#
#   cmake -S . -B build-aarch64 -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake ...
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

# Multiarch: packages' CMake files and libraries under /usr/lib/aarch64-linux-gnu, headers under
# /usr/include (shared) and /usr/include/aarch64-linux-gnu.
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)

# How to run a target program on the build machine: user-mode emulation with the arm64 loader and
# libraries of the cross toolchain and multiarch.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64 -L /usr/aarch64-linux-gnu)
