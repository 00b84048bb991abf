#include "market/detail/rules_cache.h"

#include <algorithm>

namespace reesim::market::detail {

void RulesCache::refresh(const TradeRules& rules, VenueId venue) {
  bound_ = std::min(rules.nation_bound(), kMaxNations);
  const std::size_t bound = bound_;
  by_destination_.resize(bound * bound);
  by_origin_.resize(bound * bound);
  origins_for_.fill(~std::uint64_t{0});
  destinations_for_.fill(~std::uint64_t{0});
  quota_for_.fill(0);
  seller_quota_for_.fill(0);
  any_quota_ = false;
  for (std::size_t s = 0; s < bound; ++s) {
    for (std::size_t b = 0; b < bound; ++b) {
      const PairTerms terms = rules.terms(venue, NationId{static_cast<std::uint8_t>(s)},
                                          NationId{static_cast<std::uint8_t>(b)});
      PairCost cost;
      cost.tariff_bp = std::clamp(terms.tariff_bp, 0, kMaxTariffBp);
      cost.freight = std::clamp(terms.freight.value(), std::int64_t{0}, kMaxFreight.value());
      cost.factor = kBasisPoints + cost.tariff_bp;
      cost.freight_scaled = cost.freight * kBasisPoints;
      by_destination_[b * bound + s] = cost;
      by_origin_[s * bound + b] = cost;
      if (!terms.allowed) {
        origins_for_[b] &= ~(std::uint64_t{1} << s);
        destinations_for_[s] &= ~(std::uint64_t{1} << b);
      }
      if (terms.quota_limited) {
        quota_for_[s] |= std::uint64_t{1} << b;
        any_quota_ = true;
        if (terms.quota_by_seller) seller_quota_for_[s] |= std::uint64_t{1} << b;
      }
    }
  }
}

void RulesCache::reset_open() {
  origins_for_.fill(~std::uint64_t{0});
  destinations_for_.fill(~std::uint64_t{0});
  quota_for_.fill(0);
  seller_quota_for_.fill(0);
  by_destination_.clear();
  by_origin_.clear();
  any_quota_ = false;
  bound_ = 0;
}

}  // namespace reesim::market::detail
