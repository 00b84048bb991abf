// Fuzz target: the order book (market/book.h) driven by a message stream read from the input,
// checked after every message against the naive reference matcher of the property test
// (tests/market/reference_matcher.h) and the book's own audit (check_invariants): the same report,
// the same trades, totals, depth and landed quotes. The first values read choose the clearing mode,
// whether trade rules are installed, the number of nations and the price window; the rest is a
// sequence of submit, cancel, modify, tick, auction and rule-change messages, including invalid
// ids, prices, sizes and nations. Prices of valid orders stay in a 256-tick window low in the
// price range, because the reference finds auction prices by trying every price from 1 up.
#include <fuzzer/FuzzedDataProvider.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "market/book.h"
#include "market/landed_cost.h"
#include "market/trade_rules.h"
#include "reference_matcher.h"

namespace reesim::market {
namespace {

constexpr std::size_t kNations = 8;

// Trade rules set pair by pair, as the property test's; consuming more quota than is left is a
// finding.
class FuzzRules final : public TradeRules {
 public:
  FuzzRules() {
    for (auto& row : quota_)
      row.fill(kUnlimited.value());
  }
  void set(std::size_t origin, std::size_t destination, const PairTerms& terms,
           std::int64_t quota) {
    terms_[origin][destination] = terms;
    quota_[origin][destination] = quota;
  }
  [[nodiscard]] std::size_t nation_bound() const override { return kNations; }
  PairTerms terms(VenueId, NationId origin, NationId destination) const override {
    return terms_[origin.value()][destination.value()];
  }
  Quantity quota_left(VenueId, NationId origin, NationId destination) const override {
    return Quantity{quota_[origin.value()][destination.value()]};
  }
  void consume_quota(VenueId, NationId origin, NationId destination, Quantity quantity) override {
    std::int64_t& left = quota_[origin.value()][destination.value()];
    if (quantity.value() < 1 || quantity.value() > left) __builtin_trap();
    left -= quantity.value();
  }

 private:
  std::array<std::array<PairTerms, kNations>, kNations> terms_{};
  std::array<std::array<std::int64_t, kNations>, kNations> quota_{};
};

class TradeLog final : public BookObserver {
 public:
  void on_trade(const Trade& trade) override { trades.push_back(trade); }
  std::vector<Trade> trades;
};

bool same(const Trade& a, const Trade& b) {
  return a.tick == b.tick && a.price == b.price && a.quantity == b.quantity &&
         a.buy_order == b.buy_order && a.sell_order == b.sell_order && a.buyer == b.buyer &&
         a.seller == b.seller && a.origin == b.origin && a.destination == b.destination &&
         a.tariff == b.tariff && a.freight == b.freight && a.buy_remaining == b.buy_remaining &&
         a.sell_remaining == b.sell_remaining && a.aggressor == b.aggressor;
}

// Any disagreement stops the run, naming the check that failed.
[[noreturn]] void disagree(const char* check, int line) {
  std::fprintf(stderr, "book_fuzz.cpp:%d: %s failed\n", line, check);
  std::abort();
}
#define FUZZ_REQUIRE(condition) ((condition) ? void() : disagree(#condition, __LINE__))

void require_same(const ExecutionReport& got, const ExecutionReport& want) {
  if (got.status == want.status && got.filled == want.filled && got.resting == want.resting &&
      got.cancelled == want.cancelled)
    return;
  std::fprintf(
      stderr, "report: book {%d %lld %lld %lld}, reference {%d %lld %lld %lld}\n",
      static_cast<int>(got.status), static_cast<long long>(got.filled.value()),
      static_cast<long long>(got.resting.value()), static_cast<long long>(got.cancelled.value()),
      static_cast<int>(want.status), static_cast<long long>(want.filled.value()),
      static_cast<long long>(want.resting.value()), static_cast<long long>(want.cancelled.value()));
  std::abort();
}

void require_same(const AuctionResult& got, const AuctionResult& want) {
  FUZZ_REQUIRE(got.rounds == want.rounds && got.volume == want.volume &&
               got.trades == want.trades && got.last_price == want.last_price &&
               got.cancelled == want.cancelled);
}

class Session {
 public:
  explicit Session(FuzzedDataProvider& in)
      : in_(in),
        mode_(in.ConsumeBool() ? ClearingMode::kCallAuction : ClearingMode::kContinuous),
        with_rules_(in.ConsumeBool()),
        nations_(in.ConsumeIntegralInRange<std::size_t>(1, kNations)),
        low_(in.PickValueInArray<std::int64_t>({95, 95, kMinPrice.value(), 1000})),
        book_(BookConfig{VenueId{0}, mode_, 64}),
        reference_(mode_) {
    book_.set_observer(&log_);
    if (with_rules_) {
      randomise_rules();
      install(true);
    }
  }

  void run() {
    while (in_.remaining_bytes() > 0) {
      step();
      compare_trades();
      compare_state();
    }
  }

 private:
  Price price() {
    switch (in_.ConsumeIntegralInRange(0, 15)) {
      case 0:
        return Price{0};
      case 1:
        return Price{-1};
      case 2:
        return Price{kMaxPrice.value() + 1};
      default:
        return Price{low_ + in_.ConsumeIntegralInRange<std::int64_t>(0, 255)};
    }
  }
  Quantity quantity() {
    switch (in_.ConsumeIntegralInRange(0, 15)) {
      case 0:
        return Quantity{0};
      case 1:
        return Quantity{-3};
      case 2:
        return kMaxQuantity;
      case 3:
        return Quantity{kMaxQuantity.value() + 1};
      default:
        return Quantity{in_.ConsumeIntegralInRange<std::int64_t>(1, 120)};
    }
  }
  NationId nation() {
    // Now and then a nation beyond the book's bound.
    if (in_.ConsumeIntegralInRange(0, 31) == 0)
      return NationId{static_cast<std::uint8_t>(kMaxNations)};
    return NationId{
        in_.ConsumeIntegralInRange<std::uint8_t>(0, static_cast<std::uint8_t>(nations_ - 1))};
  }
  OrderId target_id() {
    switch (in_.ConsumeIntegralInRange(0, 3)) {
      case 0:
        return OrderId{0};
      case 1:
        return OrderId{in_.ConsumeIntegralInRange<std::uint64_t>(1, next_id_)};
      default:
        return reference_.live_id(in_.ConsumeIntegral<std::uint64_t>());
    }
  }

  Order order() {
    const Side side = in_.ConsumeBool() ? Side::kBuy : Side::kSell;
    // Mostly a new id; sometimes a resting one (a duplicate) or 0.
    const OrderId id = in_.ConsumeIntegralInRange(0, 7) == 0 ? target_id() : OrderId{next_id_++};
    const Price p = price();
    const Quantity q = quantity();
    Order made = Order::limit(side, id, p, q);
    switch (in_.ConsumeIntegralInRange(0, 7)) {
      case 0:
        made = Order::market(side, id, q);
        break;
      case 1:
        made = Order::ioc(side, id, p, q);
        break;
      case 2:
        made = Order::fok(side, id, p, q);
        break;
      default:
        break;
    }
    return made.by(AgentId{in_.ConsumeIntegralInRange<std::uint32_t>(0, 9)}, nation());
  }

  void randomise_rules() {
    for (std::size_t o = 0; o < nations_; ++o) {
      for (std::size_t d = 0; d < nations_; ++d) {
        PairTerms terms;
        terms.allowed = in_.ConsumeIntegralInRange(0, 7) != 0;
        terms.tariff_bp =
            in_.PickValueInArray<std::int32_t>({0, 0, 250, 2500, 10000, kMaxTariffBp});
        terms.freight =
            Price{in_.PickValueInArray<std::int64_t>({0, 0, 1, 7, kMaxFreight.value()})};
        terms.quota_limited = in_.ConsumeIntegralInRange(0, 7) == 0;
        const std::int64_t quota = in_.ConsumeIntegralInRange<std::int64_t>(0, 40);
        book_rules_.set(o, d, terms, quota);
        reference_rules_.set(o, d, terms, quota);
      }
    }
  }

  void install(bool on) {
    rules_on_ = on;
    const AuctionResult got = book_.set_rules(on ? &book_rules_ : nullptr);
    reference_.set_rules(on ? &reference_rules_ : nullptr);
    AuctionResult want;
    if (mode_ == ClearingMode::kContinuous) want = reference_.uncross();
    require_same(got, want);
  }

  void step() {
    switch (in_.ConsumeIntegralInRange(0, 9)) {
      case 0:
      case 1:
      case 2:
      case 3: {
        const Order made = order();
        require_same(book_.submit(made), reference_.submit(made));
        break;
      }
      case 4:
      case 5: {
        const OrderId id = target_id();
        require_same(book_.cancel(id), reference_.cancel(id));
        break;
      }
      case 6:
      case 7: {
        const OrderId id = target_id();
        const auto resting = book_.find(id);
        Price p = price();
        if (resting && in_.ConsumeBool()) p = resting->price;  // a size change keeps priority
        const Quantity q = quantity();
        require_same(book_.modify(id, p, q), reference_.modify(id, p, q));
        break;
      }
      case 8: {
        tick_ = Tick{tick_.value() + 1};
        if (mode_ == ClearingMode::kCallAuction) {
          require_same(book_.clear_auction(tick_), reference_.clear_auction(tick_));
        } else {
          book_.begin_tick(tick_);
          reference_.begin_tick(tick_);
        }
        break;
      }
      default: {
        if (!with_rules_) break;
        if (in_.ConsumeBool()) {
          install(!rules_on_);
          break;
        }
        randomise_rules();
        if (!rules_on_) break;
        const AuctionResult got = book_.rules_changed();
        AuctionResult want;
        if (mode_ == ClearingMode::kContinuous) want = reference_.uncross();
        require_same(got, want);
        break;
      }
    }
  }

  void compare_trades() {
    FUZZ_REQUIRE(log_.trades.size() == reference_.trades.size());
    for (std::size_t i = 0; i < log_.trades.size(); ++i)
      FUZZ_REQUIRE(same(log_.trades[i], reference_.trades[i]));
    log_.trades.clear();
    reference_.trades.clear();
  }

  void compare_state() {
    FUZZ_REQUIRE(book_.check_invariants().empty());
    const BookTotals& t = book_.totals();
    const BookTotals& r = reference_.totals;
    FUZZ_REQUIRE(t.submitted == r.submitted && t.filled == r.filled && t.resting == r.resting &&
                 t.cancelled == r.cancelled);
    FUZZ_REQUIRE(book_.order_count() == reference_.order_count());
    for (const Side side : {Side::kBuy, Side::kSell}) {
      std::array<DepthLevel, 6> levels{};
      const std::size_t n = book_.depth(side, levels);
      const std::vector<DepthLevel> want = reference_.depth(side, levels.size());
      FUZZ_REQUIRE(n == want.size());
      for (std::size_t i = 0; i < n; ++i)
        FUZZ_REQUIRE(levels[i].price == want[i].price && levels[i].quantity == want[i].quantity &&
                     levels[i].orders == want[i].orders);
    }
    if (mode_ != ClearingMode::kContinuous) return;
    for (std::size_t d = 0; d < nations_; ++d) {
      const NationId destination{static_cast<std::uint8_t>(d)};
      const auto got = book_.best_offer_for(destination);
      const auto want = reference_.best_offer_for(destination);
      FUZZ_REQUIRE(got.has_value() == want.has_value());
      if (got)
        FUZZ_REQUIRE(got->price == want->price && got->effective == want->effective &&
                     got->nation == want->nation);
    }
  }

  FuzzedDataProvider& in_;
  ClearingMode mode_;
  bool with_rules_;
  std::size_t nations_;
  std::int64_t low_;
  OrderBook book_;
  test::ReferenceMatcher reference_;
  TradeLog log_;
  FuzzRules book_rules_;
  FuzzRules reference_rules_;
  std::uint64_t next_id_ = 1;
  Tick tick_{0};
  bool rules_on_ = false;
};

}  // namespace
}  // namespace reesim::market

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  reesim::market::Session session(in);
  session.run();
  return 0;
}
