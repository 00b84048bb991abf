#include <iostream>

#include "app/commands.h"
#include "app/options.h"
#include "bench/book_bench.h"
#include "bench/book_stream.h"
#include "bench/gateway_bench.h"
#include "bench/scale_bench.h"
#include "bench/trials_bench.h"
#include "config/validate.h"

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
  book->add_option("--seed", book_options->seed, "seed of the synthetic stream")
      ->check(unsigned_64("--seed"));
  book->add_option("--messages", book_options->messages, "messages per stream")
      ->check(in_range("--messages", 1, static_cast<std::int64_t>(bench::kMaxBookMessages)));
  book->add_option("--stream", book_options->stream_csv,
                   "replay this CSV of orders instead (format in bench/README.md)");
  book->add_option("--write-stream", book_options->write_stream_csv,
                   "also write the synthetic stream to this CSV");
  book->callback([&run, book_options] {
    run = [book_options] { return bench::run_book_bench(*book_options, std::cout, std::cerr); };
  });

  auto trials_options = std::make_shared<bench::TrialsBenchOptions>();
  auto* trials = bench->add_subcommand(
      "trials",
      "Monte Carlo throughput (Google Benchmark, median of repetitions) of a run folder, by\n"
      "default runs/india-self-reliance-2035: prints trials.per_s.threads_1,\n"
      "trials.per_s.threads_all, trials.parallel_efficiency and trials.peak_rss_mib.");
  trials->add_option("PATH", trials_options->path, "experiment file or run folder")
      ->capture_default_str();
  trials
      ->add_option("--trials", trials_options->trials,
                   "trials per measured run (default: 64 per thread)")
      ->check(in_range("--trials", 1, config::kMaxTrials));
  trials
      ->add_option("--threads", trials_options->threads,
                   "threads of the all-cores run (default: every core)")
      ->check(in_range("--threads", 1, kMaxThreads));
  trials->add_option("--repetitions", trials_options->repetitions, "measured runs per thread count")
      ->check(at_least("--repetitions", 1))
      ->capture_default_str();
  trials->add_flag("--per-core", trials_options->per_core,
                   "also time the one-thread run pinned to each core in turn; prints\n"
                   "trials.per_s.cpu_K and trials.parallel_efficiency_per_core (the all-core\n"
                   "rate over the sum of the fastest cores' rates)");
  trials->callback([&run, trials_options] {
    run = [trials_options] {
      return bench::run_trials_bench(*trials_options, std::cout, std::cerr);
    };
  });

  auto scale_options = std::make_shared<bench::ScaleBenchOptions>();
  auto* scale = bench->add_subcommand(
      "scale",
      "Cost against the world's size: splits a run folder's agents (by default\n"
      "runs/baseline-2024) into firms to about 100, 1,000 and 10,000 agents and prints, per\n"
      "size, ticks and decisions per second, orders per tick, peak RSS, the cost per agent-tick\n"
      "relative to the first size and the largest shift of a venue's median price; then one\n"
      "trial of the largest world with its per-agent steps and matching in parallel on 1\n"
      "thread and on all.");
  scale->add_option("PATH", scale_options->path, "experiment file or run folder")
      ->capture_default_str();
  scale->add_option("--sizes", scale_options->sizes, "agents wanted in each world, ascending")
      ->delimiter(',')
      ->check(in_range("--sizes", 1, 1000000));
  scale
      ->add_option("--trials", scale_options->trials,
                   "trials per size (timed: run again until they have taken a second)")
      ->check(in_range("--trials", 1, 1000))
      ->capture_default_str();
  scale
      ->add_option("--rounds", scale_options->rounds,
                   "timed rounds over the sizes, in turn (each size reports its fastest)")
      ->check(in_range("--rounds", 1, 100))
      ->capture_default_str();
  scale->add_option("--seed", scale_options->seed, "seed of the firms' shares")
      ->capture_default_str();
  scale
      ->add_option("--split-types", scale_options->split_types,
                   "agent types split into firms (default: every type that splits)")
      ->delimiter(',');
  scale
      ->add_option("--threads", scale_options->threads,
                   "threads of the parallel run (default: every core)")
      ->check(in_range("--threads", 1, kMaxThreads));
  scale
      ->add_option("--parallel-repeats", scale_options->parallel_repeats,
                   "runs of the parallel trial on 1 thread and on all, in turn (the fastest "
                   "of each is reported)")
      ->check(in_range("--parallel-repeats", 1, 100))
      ->capture_default_str();
  scale->callback([&run, scale_options] {
    run = [scale_options] { return bench::run_scale_bench(*scale_options, std::cout, std::cerr); };
  });

  auto gateway_options = std::make_shared<bench::GatewayBenchOptions>();
  auto* gateway = bench->add_subcommand(
      "gateway",
      "Lock-step gateway throughput on loopback (docs/gateway.md): the same trials on one thread\n"
      "without clients, with 1 and with --clients clients answering at once. Prints\n"
      "gateway.ticks_per_s.no_clients, gateway.ticks_per_s.clients_1, "
      "gateway.ticks_per_s.clients_N,\n"
      "gateway.overhead.clients_1, gateway.overhead.clients_N and gateway.same_outputs.");
  gateway->add_option("PATH", gateway_options->path, "experiment file or run folder")
      ->capture_default_str();
  gateway->add_option("--trials", gateway_options->trials, "trials per measured run")
      ->check(in_range("--trials", 1, config::kMaxTrials))
      ->capture_default_str();
  gateway->add_option("--clients", gateway_options->clients, "clients of the many-client run")
      ->check(in_range("--clients", 1, 1024))
      ->capture_default_str();
  gateway->callback([&run, gateway_options] {
    run = [gateway_options] {
      return bench::run_gateway_bench(*gateway_options, std::cout, std::cerr);
    };
  });
}

}  // namespace reesim::app
