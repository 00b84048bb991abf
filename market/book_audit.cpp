// OrderBook::check_invariants: a full audit of structure, accounting and crossing.
#include <algorithm>
#include <bit>
#include <limits>
#include <string>

#include "market/book.h"

namespace reesim::market {

namespace {

std::string describe(const char* what, std::int64_t a, std::int64_t b) {
  return std::string(what) + " (" + std::to_string(a) + " vs " + std::to_string(b) + ")";
}

}  // namespace

std::string OrderBook::check_invariants() const {
  std::size_t nodes_seen = 0;
  std::int64_t resting = 0;
  for (std::uint8_t side = 0; side < 2; ++side) {
    for (std::size_t g = 0; g < kMaxNations; ++g) {
      const auto& entries = ladders_[side][g].entries;
      const bool occupied = ((occupied_[side] >> g) & 1u) != 0;
      if (occupied == entries.empty())
        return describe("occupancy bit disagrees with ladder", side, static_cast<std::int64_t>(g));
      if (rules_ == nullptr && g != 0 && !entries.empty())
        return "plain book uses a nation segment";
      for (std::size_t e = 0; e < entries.size(); ++e) {
        if (e > 0 && entries[e - 1].key >= entries[e].key)
          return describe("ladder out of order", entries[e - 1].key, entries[e].key);
        const detail::Level& level = pools_.levels[entries[e].level];
        if (level.head == detail::kNil) return "empty level in ladder";
        std::int64_t total = 0;
        std::uint32_t previous = detail::kNil;
        for (std::uint32_t i = level.head; i != detail::kNil; i = pools_.nodes[i].next) {
          const detail::OrderNode& node = pools_.nodes[i];
          if (node.prev != previous) return "broken level links";
          if (node.level != entries[e].level || node.side != side || node.segment != g)
            return "node filed under the wrong level";
          if (detail::ladder_key(side, node.price) != entries[e].key)
            return describe("node price differs from level", node.price, entries[e].key);
          if (node.remaining <= 0)
            return describe("resting node without quantity", static_cast<std::int64_t>(node.id),
                            node.remaining);
          if (config_.index_ids && ids_.find(node.id) != i)
            return describe("id table misses a resting order", static_cast<std::int64_t>(node.id),
                            0);
          if (previous != detail::kNil && pools_.nodes[previous].sequence >= node.sequence)
            return "level not in time order";
          total += node.remaining;
          previous = i;
          ++nodes_seen;
        }
        if (level.tail != previous) return "level tail is not its last order";
        if (total != level.total)
          return describe("level total differs from its orders", level.total, total);
        resting += total;
      }
    }
  }
  for (std::uint8_t side = 0; side < 2; ++side) {
    std::int64_t best = std::numeric_limits<std::int64_t>::min();
    for (std::uint64_t m = occupied_[side]; m != 0; m &= m - 1)
      best =
          std::max(best, ladders_[side][static_cast<std::size_t>(std::countr_zero(m))].best().key);
    for (std::size_t g = 0; g < kMaxNations; ++g) {
      const auto& entries = ladders_[side][g].entries;
      if (segment_top_[side][g] != (entries.empty() ? kNoKey : entries.back().key))
        return describe("stale cached segment top", segment_top_[side][g],
                        static_cast<std::int64_t>(g));
    }
    if (top_valid_[side] && top_key_[side] != best)
      return describe("stale cached top of book", top_key_[side], best);
  }
  if (nodes_seen != order_count_)
    return describe("order count differs from resting orders",
                    static_cast<std::int64_t>(order_count_), static_cast<std::int64_t>(nodes_seen));
  if (config_.index_ids && ids_.size() != order_count_)
    return describe("id table size differs from resting orders",
                    static_cast<std::int64_t>(ids_.size()),
                    static_cast<std::int64_t>(order_count_));
  if (resting != totals_.resting.value())
    return describe("resting total differs from the book", totals_.resting.value(), resting);
  if (totals_.submitted != totals_.filled + totals_.resting + totals_.cancelled)
    return describe("quantity not conserved: submitted vs filled+resting+cancelled",
                    totals_.submitted.value(),
                    (totals_.filled + totals_.resting + totals_.cancelled).value());
  if (config_.mode != ClearingMode::kContinuous) return {};
  // Continuous: no eligible pair with quota left crosses at landed cost.
  for (std::uint64_t sm = occupied_[1]; sm != 0; sm &= sm - 1) {
    const auto s = static_cast<std::size_t>(std::countr_zero(sm));
    for (std::uint64_t bm = occupied_[0] & rules_cache_.destinations_for(s); bm != 0;
         bm &= bm - 1) {
      const auto b = static_cast<std::size_t>(std::countr_zero(bm));
      std::int64_t ask = -ladders_[1][s].best().key;
      if (rules_ != nullptr && rules_cache_.quota_limited(s, b)) {
        if (rules_cache_.quota_by_seller(s, b)) {
          // The best ask whose seller has quota of its own left.
          const Admitted admitted = admitted_ask(s, b, std::numeric_limits<std::int64_t>::max());
          if (admitted.node == detail::kNil) continue;
          ask = pools_.nodes[admitted.node].price;
        } else if (quota(s, b) <= 0) {
          continue;
        }
      }
      const detail::PairCost& cost = rules_cache_.cost(s, b);
      const std::int64_t bid = ladders_[0][b].best().key;
      const std::int64_t landed =
          landed_price(Price{ask}, cost.tariff_bp, Price{cost.freight}).value();
      if (landed <= bid) return describe("book crossed: landed ask vs bid", landed, bid);
    }
  }
  return {};
}

}  // namespace reesim::market
