# Floating-point semantics fixed by the build, for every target of it (the library modules, the
# command line, tests, benchmarks and anything added later): a run digest is bit-identical on every
# platform that builds with these flags (docs/reproducibility.md).
#
#   -ffp-contract=off   GCC otherwise fuses a*b + c into one fused multiply-add (one rounding
#                       instead of two) on targets that have the instruction (ARM64, x86-64 with
#                       -mfma or -march=native), so the same source would give other results there.
#   -fno-fast-math      no reassociation, reciprocal approximations or flushed subnormals.
#
# Flags that would undo them are refused at configure time. The transcendental functions the
# results depend on are the project's own (core/detmath.h), not the platform's libm.
set(REESIM_FP_FLAGS -ffp-contract=off -fno-fast-math)
add_compile_options(${REESIM_FP_FLAGS})
string(JOIN " " REESIM_FP_FLAGS_TEXT ${REESIM_FP_FLAGS})

string(TOUPPER "${CMAKE_BUILD_TYPE}" _reesim_fp_bt)
set(_reesim_fp_user_flags "${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${_reesim_fp_bt}}")
foreach(_reesim_fp_bad -ffast-math -Ofast -funsafe-math-optimizations -fassociative-math
                       -freciprocal-math -ffp-contract=fast -ffp-contract=on)
  string(FIND " ${_reesim_fp_user_flags} " " ${_reesim_fp_bad} " _reesim_fp_at)
  if(NOT _reesim_fp_at EQUAL -1)
    message(FATAL_ERROR "CMAKE_CXX_FLAGS holds ${_reesim_fp_bad}, which changes floating-point "
                        "results with the platform: reesim builds with ${REESIM_FP_FLAGS_TEXT} "
                        "so that run digests reproduce (docs/reproducibility.md)")
  endif()
endforeach()

# The architecture the binary is built for, as the manifest records it (x86_64, aarch64, ...).
set(REESIM_TARGET_ARCH "${CMAKE_SYSTEM_PROCESSOR}")
