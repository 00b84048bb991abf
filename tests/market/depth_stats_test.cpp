// Market data: L1, L2 depth, landed quotes, per-tick VWAP and OHLC.
#include "book_fixture.h"

namespace reesim::market::test {

TEST_CASE("depth aggregates each price over orders and origins", "[market][depth]") {
  PolicyBook f;
  f.book.submit(Order::sell_limit(oid(1), px(101), lots(2)).by(kRefiner, kChina));
  f.book.submit(Order::sell_limit(oid(2), px(101), lots(3)).by(kMiner, kAustralia));
  f.book.submit(Order::sell_limit(oid(3), px(103), lots(4)).by(kMiner, kAustralia));
  f.book.submit(Order::buy_limit(oid(4), px(99), lots(6)).by(kCarMaker, kIndia));

  std::array<DepthLevel, 4> asks{};
  const std::size_t n = f.book.depth(Side::kSell, asks);

  REQUIRE(n == 2);
  CHECK(asks[0].price == px(101));
  CHECK(asks[0].quantity == lots(5));
  CHECK(asks[0].orders == 2);
  CHECK(asks[1].price == px(103));
  const Level1 l1 = f.book.top();
  CHECK(l1.bid == px(99));
  CHECK(l1.bid_quantity == lots(6));
  CHECK(l1.ask == px(101));
  CHECK(l1.ask_quantity == lots(5));
}

TEST_CASE("a buyer's best offer is quoted at landed cost", "[market][depth][policy]") {
  PolicyBook f;
  f.rules.tariff(kChina, kUsa, 2000);
  f.book.rules_changed();
  f.book.submit(Order::sell_limit(oid(1), px(100), lots(2)).by(kRefiner, kChina));
  f.book.submit(Order::sell_limit(oid(2), px(110), lots(3)).by(kMiner, kAustralia));

  const auto for_us = f.book.best_offer_for(kUsa);
  const auto for_india = f.book.best_offer_for(kIndia);

  REQUIRE(for_us);
  CHECK(for_us->nation == kAustralia);
  CHECK(for_us->effective == px(110));
  REQUIRE(for_india);
  CHECK(for_india->nation == kChina);
  const auto bid_for_china = f.book.best_bid_for(kChina);
  CHECK_FALSE(bid_for_china.has_value());
}

TEST_CASE("each tick keeps its own VWAP and OHLC", "[market][stats]") {
  ContinuousBook f;
  f.book.begin_tick(Tick{1});
  f.book.submit(Order::sell_limit(oid(1), px(100), lots(2)));
  f.book.submit(Order::sell_limit(oid(2), px(103), lots(1)));
  f.book.submit(Order::sell_limit(oid(3), px(99), lots(1)));
  f.book.submit(Order::buy_limit(oid(4), px(100), lots(1)));  // 99 x 1
  f.book.submit(Order::buy_limit(oid(5), px(103), lots(3)));  // 100 x 2, 103 x 1

  const TickStats& s = f.book.tick_stats();
  CHECK(s.trades == 3);
  CHECK(s.volume == lots(4));
  CHECK(s.open == px(99));
  CHECK(s.high == px(103));
  CHECK(s.low == px(99));
  CHECK(s.close == px(103));
  CHECK(s.vwap() == px(101));  // 402 / 4 = 100.5 rounds up
  CHECK(s.vwap_exact() == Approx(100.5));

  f.book.begin_tick(Tick{2});
  CHECK(f.book.previous_tick_stats().tick == Tick{1});
  CHECK(f.book.previous_tick_stats().volume == lots(4));
  CHECK_FALSE(f.book.tick_stats().has_trades());
  CHECK(f.book.last_price() == px(103));
}

}  // namespace reesim::market::test
