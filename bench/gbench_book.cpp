// Micro-benchmarks of the order book's hot operations (Google Benchmark).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "bench/book_stream.h"
#include "market/book.h"

namespace {

using reesim::market::AgentId;
using reesim::market::BookConfig;
using reesim::market::ClearingMode;
using reesim::market::NationId;
using reesim::market::Order;
using reesim::market::OrderBook;
using reesim::market::OrderId;
using reesim::market::Price;
using reesim::market::Quantity;
using reesim::market::VenueId;

constexpr int kBatch = 4096;

// A book with 1000 resting orders a side over 100 levels, around a mid of 10 000.
void seed_book(OrderBook& book, std::uint64_t& next_id, int nations) {
  for (int i = 0; i < 1000; ++i) {
    const NationId nation{static_cast<std::uint8_t>(i % nations)};
    book.submit(Order::buy_limit(OrderId{next_id++}, Price{9'999 - i % 100}, Quantity{10})
                    .by(AgentId{1}, nation));
    book.submit(Order::sell_limit(OrderId{next_id++}, Price{10'001 + i % 100}, Quantity{10})
                    .by(AgentId{2}, nation));
  }
}

// Adding passive orders a few ticks from the touch (timed), then removing them (untimed).
void add_passive(benchmark::State& state, bool policies) {
  reesim::bench::BenchRules rules;
  OrderBook book(BookConfig{VenueId{0}, ClearingMode::kContinuous, 1 << 14});
  if (policies) book.set_rules(&rules);
  std::uint64_t next_id = 1;
  seed_book(book, next_id, 20);
  for (auto _ : state) {
    const std::uint64_t first = next_id;
    for (int i = 0; i < kBatch; ++i) {
      const NationId nation{static_cast<std::uint8_t>(i % 20)};
      benchmark::DoNotOptimize(
          book.submit(Order::buy_limit(OrderId{next_id++}, Price{9'999 - (i * 7) % 40}, Quantity{5})
                          .by(AgentId{3}, nation)));
    }
    state.PauseTiming();
    for (std::uint64_t id = first; id < next_id; ++id)
      book.cancel(OrderId{id});
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

// Cancelling resting orders in random order (timed) after adding them (untimed).
void cancel_resting(benchmark::State& state, bool policies) {
  reesim::bench::BenchRules rules;
  OrderBook book(BookConfig{VenueId{0}, ClearingMode::kContinuous, 1 << 14});
  if (policies) book.set_rules(&rules);
  std::uint64_t next_id = 1;
  seed_book(book, next_id, 20);
  std::vector<std::uint64_t> ids(kBatch);
  for (auto _ : state) {
    state.PauseTiming();
    for (int i = 0; i < kBatch; ++i) {
      ids[static_cast<std::size_t>(i)] = next_id;
      const NationId nation{static_cast<std::uint8_t>(i % 20)};
      book.submit(Order::sell_limit(OrderId{next_id++}, Price{10'001 + (i * 7) % 40}, Quantity{5})
                      .by(AgentId{3}, nation));
    }
    for (std::size_t i = ids.size() - 1; i > 0; --i)
      std::swap(ids[i], ids[(i * 2654435761u) % (i + 1)]);
    state.ResumeTiming();
    for (const std::uint64_t id : ids)
      benchmark::DoNotOptimize(book.cancel(OrderId{id}));
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

// A resting ask and the market buy that takes it: two messages, one trade.
void match_one(benchmark::State& state, bool policies) {
  reesim::bench::BenchRules rules;
  OrderBook book(BookConfig{VenueId{0}, ClearingMode::kContinuous, 1 << 14});
  if (policies) book.set_rules(&rules);
  std::uint64_t next_id = 1;
  seed_book(book, next_id, 20);
  int i = 0;
  for (auto _ : state) {
    const NationId seller{static_cast<std::uint8_t>(i % 20)};
    const NationId buyer{static_cast<std::uint8_t>((i * 7 + 3) % 20)};
    ++i;
    book.submit(
        Order::sell_limit(OrderId{next_id++}, Price{10'000}, Quantity{5}).by(AgentId{2}, seller));
    benchmark::DoNotOptimize(book.submit(
        Order::ioc(reesim::market::Side::kBuy, OrderId{next_id++}, Price{10'000}, Quantity{5})
            .by(AgentId{3}, buyer)));
    // A banned or tariffed pair leaves the ask resting: take it out to keep the book stable.
    book.cancel(OrderId{next_id - 2});
  }
  state.SetItemsProcessed(state.iterations() * 3);
}

void BM_AddPassive(benchmark::State& state) {
  add_passive(state, false);
}
void BM_AddPassivePolicy(benchmark::State& state) {
  add_passive(state, true);
}
void BM_Cancel(benchmark::State& state) {
  cancel_resting(state, false);
}
void BM_CancelPolicy(benchmark::State& state) {
  cancel_resting(state, true);
}
void BM_MatchOne(benchmark::State& state) {
  match_one(state, false);
}
void BM_MatchOnePolicy(benchmark::State& state) {
  match_one(state, true);
}

BENCHMARK(BM_AddPassive);
BENCHMARK(BM_AddPassivePolicy);
BENCHMARK(BM_Cancel);
BENCHMARK(BM_CancelPolicy);
BENCHMARK(BM_MatchOne);
BENCHMARK(BM_MatchOnePolicy);

}  // namespace

BENCHMARK_MAIN();
