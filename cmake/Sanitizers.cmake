# REESIM_SANITIZE=address|undefined|thread instruments every target of the build. Under thread,
# tests run with TSAN_OPTIONS=suppressions=cmake/tsan.supp (scripts/dev.sh sanitize thread), which
# names third-party frames only.
# REESIM_FUZZ=ON (clang only) builds the libFuzzer targets of tests/fuzz: every library with
# -fsanitize=fuzzer-no-link,address,undefined (coverage feedback plus ASan and UBSan, any UBSan
# report fatal), the targets linked with -fsanitize=fuzzer (libFuzzer's main).
if(REESIM_SANITIZE AND REESIM_FUZZ)
  message(FATAL_ERROR "REESIM_FUZZ brings its own sanitizers (address, undefined): "
                      "leave REESIM_SANITIZE empty")
endif()
if(REESIM_SANITIZE)
  if(REESIM_SANITIZE STREQUAL "address")
    set(_reesim_san_flags -fsanitize=address -fno-omit-frame-pointer)
  elseif(REESIM_SANITIZE STREQUAL "undefined")
    set(_reesim_san_flags -fsanitize=undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  elseif(REESIM_SANITIZE STREQUAL "thread")
    # Debian's libprotobuf is not built with TSan: see cmake/protobuf_tsan_layout.h.
    set(_reesim_san_flags -fsanitize=thread)
    add_compile_options("SHELL:-include ${PROJECT_SOURCE_DIR}/cmake/protobuf_tsan_layout.h")
  else()
    message(FATAL_ERROR "REESIM_SANITIZE must be address, undefined or thread, not '${REESIM_SANITIZE}'")
  endif()
  add_compile_options(${_reesim_san_flags})
  add_link_options(${_reesim_san_flags})
endif()
if(REESIM_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "REESIM_FUZZ needs clang (libFuzzer): configure with "
                        "-DCMAKE_CXX_COMPILER=clang++ (Debian's clang and libfuzzer-14-dev)")
  endif()
  set(REESIM_FUZZ_FLAGS -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
                        -fno-omit-frame-pointer -gline-tables-only)
  add_compile_options(${REESIM_FUZZ_FLAGS})
  add_link_options(-fsanitize=address,undefined)
endif()
