// Forced first into every translation unit of a thread-sanitised build (REESIM_SANITIZE=thread,
// cmake/Sanitizers.cmake). Debian's libprotobuf is built without TSan, and under
// __SANITIZE_THREAD__ google/protobuf/map_field.h gives MapFieldBase two more members, so code
// compiled with -fsanitize=thread and the library would disagree on its layout (and crash). Here
// map_field.h is read once with the macro hidden, laid out as the library was built; everything
// else, the standard library and oneTBB first among it, still sees the macro and is instrumented.
#pragma once

#ifdef __cplusplus
#include <cstddef>  // libstdc++'s configuration (_GLIBCXX_TSAN) read before the macro is hidden

#pragma push_macro("__SANITIZE_THREAD__")
#undef __SANITIZE_THREAD__
#include <google/protobuf/map_field.h>
#pragma pop_macro("__SANITIZE_THREAD__")
#endif
