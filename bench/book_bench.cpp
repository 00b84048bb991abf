// `reesim bench book`: times the plain and policy-aware books on one in-memory stream.
#include "bench/book_bench.h"

#include <chrono>
#include <cstdio>
#include <ostream>
#include <vector>

#include "bench/book_stream.h"
#include "bench/measures.h"
#include "market/book.h"

namespace reesim::bench {

namespace {

// Counts trades and folds them into an FNV-1a style checksum, in trade order.
class TradeChecksum final : public market::BookObserver {
 public:
  void on_trade(const market::Trade& t) override {
    mix(static_cast<std::uint64_t>(t.price.value()));
    mix(static_cast<std::uint64_t>(t.quantity.value()));
    mix(t.buy_order.value());
    mix(t.sell_order.value());
    mix(static_cast<std::uint64_t>(t.origin.value()) << 8 | t.destination.value());
    mix(static_cast<std::uint64_t>(t.tariff.value()));
    mix(static_cast<std::uint64_t>(t.freight.value()));
    ++trades;
  }
  Fnv1a checksum;
  std::uint64_t trades = 0;

 private:
  void mix(std::uint64_t value) { checksum.mix(value); }
};

struct Replay {
  double seconds = 0;
  std::uint64_t trades = 0;
  std::uint64_t checksum = 0;
  std::uint64_t rejected = 0;  // cancels/modifies of orders already gone, invalid orders
};

Replay replay(const std::vector<BookMessage>& stream, market::TradeRules* rules) {
  market::OrderBook book(
      market::BookConfig{market::VenueId{0}, market::ClearingMode::kContinuous, 1 << 16});
  TradeChecksum observer;
  book.set_observer(&observer);
  if (rules != nullptr) book.set_rules(rules);
  std::uint64_t rejected = 0;
  const auto start = std::chrono::steady_clock::now();
  for (const BookMessage& m : stream) {
    market::ExecutionReport report;
    switch (m.op) {
      case BookOp::kAdd:
        report = book.submit(market::Order{market::OrderId{m.id}, static_cast<market::Side>(m.side),
                                           static_cast<market::OrderType>(m.type),
                                           market::Price{m.price}, market::Quantity{m.quantity},
                                           market::AgentId{m.agent}, market::NationId{m.nation}});
        break;
      case BookOp::kCancel:
        report = book.cancel(market::OrderId{m.id});
        break;
      case BookOp::kModify:
        report = book.modify(market::OrderId{m.id}, market::Price{m.price},
                             market::Quantity{m.quantity});
        break;
    }
    rejected += report.ok() ? 0u : 1u;
  }
  const auto stop = std::chrono::steady_clock::now();
  return Replay{std::chrono::duration<double>(stop - start).count(), observer.trades,
                observer.checksum.value, rejected};
}

std::string hex(std::uint64_t value) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

void print(std::ostream& out, const char* name, const Replay& r, std::size_t messages) {
  const double seconds = r.seconds > 0 ? r.seconds : 1e-9;
  out << "book." << name << ".msgs_per_s "
      << static_cast<std::uint64_t>(static_cast<double>(messages) / seconds) << '\n';
  char ns[32];
  std::snprintf(ns, sizeof ns, "%.2f",
                seconds * 1e9 / static_cast<double>(messages > 0 ? messages : 1));
  out << "book." << name << ".ns_per_msg " << ns << '\n';
  out << "book." << name << ".trades " << r.trades << '\n';
  out << "book." << name << ".rejected " << r.rejected << '\n';
  out << "book." << name << ".checksum " << hex(r.checksum) << '\n';
}

}  // namespace

int run_book_bench(const BookBenchOptions& options, std::ostream& out, std::ostream& err) {
  std::vector<BookMessage> stream;
  std::string error;
  if (!options.stream_csv.empty()) {
    if (!read_stream_csv(options.stream_csv, stream, error)) {
      err << error << '\n';
      return 2;
    }
  } else {
    stream = generate_stream(options.seed, options.messages);
  }
  if (!options.write_stream_csv.empty() &&
      !write_stream_csv(options.write_stream_csv, stream, error)) {
    err << error << '\n';
    return 2;
  }
  BenchRules rules;
  const Replay plain = replay(stream, nullptr);
  const Replay policy = replay(stream, &rules);

  out << "book.messages " << stream.size() << '\n';
  out << "book.seed " << options.seed << '\n';
  out << "book.nations " << kBenchNations << '\n';
  print(out, "plain", plain, stream.size());
  print(out, "policy", policy, stream.size());
  const double ns = plain.seconds * 1e9 / static_cast<double>(stream.empty() ? 1 : stream.size());
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", ns);
  out << "book.ns_per_msg " << text << '\n';
  out << "book.trades " << plain.trades + policy.trades << '\n';
  Fnv1a combined{plain.checksum};
  combined.mix(policy.checksum);
  out << "book.checksum " << hex(combined.value) << '\n';
  return 0;
}

}  // namespace reesim::bench
