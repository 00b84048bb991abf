# The git commit and build flags go into every run manifest (DESIGN §6).
find_package(Git QUIET)
set(REESIM_GIT_COMMIT "unknown")
if(GIT_FOUND)
  execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --short=12 HEAD
                  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
                  OUTPUT_VARIABLE _reesim_commit OUTPUT_STRIP_TRAILING_WHITESPACE
                  ERROR_QUIET RESULT_VARIABLE _reesim_git_rc)
  if(_reesim_git_rc EQUAL 0)
    set(REESIM_GIT_COMMIT ${_reesim_commit})
  endif()
endif()
string(TOUPPER "${CMAKE_BUILD_TYPE}" _reesim_bt)
set(REESIM_CXX_FLAGS "${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${_reesim_bt}}")
string(STRIP "${REESIM_CXX_FLAGS}" REESIM_CXX_FLAGS)
