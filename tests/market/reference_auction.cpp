// The reference's call auction: every integer price tried in turn, the allocation by brute
// force. See market/auction.md for the rules it implements.
#include <algorithm>
#include <tuple>

#include "reference_matcher.h"

namespace reesim::market::test {

namespace {

__extension__ using Wide = __int128;
constexpr std::int64_t kNoLimit = std::numeric_limits<std::int64_t>::max();

}  // namespace

// The greedy allocation at one uniform price: bids by (limit desc, time), each taking the
// eligible ask of lowest landed cost at that price, then lowest ask price, then oldest.
std::int64_t ReferenceMatcher::allocate(std::int64_t price, const std::vector<std::size_t>& bids,
                                        const std::vector<std::size_t>& asks, bool execute) {
  std::vector<std::int64_t> left(orders_.size());
  for (std::size_t i = 0; i < orders_.size(); ++i)
    left[i] = orders_[i].remaining;
  // Quota at the start of the allocation, less what it has drawn so far.
  std::vector<std::int64_t> left_quota(kMaxNations * kMaxNations, 0);
  for (const std::size_t a : asks)
    for (const std::size_t b : bids)
      left_quota[orders_[a].order.nation.value() * kMaxNations + orders_[b].order.nation.value()] =
          quota(orders_[a].order.nation, orders_[b].order.nation);
  const auto ask_price = [&](std::size_t a) {
    return orders_[a].order.type == OrderType::kMarket ? std::int64_t{1}
                                                       : orders_[a].order.price.value();
  };
  std::int64_t volume = 0;
  for (const std::size_t b : bids) {
    const NationId dest = orders_[b].order.nation;
    while (left[b] > 0) {
      std::size_t best = orders_.size();
      for (const std::size_t a : asks) {
        const NationId origin = orders_[a].order.nation;
        if (left[a] == 0 || ask_price(a) > price || !terms(origin, dest).allowed) continue;
        if (left_quota[origin.value() * kMaxNations + dest.value()] <= 0) continue;
        if (landed_scaled(price, origin, dest) > Wide{buy_limit(orders_[b])} * 10'000) continue;
        if (best != orders_.size()) {
          const auto key = [&](std::size_t x) {
            return std::tuple(landed_scaled(price, orders_[x].order.nation, dest), ask_price(x),
                              orders_[x].sequence);
          };
          if (key(a) >= key(best)) continue;
        }
        best = a;
      }
      if (best == orders_.size()) break;
      const std::size_t pair = orders_[best].order.nation.value() * kMaxNations + dest.value();
      const std::int64_t q = std::min({left[b], left[best], left_quota[pair]});
      left[b] -= q;
      left[best] -= q;
      if (left_quota[pair] != kNoLimit) left_quota[pair] -= q;
      volume += q;
      if (execute) trade(orders_[b], orders_[best], q, price, Aggressor::kAuction);
    }
  }
  return volume;
}

std::int64_t ReferenceMatcher::auction_round(AuctionResult& result) {
  // Participants: orders crossing at least one eligible counter-order with quota left.
  std::vector<std::size_t> bids;
  std::vector<std::size_t> asks;
  for (std::size_t i = 0; i < orders_.size(); ++i) {
    bool crossing = false;
    for (std::size_t j = 0; j < orders_.size() && !crossing; ++j) {
      if (orders_[j].order.side == orders_[i].order.side) continue;
      crossing = orders_[i].order.side == Side::kBuy ? crosses(orders_[i], orders_[j])
                                                     : crosses(orders_[j], orders_[i]);
    }
    if (crossing) (orders_[i].order.side == Side::kBuy ? bids : asks).push_back(i);
  }
  if (bids.empty() || asks.empty()) return 0;
  std::sort(bids.begin(), bids.end(), [&](std::size_t x, std::size_t y) {
    const std::int64_t px = buy_limit(orders_[x]);
    const std::int64_t py = buy_limit(orders_[y]);
    return px != py ? px > py : orders_[x].sequence < orders_[y].sequence;
  });
  const bool has_reference = totals.trades > 0;
  const std::int64_t reference = has_reference ? last_price_ : 0;
  std::int64_t top = reference;
  for (const std::size_t i : bids)
    if (orders_[i].order.type != OrderType::kMarket)
      top = std::max(top, orders_[i].order.price.value());
  for (const std::size_t i : asks)
    if (orders_[i].order.type != OrderType::kMarket)
      top = std::max(top, orders_[i].order.price.value());
  std::vector<NationId> origins;  // nations of the participating asks
  for (const std::size_t a : asks)
    if (std::find(origins.begin(), origins.end(), orders_[a].order.nation) == origins.end())
      origins.push_back(orders_[a].order.nation);
  std::int64_t best_price = 0;
  std::tuple<std::int64_t, std::int64_t, std::int64_t, std::int64_t> best_key{};
  for (std::int64_t p = 1; p <= top + 2; ++p) {
    const std::int64_t volume = allocate(p, bids, asks, false);
    std::int64_t supply = 0;
    for (const std::size_t a : asks)
      if (orders_[a].order.type == OrderType::kMarket || orders_[a].order.price.value() <= p)
        supply += orders_[a].remaining;
    std::int64_t demand = 0;
    for (const std::size_t b : bids) {
      bool any = false;
      for (const NationId origin : origins) {
        const NationId dest = orders_[b].order.nation;
        if (terms(origin, dest).allowed && quota(origin, dest) > 0 &&
            landed_scaled(p, origin, dest) <= Wide{buy_limit(orders_[b])} * 10'000)
          any = true;
      }
      if (any) demand += orders_[b].remaining;
    }
    const auto key = std::tuple(-volume, std::abs(supply - demand),
                                has_reference ? std::abs(p - reference) : 0, p);
    if (best_price == 0 || key < best_key) {
      best_key = key;
      best_price = p;
    }
  }
  const std::int64_t volume = -std::get<0>(best_key);
  if (volume == 0) return 0;
  const std::size_t before = trades.size();
  allocate(best_price, bids, asks, true);
  result.trades += static_cast<std::int64_t>(trades.size() - before);
  result.last_price = Price{best_price};
  totals.resting -= Quantity{2 * volume};
  erase_empty();
  return volume;
}

AuctionResult ReferenceMatcher::uncross() {
  AuctionResult result;
  for (;;) {
    const std::int64_t volume = auction_round(result);
    if (volume == 0) break;
    result.volume += Quantity{volume};
    ++result.rounds;
  }
  return result;
}

AuctionResult ReferenceMatcher::clear_auction(Tick tick) {
  if (tick > tick_) tick_ = tick;
  AuctionResult result = uncross();
  for (const Resting& r : orders_)
    if (r.order.type != OrderType::kLimit) result.cancelled += Quantity{r.remaining};
  totals.resting -= result.cancelled;
  totals.cancelled += result.cancelled;
  std::erase_if(orders_, [](const Resting& r) { return r.order.type != OrderType::kLimit; });
  return result;
}

}  // namespace reesim::market::test
