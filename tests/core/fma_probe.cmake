# ctest script: compiles fma_probe.cpp and core/detmath.cpp for aarch64 with the build's
# floating-point flags and fails if the objects hold a fused multiply-add. A control compile without
# those flags must hold one, so that the probe is known to detect them. Skipped (the message names
# the missing tool) when Debian's aarch64 cross compiler is not installed; `scripts/dev.sh
# cross-test` installs it.
#
#   cmake -DFP_FLAGS="-ffp-contract=off;..." -DOPT_FLAGS="-O3" -DSOURCE_DIR=... -DWORK_DIR=...
#         -P fma_probe.cmake
find_program(cxx aarch64-linux-gnu-g++)
find_program(objdump aarch64-linux-gnu-objdump)
if(NOT cxx OR NOT objdump)
  message("fma probe: skipped: no aarch64 cross compiler (aarch64-linux-gnu-g++, -objdump)")
  return()
endif()

string(REPLACE ";" " " flags_text "${FP_FLAGS}")
set(fused "[ \t](fmadd|fmsub|fnmadd|fnmsub)[ \t]")
separate_arguments(opt UNIX_COMMAND "${OPT_FLAGS}")
file(MAKE_DIRECTORY ${WORK_DIR})

# compile_and_count(OUT_VAR SOURCE OBJECT FLAGS...): the fused multiply-adds in SOURCE's object.
function(compile_and_count out source object)
  execute_process(COMMAND ${cxx} -std=c++20 ${opt} ${ARGN} -I${SOURCE_DIR} -c ${source}
                          -o ${object} RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "fma probe: ${cxx} failed on ${source}:\n${err}")
  endif()
  execute_process(COMMAND ${objdump} -d ${object} OUTPUT_VARIABLE listing RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "fma probe: ${objdump} failed on ${object}")
  endif()
  string(REGEX MATCHALL "${fused}" found "${listing}")
  list(LENGTH found count)
  set(${out} ${count} PARENT_SCOPE)
endfunction()

compile_and_count(control ${SOURCE_DIR}/tests/core/fma_probe.cpp ${WORK_DIR}/control.o)
if(control EQUAL 0)
  message(FATAL_ERROR "fma probe: the control compile without the build's floating-point flags "
                      "holds no fused multiply-add, so the probe cannot tell them apart")
endif()
foreach(source tests/core/fma_probe.cpp core/detmath.cpp)
  get_filename_component(name ${source} NAME_WE)
  compile_and_count(count ${SOURCE_DIR}/${source} ${WORK_DIR}/${name}.o ${FP_FLAGS})
  if(NOT count EQUAL 0)
    message(FATAL_ERROR "fma probe: ${source} built for aarch64 with '${flags_text}' holds ${count} "
                        "fused multiply-add instructions: results would differ from x86-64")
  endif()
endforeach()
message("fma probe: no fused multiply-add for aarch64 with '${flags_text}' (the control holds "
        "${control})")
