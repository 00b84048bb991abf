#include "reference_matcher.h"

#include <algorithm>
#include <map>

#include "market/landed_cost.h"

namespace reesim::market::test {

namespace {

__extension__ using Wide = __int128;
constexpr std::int64_t kNoLimit = std::numeric_limits<std::int64_t>::max();

}  // namespace

PairTerms ReferenceMatcher::terms(NationId origin, NationId destination) const {
  return rules_ == nullptr ? PairTerms{} : rules_->terms(VenueId{0}, origin, destination);
}

std::int64_t ReferenceMatcher::quota(NationId origin, NationId destination) const {
  if (rules_ == nullptr || !terms(origin, destination).quota_limited) return kNoLimit;
  const auto used = dry_quota_used_.find({origin.value(), destination.value()});
  return rules_->quota_left(VenueId{0}, origin, destination).value() -
         (used == dry_quota_used_.end() ? 0 : used->second);
}

// Landed cost × 10 000, exact.
std::int64_t ReferenceMatcher::landed_scaled(std::int64_t price, NationId origin,
                                             NationId destination) const {
  const PairTerms t = terms(origin, destination);
  return price * (10'000 + t.tariff_bp) + t.freight.value() * 10'000;
}

std::int64_t ReferenceMatcher::buy_limit(const Resting& buy) const {
  return buy.order.type == OrderType::kMarket ? kNoLimit : buy.order.price.value();
}

// May these two trade now, at the seller's price?
bool ReferenceMatcher::crosses(const Resting& buy, const Resting& sell) const {
  const NationId s = sell.order.nation;
  const NationId b = buy.order.nation;
  if (!terms(s, b).allowed || quota(s, b) <= 0) return false;
  const std::int64_t ask = sell.order.type == OrderType::kMarket ? 1 : sell.order.price.value();
  if (buy.order.type == OrderType::kMarket) return true;
  return landed_scaled(ask, s, b) <= buy.order.price.value() * 10'000;
}

void ReferenceMatcher::trade(Resting& buy, Resting& sell, std::int64_t quantity, std::int64_t price,
                             Aggressor aggressor) {
  const NationId s = sell.order.nation;
  const NationId b = buy.order.nation;
  const PairTerms t = terms(s, b);
  if (t.quota_limited && rules_ != nullptr) {
    if (dry_run_)
      dry_quota_used_[{s.value(), b.value()}] += quantity;
    else
      rules_->consume_quota(VenueId{0}, s, b, Quantity{quantity});
  }
  buy.remaining -= quantity;
  sell.remaining -= quantity;
  Trade tr;
  tr.tick = tick_;
  tr.price = Price{price};
  tr.quantity = Quantity{quantity};
  tr.buy_order = buy.order.id;
  tr.sell_order = sell.order.id;
  tr.buyer = buy.order.agent;
  tr.seller = sell.order.agent;
  tr.origin = s;
  tr.destination = b;
  tr.tariff = Price{(price * t.tariff_bp + 9'999) / 10'000};
  tr.freight = t.freight;
  tr.buy_remaining = Quantity{buy.remaining};
  tr.sell_remaining = Quantity{sell.remaining};
  tr.aggressor = aggressor;
  trades.push_back(tr);
  last_price_ = price;
  totals.filled += Quantity{2 * quantity};
  ++totals.trades;
}

// Continuous matching of `taker` against everything resting.
std::int64_t ReferenceMatcher::match(Resting& taker) {
  std::int64_t filled = 0;
  const bool buying = taker.order.side == Side::kBuy;
  while (taker.remaining > 0) {
    Resting* best = nullptr;
    for (Resting& maker : orders_) {
      if (maker.order.side == taker.order.side || maker.remaining == 0) continue;
      Resting& buy = buying ? taker : maker;
      Resting& sell = buying ? maker : taker;
      if (!crosses(buy, sell)) continue;
      if (best == nullptr) {
        best = &maker;
        continue;
      }
      bool better;
      if (buying) {  // lowest exact landed cost, then oldest
        const std::int64_t mine =
            landed_scaled(maker.order.price.value(), maker.order.nation, taker.order.nation);
        const std::int64_t theirs =
            landed_scaled(best->order.price.value(), best->order.nation, taker.order.nation);
        better = mine < theirs || (mine == theirs && maker.sequence < best->sequence);
      } else {  // highest exact net (bid − freight) / (1 + tariff), then oldest
        const PairTerms tm = terms(taker.order.nation, maker.order.nation);
        const PairTerms tb = terms(taker.order.nation, best->order.nation);
        const Wide mine =
            Wide{maker.order.price.value() - tm.freight.value()} * (10'000 + tb.tariff_bp);
        const Wide theirs =
            Wide{best->order.price.value() - tb.freight.value()} * (10'000 + tm.tariff_bp);
        better = mine > theirs || (mine == theirs && maker.sequence < best->sequence);
      }
      if (better) best = &maker;
    }
    if (best == nullptr) break;
    Resting& buy = buying ? taker : *best;
    Resting& sell = buying ? *best : taker;
    const std::int64_t q =
        std::min({taker.remaining, best->remaining, quota(sell.order.nation, buy.order.nation)});
    std::int64_t price = best->order.price.value();
    if (!buying) {
      const PairTerms t = terms(sell.order.nation, buy.order.nation);
      price = (buy.order.price.value() - t.freight.value()) * 10'000 / (10'000 + t.tariff_bp);
    }
    trade(buy, sell, q, price, buying ? Aggressor::kBuyer : Aggressor::kSeller);
    filled += q;
  }
  totals.resting -= Quantity{filled};  // the makers' part
  return filled;
}

void ReferenceMatcher::erase_empty() {
  std::erase_if(orders_, [](const Resting& r) { return r.remaining == 0; });
}

ExecutionReport ReferenceMatcher::submit(const Order& order) {
  if (order.id == OrderId{0}) return ExecutionReport{Status::kInvalidId};
  if (order.quantity < Quantity{1} || order.quantity > kMaxQuantity)
    return ExecutionReport{Status::kInvalidQuantity};
  if (order.nation.value() >= kMaxNations) return ExecutionReport{Status::kInvalidNation};
  if (order.type != OrderType::kMarket && (order.price < kMinPrice || order.price > kMaxPrice))
    return ExecutionReport{Status::kInvalidPrice};
  if (order.type == OrderType::kFok && mode_ == ClearingMode::kCallAuction)
    return ExecutionReport{Status::kUnsupported};
  for (const Resting& r : orders_)
    if (r.order.id == order.id) return ExecutionReport{Status::kDuplicateId};
  totals.submitted += order.quantity;
  Resting taker{order, order.quantity.value(), next_sequence_++};
  ExecutionReport report;
  if (mode_ == ClearingMode::kCallAuction) {
    orders_.push_back(taker);
    report.resting = order.quantity;
    totals.resting += order.quantity;
    return report;
  }
  if (order.type == OrderType::kFok) {
    // Try it on a copy of the world; keep the copy's outcome only if it filled entirely.
    ReferenceMatcher trial = *this;
    trial.dry_run_ = true;
    Resting copy = taker;
    if (trial.match(copy); copy.remaining != 0) {
      report.cancelled = order.quantity;
      totals.cancelled += order.quantity;
      return report;
    }
  }
  report.filled = Quantity{match(taker)};
  erase_empty();
  if (taker.remaining > 0 && order.type == OrderType::kLimit) {
    report.resting = Quantity{taker.remaining};
    totals.resting += report.resting;
    orders_.push_back(taker);
  } else {
    report.cancelled = Quantity{taker.remaining};
    totals.cancelled += report.cancelled;
  }
  return report;
}

ExecutionReport ReferenceMatcher::cancel(OrderId id) {
  for (std::size_t i = 0; i < orders_.size(); ++i) {
    if (orders_[i].order.id != id) continue;
    const Quantity open{orders_[i].remaining};
    orders_.erase(orders_.begin() + static_cast<std::ptrdiff_t>(i));
    totals.resting -= open;
    totals.cancelled += open;
    return ExecutionReport{Status::kOk, Quantity{0}, Quantity{0}, open};
  }
  return ExecutionReport{Status::kUnknownOrder};
}

ExecutionReport ReferenceMatcher::modify(OrderId id, Price price, Quantity quantity) {
  if (quantity < Quantity{1} || quantity > kMaxQuantity)
    return ExecutionReport{Status::kInvalidQuantity};
  auto it = std::find_if(orders_.begin(), orders_.end(),
                         [id](const Resting& r) { return r.order.id == id; });
  if (it == orders_.end()) return ExecutionReport{Status::kUnknownOrder};
  const bool market = it->order.type == OrderType::kMarket;
  if (!market && (price < kMinPrice || price > kMaxPrice))
    return ExecutionReport{Status::kInvalidPrice};
  const std::int64_t open = it->remaining;
  ExecutionReport report;
  if ((market || it->order.price == price) && quantity.value() <= open) {
    it->remaining = quantity.value();
    report.resting = quantity;
    report.cancelled = Quantity{open - quantity.value()};
    totals.resting -= report.cancelled;
    totals.cancelled += report.cancelled;
    return report;
  }
  Resting moved = *it;
  orders_.erase(it);
  totals.resting -= Quantity{open};
  if (quantity.value() > open) {
    totals.submitted += Quantity{quantity.value() - open};
  } else {
    report.cancelled = Quantity{open - quantity.value()};
    totals.cancelled += report.cancelled;
  }
  moved.remaining = quantity.value();
  moved.sequence = next_sequence_++;
  if (!market) moved.order.price = price;
  if (mode_ == ClearingMode::kCallAuction) {
    orders_.push_back(moved);
    report.resting = quantity;
    totals.resting += quantity;
    return report;
  }
  report.filled = Quantity{match(moved)};
  erase_empty();
  if (moved.remaining > 0) {
    report.resting = Quantity{moved.remaining};
    totals.resting += report.resting;
    orders_.push_back(moved);
  }
  return report;
}

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

std::vector<DepthLevel> ReferenceMatcher::depth(Side side, std::size_t levels) const {
  std::map<std::int64_t, DepthLevel> by_price;
  for (const Resting& r : orders_) {
    if (r.order.side != side) continue;
    std::int64_t price = r.order.price.value();
    if (r.order.type == OrderType::kMarket)
      price = side == Side::kBuy ? kMaxLandedPrice.value() : 1;
    DepthLevel& level = by_price[side == Side::kBuy ? -price : price];
    level.price = Price{price};
    level.quantity += Quantity{r.remaining};
    ++level.orders;
  }
  std::vector<DepthLevel> out;
  for (const auto& [key, level] : by_price) {
    if (out.size() == levels) break;
    out.push_back(level);
  }
  return out;
}

std::optional<Quote> ReferenceMatcher::best_offer_for(NationId destination) const {
  const Resting* best = nullptr;
  for (const Resting& r : orders_) {
    if (r.order.side != Side::kSell) continue;
    if (!terms(r.order.nation, destination).allowed || quota(r.order.nation, destination) <= 0)
      continue;
    if (best != nullptr) {
      const std::int64_t mine = landed_scaled(r.order.price.value(), r.order.nation, destination);
      const std::int64_t theirs =
          landed_scaled(best->order.price.value(), best->order.nation, destination);
      if (mine > theirs || (mine == theirs && r.sequence > best->sequence)) continue;
    }
    best = &r;
  }
  if (best == nullptr) return std::nullopt;
  const PairTerms t = terms(best->order.nation, destination);
  return Quote{best->order.price, landed_price(best->order.price, t.tariff_bp, t.freight),
               Quantity{0}, best->order.nation};
}

}  // namespace reesim::market::test
