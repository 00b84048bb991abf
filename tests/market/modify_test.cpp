// Modify semantics: a size cut keeps time priority; a new price or a larger size loses it.
#include "book_fixture.h"

namespace reesim::market::test {

namespace {

// Two bids at 100, #1 older than #2; returns the id of the one a small sell hits first.
OrderId first_filled_after(ContinuousBook& f) {
  f.book.submit(Order::sell_limit(oid(99), px(100), lots(1)));
  REQUIRE_FALSE(f.recorder.trades.empty());
  return f.recorder.trades.back().buy_order;
}

}  // namespace

TEST_CASE("cutting an order's size keeps its place in the queue", "[market][modify]") {
  ContinuousBook f;
  f.book.submit(Order::buy_limit(oid(1), px(100), lots(5)));
  f.book.submit(Order::buy_limit(oid(2), px(100), lots(5)));

  const auto report = f.book.modify(oid(1), px(100), lots(2));

  CHECK(report.ok());
  CHECK(report.resting == lots(2));
  CHECK(report.cancelled == lots(3));
  CHECK(first_filled_after(f) == oid(1));
  CHECK(f.book.top().bid_quantity == lots(6));
}

TEST_CASE("raising an order's size sends it to the back of the queue", "[market][modify]") {
  ContinuousBook f;
  f.book.submit(Order::buy_limit(oid(1), px(100), lots(5)));
  f.book.submit(Order::buy_limit(oid(2), px(100), lots(5)));

  f.book.modify(oid(1), px(100), lots(8));

  CHECK(first_filled_after(f) == oid(2));
  CHECK(f.book.totals().submitted == lots(14));  // 5 + 5 + 3 more + 1 sold
}

TEST_CASE("re-pricing an order loses its priority even at the old price later",
          "[market][modify]") {
  ContinuousBook f;
  f.book.submit(Order::buy_limit(oid(1), px(100), lots(5)));
  f.book.submit(Order::buy_limit(oid(2), px(100), lots(5)));

  f.book.modify(oid(1), px(99), lots(5));
  f.book.modify(oid(1), px(100), lots(5));

  CHECK(first_filled_after(f) == oid(2));
}

TEST_CASE("re-pricing across the spread trades at once", "[market][modify]") {
  ContinuousBook f;
  f.book.submit(Order::sell_limit(oid(1), px(102), lots(3)));
  f.book.submit(Order::buy_limit(oid(2), px(100), lots(5)));

  const auto report = f.book.modify(oid(2), px(102), lots(4));

  CHECK(report.filled == lots(3));
  CHECK(report.resting == lots(1));
  CHECK(report.cancelled == lots(1));
  REQUIRE(f.recorder.trades.size() == 1);
  CHECK(f.recorder.trades[0].price == px(102));
  CHECK(f.recorder.trades[0].aggressor == Aggressor::kBuyer);
  CHECK(f.book.check_invariants().empty());
}

TEST_CASE("modify refuses unknown orders and bad sizes", "[market][modify]") {
  ContinuousBook f;
  f.book.submit(Order::buy_limit(oid(1), px(100), lots(5)));

  CHECK(f.book.modify(oid(7), px(100), lots(1)).status == Status::kUnknownOrder);
  CHECK(f.book.modify(oid(1), px(100), lots(0)).status == Status::kInvalidQuantity);
  CHECK(f.book.modify(oid(1), px(0), lots(1)).status == Status::kInvalidPrice);
  CHECK(f.book.find(oid(1))->remaining == lots(5));
}

}  // namespace reesim::market::test

namespace reesim::market::test {

TEST_CASE("cancel_all empties every segment as cancelling each order would", "[market][cancel]") {
  PolicyBook all;
  PolicyBook each;
  std::vector<OrderId> resting;
  for (PolicyBook* f : {&all, &each}) {
    f->book.submit(Order::buy_limit(oid(1), px(100), lots(5)).by(kCarMaker, kIndia));
    f->book.submit(Order::buy_limit(oid(2), px(98), lots(4)).by(kCarMaker, kJapan));
    f->book.submit(Order::sell_limit(oid(3), px(105), lots(7)).by(kMiner, kChina));
    f->book.submit(Order::sell_limit(oid(4), px(104), lots(2)).by(kMiner, kAustralia));
    f->book.submit(Order::sell_limit(oid(5), px(99), lots(3)).by(kMiner, kAustralia));  // fills 3
  }
  for (const std::uint64_t id : {1, 2, 3, 4})
    each.book.cancel(oid(id));

  CHECK(all.book.cancel_all() == lots(2 + 4 + 7 + 2));
  CHECK(all.book.totals().cancelled == each.book.totals().cancelled);
  CHECK(all.book.totals().resting == lots(0));
  CHECK_FALSE(all.book.best_bid().has_value());
  CHECK_FALSE(all.book.best_ask().has_value());
  CHECK(all.book.check_invariants().empty());
  CHECK_FALSE(all.book.cancel(oid(3)).ok());

  // The emptied book trades again from scratch, in every segment.
  all.book.submit(Order::sell_limit(oid(6), px(101), lots(1)).by(kMiner, kChina));
  all.book.submit(Order::buy_limit(oid(7), px(101), lots(1)).by(kCarMaker, kIndia));
  CHECK(all.recorder.trades.size() == 2);
  CHECK(all.book.check_invariants().empty());
}

}  // namespace reesim::market::test

namespace reesim::market::test {

TEST_CASE("a book without an id index trades and withdraws exactly as an indexed one",
          "[market][cancel]") {
  for (const ClearingMode mode : {ClearingMode::kContinuous, ClearingMode::kCallAuction}) {
    CAPTURE(mode == ClearingMode::kCallAuction);
    OrderBook indexed{BookConfig{VenueId{1}, mode, 8, true}};
    OrderBook plain{BookConfig{VenueId{1}, mode, 8, false}};
    TradeRecorder indexed_trades;
    TradeRecorder plain_trades;
    indexed.set_observer(&indexed_trades);
    plain.set_observer(&plain_trades);
    std::uint64_t id = 1;
    for (int tick = 1; tick <= 3; ++tick) {
      for (OrderBook* book : {&indexed, &plain}) {
        book->begin_tick(Tick{tick});
        std::uint64_t next = id;
        // More orders than the size hint, a market order and an IOC that an auction cancels.
        for (int k = 0; k < 12; ++k) {
          book->submit(Order::buy_limit(oid(next++), px(100 + k % 5 + tick), lots(2 + k % 3)));
          book->submit(Order::sell_limit(oid(next++), px(103 + k % 4), lots(1 + k % 4)));
        }
        book->submit(Order::buy_market(oid(next++), lots(3)));
        book->submit(Order::ioc(Side::kSell, oid(next++), px(101), lots(2)));
        if (mode == ClearingMode::kCallAuction) book->clear_auction(Tick{tick});
        CHECK(book->check_invariants().empty());
      }
      id += 28;
      CHECK(plain.order_count() == indexed.order_count());
      CHECK(plain.totals().resting == indexed.totals().resting);
      CHECK(plain.totals().filled == indexed.totals().filled);
      CHECK(plain.totals().cancelled == indexed.totals().cancelled);
      CHECK(plain.cancel_all() == indexed.cancel_all());
      CHECK(plain.order_count() == 0);
      CHECK(plain.check_invariants().empty());
    }
    REQUIRE(plain_trades.trades.size() == indexed_trades.trades.size());
    CHECK_FALSE(plain_trades.trades.empty());
    for (std::size_t t = 0; t < plain_trades.trades.size(); ++t) {
      CHECK(plain_trades.trades[t].buy_order == indexed_trades.trades[t].buy_order);
      CHECK(plain_trades.trades[t].sell_order == indexed_trades.trades[t].sell_order);
      CHECK(plain_trades.trades[t].price == indexed_trades.trades[t].price);
      CHECK(plain_trades.trades[t].quantity == indexed_trades.trades[t].quantity);
    }
    // Without the index, single orders are unknown by id.
    plain.submit(Order::buy_limit(oid(9999), px(50), lots(1)));
    CHECK_FALSE(plain.find(oid(9999)).has_value());
    CHECK_FALSE(plain.cancel(oid(9999)).ok());
    CHECK(plain.order_count() == 1);
  }
}

}  // namespace reesim::market::test
