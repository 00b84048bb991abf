// Policy-aware matching: bans, tariffs, freight, quotas and rule changes.
#include "book_fixture.h"

namespace reesim::market::test {

TEST_CASE("a banned origin's cheaper offer is skipped by the banned destination",
          "[market][policy][ban]") {
  PolicyBook f;
  f.rules.ban(kChina, kUsa);
  f.book.rules_changed();
  f.book.submit(Order::sell_limit(oid(1), px(100), lots(5)).by(kRefiner, kChina));
  f.book.submit(Order::sell_limit(oid(2), px(110), lots(5)).by(kMiner, kAustralia));

  f.book.submit(Order::buy_limit(oid(3), px(120), lots(5)).by(kMagnetMaker, kUsa));
  f.book.submit(Order::buy_limit(oid(4), px(120), lots(5)).by(kCarMaker, kIndia));

  REQUIRE(f.recorder.trades.size() == 2);
  CHECK(f.recorder.trades[0].sell_order == oid(2));
  CHECK(f.recorder.trades[0].origin == kAustralia);
  CHECK(f.recorder.trades[1].sell_order == oid(1));
  CHECK(f.recorder.trades[1].destination == kIndia);
}

TEST_CASE("a banned pair may rest crossed; the book stays uncrossed among eligible pairs",
          "[market][policy][ban]") {
  PolicyBook f;
  f.rules.ban(kChina, kUsa);
  f.book.rules_changed();
  f.book.submit(Order::sell_limit(oid(1), px(100), lots(5)).by(kRefiner, kChina));

  const auto report =
      f.book.submit(Order::buy_limit(oid(2), px(120), lots(5)).by(kMagnetMaker, kUsa));

  CHECK(report.resting == lots(5));
  CHECK(f.recorder.trades.empty());
  CHECK(f.book.best_bid() > f.book.best_ask());
  CHECK(f.book.check_invariants().empty());
}

TEST_CASE("a tariff re-orders sellers by landed cost", "[market][policy][tariff]") {
  PolicyBook f;
  f.rules.tariff(kChina, kUsa, 2500).freight(kAustralia, kUsa, px(5));
  f.book.rules_changed();
  f.book.submit(Order::sell_limit(oid(1), px(100), lots(5)).by(kRefiner, kChina));  // lands at 125
  f.book.submit(
      Order::sell_limit(oid(2), px(110), lots(5)).by(kMiner, kAustralia));  // lands at 115

  f.book.submit(Order::buy_limit(oid(3), px(130), lots(7)).by(kMagnetMaker, kUsa));

  REQUIRE(f.recorder.trades.size() == 2);
  const Trade& first = f.recorder.trades[0];
  CHECK(first.origin == kAustralia);
  CHECK(first.price == px(110));
  CHECK(first.tariff == px(0));
  CHECK(first.freight == px(5));
  CHECK(first.landed_price() == px(115));
  const Trade& second = f.recorder.trades[1];
  CHECK(second.origin == kChina);
  CHECK(second.quantity == lots(2));
  CHECK(second.tariff == px(25));
  CHECK(second.landed_price() == px(125));
}

TEST_CASE("a buyer's limit is a landed price: a tariff can price it out",
          "[market][policy][tariff]") {
  PolicyBook f;
  f.rules.tariff(kChina, kUsa, 2500);
  f.book.rules_changed();
  f.book.submit(
      Order::sell_limit(oid(1), px(101), lots(5)).by(kRefiner, kChina));  // 101 + 26 = 127

  CHECK(f.book.submit(Order::buy_limit(oid(2), px(126), lots(1)).by(kMagnetMaker, kUsa)).filled ==
        lots(0));
  CHECK(f.book.submit(Order::buy_limit(oid(3), px(127), lots(1)).by(kMagnetMaker, kUsa)).filled ==
        lots(1));
  REQUIRE(f.recorder.trades.size() == 1);
  CHECK(f.recorder.trades[0].tariff == px(26));  // 25.25 rounds up
  CHECK(f.book.check_invariants().empty());
}

TEST_CASE("a seller hits the bid that nets it the most", "[market][policy][tariff]") {
  PolicyBook f;
  f.rules.tariff(kChina, kUsa, 2500);
  f.book.rules_changed();
  f.book.submit(
      Order::buy_limit(oid(1), px(130), lots(5)).by(kMagnetMaker, kUsa));  // nets China 104
  f.book.submit(
      Order::buy_limit(oid(2), px(105), lots(5)).by(kCarMaker, kIndia));  // nets China 105

  f.book.submit(Order::sell_limit(oid(3), px(100), lots(8)).by(kRefiner, kChina));

  REQUIRE(f.recorder.trades.size() == 2);
  CHECK(f.recorder.trades[0].buy_order == oid(2));
  CHECK(f.recorder.trades[0].price == px(105));
  CHECK(f.recorder.trades[1].buy_order == oid(1));
  CHECK(f.recorder.trades[1].price == px(104));  // floor(130 / 1.25)
  CHECK(f.recorder.trades[1].landed_price() == px(130));
  CHECK(f.recorder.trades[1].aggressor == Aggressor::kSeller);
}

TEST_CASE("each trade carries its tariff once, per lot", "[market][policy][tariff]") {
  PolicyBook f;
  f.rules.tariff(kChina, kIndia, 1000).freight(kChina, kIndia, px(3));
  f.book.rules_changed();
  f.book.submit(Order::sell_limit(oid(1), px(200), lots(4)).by(kRefiner, kChina));
  f.book.submit(Order::sell_limit(oid(2), px(200), lots(4)).by(kRefiner, kChina));

  f.book.submit(Order::buy_limit(oid(3), px(300), lots(6)).by(kCarMaker, kIndia));

  Price paid_tariff{0};
  for (const Trade& t : f.recorder.trades) {
    CHECK(t.landed_price() == px(200) + px(20) + px(3));
    paid_tariff += Price{t.tariff.value() * t.quantity.value()};
  }
  CHECK(paid_tariff == px(20 * 6));
}

TEST_CASE("a spent quota stops the pair trading and buyers move to other origins",
          "[market][policy][quota]") {
  PolicyBook f;
  f.rules.quota(kChina, kIndia, lots(5));
  f.book.rules_changed();
  f.book.submit(Order::sell_limit(oid(1), px(100), lots(10)).by(kRefiner, kChina));
  f.book.submit(Order::sell_limit(oid(2), px(105), lots(10)).by(kMiner, kAustralia));

  f.book.submit(Order::buy_limit(oid(3), px(110), lots(8)).by(kCarMaker, kIndia));

  REQUIRE(f.recorder.trades.size() == 2);
  CHECK(f.recorder.trades[0].origin == kChina);
  CHECK(f.recorder.trades[0].quantity == lots(5));
  CHECK(f.recorder.trades[1].origin == kAustralia);
  CHECK(f.recorder.trades[1].quantity == lots(3));
  CHECK(f.rules.quota_used(kChina, kIndia) == lots(5));

  SECTION("China still sells elsewhere") {
    f.book.submit(Order::buy_limit(oid(4), px(100), lots(2)).by(kMagnetMaker, kJapan));
    CHECK(f.recorder.trades.back().origin == kChina);
  }
  SECTION("an Indian bid then rests above China's ask without trading") {
    f.book.submit(Order::buy_limit(oid(4), px(101), lots(2)).by(kCarMaker, kIndia));
    CHECK(f.recorder.trades.size() == 2);
    CHECK(f.book.check_invariants().empty());
    AND_WHEN("the quota is refilled, the crossed orders trade") {
      f.rules.quota(kChina, kIndia, lots(1));
      const AuctionResult result = f.book.rules_changed();
      CHECK(result.volume == lots(1));
      CHECK(f.recorder.trades.back().buy_order == oid(4));
      CHECK(f.book.check_invariants().empty());
    }
  }
}

TEST_CASE("a fill-or-kill counts only eligible quantity within quota", "[market][policy][quota]") {
  PolicyBook f;
  f.rules.quota(kChina, kIndia, lots(3)).ban(kAustralia, kIndia);
  f.book.rules_changed();
  f.book.submit(Order::sell_limit(oid(1), px(100), lots(10)).by(kRefiner, kChina));
  f.book.submit(Order::sell_limit(oid(2), px(100), lots(10)).by(kMiner, kAustralia));

  CHECK(f.book.submit(Order::fok(Side::kBuy, oid(3), px(100), lots(4)).by(kCarMaker, kIndia))
            .filled == lots(0));
  CHECK(f.book.submit(Order::fok(Side::kBuy, oid(4), px(100), lots(3)).by(kCarMaker, kIndia))
            .filled == lots(3));
}

TEST_CASE("lifting a ban uncrosses the orders it kept apart", "[market][policy][rules]") {
  PolicyBook f;
  f.rules.ban(kChina, kUsa);
  f.book.rules_changed();
  f.book.submit(Order::sell_limit(oid(1), px(100), lots(5)).by(kRefiner, kChina));
  f.book.submit(Order::buy_limit(oid(2), px(120), lots(3)).by(kMagnetMaker, kUsa));

  f.rules.allow(kChina, kUsa);
  const AuctionResult result = f.book.rules_changed();

  CHECK(result.rounds == 1);
  CHECK(result.volume == lots(3));
  REQUIRE(f.recorder.trades.size() == 1);
  CHECK(f.recorder.trades[0].aggressor == Aggressor::kAuction);
  CHECK(f.recorder.trades[0].price == px(100));  // the lowest price clearing the most
  CHECK(f.book.check_invariants().empty());
}

TEST_CASE("installing rules keeps resting orders in time order", "[market][policy][rules]") {
  ContinuousBook f;
  f.book.submit(Order::sell_limit(oid(1), px(100), lots(1)).by(kRefiner, kChina));
  f.book.submit(Order::sell_limit(oid(2), px(100), lots(1)).by(kMiner, kAustralia));
  f.book.submit(Order::sell_limit(oid(3), px(100), lots(1)).by(kRefiner, kChina));
  TestRules rules;
  f.book.set_rules(&rules);

  f.book.submit(Order::buy_limit(oid(4), px(100), lots(3)).by(kCarMaker, kIndia));

  REQUIRE(f.recorder.trades.size() == 3);
  CHECK(f.recorder.trades[0].sell_order == oid(1));
  CHECK(f.recorder.trades[1].sell_order == oid(2));
  CHECK(f.recorder.trades[2].sell_order == oid(3));

  f.book.set_rules(nullptr);
  CHECK(f.book.check_invariants().empty());
}

TEST_CASE("sellers holding their own quotas each sell abroad only their own",
          "[market][policy][quota][seller_quota]") {
  // Two Chinese sellers hold 5 lots each for India: the miner's large cheap ask heads China's
  // segment, the refiner's small dear one follows it.
  PolicyBook f;
  f.rules.seller_quota(kChina, kIndia, kMiner, lots(5))
      .seller_quota(kChina, kIndia, kRefiner, lots(5));
  f.book.rules_changed();
  f.book.submit(Order::sell_limit(oid(1), px(100), lots(50)).by(kMiner, kChina));
  f.book.submit(Order::sell_limit(oid(2), px(110), lots(8)).by(kRefiner, kChina));

  SECTION("a buyer abroad takes each seller's quota and no more") {
    const ExecutionReport report =
        f.book.submit(Order::buy_limit(oid(3), px(200), lots(30)).by(kCarMaker, kIndia));
    CHECK(report.filled == lots(10));
    REQUIRE(f.recorder.trades.size() == 2);
    CHECK(f.recorder.trades[0].seller == kMiner);
    CHECK(f.recorder.trades[0].quantity == lots(5));
    CHECK(f.recorder.trades[1].seller == kRefiner);
    CHECK(f.recorder.trades[1].quantity == lots(5));
    CHECK(f.rules.seller_quota_used(kChina, kIndia, kMiner) == lots(5));
    CHECK(f.rules.seller_quota_used(kChina, kIndia, kRefiner) == lots(5));
    // The book rests crossed only where no seller has quota left.
    CHECK(f.book.check_invariants().empty());
    CHECK_FALSE(f.book.best_offer_for(kIndia).has_value());
    AND_WHEN("sales at home draw on no quota") {
      f.book.submit(Order::buy_limit(oid(4), px(100), lots(7)).by(kMagnetMaker, kChina));
      CHECK(f.recorder.trades.back().seller == kMiner);
      CHECK(f.recorder.trades.back().quantity == lots(7));
    }
  }
  SECTION("once the miner's quota is spent its asks are passed over for the refiner's") {
    f.book.submit(Order::buy_limit(oid(3), px(200), lots(5)).by(kCarMaker, kIndia));
    REQUIRE(f.recorder.trades.size() == 1);
    CHECK(f.recorder.trades[0].seller == kMiner);
    const std::optional<Quote> quote = f.book.best_offer_for(kIndia);
    REQUIRE(quote.has_value());
    CHECK(quote->price == px(110));  // the refiner's, behind the miner's cheaper ask
    f.book.submit(Order::buy_limit(oid(4), px(200), lots(3)).by(kCarMaker, kIndia));
    CHECK(f.recorder.trades.back().seller == kRefiner);
    CHECK(f.recorder.trades.back().price == px(110));
    CHECK(f.book.check_invariants().empty());
  }
  SECTION("a fill-or-kill counts each seller's quota once") {
    CHECK(f.book.submit(Order::fok(Side::kBuy, oid(3), px(200), lots(11)).by(kCarMaker, kIndia))
              .filled == lots(0));
    CHECK(f.book.submit(Order::fok(Side::kBuy, oid(4), px(200), lots(10)).by(kCarMaker, kIndia))
              .filled == lots(10));
  }
}

TEST_CASE("a seller holding its own quota sells into bids abroad up to it",
          "[market][policy][quota][seller_quota]") {
  PolicyBook f;
  f.rules.seller_quota(kChina, kIndia, kMiner, lots(5))
      .seller_quota(kChina, kIndia, kRefiner, lots(2));
  f.book.rules_changed();
  f.book.submit(Order::buy_limit(oid(1), px(200), lots(30)).by(kCarMaker, kIndia));

  CHECK(f.book.submit(Order::sell_limit(oid(2), px(100), lots(20)).by(kMiner, kChina)).filled ==
        lots(5));
  CHECK(f.book.submit(Order::sell_limit(oid(3), px(100), lots(20)).by(kRefiner, kChina)).filled ==
        lots(2));
  CHECK(f.book.submit(Order::sell_limit(oid(4), px(100), lots(20)).by(kMiner, kChina)).filled ==
        lots(0));
  CHECK(f.rules.seller_quota_used(kChina, kIndia, kMiner) == lots(5));
  CHECK(f.rules.seller_quota_used(kChina, kIndia, kRefiner) == lots(2));
  CHECK(f.book.check_invariants().empty());
}

TEST_CASE("a call auction allots each seller abroad its own quota",
          "[market][policy][quota][seller_quota][auction]") {
  OrderBook book(BookConfig{VenueId{0}, ClearingMode::kCallAuction});
  TradeRecorder recorder;
  TestRules rules;
  rules.seller_quota(kChina, kIndia, kMiner, lots(5))
      .seller_quota(kChina, kIndia, kRefiner, lots(5));
  book.set_observer(&recorder);
  book.set_rules(&rules);
  book.submit(Order::sell_limit(oid(1), px(100), lots(50)).by(kMiner, kChina));
  book.submit(Order::sell_limit(oid(2), px(110), lots(8)).by(kRefiner, kChina));
  book.submit(Order::buy_limit(oid(3), px(200), lots(30)).by(kCarMaker, kIndia));

  const AuctionResult result = book.clear_auction(Tick{1});
  CHECK(result.volume == lots(10));
  CHECK(rules.seller_quota_used(kChina, kIndia, kMiner) == lots(5));
  CHECK(rules.seller_quota_used(kChina, kIndia, kRefiner) == lots(5));
  Quantity miner{0};
  for (const Trade& t : recorder.trades)
    if (t.seller == kMiner) miner += t.quantity;
  CHECK(miner == lots(5));
  CHECK(book.check_invariants().empty());
}

}  // namespace reesim::market::test
