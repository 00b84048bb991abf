// Call auctions: uniform-price clearing with eligibility and landed cost.
#include "book_fixture.h"

namespace reesim::market::test {

namespace {

struct AuctionBook {
  explicit AuctionBook(bool with_rules = false) {
    book.set_observer(&recorder);
    if (with_rules) book.set_rules(&rules);
  }
  OrderBook book{BookConfig{VenueId{1}, ClearingMode::kCallAuction, 64}};
  TradeRecorder recorder;
  TestRules rules;
};

void add_ladder(OrderBook& book) {
  book.submit(Order::buy_limit(oid(1), px(105), lots(10)));
  book.submit(Order::buy_limit(oid(2), px(103), lots(10)));
  book.submit(Order::buy_limit(oid(3), px(100), lots(10)));
  book.submit(Order::sell_limit(oid(4), px(99), lots(10)));
  book.submit(Order::sell_limit(oid(5), px(102), lots(10)));
  book.submit(Order::sell_limit(oid(6), px(104), lots(10)));
}

}  // namespace

TEST_CASE("orders wait for the auction instead of trading", "[market][auction]") {
  AuctionBook f;
  add_ladder(f.book);
  CHECK(f.recorder.trades.empty());
  CHECK(f.book.order_count() == 6);
}

TEST_CASE("the auction clears at the price that trades the most", "[market][auction]") {
  AuctionBook f;
  add_ladder(f.book);

  const AuctionResult result = f.book.clear_auction(Tick{1});

  // 102 and 103 both trade 20 lots with no imbalance; without a reference the lower wins.
  CHECK(result.rounds == 1);
  CHECK(result.volume == lots(20));
  CHECK(result.last_price == px(102));
  for (const Trade& t : f.recorder.trades) {
    CHECK(t.price == px(102));
    CHECK(t.tick == Tick{1});
    CHECK(t.aggressor == Aggressor::kAuction);
  }
  CHECK(f.book.best_bid() == px(100));
  CHECK(f.book.best_ask() == px(104));
  CHECK(f.book.check_invariants().empty());
}

TEST_CASE("equal auctions prefer the price nearest the last trade", "[market][auction]") {
  AuctionBook f;
  f.book.submit(Order::buy_limit(oid(90), px(110), lots(1)));
  f.book.submit(Order::sell_limit(oid(91), px(110), lots(1)));
  f.book.clear_auction(Tick{1});
  REQUIRE(f.book.last_price() == px(110));

  add_ladder(f.book);
  const AuctionResult result = f.book.clear_auction(Tick{2});

  CHECK(result.last_price == px(103));
}

TEST_CASE("market and IOC orders join one auction and their rest is cancelled",
          "[market][auction]") {
  AuctionBook f;
  f.book.submit(Order::sell_limit(oid(1), px(100), lots(4)));
  f.book.submit(Order::buy_market(oid(2), lots(3)));
  f.book.submit(Order::ioc(Side::kBuy, oid(3), px(100), lots(5)));
  CHECK(f.book.submit(Order::fok(Side::kBuy, oid(4), px(100), lots(5))).status ==
        Status::kUnsupported);

  const AuctionResult result = f.book.clear_auction(Tick{1});

  CHECK(result.volume == lots(4));
  CHECK(result.cancelled == lots(4));
  CHECK(f.recorder.trades[0].buy_order == oid(2));  // the market order has priority
  CHECK(f.book.order_count() == 0);
  const BookTotals& t = f.book.totals();
  CHECK(t.submitted == t.filled + t.resting + t.cancelled);
}

TEST_CASE("an auction allocates each buyer its lowest landed-cost eligible origin",
          "[market][auction][policy]") {
  AuctionBook f(true);
  f.rules.tariff(kChina, kUsa, 5000).ban(kAustralia, kJapan);
  f.book.rules_changed();
  f.book.submit(Order::sell_limit(oid(1), px(100), lots(5)).by(kRefiner, kChina));
  f.book.submit(Order::sell_limit(oid(2), px(100), lots(5)).by(kMiner, kAustralia));
  f.book.submit(Order::buy_limit(oid(3), px(200), lots(5)).by(kMagnetMaker, kUsa));
  f.book.submit(Order::buy_limit(oid(4), px(150), lots(5)).by(kCarMaker, kJapan));

  const AuctionResult result = f.book.clear_auction(Tick{1});

  CHECK(result.volume == lots(10));
  REQUIRE(f.recorder.trades.size() == 2);
  // The US bid (higher limit) goes first and takes Australia, which lands cheaper for it;
  // Japan, barred from Australia, takes China.
  CHECK(f.recorder.trades[0].buy_order == oid(3));
  CHECK(f.recorder.trades[0].origin == kAustralia);
  CHECK(f.recorder.trades[0].tariff == px(0));
  CHECK(f.recorder.trades[1].buy_order == oid(4));
  CHECK(f.recorder.trades[1].origin == kChina);
}

TEST_CASE("a ban that splits the venue clears in one uniform-price round per market",
          "[market][auction][policy]") {
  AuctionBook f(true);
  f.rules.ban(kChina, kIndia).ban(kAustralia, kUsa);
  f.book.rules_changed();
  f.book.submit(Order::sell_limit(oid(1), px(100), lots(10)).by(kMiner, kAustralia));
  f.book.submit(Order::buy_limit(oid(2), px(100), lots(10)).by(kCarMaker, kIndia));
  f.book.submit(Order::sell_limit(oid(3), px(150), lots(10)).by(kRefiner, kChina));
  f.book.submit(Order::buy_limit(oid(4), px(200), lots(10)).by(kMagnetMaker, kUsa));

  const AuctionResult result = f.book.clear_auction(Tick{1});

  CHECK(result.rounds == 2);
  REQUIRE(f.recorder.trades.size() == 2);
  CHECK(f.recorder.trades[0].price == px(100));
  CHECK(f.recorder.trades[0].origin == kAustralia);
  CHECK(f.recorder.trades[1].price == px(150));  // nearest the first round's price
  CHECK(f.recorder.trades[1].origin == kChina);
  CHECK(f.book.order_count() == 0);
}

TEST_CASE("an auction respects quotas", "[market][auction][quota]") {
  AuctionBook f(true);
  f.rules.quota(kChina, kIndia, lots(4));
  f.book.rules_changed();
  f.book.submit(Order::sell_limit(oid(1), px(100), lots(10)).by(kRefiner, kChina));
  f.book.submit(Order::buy_limit(oid(2), px(120), lots(10)).by(kCarMaker, kIndia));

  const AuctionResult result = f.book.clear_auction(Tick{1});

  CHECK(result.volume == lots(4));
  CHECK(f.rules.quota_used(kChina, kIndia) == lots(4));
  CHECK(f.book.find(oid(2))->remaining == lots(6));
}

}  // namespace reesim::market::test
