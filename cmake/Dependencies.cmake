# Every dependency is a Debian 12 package (DESIGN §8); only imported targets are used.
find_package(Boost 1.74 REQUIRED)                 # Boost::headers (Asio, Random)
find_package(Threads REQUIRED)                    # Threads::Threads (the gateway's network thread)
find_package(TBB 2021 REQUIRED CONFIG)            # TBB::tbb
find_package(Eigen3 3.4 REQUIRED CONFIG)          # Eigen3::Eigen
find_package(Protobuf 3.21 REQUIRED)              # protobuf::libprotobuf, protobuf::protoc
find_package(CLI11 2 REQUIRED CONFIG)             # CLI11::CLI11

# Random123 is header-only and ships no CMake package: wrap it in an imported target.
find_path(RANDOM123_INCLUDE_DIR Random123/philox.h REQUIRED)
if(NOT TARGET Random123::Random123)
  add_library(Random123::Random123 INTERFACE IMPORTED)
  set_target_properties(Random123::Random123 PROPERTIES INTERFACE_INCLUDE_DIRECTORIES
                                                        "${RANDOM123_INCLUDE_DIR}")
endif()

if(REESIM_BUILD_TESTS)
  find_package(Catch2 2.13 REQUIRED CONFIG)       # Catch2::Catch2 (v2 single header)
endif()
find_package(benchmark REQUIRED CONFIG)           # benchmark::benchmark (`reesim bench trials`)

if(REESIM_MPI)
  set(MPI_CXX_SKIP_MPICXX ON)                     # the C API only, not the deprecated C++ one
  find_package(MPI REQUIRED COMPONENTS CXX)       # MPI::MPI_CXX, MPIEXEC_EXECUTABLE (`--mpi`)
endif()

if(REESIM_PYTHON)
  # Debian's interpreter, which has python3-numpy: the `python3` first on PATH may be another.
  set(Python3_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "The Python the reesim module is for")
  find_package(Python3 3.11 REQUIRED COMPONENTS Interpreter Development.Module)
  find_package(pybind11 2.10 REQUIRED CONFIG)     # pybind11_add_module (finds Python3 above)
endif()
