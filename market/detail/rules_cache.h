// A snapshot of TradeRules for every (origin, destination) pair, laid out for the two scans
// the matcher does: a buyer in B over origins, a seller in S over destinations.
// Not thread-safe; internal to OrderBook.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "market/landed_cost.h"
#include "market/trade_rules.h"
#include "market/types.h"

namespace reesim::market::detail {

// Landed cost of price p on one pair, scaled by 10 000 to stay exact:
// p × factor + freight_scaled, compared against a limit × 10 000.
struct PairCost {
  std::int64_t factor = kBasisPoints;  // 10 000 + tariff_bp
  std::int64_t freight_scaled = 0;     // freight × 10 000
  std::int64_t freight = 0;            // price ticks per lot
  std::int32_t tariff_bp = 0;
  std::int32_t unused = 0;
};

class RulesCache {
 public:
  // Reads every pair's terms; out-of-range tariffs and freight are clamped into range.
  void refresh(const TradeRules& rules, VenueId venue);
  // All pairs allowed at zero cost, no quotas.
  void reset_open();

  // Origins whose goods may reach `destination` (bit S set), quotas aside.
  [[nodiscard]] std::uint64_t origins_for(std::size_t destination) const noexcept {
    return origins_for_[destination];
  }
  // Destinations that `origin` may sell to, quotas aside.
  [[nodiscard]] std::uint64_t destinations_for(std::size_t origin) const noexcept {
    return destinations_for_[origin];
  }
  [[nodiscard]] bool allowed(std::size_t origin, std::size_t destination) const noexcept {
    return ((destinations_for_[origin] >> destination) & 1u) != 0;
  }
  [[nodiscard]] bool quota_limited(std::size_t origin, std::size_t destination) const noexcept {
    return ((quota_for_[origin] >> destination) & 1u) != 0;
  }
  // Whether the pair's quota is held by each seller (only where quota_limited).
  [[nodiscard]] bool quota_by_seller(std::size_t origin, std::size_t destination) const noexcept {
    return ((seller_quota_for_[origin] >> destination) & 1u) != 0;
  }
  [[nodiscard]] bool any_quota() const noexcept { return any_quota_; }
  // Cost of goods from `origin` landed in `destination`.
  [[nodiscard]] const PairCost& cost(std::size_t origin, std::size_t destination) const noexcept {
    return origin < bound_ && destination < bound_ ? by_destination_[destination * bound_ + origin]
                                                   : kOpen;
  }
  // The same entry, stored origin-major for a seller's scan over destinations.
  [[nodiscard]] const PairCost& cost_from(std::size_t origin,
                                          std::size_t destination) const noexcept {
    return origin < bound_ && destination < bound_ ? by_origin_[origin * bound_ + destination]
                                                   : kOpen;
  }

 private:
  static constexpr PairCost kOpen{};  // a pair outside the bound: open, at zero cost
  std::array<std::uint64_t, kMaxNations> origins_for_{};
  std::array<std::uint64_t, kMaxNations> destinations_for_{};
  std::array<std::uint64_t, kMaxNations> quota_for_{};
  std::array<std::uint64_t, kMaxNations> seller_quota_for_{};
  // bound_ × bound_ pairs, destination-major and origin-major: only the nations the rules know,
  // so that a book stays small (a trial has one per venue) and its costs stay in cache.
  std::vector<PairCost> by_destination_;
  std::vector<PairCost> by_origin_;
  bool any_quota_ = false;
  std::size_t bound_ = 0;  // pairs with both ids below it were read from the rules
};

}  // namespace reesim::market::detail
