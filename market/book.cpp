// OrderBook: order entry, cancel, modify, storage upkeep and rule installation.
#include "market/book.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <limits>

namespace reesim::market {

namespace {

constexpr std::uint8_t side_index(Side side) noexcept {
  return static_cast<std::uint8_t>(side);
}

Status validate(const Order& order) noexcept {
  if (order.quantity < Quantity{1} || order.quantity > kMaxQuantity)
    return Status::kInvalidQuantity;
  if (order.nation.value() >= kMaxNations) return Status::kInvalidNation;
  if (order.type != OrderType::kMarket && (order.price < kMinPrice || order.price > kMaxPrice))
    return Status::kInvalidPrice;
  if (order.id == OrderId{0}) return Status::kInvalidId;
  return Status::kOk;
}

// The limit a market order matches with: any price. In a call auction it waits at this
// price, above every landed cost (buy) or at the lowest valid price (sell).
constexpr std::int64_t market_limit(std::uint8_t side) noexcept {
  return side == 0 ? kMaxLandedPrice.value() : kMinPrice.value();
}

}  // namespace

OrderBook::OrderBook(BookConfig config)
    : config_(config), ids_(config.index_ids ? config.expected_orders : 0) {
  for (auto& tops : segment_top_)
    tops.fill(kNoKey);
  pools_.reserve(config.expected_orders);
  rules_cache_.reset_open();
}

// Rests a node in the level of its price and segment. Inlined into enter(), the path of every
// order that rests.
[[gnu::always_inline]] inline void OrderBook::link(std::uint32_t index) {
  detail::OrderNode& node = pools_.nodes[index];
  const std::uint8_t side = node.side;
  const std::uint8_t segment = segment_of(node.nation);
  node.segment = segment;
  std::vector<detail::LadderEntry>& entries = ladders_[side][segment].entries;
  const std::int64_t key = detail::ladder_key(side, node.price);
  std::uint32_t level_index;
  if (!entries.empty() && entries.back().key == key) {
    level_index = entries.back().level;
  } else if (entries.empty() || entries.back().key < key) {
    // A new best level of its segment (the first, often): appended.
    level_index = pools_.new_level();
    segment_top_[side][segment] = key;
    entries.push_back(detail::LadderEntry{key, level_index});
    occupied_[side] |= std::uint64_t{1} << segment;
    if (top_valid_[side] && key > top_key_[side]) top_key_[side] = key;
  } else {
    const std::size_t at = ladders_[side][segment].upper_index(key);
    if (at > 0 && entries[at - 1].key == key) {
      level_index = entries[at - 1].level;
    } else {
      level_index = pools_.new_level();
      entries.insert(entries.begin() + static_cast<std::ptrdiff_t>(at),
                     detail::LadderEntry{key, level_index});
    }
  }
  detail::Level& level = pools_.levels[level_index];
  node.level = level_index;
  node.next = detail::kNil;
  node.prev = level.tail;
  if (level.tail != detail::kNil)
    pools_.nodes[level.tail].next = index;
  else
    level.head = index;
  level.tail = index;
  level.total += node.remaining;
}

// Continuous matching of a taker (book_match.cpp has the paths). Inlined into enter(), the path
// of every order entered.
[[gnu::always_inline]] inline std::int64_t OrderBook::match(std::uint32_t taker,
                                                            std::int64_t limit) {
  if (rules_ == nullptr) return match_plain(taker, limit);
  // Tariffs and freight only add to a price, so an order outside the raw best price of the
  // other side cannot trade with any segment. Most orders entered are such: top_key()'s cache
  // is read here while it holds, so that they cost no call.
  const auto top = [this](std::uint8_t side) {
    return top_valid_[side] ? top_key_[side] : top_key(side);
  };
  if (pools_.nodes[taker].side == 0) return top(1) >= -limit ? match_buyer(taker, limit) : 0;
  return top(0) >= limit ? match_seller(taker, limit) : 0;
}

// Matches (continuous) or queues (auction) a node already registered in ids_, then rests,
// cancels or releases what is left of it. Inlined: it is the path of every order entered.
[[gnu::always_inline]] inline ExecutionReport OrderBook::enter(std::uint32_t index, OrderType type,
                                                               std::int64_t limit) {
  ExecutionReport report;
  if (config_.mode == ClearingMode::kCallAuction) {
    link(index);
    report.resting = Quantity{pools_.nodes[index].remaining};
    totals_.resting += report.resting;
    return report;
  }
  if (type == OrderType::kFok && !can_fill(pools_.nodes[index], limit)) {
    report.cancelled = Quantity{pools_.nodes[index].remaining};
    totals_.cancelled += report.cancelled;
    release(index);
    return report;
  }
  report.filled = Quantity{match(index, limit)};
  const std::int64_t left = pools_.nodes[index].remaining;
  if (left == 0) {
    release(index);
  } else if (type == OrderType::kLimit) {
    link(index);
    report.resting = Quantity{left};
    totals_.resting += report.resting;
  } else {
    report.cancelled = Quantity{left};
    totals_.cancelled += report.cancelled;
    release(index);
  }
  return report;
}

ExecutionReport OrderBook::submit(const Order& order) {
  const Status status = validate(order);
  if (status != Status::kOk) return ExecutionReport{status};
  if (order.type == OrderType::kFok && config_.mode == ClearingMode::kCallAuction)
    return ExecutionReport{Status::kUnsupported};
  const std::uint32_t index = pools_.new_node();
  if (config_.index_ids && !ids_.insert(order.id.value(), index)) {
    pools_.free_node(index);
    return ExecutionReport{Status::kDuplicateId};
  }
  ++order_count_;
  detail::OrderNode& node = pools_.nodes[index];
  node.id = order.id.value();
  node.remaining = order.quantity.value();
  node.sequence = next_sequence_++;
  node.agent = order.agent.value();
  node.side = side_index(order.side);
  node.nation = order.nation.value();
  node.type = static_cast<std::uint8_t>(order.type);
  const std::int64_t limit =
      order.type == OrderType::kMarket ? market_limit(node.side) : order.price.value();
  node.price = limit;
  totals_.submitted += order.quantity;
  if (config_.mode == ClearingMode::kCallAuction && order.type != OrderType::kLimit)
    pending_auction_only_.push_back({index, order.id.value()});
  const ExecutionReport report = enter(index, order.type, limit);
  debug_check();
  return report;
}

ExecutionReport OrderBook::cancel(OrderId id) {
  const std::uint32_t index = ids_.find(id.value());
  if (index == detail::kNil) return ExecutionReport{Status::kUnknownOrder};
  const Quantity open{pools_.nodes[index].remaining};
  unlink(index);
  release(index);
  totals_.resting -= open;
  totals_.cancelled += open;
  debug_check();
  return ExecutionReport{Status::kOk, Quantity{0}, Quantity{0}, open};
}

Quantity OrderBook::cancel_all() {
  // Every order in the book rests in a level, so the open quantity is the levels' totals, and
  // once the ladders are emptied no node or id is in use: the pools and the id table are
  // cleared wholesale instead of order by order.
  std::int64_t open = 0;
  for (std::size_t side = 0; side < 2; ++side) {
    for (std::uint64_t bits = occupied_[side]; bits != 0; bits &= bits - 1) {
      const auto segment = static_cast<std::size_t>(std::countr_zero(bits));
      detail::Ladder& lad = ladders_[side][segment];
      for (const detail::LadderEntry& entry : lad.entries)
        open += pools_.levels[entry.level].total;
      lad.entries.clear();
      segment_top_[side][segment] = kNoKey;
    }
  }
  assert(open == totals_.resting.value());
  if (config_.index_ids)
    ids_.clear(pools_.nodes, [](const detail::OrderNode& node) { return node.id; });
  pools_.clear();
  order_count_ = 0;
  occupied_ = {};
  top_valid_ = {};
  pending_auction_only_.clear();
  totals_.resting -= Quantity{open};
  totals_.cancelled += Quantity{open};
  debug_check();
  return Quantity{open};
}

ExecutionReport OrderBook::modify(OrderId id, Price new_price, Quantity new_quantity) {
  if (new_quantity < Quantity{1} || new_quantity > kMaxQuantity)
    return ExecutionReport{Status::kInvalidQuantity};
  const std::uint32_t index = ids_.find(id.value());
  if (index == detail::kNil) return ExecutionReport{Status::kUnknownOrder};
  detail::OrderNode& node = pools_.nodes[index];
  const auto type = static_cast<OrderType>(node.type);
  const bool market = type == OrderType::kMarket;  // a market order has no price to change
  if (!market && (new_price < kMinPrice || new_price > kMaxPrice))
    return ExecutionReport{Status::kInvalidPrice};
  const std::int64_t open = node.remaining;
  const std::int64_t wanted = new_quantity.value();
  const bool same_price = market || node.price == new_price.value();
  ExecutionReport report;
  if (same_price && wanted <= open) {
    // A size cut keeps time priority.
    const std::int64_t cut = open - wanted;
    node.remaining = wanted;
    pools_.levels[node.level].total -= cut;
    report.resting = new_quantity;
    report.cancelled = Quantity{cut};
    totals_.resting -= Quantity{cut};
    totals_.cancelled += Quantity{cut};
    debug_check();
    return report;
  }
  // A new price or a larger size: re-enter at the back of the queue.
  unlink(index);
  totals_.resting -= Quantity{open};
  if (wanted > open) {
    totals_.submitted += Quantity{wanted - open};
  } else {
    report.cancelled = Quantity{open - wanted};
    totals_.cancelled += report.cancelled;
  }
  detail::OrderNode& moved = pools_.nodes[index];
  moved.remaining = wanted;
  moved.sequence = next_sequence_++;
  if (!market) moved.price = new_price.value();
  const ExecutionReport entered =
      enter(index, type == OrderType::kIoc ? OrderType::kLimit : type, moved.price);
  report.filled = entered.filled;
  report.resting = entered.resting;
  report.cancelled += entered.cancelled;
  debug_check();
  return report;
}

void OrderBook::begin_tick(Tick tick) {
  assert(tick >= stats_.tick && "ticks never go back");
  if (tick == stats_.tick) return;
  previous_stats_ = stats_;
  stats_ = TickStats{};
  stats_.tick = tick;
}

AuctionResult OrderBook::set_rules(TradeRules* rules) {
  const bool was_segmented = rules_ != nullptr;
  rules_ = rules;
  if (rules_ != nullptr)
    rules_cache_.refresh(*rules_, config_.venue);
  else
    rules_cache_.reset_open();
  if (was_segmented != (rules_ != nullptr)) resegment();
  AuctionResult result;
  if (config_.mode == ClearingMode::kContinuous) result = uncross();
  debug_check();
  return result;
}

AuctionResult OrderBook::rules_changed() {
  if (rules_ != nullptr) rules_cache_.refresh(*rules_, config_.venue);
  AuctionResult result;
  if (config_.mode == ClearingMode::kContinuous) result = uncross();
  debug_check();
  return result;
}

// Moves every resting order into the ladder of its new segment, oldest first, so that time
// priority within each price level is preserved.
void OrderBook::resegment() {
  std::vector<std::uint32_t> resting;
  resting.reserve(order_count_);
  for (auto& sides : ladders_) {
    for (detail::Ladder& lad : sides) {
      for (const detail::LadderEntry& entry : lad.entries) {
        for (std::uint32_t i = pools_.levels[entry.level].head; i != detail::kNil;
             i = pools_.nodes[i].next)
          resting.push_back(i);
        pools_.free_level(entry.level);
      }
      lad.entries.clear();
    }
  }
  occupied_ = {};
  top_valid_ = {};
  for (auto& tops : segment_top_)
    tops.fill(kNoKey);
  std::sort(resting.begin(), resting.end(), [this](std::uint32_t a, std::uint32_t b) {
    return pools_.nodes[a].sequence < pools_.nodes[b].sequence;
  });
  for (const std::uint32_t i : resting)
    link(i);
}

void OrderBook::unlink(std::uint32_t index) {
  detail::OrderNode& node = pools_.nodes[index];
  detail::Level& level = pools_.levels[node.level];
  if (node.prev != detail::kNil)
    pools_.nodes[node.prev].next = node.next;
  else
    level.head = node.next;
  if (node.next != detail::kNil)
    pools_.nodes[node.next].prev = node.prev;
  else
    level.tail = node.prev;
  level.total -= node.remaining;
  if (level.head != detail::kNil) return;
  detail::Ladder& lad = ladders_[node.side][node.segment];
  const std::size_t at = lad.upper_index(detail::ladder_key(node.side, node.price)) - 1;
  assert(lad.entries[at].level == node.level);
  if (lad.entries[at].key == top_key_[node.side]) top_valid_[node.side] = false;
  lad.entries.erase(lad.entries.begin() + static_cast<std::ptrdiff_t>(at));
  pools_.free_level(node.level);
  if (at == lad.entries.size())
    segment_top_[node.side][node.segment] = lad.entries.empty() ? kNoKey : lad.entries.back().key;
  if (lad.entries.empty()) occupied_[node.side] &= ~(std::uint64_t{1} << node.segment);
}

// Removes a fully filled node that heads the best level of `lad`.
void OrderBook::pop_filled_head(detail::Ladder& lad, std::uint32_t index) {
  detail::OrderNode& node = pools_.nodes[index];
  detail::Level& level = pools_.levels[node.level];
  level.head = node.next;
  if (node.next != detail::kNil) {
    pools_.nodes[node.next].prev = detail::kNil;
  } else {
    level.tail = detail::kNil;
    pools_.free_level(node.level);
    if (lad.entries.back().key == top_key_[node.side]) top_valid_[node.side] = false;
    lad.entries.pop_back();
    segment_top_[node.side][node.segment] = lad.entries.empty() ? kNoKey : lad.entries.back().key;
    if (lad.entries.empty()) occupied_[node.side] &= ~(std::uint64_t{1} << node.segment);
  }
  release(index);
}

std::int64_t OrderBook::top_key(std::uint8_t side) {
  if (!top_valid_[side]) {
    std::int64_t best = std::numeric_limits<std::int64_t>::min();
    for (std::uint64_t m = occupied_[side]; m != 0; m &= m - 1)
      best =
          std::max(best, ladders_[side][static_cast<std::size_t>(std::countr_zero(m))].best().key);
    top_key_[side] = best;
    top_valid_[side] = true;
  }
  return top_key_[side];
}

void OrderBook::release(std::uint32_t index) {
  if (config_.index_ids) ids_.erase(pools_.nodes[index].id);
  --order_count_;
  pools_.free_node(index);
}

std::optional<Price> OrderBook::last_price() const {
  if (totals_.trades == 0) return std::nullopt;
  return Price{last_price_};
}

void OrderBook::debug_check() {
#ifndef NDEBUG
  ++operations_;
  assert(totals_.submitted == totals_.filled + totals_.resting + totals_.cancelled);
  if ((operations_ & 1023u) == 0) {
    const std::string problem = check_invariants();
    assert(problem.empty() && "order book invariant violated");
    (void)problem;
  }
#endif
}

}  // namespace reesim::market
