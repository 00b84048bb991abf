// A deliberately naive matcher, written from the specification for the property test:
// resting orders in one flat vector, every decision by scanning all of them, every auction
// price found by trying each integer price in turn. Slow and obviously correct.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "market/book.h"
#include "market/order.h"
#include "market/trade.h"
#include "market/trade_rules.h"

namespace reesim::market::test {

class ReferenceMatcher {
 public:
  explicit ReferenceMatcher(ClearingMode mode) : mode_(mode) {}

  void set_rules(TradeRules* rules) { rules_ = rules; }
  void begin_tick(Tick tick) { tick_ = tick; }
  ExecutionReport submit(const Order& order);
  ExecutionReport cancel(OrderId id);
  ExecutionReport modify(OrderId id, Price price, Quantity quantity);
  AuctionResult uncross();
  AuctionResult clear_auction(Tick tick);

  // Aggregated depth of one side, best first, at most `levels` prices.
  [[nodiscard]] std::vector<DepthLevel> depth(Side side, std::size_t levels) const;
  // The ask a buyer in `destination` with no limit would meet first.
  [[nodiscard]] std::optional<Quote> best_offer_for(NationId destination) const;
  [[nodiscard]] std::size_t order_count() const { return orders_.size(); }
  // The id of resting order number `r` modulo the count (0 when empty).
  [[nodiscard]] OrderId live_id(std::uint64_t r) const {
    return orders_.empty() ? OrderId{0} : orders_[r % orders_.size()].order.id;
  }

  std::vector<Trade> trades;
  BookTotals totals;

 private:
  struct Resting {
    Order order;  // price, side, type, agent, nation as submitted
    std::int64_t remaining;
    std::uint64_t sequence;
  };

  [[nodiscard]] PairTerms terms(NationId origin, NationId destination) const;
  [[nodiscard]] std::int64_t quota(NationId origin, NationId destination) const;
  [[nodiscard]] bool crosses(const Resting& buy, const Resting& sell) const;
  [[nodiscard]] std::int64_t landed_scaled(std::int64_t price, NationId origin,
                                           NationId destination) const;
  [[nodiscard]] std::int64_t buy_limit(const Resting& buy) const;
  void trade(Resting& buy, Resting& sell, std::int64_t quantity, std::int64_t price,
             Aggressor aggressor);
  std::int64_t match(Resting& taker);
  std::int64_t auction_round(AuctionResult& result);
  std::int64_t allocate(std::int64_t price, const std::vector<std::size_t>& bids,
                        const std::vector<std::size_t>& asks, bool execute);
  void erase_empty();

  ClearingMode mode_;
  TradeRules* rules_ = nullptr;
  Tick tick_{0};
  std::vector<Resting> orders_;
  std::uint64_t next_sequence_ = 1;
  std::int64_t last_price_ = 0;
  // A fill-or-kill is first tried on a copy that draws quota here instead of from the rules.
  bool dry_run_ = false;
  std::map<std::pair<int, int>, std::int64_t> dry_quota_used_;
};

}  // namespace reesim::market::test
