// The order-book throughput benchmark behind `reesim bench book`.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

namespace reesim::bench {

struct BookBenchOptions {
  std::uint64_t seed = 42;
  std::uint64_t messages = 10'000'000;  // per stream
  std::string stream_csv;        // when non-empty, replay this CSV instead of the synthetic stream
  std::string write_stream_csv;  // when non-empty, write the synthetic stream as CSV and continue
};

// Builds (or reads) a message stream in memory, replays it through a plain book and through a
// policy-aware book (20 nations, tariffs, freight, one ban), and prints `key value` lines to
// `out`. Returns 0 on success, 2 on bad input (it prints one line "FILE:LINE: message" to
// `err` for a malformed CSV, or "FILE: message" when a file cannot be opened). Single-threaded.
int run_book_bench(const BookBenchOptions& options, std::ostream& out, std::ostream& err);

}  // namespace reesim::bench
