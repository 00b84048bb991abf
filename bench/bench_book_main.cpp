// A stand-alone driver for the book benchmark, for profiling without the CLI:
//   reesim_bench_book_main [MESSAGES [SEED]]
#include <cstdlib>
#include <iostream>

#include "bench/book_bench.h"

int main(int argc, char** argv) {
  reesim::bench::BookBenchOptions options;
  if (argc > 1) options.messages = std::strtoull(argv[1], nullptr, 10);
  if (argc > 2) options.seed = std::strtoull(argv[2], nullptr, 10);
  return reesim::bench::run_book_bench(options, std::cout, std::cerr);
}
