// Randomised property test: over a million operations, the book and a naive reference
// matcher must agree on every report, every trade, the depth and the landed quotes, and
// the book must pass its own audit.
#include <random>
#include <sstream>

#include "book_fixture.h"
#include "reference_matcher.h"

namespace reesim::market::test {

namespace {

std::string describe(const Trade& t) {
  std::ostringstream s;
  s << "tick " << t.tick.value() << " price " << t.price.value() << " qty " << t.quantity.value()
    << " buy #" << t.buy_order.value() << " sell #" << t.sell_order.value() << " "
    << int{t.origin.value()} << "->" << int{t.destination.value()} << " tariff " << t.tariff.value()
    << " freight " << t.freight.value() << " left " << t.buy_remaining.value() << "/"
    << t.sell_remaining.value() << " aggressor " << static_cast<int>(t.aggressor);
  return s.str();
}

bool same(const Trade& a, const Trade& b) {
  return a.tick == b.tick && a.price == b.price && a.quantity == b.quantity &&
         a.buy_order == b.buy_order && a.sell_order == b.sell_order && a.buyer == b.buyer &&
         a.seller == b.seller && a.origin == b.origin && a.destination == b.destination &&
         a.tariff == b.tariff && a.freight == b.freight && a.buy_remaining == b.buy_remaining &&
         a.sell_remaining == b.sell_remaining && a.aggressor == b.aggressor;
}

struct Scenario {
  ClearingMode mode = ClearingMode::kContinuous;
  bool policies = false;
  int nations = 1;
  std::int64_t low = 95;  // price range of limit orders
  std::int64_t high = 125;
  int operations = 100'000;
  std::uint64_t seed = 1;
  int tick_permille = 25;  // chance of a tick (and a call auction's clearing) per operation
};

class Harness {
 public:
  explicit Harness(const Scenario& scenario)
      : s_(scenario),
        book_(BookConfig{VenueId{0}, scenario.mode, 256}),
        reference_(scenario.mode),
        rng_(scenario.seed) {
    book_.set_observer(&recorder_);
    if (s_.policies) {
      randomise_rules();
      install(true);
    }
  }

  void run() {
    for (int i = 0; i < s_.operations; ++i) {
      step();
      compare_trades();
      if (i % 97 == 0) compare_state();
    }
    compare_state();
  }

 private:
  std::int64_t pick(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(rng_() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  bool chance(int percent_tenths) { return static_cast<int>(rng_() % 1000) < percent_tenths; }

  void randomise_rules() {
    static constexpr std::int32_t kTariffs[] = {0, 0, 0, 250, 1000, 2500, 3333, 10000};
    static constexpr std::int64_t kFreights[] = {0, 0, 1, 3, 7};
    for (int o = 0; o < s_.nations; ++o) {
      for (int d = 0; d < s_.nations; ++d) {
        const NationId origin{static_cast<std::uint8_t>(o)};
        const NationId destination{static_cast<std::uint8_t>(d)};
        const bool allowed = !chance(120);
        const std::int32_t tariff = kTariffs[rng_() % 8];
        const Price freight{kFreights[rng_() % 5]};
        const bool limited = chance(100);
        const Quantity quota{pick(0, 40)};
        for (TestRules* rules : {&book_rules_, &reference_rules_}) {
          if (allowed)
            rules->allow(origin, destination);
          else
            rules->ban(origin, destination);
          rules->tariff(origin, destination, tariff).freight(origin, destination, freight);
          if (limited) rules->quota(origin, destination, quota);
        }
      }
    }
  }

  void install(bool on) {
    rules_on_ = on;
    const AuctionResult got = book_.set_rules(on ? &book_rules_ : nullptr);
    reference_.set_rules(on ? &reference_rules_ : nullptr);
    AuctionResult want;
    if (s_.mode == ClearingMode::kContinuous) want = reference_.uncross();
    compare(got, want, "set_rules");
  }

  Order random_order() {
    const Side side = rng_() % 2 == 0 ? Side::kBuy : Side::kSell;
    const OrderId id{next_id_++};
    const Price price{pick(s_.low, s_.high)};
    const Quantity quantity{chance(100) ? pick(1, 120) : pick(1, 20)};
    const int roll = static_cast<int>(rng_() % 100);
    Order order = Order::limit(side, id, price, quantity);
    if (roll < 6)
      order = Order::market(side, id, quantity);
    else if (roll < 13)
      order = Order::ioc(side, id, price, quantity);
    else if (roll < 18)
      order = Order::fok(side, id, price, quantity);
    return order.by(
        AgentId{static_cast<std::uint32_t>(rng_() % 50)},
        NationId{static_cast<std::uint8_t>(rng_() % static_cast<std::uint64_t>(s_.nations))});
  }

  // Half the time a recent id (live or not), otherwise a random resting order.
  OrderId target_id() {
    if (rng_() % 2 == 0) {
      const OrderId live = reference_.live_id(rng_());
      if (live != OrderId{0}) return live;
    }
    return recent_id();
  }
  OrderId recent_id() {
    return OrderId{static_cast<std::uint64_t>(
        pick(std::max<std::int64_t>(1, static_cast<std::int64_t>(next_id_) - 80),
             static_cast<std::int64_t>(next_id_)))};
  }

  void step() {
    const int roll = static_cast<int>(rng_() % 1000);
    if (roll < 470) {
      const Order order = random_order();
      compare(book_.submit(order), reference_.submit(order), "submit");
    } else if (roll < 760) {
      const OrderId id = target_id();
      compare(book_.cancel(id), reference_.cancel(id), "cancel");
    } else if (roll < 950) {
      const OrderId id = target_id();
      const auto resting = book_.find(id);
      Price price{pick(s_.low, s_.high)};
      if (resting && rng_() % 2 == 0) price = resting->price;
      const Quantity quantity{pick(1, 25)};
      compare(book_.modify(id, price, quantity), reference_.modify(id, price, quantity), "modify");
    } else if (roll < 975) {
      if (roll >= 950 + s_.tick_permille) return;
      tick_ = Tick{tick_.value() + 1};
      if (s_.mode == ClearingMode::kCallAuction) {
        compare(book_.clear_auction(tick_), reference_.clear_auction(tick_), "clear_auction");
      } else {
        book_.begin_tick(tick_);
        reference_.begin_tick(tick_);
      }
    } else if (roll < 979 && s_.policies) {
      randomise_rules();
      if (rules_on_) {
        const AuctionResult got = book_.rules_changed();
        AuctionResult want;
        if (s_.mode == ClearingMode::kContinuous) want = reference_.uncross();
        compare(got, want, "rules_changed");
      }
    } else if (roll < 980 && s_.policies) {
      install(!rules_on_);
    }
  }

  void compare(const ExecutionReport& got, const ExecutionReport& want, const char* what) {
    if (got.status == want.status && got.filled == want.filled && got.resting == want.resting &&
        got.cancelled == want.cancelled)
      return;
    FAIL(what << ": book {" << static_cast<int>(got.status) << " " << got.filled.value() << " "
              << got.resting.value() << " " << got.cancelled.value() << "} reference {"
              << static_cast<int>(want.status) << " " << want.filled.value() << " "
              << want.resting.value() << " " << want.cancelled.value() << "}");
  }

  void compare(const AuctionResult& got, const AuctionResult& want, const char* what) {
    if (got.rounds == want.rounds && got.volume == want.volume && got.trades == want.trades &&
        got.last_price == want.last_price && got.cancelled == want.cancelled)
      return;
    FAIL(what << ": book rounds " << got.rounds << " volume " << got.volume.value() << " price "
              << got.last_price.value() << " cancelled " << got.cancelled.value()
              << "; reference rounds " << want.rounds << " volume " << want.volume.value()
              << " price " << want.last_price.value() << " cancelled " << want.cancelled.value());
  }

  void compare_trades() {
    auto& got = recorder_.trades;
    auto& want = reference_.trades;
    if (got.size() != want.size())
      FAIL("trade count " << got.size() << " vs reference " << want.size());
    for (std::size_t i = 0; i < got.size(); ++i)
      if (!same(got[i], want[i]))
        FAIL("trade differs:\n  book      " << describe(got[i]) << "\n  reference "
                                            << describe(want[i]));
    traded_ += got.size();
    got.clear();
    want.clear();
  }

  void compare_state() {
    const std::string problem = book_.check_invariants();
    if (!problem.empty()) FAIL("audit: " << problem);
    const BookTotals& t = book_.totals();
    const BookTotals& r = reference_.totals;
    REQUIRE(t.submitted == r.submitted);
    REQUIRE(t.filled == r.filled);
    REQUIRE(t.resting == r.resting);
    REQUIRE(t.cancelled == r.cancelled);
    REQUIRE(book_.order_count() == reference_.order_count());
    for (const Side side : {Side::kBuy, Side::kSell}) {
      std::array<DepthLevel, 6> levels{};
      const std::size_t n = book_.depth(side, levels);
      const std::vector<DepthLevel> want = reference_.depth(side, levels.size());
      REQUIRE(n == want.size());
      for (std::size_t i = 0; i < n; ++i) {
        REQUIRE(levels[i].price == want[i].price);
        REQUIRE(levels[i].quantity == want[i].quantity);
        REQUIRE(levels[i].orders == want[i].orders);
      }
    }
    if (s_.mode != ClearingMode::kContinuous) return;
    for (int d = 0; d < s_.nations; ++d) {
      const NationId destination{static_cast<std::uint8_t>(d)};
      const auto got = book_.best_offer_for(destination);
      const auto want = reference_.best_offer_for(destination);
      REQUIRE(got.has_value() == want.has_value());
      if (got) {
        REQUIRE(got->price == want->price);
        REQUIRE(got->effective == want->effective);
        REQUIRE(got->nation == want->nation);
      }
    }
  }

  Scenario s_;
  OrderBook book_;
  ReferenceMatcher reference_;
  TradeRecorder recorder_;
  TestRules book_rules_;
  TestRules reference_rules_;
  std::mt19937_64 rng_;
  std::uint64_t next_id_ = 1;
  Tick tick_{0};
  bool rules_on_ = false;
  std::size_t traded_ = 0;

 public:
  [[nodiscard]] std::size_t traded() const { return traded_; }
};

}  // namespace

TEST_CASE("a plain continuous book matches the reference over 400k operations",
          "[market][property]") {
  Harness harness(Scenario{ClearingMode::kContinuous, false, 4, 95, 125, 400'000, 11});
  harness.run();
  CHECK(harness.traded() > 50'000);
}

TEST_CASE("a policy-aware continuous book matches the reference over 450k operations",
          "[market][property][policy]") {
  Harness harness(Scenario{ClearingMode::kContinuous, true, 6, 95, 125, 450'000, 12});
  harness.run();
  CHECK(harness.traded() > 50'000);
}

TEST_CASE("call auctions match the reference over 150k operations", "[market][property][auction]") {
  SECTION("plain") {
    Harness harness(Scenario{ClearingMode::kCallAuction, false, 3, 95, 125, 50'000, 13});
    harness.run();
    CHECK(harness.traded() > 1'000);
  }
  SECTION("with policies") {
    Harness harness(Scenario{ClearingMode::kCallAuction, true, 5, 95, 125, 100'000, 14});
    harness.run();
    CHECK(harness.traded() > 1'000);
  }
}

// Prices spread over thousands of ticks make ladders of hundreds of levels, most orders resting
// far from the best (the ladder's search past its first steps), and rare clearings let a call
// auction gather hundreds of orders, so that it sorts its thousands of candidate prices by
// digits (detail::radix_sort) rather than by comparison.
TEST_CASE("deep books match the reference", "[market][property][deep]") {
  SECTION("continuous") {
    Harness harness(Scenario{ClearingMode::kContinuous, true, 4, 1'000, 9'000, 30'000, 15});
    harness.run();
    CHECK(harness.traded() > 5'000);
  }
  SECTION("call auction") {
    Harness harness(Scenario{ClearingMode::kCallAuction, true, 5, 1'000, 9'000, 6'000, 16,
                             /*tick_permille=*/2});
    harness.run();
    CHECK(harness.traded() > 500);
  }
}

}  // namespace reesim::market::test
