#include <iostream>

#include "app/commands.h"
#include "bench/book_bench.h"

namespace reesim::app {

void add_bench_command(CLI::App& app, Action& run) {
  auto* bench = app.add_subcommand(
      "bench", "Throughput figures, one 'key value' per line on stdout (release builds only).");
  bench->require_subcommand(1);

  auto book_options = std::make_shared<bench::BookBenchOptions>();
  auto* book = bench->add_subcommand(
      "book",
      "Order-book throughput on a seeded synthetic stream (adds, cancels, marketable orders;\n"
      "~20 origin nations, tariffs and one ban). Prints book.plain.msgs_per_s,\n"
      "book.policy.msgs_per_s, book.ns_per_msg, book.trades and book.checksum.");
  book->add_option("--seed", book_options->seed, "seed of the synthetic stream");
  book->add_option("--messages", book_options->messages, "messages per stream");
  book->add_option("--stream", book_options->stream_csv,
                   "replay this CSV of orders instead (format in bench/README.md)");
  book->add_option("--write-stream", book_options->write_stream_csv,
                   "also write the synthetic stream to this CSV");
  book->callback([&run, book_options] {
    run = [book_options] { return bench::run_book_bench(*book_options, std::cout, std::cerr); };
  });

  auto* trials = bench->add_subcommand("trials", "Trials per second (not available yet).");
  trials->callback([&run] {
    run = [] {
      std::cerr << "reesim bench trials: not available yet\n";
      return kExitFailed;
    };
  });
}

}  // namespace reesim::app
