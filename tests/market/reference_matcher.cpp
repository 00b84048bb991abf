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
  // An order wrong in several ways is refused for the first of: size, nation, price, id.
  if (order.quantity < Quantity{1} || order.quantity > kMaxQuantity)
    return ExecutionReport{Status::kInvalidQuantity};
  if (order.nation.value() >= kMaxNations) return ExecutionReport{Status::kInvalidNation};
  if (order.type != OrderType::kMarket && (order.price < kMinPrice || order.price > kMaxPrice))
    return ExecutionReport{Status::kInvalidPrice};
  if (order.id == OrderId{0}) return ExecutionReport{Status::kInvalidId};
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
