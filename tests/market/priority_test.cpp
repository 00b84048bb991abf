// Price-time priority, partial fills and the order types, on a plain book.
#include "book_fixture.h"
#include "reference_matcher.h"

namespace reesim::market::test {

TEST_CASE("a better price trades before an earlier worse one", "[market][priority]") {
  ContinuousBook f;
  f.book.submit(Order::sell_limit(oid(1), px(101), lots(5)).by(kMiner, kAustralia));
  f.book.submit(Order::sell_limit(oid(2), px(100), lots(5)).by(kRefiner, kChina));

  const auto report =
      f.book.submit(Order::buy_limit(oid(3), px(105), lots(5)).by(kCarMaker, kIndia));

  REQUIRE(report.filled == lots(5));
  REQUIRE(f.recorder.trades.size() == 1);
  CHECK(f.recorder.trades[0].sell_order == oid(2));
  CHECK(f.recorder.trades[0].price == px(100));  // the resting order's price
  CHECK(f.recorder.trades[0].aggressor == Aggressor::kBuyer);
}

TEST_CASE("at one price the earlier order trades first", "[market][priority]") {
  ContinuousBook f;
  f.book.submit(Order::buy_limit(oid(1), px(100), lots(3)).by(kCarMaker, kIndia));
  f.book.submit(Order::buy_limit(oid(2), px(100), lots(3)).by(kMagnetMaker, kJapan));

  f.book.submit(Order::sell_limit(oid(3), px(99), lots(4)).by(kMiner, kAustralia));

  REQUIRE(f.recorder.trades.size() == 2);
  CHECK(f.recorder.trades[0].buy_order == oid(1));
  CHECK(f.recorder.trades[0].quantity == lots(3));
  CHECK(f.recorder.trades[0].price == px(100));
  CHECK(f.recorder.trades[1].buy_order == oid(2));
  CHECK(f.recorder.trades[1].quantity == lots(1));
  CHECK(f.recorder.trades[1].buy_remaining == lots(2));
  CHECK(f.book.find(oid(2))->remaining == lots(2));
}

TEST_CASE("a large order fills partially across levels and rests the rest", "[market][partial]") {
  ContinuousBook f;
  f.book.submit(Order::sell_limit(oid(1), px(100), lots(2)));
  f.book.submit(Order::sell_limit(oid(2), px(101), lots(3)));
  f.book.submit(Order::sell_limit(oid(3), px(103), lots(4)));

  const auto report = f.book.submit(Order::buy_limit(oid(4), px(101), lots(10)));

  CHECK(report.filled == lots(5));
  CHECK(report.resting == lots(5));
  CHECK(f.book.best_bid() == px(101));
  CHECK(f.book.best_ask() == px(103));
  CHECK(f.book.check_invariants().empty());
}

TEST_CASE("a market order sweeps the book and cancels what it cannot fill", "[market][types]") {
  ContinuousBook f;
  f.book.submit(Order::buy_limit(oid(1), px(90), lots(2)));
  f.book.submit(Order::buy_limit(oid(2), px(80), lots(2)));

  const auto report = f.book.submit(Order::sell_market(oid(3), lots(5)));

  CHECK(report.filled == lots(4));
  CHECK(report.cancelled == lots(1));
  CHECK(report.resting == lots(0));
  CHECK_FALSE(f.book.best_bid().has_value());
  CHECK_FALSE(f.book.find(oid(3)).has_value());
}

TEST_CASE("an IOC order trades within its limit and never rests", "[market][types]") {
  ContinuousBook f;
  f.book.submit(Order::sell_limit(oid(1), px(100), lots(2)));
  f.book.submit(Order::sell_limit(oid(2), px(102), lots(2)));

  const auto report = f.book.submit(Order::ioc(Side::kBuy, oid(3), px(101), lots(5)));

  CHECK(report.filled == lots(2));
  CHECK(report.cancelled == lots(3));
  CHECK_FALSE(f.book.best_bid().has_value());
}

TEST_CASE("a fill-or-kill order fills entirely or not at all", "[market][types]") {
  ContinuousBook f;
  f.book.submit(Order::sell_limit(oid(1), px(100), lots(2)));
  f.book.submit(Order::sell_limit(oid(2), px(101), lots(2)));

  SECTION("not enough within its limit: killed, nothing trades") {
    const auto report = f.book.submit(Order::fok(Side::kBuy, oid(3), px(100), lots(3)));
    CHECK(report.filled == lots(0));
    CHECK(report.cancelled == lots(3));
    CHECK(f.recorder.trades.empty());
    CHECK(f.book.order_count() == 2);
  }
  SECTION("enough within its limit: fills across levels") {
    const auto report = f.book.submit(Order::fok(Side::kBuy, oid(3), px(101), lots(3)));
    CHECK(report.filled == lots(3));
    CHECK(f.recorder.trades.size() == 2);
  }
}

TEST_CASE("a cancel removes the open quantity once", "[market][cancel]") {
  ContinuousBook f;
  f.book.submit(Order::buy_limit(oid(1), px(100), lots(5)));
  f.book.submit(Order::sell_limit(oid(2), px(100), lots(2)));

  const auto first = f.book.cancel(oid(1));
  const auto second = f.book.cancel(oid(1));

  CHECK(first.cancelled == lots(3));
  CHECK(second.status == Status::kUnknownOrder);
  const BookTotals& t = f.book.totals();
  CHECK(t.submitted == lots(7));
  CHECK(t.filled == lots(4));
  CHECK(t.cancelled == lots(3));
  CHECK(t.resting == lots(0));
}

TEST_CASE("bad requests are refused without touching the book", "[market][validation]") {
  ContinuousBook f;
  f.book.submit(Order::buy_limit(oid(1), px(100), lots(5)));

  CHECK(f.book.submit(Order::buy_limit(oid(1), px(100), lots(5))).status == Status::kDuplicateId);
  CHECK(f.book.submit(Order::buy_limit(oid(0), px(100), lots(5))).status == Status::kInvalidId);
  CHECK(f.book.submit(Order::buy_limit(oid(2), px(0), lots(5))).status == Status::kInvalidPrice);
  CHECK(f.book.submit(Order::buy_limit(oid(2), kMaxPrice + px(1), lots(5))).status ==
        Status::kInvalidPrice);
  CHECK(f.book.submit(Order::buy_limit(oid(2), px(100), lots(0))).status ==
        Status::kInvalidQuantity);
  CHECK(f.book.submit(Order::buy_limit(oid(2), px(100), lots(1)).by(kCarMaker, NationId{64}))
            .status == Status::kInvalidNation);
  CHECK(f.book.order_count() == 1);
  CHECK(f.book.totals().submitted == lots(5));
}

// Found by the book's fuzz target (tests/fuzz/regressions/book): the reference matcher reported
// an order with id 0 and size 0 as kInvalidId, the book as kInvalidQuantity.
TEST_CASE("an order wrong in several ways is refused for the first of them, in a fixed order",
          "[market][validation]") {
  ContinuousBook f;
  ReferenceMatcher reference(ClearingMode::kContinuous);
  const Order orders[] = {
      Order::buy_limit(oid(0), px(0), lots(0)).by(kCarMaker, NationId{64}),  // quantity first
      Order::buy_limit(oid(0), px(0), lots(5)).by(kCarMaker, NationId{64}),  // then the nation
      Order::buy_limit(oid(0), px(0), lots(5)),                              // then the price
      Order::buy_limit(oid(0), px(100), lots(5)),                            // then the id
  };
  const Status expected[] = {Status::kInvalidQuantity, Status::kInvalidNation,
                             Status::kInvalidPrice, Status::kInvalidId};
  for (std::size_t i = 0; i < std::size(orders); ++i) {
    CHECK(f.book.submit(orders[i]).status == expected[i]);
    CHECK(reference.submit(orders[i]).status == expected[i]);
  }
  CHECK(f.book.order_count() == 0);
}

}  // namespace reesim::market::test
