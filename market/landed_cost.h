// Landed-cost arithmetic: what a buyer in one nation pays for goods sold from another.
//
// landed = price + tariff + freight, where tariff = ceil(price × tariff_bp / 10 000) per lot
// (ad valorem on the seller's price, rounded up to a whole tick, in the customs authority's
// favour) and freight is a per-lot amount in price ticks. All functions are pure, exact
// integer arithmetic and thread-safe. Inputs are bounded by kMaxPrice, kMaxTariffBp and
// kMaxFreight, which keeps every intermediate product below 2^63.
#pragma once

#include <cstdint>

#include "market/types.h"

namespace reesim::market {

inline constexpr std::int64_t kBasisPoints = 10'000;
// Tariffs lie in [0, kMaxTariffBp] basis points (0 % to 1000 %).
inline constexpr std::int32_t kMaxTariffBp = 100'000;
// Freight lies in [0, kMaxFreight] price ticks per lot.
inline constexpr Price kMaxFreight = kMaxPrice;
// No landed cost exceeds this: a market buy uses it as its limit.
inline constexpr Price kMaxLandedPrice{
    kMaxPrice.value() * (kBasisPoints + kMaxTariffBp) / kBasisPoints + kMaxFreight.value()};

// Tariff per lot on a sale at `price`, in price ticks: ceil(price × tariff_bp / 10 000).
[[nodiscard]] constexpr Price tariff_per_lot(Price price, std::int32_t tariff_bp) noexcept {
  const std::int64_t scaled = price.value() * tariff_bp;
  return Price{(scaled + kBasisPoints - 1) / kBasisPoints};
}

// What the buyer pays per lot for a sale at `price`: price + tariff + freight.
[[nodiscard]] constexpr Price landed_price(Price price, std::int32_t tariff_bp,
                                           Price freight) noexcept {
  return price + tariff_per_lot(price, tariff_bp) + freight;
}

// The highest seller price whose landed cost does not exceed `landed_limit`:
// floor((landed_limit − freight) × 10 000 / (10 000 + tariff_bp)). It is exact:
// landed_price(p) <= landed_limit  <=>  p <= net_price(landed_limit). May be negative.
[[nodiscard]] constexpr Price net_price(Price landed_limit, std::int32_t tariff_bp,
                                        Price freight) noexcept {
  const std::int64_t numerator = (landed_limit.value() - freight.value()) * kBasisPoints;
  const std::int64_t denominator = kBasisPoints + tariff_bp;
  std::int64_t quotient = numerator / denominator;
  if ((numerator % denominator != 0) && (numerator < 0)) --quotient;  // floor, not truncation
  return Price{quotient};
}

}  // namespace reesim::market
