// OrderBook: the limit order book and matching engine of one commodity on one venue.
//
// Continuous mode matches each incoming order at once by price-time priority; call-auction
// mode collects orders and clears them at one uniform price per round in clear_auction().
// With TradeRules installed, matching is policy-aware: a buyer meets the eligible offer of
// lowest landed cost, a seller the eligible bid netting it the most, ties by time (see
// market/trade_rules.h and market/landed_cost.h). Without rules, every pair trades at
// zero cost through a single-ladder fast path.
//
// Invariants, checked by check_invariants() (and periodically in debug builds):
// - in continuous mode the book is never crossed among eligible pairs with quota left;
// - quantity is conserved: submitted == filled + resting + cancelled (BookTotals);
// - no trade between an ineligible pair; each trade's tariff is charged once, per lot.
//
// Single-threaded and deterministic: not thread-safe; use one book per thread. No I/O.
// Copies are deleted (the book owns pools and is referred to by observers).
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "market/detail/id_table.h"
#include "market/detail/rules_cache.h"
#include "market/detail/storage.h"
#include "market/order.h"
#include "market/trade.h"
#include "market/trade_rules.h"
#include "market/types.h"

namespace reesim::market {

class AuctionClearing;

enum class ClearingMode : std::uint8_t { kContinuous, kCallAuction };

struct BookConfig {
  VenueId venue{0};
  ClearingMode mode = ClearingMode::kContinuous;
  std::size_t expected_orders = 1024;  // capacity hint for resting orders
  // False for a book whose orders are only ever withdrawn all at once (cancel_all): orders are
  // not indexed by id, so cancel(), modify() and find() do not know them and a duplicate id is
  // not refused. Matching and clearing are unchanged.
  bool index_ids = true;
};

// Aggregated depth at one price (over all origins or destinations).
struct DepthLevel {
  Price price{0};
  Quantity quantity{0};
  std::int32_t orders = 0;
};

// Best bid and offer in raw prices (not landed); an empty side has quantity 0.
struct Level1 {
  Price bid{0};
  Quantity bid_quantity{0};
  Price ask{0};
  Quantity ask_quantity{0};
};

// The best counter-order for one nation under the rules in force.
struct Quote {
  Price price{0};        // the resting order's price
  Price effective{0};    // landed cost for a buyer; net receipt for a seller
  Quantity quantity{0};  // at that order's level and segment
  NationId nation{0};    // the resting order's nation
};

// The result of uncross() / clear_auction().
struct AuctionResult {
  std::int32_t rounds = 0;  // uniform-price rounds that traded
  Quantity volume{0};       // lots traded
  std::int64_t trades = 0;
  Price last_price{0};    // the last round's clearing price (0 if none)
  Quantity cancelled{0};  // market/IOC remainders cancelled after an auction
};

class OrderBook {
 public:
  explicit OrderBook(BookConfig config = {});
  OrderBook(const OrderBook&) = delete;
  OrderBook& operator=(const OrderBook&) = delete;
  OrderBook(OrderBook&&) = delete;
  OrderBook& operator=(OrderBook&&) = delete;
  ~OrderBook() = default;

  // Trades go to `observer` (not owned; nullptr for none).
  void set_observer(BookObserver* observer) noexcept { observer_ = observer; }

  // Installs policies (not owned; nullptr returns to plain matching). Resting orders are
  // re-sorted into the new segments in time order; in continuous mode the book is then
  // uncrossed (see uncross()).
  AuctionResult set_rules(TradeRules* rules);
  // Re-reads the installed rules' terms; call when policies or quotas changed. In
  // continuous mode, orders that became crossed are uncrossed at once.
  AuctionResult rules_changed();

  // Starts tick `tick` (>= the current one): trades are stamped with it and tick_stats()
  // restarts; the finished tick's statistics move to previous_tick_stats().
  void begin_tick(Tick tick);

  // Submits a new order. Continuous mode matches it at once; call-auction mode queues it
  // for the next clear_auction() (FOK is refused there).
  ExecutionReport submit(const Order& order);
  // Cancels the open quantity of a resting order.
  ExecutionReport cancel(OrderId id);
  // Cancels every resting order, as cancelling each in turn would; returns the lots cancelled.
  Quantity cancel_all();
  // Sets a resting order's price and open quantity. Cutting the quantity at the same price
  // keeps time priority; a price change or a larger quantity loses it (the order is
  // re-entered and may trade at once in continuous mode). Raising the size counts the extra
  // lots as submitted; cutting it counts the cut as cancelled. new_quantity must be >= 1.
  ExecutionReport modify(OrderId id, Price new_price, Quantity new_quantity);

  // Call auction for `tick` (begins it if later than the current tick): uniform-price rounds
  // until no eligible pair crosses, then the rest of market and IOC orders is cancelled.
  // Each round's price maximises executed volume; market/auction.md states the rules.
  AuctionResult clear_auction(Tick tick);
  // The same rounds on the current book without cancelling anything; in continuous mode it
  // only has work after a rules change, which calls it.
  AuctionResult uncross();

  // --- queries (raw prices; O(segments) or better unless noted) ---
  [[nodiscard]] std::optional<Price> best_bid() const;
  [[nodiscard]] std::optional<Price> best_ask() const;
  [[nodiscard]] Level1 top() const;
  // Fills `out` with the best levels of `side` (aggregated over segments), best first;
  // returns how many were written.
  std::size_t depth(Side side, std::span<DepthLevel> out) const;
  // Best eligible offer for a buyer in `destination`, by landed cost then time.
  [[nodiscard]] std::optional<Quote> best_offer_for(NationId destination) const;
  // Best eligible bid for a seller from `origin`, by net receipt then time.
  [[nodiscard]] std::optional<Quote> best_bid_for(NationId origin) const;
  [[nodiscard]] std::optional<RestingOrder> find(OrderId id) const;
  [[nodiscard]] std::size_t order_count() const noexcept { return order_count_; }
  [[nodiscard]] const TickStats& tick_stats() const noexcept { return stats_; }
  [[nodiscard]] const TickStats& previous_tick_stats() const noexcept { return previous_stats_; }
  [[nodiscard]] const BookTotals& totals() const noexcept { return totals_; }
  [[nodiscard]] std::optional<Price> last_price() const;
  [[nodiscard]] Tick tick() const noexcept { return stats_.tick; }
  [[nodiscard]] const BookConfig& config() const noexcept { return config_; }
  [[nodiscard]] bool has_rules() const noexcept { return rules_ != nullptr; }
  // Whether some pair is quota-limited under the rules' last-read terms: only then does matching
  // call the rules (quota_left, consume_quota); otherwise the book reads nothing outside itself
  // and its observer.
  [[nodiscard]] bool reads_quotas() const noexcept {
    return rules_ != nullptr && rules_cache_.any_quota();
  }

  // Full audit of structure and invariants, O(orders + levels + nations²). Returns an empty
  // string when all hold, else a description of the first violation.
  [[nodiscard]] std::string check_invariants() const;

 private:
  friend class AuctionClearing;

  // Storage (book.cpp).
  [[nodiscard]] detail::Ladder& ladder(std::uint8_t side, std::uint8_t segment) noexcept {
    return ladders_[side][segment];
  }
  void link(std::uint32_t node);
  void unlink(std::uint32_t node);
  void release(std::uint32_t node);
  void pop_filled_head(detail::Ladder& ladder, std::uint32_t node);
  [[nodiscard]] std::uint8_t segment_of(std::uint8_t nation) const noexcept {
    return rules_ == nullptr ? std::uint8_t{0} : nation;
  }
  ExecutionReport enter(std::uint32_t node, OrderType type, std::int64_t limit);
  void resegment();
  void debug_check();
  // The best ladder key of a side over all segments (a lower bound on any landed ask, an
  // upper bound on any bid); lets the policy path skip its scan for orders that cannot trade.
  std::int64_t top_key(std::uint8_t side);
  [[nodiscard]] std::uint64_t head_sequence(std::uint8_t side, std::size_t segment) const {
    return pools_.nodes[pools_.levels[ladders_[side][segment].best().level].head].sequence;
  }

  // Continuous matching (book_match.cpp). Each returns the lots filled for `taker`.
  std::int64_t match(std::uint32_t taker, std::int64_t limit);
  std::int64_t match_plain(std::uint32_t taker, std::int64_t limit);
  std::int64_t match_buyer(std::uint32_t taker, std::int64_t limit);
  std::int64_t match_seller(std::uint32_t taker, std::int64_t limit);
  [[nodiscard]] bool can_fill(const detail::OrderNode& taker, std::int64_t limit) const;
  [[nodiscard]] std::int64_t quota(std::size_t origin, std::size_t destination) const;
  // What `seller` may still sell on a quota-limited pair: its own allotment where the pair's
  // quota is held by seller, else the pair's quota; and recording what it sold.
  [[nodiscard]] std::int64_t quota(std::size_t origin, std::size_t destination,
                                   std::uint32_t seller) const;
  void consume_quota(std::size_t origin, std::size_t destination, std::uint32_t seller,
                     std::int64_t quantity);
  // On a pair whose quota is held by seller: the first ask of `origin`'s segment in price-time
  // order whose seller has quota left toward `destination`, among those landing at most at
  // `limit_scaled` (a landed price × 10 000), and that quota; node kNil when none.
  struct Admitted {
    std::uint32_t node = detail::kNil;
    std::int64_t left = 0;
  };
  [[nodiscard]] Admitted admitted_ask(std::size_t origin, std::size_t destination,
                                      std::int64_t limit_scaled) const;
  void record_trade(const Trade& trade);

  BookConfig config_;
  BookObserver* observer_ = nullptr;
  TradeRules* rules_ = nullptr;
  detail::RulesCache rules_cache_;
  // Scratch of call-auction rounds, kept between rounds so that clearing allocates nothing.
  struct ClearingDeleter {
    void operator()(AuctionClearing* clearing) const noexcept;
  };
  std::unique_ptr<AuctionClearing, ClearingDeleter> clearing_;
  detail::Pools pools_;
  detail::IdTable ids_;
  std::array<std::array<detail::Ladder, kMaxNations>, 2> ladders_{};
  std::array<std::uint64_t, 2> occupied_{};  // per side, bit = segment with resting orders
  std::array<std::int64_t, 2> top_key_{};    // cache of top_key(), valid when top_valid_
  std::array<bool, 2> top_valid_{};
  // Best ladder key of each side and segment (kNoKey when empty), kept in one compact array so
  // that the policy scans read one cache line per eight segments instead of every ladder.
  static constexpr std::int64_t kNoKey = std::numeric_limits<std::int64_t>::min();
  std::array<std::array<std::int64_t, kMaxNations>, 2> segment_top_{};
  // Market and IOC orders waiting for an auction, by node; a node that since held another order
  // (its id differs) was filled and released.
  struct Pending {
    std::uint32_t node;
    std::uint64_t id;
  };
  std::vector<Pending> pending_auction_only_;
  std::size_t order_count_ = 0;  // resting orders (and a taker being matched)
  std::uint64_t next_sequence_ = 1;
  std::int64_t last_price_ = 0;
  TickStats stats_{};
  TickStats previous_stats_{};
  BookTotals totals_{};
  std::uint64_t operations_ = 0;
};

}  // namespace reesim::market
