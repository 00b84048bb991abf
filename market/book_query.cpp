// Read-only views of the book: L1, L2 depth, best quotes for a nation, order lookup.
#include <bit>
#include <limits>

#include "market/book.h"

namespace reesim::market {

namespace {

constexpr std::int64_t price_of(std::uint8_t side, std::int64_t key) noexcept {
  return side == 0 ? key : -key;
}

}  // namespace

std::optional<Price> OrderBook::best_bid() const {
  std::optional<Price> best;
  for (std::uint64_t m = occupied_[0]; m != 0; m &= m - 1) {
    const Price p{ladders_[0][static_cast<std::size_t>(std::countr_zero(m))].best().key};
    if (!best || p > *best) best = p;
  }
  return best;
}

std::optional<Price> OrderBook::best_ask() const {
  std::optional<Price> best;
  for (std::uint64_t m = occupied_[1]; m != 0; m &= m - 1) {
    const Price p{-ladders_[1][static_cast<std::size_t>(std::countr_zero(m))].best().key};
    if (!best || p < *best) best = p;
  }
  return best;
}

Level1 OrderBook::top() const {
  Level1 l1;
  std::array<DepthLevel, 1> level{};
  if (depth(Side::kBuy, level) == 1) {
    l1.bid = level[0].price;
    l1.bid_quantity = level[0].quantity;
  }
  if (depth(Side::kSell, level) == 1) {
    l1.ask = level[0].price;
    l1.ask_quantity = level[0].quantity;
  }
  return l1;
}

// Merges the segments' ladders from their best ends, aggregating equal prices.
std::size_t OrderBook::depth(Side side, std::span<DepthLevel> out) const {
  const auto s = static_cast<std::uint8_t>(side);
  std::array<std::size_t, kMaxNations> cursor{};  // entries left to visit per segment
  for (std::size_t g = 0; g < kMaxNations; ++g)
    cursor[g] = ladders_[s][g].entries.size();
  std::size_t written = 0;
  while (written < out.size()) {
    bool found = false;
    std::int64_t best_key = 0;
    for (std::uint64_t m = occupied_[s]; m != 0; m &= m - 1) {
      const auto g = static_cast<std::size_t>(std::countr_zero(m));
      if (cursor[g] == 0) continue;
      const std::int64_t key = ladders_[s][g].entries[cursor[g] - 1].key;
      if (!found || key > best_key) {
        best_key = key;
        found = true;
      }
    }
    if (!found) break;
    DepthLevel level{Price{price_of(s, best_key)}, Quantity{0}, 0};
    for (std::uint64_t m = occupied_[s]; m != 0; m &= m - 1) {
      const auto g = static_cast<std::size_t>(std::countr_zero(m));
      if (cursor[g] == 0 || ladders_[s][g].entries[cursor[g] - 1].key != best_key) continue;
      const detail::Level& lv = pools_.levels[ladders_[s][g].entries[cursor[g] - 1].level];
      level.quantity += Quantity{lv.total};
      for (std::uint32_t i = lv.head; i != detail::kNil; i = pools_.nodes[i].next)
        ++level.orders;
      --cursor[g];
    }
    out[written++] = level;
  }
  return written;
}

// Both quotes rank exactly as matching does: landed cost (or net) compared before rounding,
// then time.
std::optional<Quote> OrderBook::best_offer_for(NationId destination) const {
  if (destination.value() >= kMaxNations) return std::nullopt;
  const std::size_t b = destination.value();
  std::optional<Quote> best;
  std::int64_t best_scaled = 0;
  std::uint64_t best_sequence = 0;
  for (std::uint64_t m = occupied_[1] & rules_cache_.origins_for(b); m != 0; m &= m - 1) {
    const auto g = static_cast<std::size_t>(std::countr_zero(m));
    const detail::LadderEntry& entry = ladders_[1][g].best();
    const detail::Level* level = &pools_.levels[entry.level];
    const detail::OrderNode* head = &pools_.nodes[level->head];
    if (rules_ != nullptr && rules_cache_.quota_limited(g, b)) {
      if (rules_cache_.quota_by_seller(g, b)) {
        // The first ask whose seller has quota of its own left.
        const Admitted admitted = admitted_ask(g, b, std::numeric_limits<std::int64_t>::max());
        if (admitted.node == detail::kNil) continue;
        head = &pools_.nodes[admitted.node];
        level = &pools_.levels[head->level];
      } else if (quota(g, b) <= 0) {
        continue;
      }
    }
    const detail::PairCost& cost = rules_cache_.cost(rules_ != nullptr ? g : 0, b);
    const std::int64_t scaled = head->price * cost.factor + cost.freight_scaled;
    if (best && (scaled > best_scaled || (scaled == best_scaled && head->sequence > best_sequence)))
      continue;
    const Price landed = landed_price(Price{head->price}, cost.tariff_bp, Price{cost.freight});
    best = Quote{Price{head->price}, landed, Quantity{level->total}, NationId{head->nation}};
    best_scaled = scaled;
    best_sequence = head->sequence;
  }
  return best;
}

std::optional<Quote> OrderBook::best_bid_for(NationId origin) const {
  if (origin.value() >= kMaxNations) return std::nullopt;
  const std::size_t s = origin.value();
  std::optional<Quote> best;
  std::int64_t best_numerator = 0;
  std::int64_t best_factor = 1;
  std::uint64_t best_sequence = 0;
  for (std::uint64_t m = occupied_[0] & rules_cache_.destinations_for(s); m != 0; m &= m - 1) {
    const auto g = static_cast<std::size_t>(std::countr_zero(m));
    const detail::LadderEntry& entry = ladders_[0][g].best();
    const detail::Level& level = pools_.levels[entry.level];
    const detail::OrderNode& head = pools_.nodes[level.head];
    // Where the quota is held by seller, the pair's (what the origin's sellers may together).
    if (rules_ != nullptr && rules_cache_.quota_limited(s, g) && quota(s, g) <= 0) continue;
    const detail::PairCost& cost = rules_cache_.cost(s, rules_ != nullptr ? g : 0);
    const std::int64_t numerator = entry.key - cost.freight;
    if (kMinPrice.value() * cost.factor > numerator * kBasisPoints)
      continue;  // nets below the minimum price
    if (best) {
      const std::int64_t mine = numerator * best_factor;
      const std::int64_t theirs = best_numerator * cost.factor;
      if (mine < theirs || (mine == theirs && head.sequence > best_sequence)) continue;
    }
    const Price net = net_price(Price{entry.key}, cost.tariff_bp, Price{cost.freight});
    best = Quote{Price{entry.key}, net, Quantity{level.total}, NationId{head.nation}};
    best_numerator = numerator;
    best_factor = cost.factor;
    best_sequence = head.sequence;
  }
  return best;
}

std::optional<RestingOrder> OrderBook::find(OrderId id) const {
  const std::uint32_t index = ids_.find(id.value());
  if (index == detail::kNil) return std::nullopt;
  const detail::OrderNode& node = pools_.nodes[index];
  return RestingOrder{OrderId{node.id},
                      static_cast<Side>(node.side),
                      static_cast<OrderType>(node.type),
                      Price{node.price},
                      Quantity{node.remaining},
                      AgentId{node.agent},
                      NationId{node.nation},
                      node.sequence};
}

}  // namespace reesim::market
