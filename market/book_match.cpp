// Continuous matching: the plain single-ladder path and the policy-aware paths that pick the
// best landed (buyer) or net (seller) counter-order across nation segments.
#include <algorithm>
#include <bit>
#include <utility>
#include <vector>

#include "market/book.h"

namespace reesim::market {

namespace {

// Price a seller receives when hitting a bid of `bid_price` (a landed limit) on this pair.
constexpr std::int64_t net_of(std::int64_t bid_price, const detail::PairCost& cost) noexcept {
  return net_price(Price{bid_price}, cost.tariff_bp, Price{cost.freight}).value();
}

const detail::PairCost kOpenCost{};

}  // namespace

std::int64_t OrderBook::quota(std::size_t origin, std::size_t destination) const {
  return rules_
      ->quota_left(config_.venue, NationId{static_cast<std::uint8_t>(origin)},
                   NationId{static_cast<std::uint8_t>(destination)})
      .value();
}

std::int64_t OrderBook::quota(std::size_t origin, std::size_t destination,
                              std::uint32_t seller) const {
  if (!rules_cache_.quota_by_seller(origin, destination)) return quota(origin, destination);
  return rules_
      ->seller_quota_left(config_.venue, NationId{static_cast<std::uint8_t>(origin)},
                          NationId{static_cast<std::uint8_t>(destination)}, AgentId{seller})
      .value();
}

void OrderBook::consume_quota(std::size_t origin, std::size_t destination, std::uint32_t seller,
                              std::int64_t quantity) {
  const NationId s{static_cast<std::uint8_t>(origin)};
  const NationId b{static_cast<std::uint8_t>(destination)};
  if (rules_cache_.quota_by_seller(origin, destination))
    rules_->consume_seller_quota(config_.venue, s, b, AgentId{seller}, Quantity{quantity});
  else
    rules_->consume_quota(config_.venue, s, b, Quantity{quantity});
}

OrderBook::Admitted OrderBook::admitted_ask(std::size_t origin, std::size_t destination,
                                            std::int64_t limit_scaled) const {
  const detail::PairCost& cost = rules_cache_.cost(origin, destination);
  const auto& entries = ladders_[1][origin].entries;
  std::uint32_t refused = 0;  // the last seller found without quota (asks of one agent cluster)
  bool any_refused = false;
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    if (-it->key * cost.factor + cost.freight_scaled > limit_scaled) break;
    for (std::uint32_t i = pools_.levels[it->level].head; i != detail::kNil;
         i = pools_.nodes[i].next) {
      const std::uint32_t seller = pools_.nodes[i].agent;
      if (any_refused && seller == refused) continue;
      const std::int64_t left = quota(origin, destination, seller);
      if (left > 0) return {i, left};
      refused = seller;
      any_refused = true;
    }
  }
  return {};
}

void OrderBook::record_trade(const Trade& trade) {
  if (stats_.trades == 0) {
    stats_.open = stats_.high = stats_.low = trade.price;
  } else {
    stats_.high = std::max(stats_.high, trade.price);
    stats_.low = std::min(stats_.low, trade.price);
  }
  stats_.close = trade.price;
  ++stats_.trades;
  stats_.volume += trade.quantity;
  stats_.notional += static_cast<Notional>(trade.price.value()) * trade.quantity.value();
  last_price_ = trade.price.value();
  totals_.filled += trade.quantity + trade.quantity;
  ++totals_.trades;
  if (observer_ != nullptr) observer_->on_trade(trade);
}

namespace {

Trade make_trade(const detail::OrderNode& taker, const detail::OrderNode& maker,
                 std::int64_t quantity, std::int64_t price, const detail::PairCost& cost,
                 Tick tick) {
  const bool taker_buys = taker.side == 0;
  const detail::OrderNode& buy = taker_buys ? taker : maker;
  const detail::OrderNode& sell = taker_buys ? maker : taker;
  Trade trade;
  trade.tick = tick;
  trade.price = Price{price};
  trade.quantity = Quantity{quantity};
  trade.buy_order = OrderId{buy.id};
  trade.sell_order = OrderId{sell.id};
  trade.buyer = AgentId{buy.agent};
  trade.seller = AgentId{sell.agent};
  trade.origin = NationId{sell.nation};
  trade.destination = NationId{buy.nation};
  trade.tariff = tariff_per_lot(Price{price}, cost.tariff_bp);
  trade.freight = Price{cost.freight};
  trade.buy_remaining = Quantity{buy.remaining};
  trade.sell_remaining = Quantity{sell.remaining};
  trade.aggressor = taker_buys ? Aggressor::kBuyer : Aggressor::kSeller;
  return trade;
}

}  // namespace

std::int64_t OrderBook::match_plain(std::uint32_t taker_index, std::int64_t limit) {
  detail::OrderNode& taker = pools_.nodes[taker_index];
  const std::uint8_t maker_side = taker.side ^ 1u;
  detail::Ladder& lad = ladders_[maker_side][0];
  const std::int64_t bound = detail::ladder_key(maker_side, limit);  // crosses iff key >= bound
  const std::int64_t wanted = taker.remaining;
  while (taker.remaining > 0 && !lad.entries.empty()) {
    const detail::LadderEntry best = lad.entries.back();
    if (best.key < bound) break;
    const std::int64_t price = maker_side == 0 ? best.key : -best.key;
    detail::Level& level = pools_.levels[best.level];
    for (;;) {
      const std::uint32_t maker_index = level.head;
      detail::OrderNode& maker = pools_.nodes[maker_index];
      const std::int64_t quantity = std::min(taker.remaining, maker.remaining);
      maker.remaining -= quantity;
      taker.remaining -= quantity;
      level.total -= quantity;
      record_trade(make_trade(taker, maker, quantity, price, kOpenCost, stats_.tick));
      if (maker.remaining == 0) {
        const bool last = maker.next == detail::kNil;
        pop_filled_head(lad, maker_index);
        if (last) break;
      }
      if (taker.remaining == 0) break;
    }
  }
  const std::int64_t filled = wanted - taker.remaining;
  totals_.resting -= Quantity{filled};
  return filled;
}

// A buyer in B takes the eligible ask of lowest landed cost, ties by time, until its limit
// (a landed price) or its size is reached.
std::int64_t OrderBook::match_buyer(std::uint32_t taker_index, std::int64_t limit) {
  detail::OrderNode& taker = pools_.nodes[taker_index];
  const std::size_t destination = taker.nation;
  const std::int64_t limit_scaled = limit * kBasisPoints;
  const std::int64_t wanted = taker.remaining;
  while (taker.remaining > 0) {
    std::uint64_t candidates = occupied_[1] & rules_cache_.origins_for(destination);
    int best = -1;
    std::int64_t best_landed = 0;
    std::int64_t best_quota = 0;
    std::uint32_t best_node = detail::kNil;  // kNil: the best segment's head
    while (candidates != 0) {
      const int origin = std::countr_zero(candidates);
      candidates &= candidates - 1;
      const detail::PairCost& cost =
          rules_cache_.cost(static_cast<std::size_t>(origin), destination);
      const std::int64_t landed =
          -segment_top_[1][static_cast<std::size_t>(origin)] * cost.factor + cost.freight_scaled;
      if (landed > limit_scaled) continue;
      // The best's sequence: its segment's head, or the ask a seller's quota admitted.
      const auto best_sequence = [&] {
        return best_node == detail::kNil ? head_sequence(1, static_cast<std::size_t>(best))
                                         : pools_.nodes[best_node].sequence;
      };
      if (best >= 0) {
        if (landed > best_landed) continue;
        if (landed == best_landed &&
            head_sequence(1, static_cast<std::size_t>(origin)) > best_sequence())
          continue;
      }
      std::int64_t left = kUnlimited.value();
      std::uint32_t node = detail::kNil;
      std::int64_t node_landed = landed;
      if (rules_cache_.quota_limited(static_cast<std::size_t>(origin), destination)) {
        if (rules_cache_.quota_by_seller(static_cast<std::size_t>(origin), destination)) {
          // Each seller's own quota: the first ask whose seller has some, which may rank below
          // the segment's head.
          const Admitted admitted =
              admitted_ask(static_cast<std::size_t>(origin), destination, limit_scaled);
          if (admitted.node == detail::kNil) continue;
          const detail::OrderNode& ask = pools_.nodes[admitted.node];
          node_landed = ask.price * cost.factor + cost.freight_scaled;
          if (best >= 0 && (node_landed > best_landed ||
                            (node_landed == best_landed && ask.sequence > best_sequence())))
            continue;
          node = admitted.node;
          left = admitted.left;
        } else {
          left = quota(static_cast<std::size_t>(origin), destination);
          if (left <= 0) continue;
        }
      }
      best = origin;
      best_landed = node_landed;
      best_quota = left;
      best_node = node;
    }
    if (best < 0) break;
    const auto origin = static_cast<std::size_t>(best);
    detail::Ladder& lad = ladders_[1][origin];
    const std::uint32_t maker_index =
        best_node == detail::kNil ? pools_.levels[lad.best().level].head : best_node;
    detail::OrderNode& maker = pools_.nodes[maker_index];
    const std::int64_t quantity = std::min({taker.remaining, maker.remaining, best_quota});
    maker.remaining -= quantity;
    taker.remaining -= quantity;
    pools_.levels[maker.level].total -= quantity;
    const detail::PairCost& cost = rules_cache_.cost(origin, destination);
    if (best_quota != kUnlimited.value()) consume_quota(origin, destination, maker.agent, quantity);
    record_trade(make_trade(taker, maker, quantity, maker.price, cost, stats_.tick));
    if (maker.remaining == 0) {
      if (best_node == detail::kNil) {
        pop_filled_head(lad, maker_index);
      } else {
        unlink(maker_index);
        release(maker_index);
      }
    }
  }
  const std::int64_t filled = wanted - taker.remaining;
  totals_.resting -= Quantity{filled};
  return filled;
}

// A seller from S takes the eligible bid that nets it the most, ties by time, as long as
// that net is at least its limit. Nets are compared exactly as fractions
// (bid − freight) × 10 000 / (10 000 + tariff_bp); the trade price is that net, rounded down.
std::int64_t OrderBook::match_seller(std::uint32_t taker_index, std::int64_t limit) {
  detail::OrderNode& taker = pools_.nodes[taker_index];
  const std::size_t origin = taker.nation;
  const std::int64_t wanted = taker.remaining;
  while (taker.remaining > 0) {
    std::uint64_t candidates = occupied_[0] & rules_cache_.destinations_for(origin);
    int best = -1;
    std::int64_t best_numerator = 0;  // bid − freight
    std::int64_t best_factor = 1;
    std::int64_t best_quota = 0;
    while (candidates != 0) {
      const int destination = std::countr_zero(candidates);
      candidates &= candidates - 1;
      const detail::PairCost& cost =
          rules_cache_.cost_from(origin, static_cast<std::size_t>(destination));
      const std::int64_t numerator =
          segment_top_[0][static_cast<std::size_t>(destination)] - cost.freight;
      if (numerator < 0 || limit * cost.factor > numerator * kBasisPoints) continue;
      if (best >= 0) {
        const std::int64_t mine = numerator * best_factor;
        const std::int64_t theirs = best_numerator * cost.factor;
        if (mine < theirs) continue;
        if (mine == theirs && head_sequence(0, static_cast<std::size_t>(destination)) >
                                  head_sequence(0, static_cast<std::size_t>(best)))
          continue;
      }
      std::int64_t left = kUnlimited.value();
      if (rules_cache_.quota_limited(origin, static_cast<std::size_t>(destination))) {
        left = quota(origin, static_cast<std::size_t>(destination), taker.agent);
        if (left <= 0) continue;
      }
      best = destination;
      best_numerator = numerator;
      best_factor = cost.factor;
      best_quota = left;
    }
    if (best < 0) break;
    const auto destination = static_cast<std::size_t>(best);
    detail::Ladder& lad = ladders_[0][destination];
    detail::Level& level = pools_.levels[lad.best().level];
    const std::uint32_t maker_index = level.head;
    detail::OrderNode& maker = pools_.nodes[maker_index];
    const std::int64_t quantity = std::min({taker.remaining, maker.remaining, best_quota});
    maker.remaining -= quantity;
    taker.remaining -= quantity;
    level.total -= quantity;
    const detail::PairCost& cost = rules_cache_.cost_from(origin, destination);
    if (best_quota != kUnlimited.value()) consume_quota(origin, destination, taker.agent, quantity);
    record_trade(make_trade(taker, maker, quantity, net_of(maker.price, cost), cost, stats_.tick));
    if (maker.remaining == 0) pop_filled_head(lad, maker_index);
  }
  const std::int64_t filled = wanted - taker.remaining;
  totals_.resting -= Quantity{filled};
  return filled;
}

// Whether a fill-or-kill order could fill entirely now: the eligible quantity within its
// limit, capped per pair by quota, summed over segments.
bool OrderBook::can_fill(const detail::OrderNode& taker, std::int64_t limit) const {
  const std::uint8_t maker_side = taker.side ^ 1u;
  std::int64_t available = 0;
  const auto sum_segment = [&](std::size_t segment, auto&& crosses, std::int64_t cap) {
    const auto& entries = ladders_[maker_side][segment].entries;
    std::int64_t here = 0;
    for (auto it = entries.rbegin(); it != entries.rend() && here < cap; ++it) {
      if (!crosses(it->key)) break;
      here += pools_.levels[it->level].total;
    }
    available += std::min(here, cap);
  };
  if (rules_ == nullptr) {
    const std::int64_t bound = detail::ladder_key(maker_side, limit);
    sum_segment(
        0, [bound](std::int64_t key) { return key >= bound; }, taker.remaining);
    return available >= taker.remaining;
  }
  const std::size_t nation = taker.nation;
  std::uint64_t segments =
      occupied_[maker_side] &
      (taker.side == 0 ? rules_cache_.origins_for(nation) : rules_cache_.destinations_for(nation));
  while (segments != 0 && available < taker.remaining) {
    const auto other = static_cast<std::size_t>(std::countr_zero(segments));
    segments &= segments - 1;
    const std::size_t origin = taker.side == 0 ? other : nation;
    const std::size_t destination = taker.side == 0 ? nation : other;
    const detail::PairCost& cost = rules_cache_.cost(origin, destination);
    if (taker.side == 0 && rules_cache_.quota_limited(origin, destination) &&
        rules_cache_.quota_by_seller(origin, destination)) {
      // Each seller's own quota caps what its asks offer.
      std::vector<std::pair<std::uint32_t, std::int64_t>> sellers;  // agent, quota still open
      const auto& entries = ladders_[1][other].entries;
      for (auto it = entries.rbegin(); it != entries.rend() && available < taker.remaining; ++it) {
        if (-it->key * cost.factor + cost.freight_scaled > limit * kBasisPoints) break;
        for (std::uint32_t i = pools_.levels[it->level].head; i != detail::kNil;
             i = pools_.nodes[i].next) {
          const detail::OrderNode& ask = pools_.nodes[i];
          auto seller = std::find_if(sellers.begin(), sellers.end(),
                                     [&](const auto& s) { return s.first == ask.agent; });
          if (seller == sellers.end())
            seller = sellers.insert(
                sellers.end(),
                {ask.agent, std::max(quota(origin, destination, ask.agent), std::int64_t{0})});
          const std::int64_t take = std::min(ask.remaining, seller->second);
          seller->second -= take;
          available += take;
        }
      }
      continue;
    }
    const std::int64_t cap =
        rules_cache_.quota_limited(origin, destination)
            ? std::clamp(quota(origin, destination, taker.agent), std::int64_t{0}, taker.remaining)
            : taker.remaining;
    if (taker.side == 0) {
      sum_segment(
          other,
          [&](std::int64_t key) {
            return -key * cost.factor + cost.freight_scaled <= limit * kBasisPoints;
          },
          cap);
    } else {
      sum_segment(
          other,
          [&](std::int64_t key) {
            const std::int64_t numerator = key - cost.freight;
            return numerator >= 0 && limit * cost.factor <= numerator * kBasisPoints;
          },
          cap);
    }
  }
  return available >= taker.remaining;
}

}  // namespace reesim::market
