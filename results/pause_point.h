// A test hook: stops a process at a named point of writing a run folder, so that end-to-end tests
// can kill it or start a second writer at that exact moment instead of guessing with timers.
//
//   REESIM_TEST_PAUSE=POINT:FILE   on reaching POINT, the process writes its pid into
//                                  FILE.reached, then waits until FILE exists and goes on
//
// The points, in the order a run reaches them (results/run_folder.h):
//   locked         the folder's lock is held, nothing of the run written yet (trials run next)
//   staged         the new run is whole in its staging folder, the old run untouched
//   aside          the old run's files are moved aside, none of the new run's in place
//   before-digest  every new file is in place but `digest`, which goes last
// Unset (every normal run), a pause point costs one getenv. The hook changes no output.
#pragma once

#include <string_view>

namespace reesim::results {

// The environment variable that names the point and the file (see above).
inline constexpr const char* kPauseVariable = "REESIM_TEST_PAUSE";

// Pauses here when REESIM_TEST_PAUSE names `point`; returns at once otherwise. Thread-safe.
void pause_point(std::string_view point);

}  // namespace reesim::results
