// Call-auction clearing with pairwise eligibility: uniform-price rounds until no eligible pair
// crosses. The rules are spelled out in market/auction.md; this file follows them step by step.
#include <algorithm>
#include <bit>
#include <cassert>
#include <cstdlib>
#include <functional>
#include <utility>

#include "market/book.h"
#include "market/detail/radix_sort.h"

namespace reesim::market {

// One round's participants and the greedy allocation used both to price and to execute it.
class AuctionClearing {
 public:
  explicit AuctionClearing(OrderBook& book) : book_(book) {}

  // Gathers the orders that cross at least one eligible counter-order (quota left).
  // Returns false when there are none.
  bool collect();
  // The clearing price by (volume, imbalance, distance to reference, price); sets `volume`.
  std::int64_t choose_price(std::int64_t& volume);
  // Executes the allocation at `price` (that of the last choose_price(), whose allocation it
  // keeps, or any other); returns the lots traded.
  std::int64_t execute(std::int64_t price, std::int64_t& trades);

 private:
  struct Ask {
    std::int64_t price;
    std::int64_t remaining;
    std::uint64_t sequence;
    std::uint32_t node;
  };
  struct Bid {
    std::int64_t price;
    std::int64_t remaining;
    std::uint64_t sequence;
    std::uint32_t node;
    std::uint8_t segment;
  };
  struct Segment {
    std::uint8_t id;
    std::uint32_t begin;  // range in asks_, ordered by (price, time)
    std::uint32_t end;
  };
  struct Fill {
    std::uint32_t bid;
    std::uint32_t ask;
    std::int64_t quantity;
  };

  [[nodiscard]] bool eligible(std::size_t origin, std::size_t destination) const {
    return book_.rules_cache_.allowed(origin, destination) &&
           quota_[origin * kMaxNations + destination] > 0;
  }
  [[nodiscard]] std::int64_t greedy(std::int64_t price, std::vector<Fill>* fills);
  // What `seller` may still sell on `pair` (s × kMaxNations + b) in this allocation, on a pair
  // whose quota is held by seller; read from the rules at its first use in a round.
  // Returns its slot in seller_quota_.
  std::size_t seller_slot(std::uint32_t seller, std::size_t s, std::size_t b);

  OrderBook& book_;
  std::vector<Ask> asks_;
  std::vector<Segment> segments_;
  std::vector<Bid> bids_;  // by (price desc, time)
  // Quota at the start of the round by pair (s × kMaxNations + b): unlimited except the
  // quota-limited pairs between occupied segments, which `limited_` lists so that a round
  // resets only those instead of every pair.
  std::vector<std::int64_t> quota_ =
      std::vector<std::int64_t>(kMaxNations * kMaxNations, kUnlimited.value());
  std::vector<std::pair<std::uint32_t, std::int64_t>> limited_;
  std::vector<std::int64_t> ask_prices_;  // ascending, with prefix sums of quantity
  std::vector<std::int64_t> ask_cumulative_;
  std::vector<std::int64_t> bid_reach_;  // highest seller price each bid accepts, descending
  std::vector<std::int64_t> bid_cumulative_;
  // Scratch for greedy().
  std::vector<std::int64_t> ask_left_;
  std::vector<std::uint32_t> head_;
  std::vector<std::uint32_t> end_;
  std::vector<std::int64_t> quota_left_ =
      std::vector<std::int64_t>(kMaxNations * kMaxNations, kUnlimited.value());
  // Sellers' own quotas on pairs whose quota is held by seller: at the start of the round, and
  // left in the allocation greedy() is making.
  struct SellerQuota {
    std::uint32_t seller;
    std::size_t pair;
    std::int64_t start;
    std::int64_t left;
  };
  std::vector<SellerQuota> seller_quota_;
  // Scratch for choose_price() and execute().
  struct Scored {
    std::int64_t bound;  // min(supply, demand) at the price
    std::int64_t price;
    std::int64_t imbalance;  // |supply - demand| at the price
  };
  std::vector<std::pair<std::int64_t, std::int64_t>> sorted_asks_;
  std::vector<std::int64_t> candidates_;
  std::vector<std::pair<std::int64_t, std::int64_t>> reach_;
  std::vector<Scored> scored_;
  std::vector<Fill> fills_;
  std::vector<std::pair<std::int64_t, std::int64_t>> pair_scratch_;  // radix_sort's
  std::vector<std::int64_t> candidate_scratch_;                      // radix_sort's
  // The allocation at the best price choose_price() found (fills_: at the price it tries).
  std::vector<Fill> chosen_fills_;
  std::int64_t chosen_price_ = 0;
  std::int64_t chosen_volume_ = 0;
  bool chosen_ = false;
};

bool AuctionClearing::collect() {
  const detail::RulesCache& rules = book_.rules_cache_;
  const auto& pools = book_.pools_;
  // Quota at the start of the round for every pair that can meet (unlimited unless
  // quota-limited).
  for (const auto& [pair, quota] : limited_) {
    quota_[pair] = kUnlimited.value();
    quota_left_[pair] = kUnlimited.value();
  }
  limited_.clear();
  seller_quota_.clear();
  if (book_.rules_ != nullptr && rules.any_quota()) {
    for (std::uint64_t sm = book_.occupied_[1]; sm != 0; sm &= sm - 1) {
      const auto s = static_cast<std::size_t>(std::countr_zero(sm));
      for (std::uint64_t bm = book_.occupied_[0]; bm != 0; bm &= bm - 1) {
        const auto b = static_cast<std::size_t>(std::countr_zero(bm));
        if (!rules.quota_limited(s, b)) continue;
        const auto pair = static_cast<std::uint32_t>(s * kMaxNations + b);
        quota_[pair] = book_.quota(s, b);
        limited_.emplace_back(pair, quota_[pair]);
      }
    }
  }

  const auto best_price = [&](std::uint8_t side, std::size_t segment) {
    const std::int64_t key = book_.ladders_[side][segment].best().key;
    return side == 0 ? key : -key;
  };
  // An ask of S participates iff price <= ask_cap[S], a bid of B iff price >= bid_floor[B]; only
  // the entries of occupied segments are set and read.
  std::array<std::int64_t, kMaxNations> ask_cap;
  std::array<std::int64_t, kMaxNations> bid_floor;
  for (std::uint64_t sm = book_.occupied_[1]; sm != 0; sm &= sm - 1)
    ask_cap[static_cast<std::size_t>(std::countr_zero(sm))] = 0;
  for (std::uint64_t bm = book_.occupied_[0]; bm != 0; bm &= bm - 1)
    bid_floor[static_cast<std::size_t>(std::countr_zero(bm))] = kMaxLandedPrice.value() + 1;
  for (std::uint64_t sm = book_.occupied_[1]; sm != 0; sm &= sm - 1) {
    const auto s = static_cast<std::size_t>(std::countr_zero(sm));
    for (std::uint64_t bm = book_.occupied_[0]; bm != 0; bm &= bm - 1) {
      const auto b = static_cast<std::size_t>(std::countr_zero(bm));
      if (!eligible(s, b)) continue;
      const detail::PairCost& cost = rules.cost(s, b);
      const std::int64_t ask = best_price(1, s);
      const std::int64_t bid = best_price(0, b);
      if (landed_price(Price{ask}, cost.tariff_bp, Price{cost.freight}).value() > bid) continue;
      ask_cap[s] =
          std::max(ask_cap[s], net_price(Price{bid}, cost.tariff_bp, Price{cost.freight}).value());
      bid_floor[b] = std::min(
          bid_floor[b], landed_price(Price{ask}, cost.tariff_bp, Price{cost.freight}).value());
    }
  }
  asks_.clear();
  segments_.clear();
  bids_.clear();
  for (std::uint64_t sm = book_.occupied_[1]; sm != 0; sm &= sm - 1) {
    const auto s = static_cast<std::size_t>(std::countr_zero(sm));
    const auto begin = static_cast<std::uint32_t>(asks_.size());
    const auto& entries = book_.ladders_[1][s].entries;
    for (auto it = entries.rbegin(); it != entries.rend() && -it->key <= ask_cap[s]; ++it)
      for (std::uint32_t i = pools.levels[it->level].head; i != detail::kNil;
           i = pools.nodes[i].next)
        asks_.push_back(
            Ask{pools.nodes[i].price, pools.nodes[i].remaining, pools.nodes[i].sequence, i});
    if (asks_.size() > begin)
      segments_.push_back(
          Segment{static_cast<std::uint8_t>(s), begin, static_cast<std::uint32_t>(asks_.size())});
  }
  for (std::uint64_t bm = book_.occupied_[0]; bm != 0; bm &= bm - 1) {
    const auto b = static_cast<std::size_t>(std::countr_zero(bm));
    const auto& entries = book_.ladders_[0][b].entries;
    for (auto it = entries.rbegin(); it != entries.rend() && it->key >= bid_floor[b]; ++it)
      for (std::uint32_t i = pools.levels[it->level].head; i != detail::kNil;
           i = pools.nodes[i].next)
        bids_.push_back(Bid{pools.nodes[i].price, pools.nodes[i].remaining, pools.nodes[i].sequence,
                            i, static_cast<std::uint8_t>(b)});
  }
  if (asks_.empty() || bids_.empty()) return false;
  std::sort(bids_.begin(), bids_.end(), [](const Bid& x, const Bid& y) {
    return x.price != y.price ? x.price > y.price : x.sequence < y.sequence;
  });
  return true;
}

// Allocation at a uniform seller price: bids in priority order each take from the eligible
// origin of lowest landed cost at that price (ties: the origin whose next ask is cheaper,
// then older), within quotas, until filled or no origin is left for them.
std::size_t AuctionClearing::seller_slot(std::uint32_t seller, std::size_t s, std::size_t b) {
  const std::size_t pair = s * kMaxNations + b;
  for (std::size_t q = 0; q < seller_quota_.size(); ++q)
    if (seller_quota_[q].seller == seller && seller_quota_[q].pair == pair) return q;
  const std::int64_t start = std::max(book_.quota(s, b, seller), std::int64_t{0});
  seller_quota_.push_back({seller, pair, start, start});
  return seller_quota_.size() - 1;
}

std::int64_t AuctionClearing::greedy(std::int64_t price, std::vector<Fill>* fills) {
  const detail::RulesCache& rules = book_.rules_cache_;
  const auto& nodes = book_.pools_.nodes;
  for (SellerQuota& q : seller_quota_)
    q.left = q.start;
  ask_left_.resize(asks_.size());
  for (std::size_t i = 0; i < asks_.size(); ++i)
    ask_left_[i] = asks_[i].remaining;
  head_.resize(segments_.size());
  end_.resize(segments_.size());
  for (std::size_t k = 0; k < segments_.size(); ++k) {
    const Segment& seg = segments_[k];
    head_[k] = seg.begin;
    end_[k] = static_cast<std::uint32_t>(
        std::upper_bound(asks_.begin() + seg.begin, asks_.begin() + seg.end, price,
                         [](std::int64_t p, const Ask& a) { return p < a.price; }) -
        asks_.begin());
  }
  for (const auto& [pair, quota] : limited_)
    quota_left_[pair] = quota;
  std::int64_t volume = 0;
  for (std::uint32_t bi = 0; bi < bids_.size(); ++bi) {
    const Bid& bid = bids_[bi];
    std::int64_t want = bid.remaining;
    const std::int64_t limit_scaled = bid.price * kBasisPoints;
    while (want > 0) {
      std::size_t best = segments_.size();
      std::int64_t best_landed = 0;
      std::uint32_t best_ask = 0;
      constexpr std::size_t kNone = static_cast<std::size_t>(-1);
      std::size_t best_seller = kNone;  // the seller's own quota (a slot), where it holds one
      for (std::size_t k = 0; k < segments_.size(); ++k) {
        if (head_[k] == end_[k]) continue;
        const std::size_t s = segments_[k].id;
        if (!rules.allowed(s, bid.segment) || quota_left_[s * kMaxNations + bid.segment] <= 0)
          continue;
        const detail::PairCost& cost = rules.cost(s, bid.segment);
        const std::int64_t landed = price * cost.factor + cost.freight_scaled;
        if (landed > limit_scaled) continue;
        std::uint32_t ai = head_[k];
        std::size_t seller = kNone;
        if (rules.quota_by_seller(s, bid.segment)) {
          // The first ask left whose seller has quota of its own left.
          for (; ai < end_[k]; ++ai) {
            if (ask_left_[ai] == 0) continue;
            seller = seller_slot(nodes[asks_[ai].node].agent, s, bid.segment);
            if (seller_quota_[seller].left > 0) break;
          }
          if (ai == end_[k]) continue;
        }
        if (best != segments_.size()) {
          if (landed > best_landed) continue;
          if (landed == best_landed) {
            const Ask& mine = asks_[ai];
            const Ask& theirs = asks_[best_ask];
            if (mine.price > theirs.price ||
                (mine.price == theirs.price && mine.sequence > theirs.sequence))
              continue;
          }
        }
        best = k;
        best_landed = landed;
        best_ask = ai;
        best_seller = seller;
      }
      if (best == segments_.size()) break;
      const std::size_t pair = segments_[best].id * kMaxNations + bid.segment;
      const std::uint32_t ai = best_ask;
      std::int64_t quantity = std::min({want, ask_left_[ai], quota_left_[pair]});
      if (best_seller != kNone) {
        quantity = std::min(quantity, seller_quota_[best_seller].left);
        seller_quota_[best_seller].left -= quantity;
      }
      want -= quantity;
      ask_left_[ai] -= quantity;
      if (quota_left_[pair] != kUnlimited.value()) quota_left_[pair] -= quantity;
      // Asks past the head may be spent first where sellers hold their own quotas.
      while (head_[best] < end_[best] && ask_left_[head_[best]] == 0)
        ++head_[best];
      volume += quantity;
      if (fills != nullptr) fills->push_back(Fill{bi, ai, quantity});
    }
  }
  return volume;
}

std::int64_t AuctionClearing::choose_price(std::int64_t& volume) {
  const detail::RulesCache& rules = book_.rules_cache_;
  // Aggregate supply: every participating ask at or below p.
  std::vector<std::pair<std::int64_t, std::int64_t>>& sorted_asks = sorted_asks_;
  sorted_asks.clear();
  for (const Ask& a : asks_)
    sorted_asks.emplace_back(a.price, a.remaining);
  // Only the prefix sums at the end of a run of equal prices are read, so asks of one price may
  // come in any order; a long list is sorted by price alone, in linear time.
  if (sorted_asks.size() < detail::kRadixSortMin ||
      !detail::radix_sort(sorted_asks, pair_scratch_, [](const auto& a) { return a.first; }))
    std::sort(sorted_asks.begin(), sorted_asks.end());
  ask_prices_.clear();
  ask_cumulative_.clear();
  std::int64_t running = 0;
  for (const auto& [p, q] : sorted_asks) {
    running += q;
    ask_prices_.push_back(p);
    ask_cumulative_.push_back(running);
  }
  // Aggregate demand: a bid counts at p when some participating origin is eligible for it
  // and lands at or below its limit; its reach is the highest such p. Candidates collect
  // every price where supply, demand or the allocation can change, and both ends of the
  // ranges between them.
  std::vector<std::int64_t>& candidates = candidates_;
  candidates.assign(1, kMinPrice.value());
  for (const Ask& a : asks_) {
    candidates.push_back(a.price);
    candidates.push_back(a.price - 1);
  }
  std::vector<std::pair<std::int64_t, std::int64_t>>& reach = reach_;
  reach.clear();
  for (const Bid& bid : bids_) {
    std::int64_t best = 0;
    for (const Segment& seg : segments_) {
      if (!eligible(seg.id, bid.segment)) continue;
      const detail::PairCost& cost = rules.cost(seg.id, bid.segment);
      const std::int64_t net =
          net_price(Price{bid.price}, cost.tariff_bp, Price{cost.freight}).value();
      best = std::max(best, net);
      candidates.push_back(net);
      candidates.push_back(net + 1);
    }
    reach.emplace_back(best, bid.remaining);
  }
  // As for the asks: only the prefix sums at the end of a run of equal reach are read.
  if (reach.size() < detail::kRadixSortMin ||
      !detail::radix_sort(reach, pair_scratch_, [](const auto& r) { return -r.first; }))
    std::sort(reach.begin(), reach.end(), std::greater<>());
  bid_reach_.clear();
  bid_cumulative_.clear();
  running = 0;
  for (const auto& [p, q] : reach) {
    running += q;
    bid_reach_.push_back(p);
    bid_cumulative_.push_back(running);
  }
  const bool has_reference = book_.totals_.trades > 0;
  const std::int64_t reference = book_.last_price_;
  if (has_reference) candidates.push_back(reference);
  std::erase_if(candidates,
                [](std::int64_t p) { return p < kMinPrice.value() || p > kMaxPrice.value(); });
  if (candidates.size() < detail::kRadixSortMin ||
      !detail::radix_sort(candidates, candidate_scratch_, [](std::int64_t p) { return p; }))
    std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

  // Each candidate's volume bound min(supply, demand) and imbalance, in one walk up the prices:
  // supply only grows with price and demand only falls.
  std::vector<Scored>& scored = scored_;
  scored.clear();
  std::size_t supplied = 0;                  // asks at or below p
  std::size_t reaching = bid_reach_.size();  // bids whose reach is at least p
  for (const std::int64_t p : candidates) {
    while (supplied < ask_prices_.size() && ask_prices_[supplied] <= p)
      ++supplied;
    while (reaching > 0 && bid_reach_[reaching - 1] < p)
      --reaching;
    const std::int64_t supply = supplied == 0 ? 0 : ask_cumulative_[supplied - 1];
    const std::int64_t demand = reaching == 0 ? 0 : bid_cumulative_[reaching - 1];
    scored.push_back(Scored{std::min(supply, demand), p, std::abs(supply - demand)});
  }

  // Evaluate in order of the volume bound (highest first, ties by lower price); stop once it
  // falls below the best volume found, since no later candidate can match it.
  std::int64_t best_price = 0;
  std::int64_t best_volume = 0;
  std::int64_t best_imbalance = 0;
  std::int64_t best_distance = 0;
  // Returns false once no later candidate can be better.
  const auto evaluate = [&](const Scored& c) {
    if (c.bound == 0 || c.bound < best_volume) return false;
    const std::int64_t imbalance = c.imbalance;
    const std::int64_t distance = has_reference ? std::abs(c.price - reference) : 0;
    const bool wins_tie =
        imbalance < best_imbalance ||
        (imbalance == best_imbalance &&
         (distance < best_distance || (distance == best_distance && c.price < best_price)));
    // A candidate whose bound only equals the best volume can at most tie on volume: unless it
    // wins the tie it cannot be better, whatever the allocation, so the allocation is not run
    // (a large call auction has many candidates on the plateau of its highest bound).
    if (best_price != 0 && c.bound == best_volume && !wins_tie) return true;
    // The allocation is kept for execute(), which would otherwise compute it again.
    fills_.clear();
    const std::int64_t v = greedy(c.price, &fills_);
    const bool better = best_price == 0 || v > best_volume || (v == best_volume && wins_tie);
    if (better) {
      best_price = c.price;
      best_volume = v;
      best_imbalance = imbalance;
      best_distance = distance;
      std::swap(fills_, chosen_fills_);
    }
    return true;
  };
  // Records the best price found and returns it.
  const auto chosen = [&] {
    volume = best_volume;
    chosen_price_ = best_price;
    chosen_volume_ = best_volume;
    chosen_ = best_price != 0;
    return best_price;
  };
  chosen_ = false;
  // The bound, a minimum of a rising and a falling function of price, rises to a peak and falls
  // after it. So that order is two runs walked outward from the peak, merged: no sort. Of equal
  // bounds, those below the peak come first, lowest price first, then those above it.
  const std::size_t n = scored.size();
  std::size_t peak = 0;
  for (std::size_t i = 1; i < n; ++i)
    if (scored[i].bound > scored[peak].bound) peak = i;
  std::size_t left = n == 0 ? 0 : peak + 1;  // [0, left) rises with price: not yet evaluated
  std::size_t right = left;                  // [right, n) falls with price: not yet evaluated
  while (left > 0 || right < n) {
    const std::int64_t bound = std::max(left > 0 ? scored[left - 1].bound : std::int64_t{-1},
                                        right < n ? scored[right].bound : std::int64_t{-1});
    std::size_t low = left;
    while (low > 0 && scored[low - 1].bound == bound)
      --low;
    for (std::size_t i = low; i < left; ++i)
      if (!evaluate(scored[i])) return chosen();
    left = low;
    for (; right < n && scored[right].bound == bound; ++right)
      if (!evaluate(scored[right])) return chosen();
  }
  return chosen();
}

std::int64_t AuctionClearing::execute(std::int64_t price, std::int64_t& trades) {
  std::vector<Fill>& fills = chosen_fills_;
  std::int64_t volume = chosen_volume_;
  if (!chosen_ || price != chosen_price_) {
    fills.clear();
    volume = greedy(price, &fills);
  }
  chosen_ = false;
  auto& pools = book_.pools_;
  for (const Fill& fill : fills) {
    const std::uint32_t buy_index = bids_[fill.bid].node;
    const std::uint32_t sell_index = asks_[fill.ask].node;
    detail::OrderNode& buy = pools.nodes[buy_index];
    detail::OrderNode& sell = pools.nodes[sell_index];
    const std::size_t origin = sell.segment;
    const std::size_t destination = buy.segment;
    const detail::PairCost& cost = book_.rules_cache_.cost(origin, destination);
    if (book_.rules_ != nullptr && book_.rules_cache_.quota_limited(origin, destination))
      book_.consume_quota(origin, destination, sell.agent, fill.quantity);
    buy.remaining -= fill.quantity;
    sell.remaining -= fill.quantity;
    pools.levels[buy.level].total -= fill.quantity;
    pools.levels[sell.level].total -= fill.quantity;
    Trade trade;
    trade.tick = book_.stats_.tick;
    trade.price = Price{price};
    trade.quantity = Quantity{fill.quantity};
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
    trade.aggressor = Aggressor::kAuction;
    book_.totals_.resting -= trade.quantity + trade.quantity;
    book_.record_trade(trade);
    ++trades;
    if (buy.remaining == 0) {
      book_.unlink(buy_index);
      book_.release(buy_index);
    }
    if (sell.remaining == 0) {
      book_.unlink(sell_index);
      book_.release(sell_index);
    }
  }
  return volume;
}

void OrderBook::ClearingDeleter::operator()(AuctionClearing* clearing) const noexcept {
  delete clearing;
}

AuctionResult OrderBook::uncross() {
  AuctionResult result;
  if (!clearing_) clearing_.reset(new AuctionClearing(*this));
  AuctionClearing& clearing = *clearing_;
  while (clearing.collect()) {
    std::int64_t volume = 0;
    const std::int64_t price = clearing.choose_price(volume);
    if (volume == 0) break;
    result.volume += Quantity{clearing.execute(price, result.trades)};
    result.last_price = Price{price};
    ++result.rounds;
  }
  return result;
}

AuctionResult OrderBook::clear_auction(Tick tick) {
  if (tick > stats_.tick) begin_tick(tick);
  AuctionResult result = uncross();
  for (const Pending& pending : pending_auction_only_) {
    const std::uint32_t index = pending.node;
    if (pools_.nodes[index].id != pending.id ||
        pools_.nodes[index].type == static_cast<std::uint8_t>(OrderType::kLimit))
      continue;
    const Quantity open{pools_.nodes[index].remaining};
    unlink(index);
    release(index);
    totals_.resting -= open;
    totals_.cancelled += open;
    result.cancelled += open;
  }
  pending_auction_only_.clear();
  debug_check();
  return result;
}

}  // namespace reesim::market
