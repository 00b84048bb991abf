// The narrow interface through which policies (bans, licences, quotas, tariffs, freight)
// shape matching. The policies module implements it; the book only reads it.
//
// Semantics: a sell order's nation is the origin S, a buy order's nation is the destination B.
// A buyer and a seller may trade only if terms(S, B).allowed and, for a quota-limited pair,
// quota_left(S, B) > 0; where the pair's quota is held by each seller (quota_by_seller), the
// seller's own seller_quota_left(S, B, seller) > 0. A buyer meets the eligible offer with the
// lowest landed cost (landed_price(), market/landed_cost.h), ties by time; a seller meets the
// eligible bid that nets it the most (net_price()), ties by time.
#pragma once

#include <cstddef>
#include <cstdint>

#include "market/types.h"

namespace reesim::market {

// Terms for goods from `origin` bought by `destination` on one venue.
struct PairTerms {
  bool allowed = true;         // false: banned, licence refused, re-export restricted, ...
  std::int32_t tariff_bp = 0;  // ad valorem on the seller's price, basis points, [0, kMaxTariffBp]
  Price freight{0};            // per lot, price ticks, [0, kMaxFreight]
  bool quota_limited = false;  // when true, fills draw on quota_left()/consume_quota()
  // With quota_limited: each selling agent holds its own allotment, so fills draw on
  // seller_quota_left()/consume_seller_quota() for the sell order's agent.
  bool quota_by_seller = false;
};

// Policies in force for one or more venues. Not thread-safe: a book calls it from the
// thread that drives the book. The book does not own it.
//
// The book snapshots terms() for every pair when the rules are installed and when told
// OrderBook::rules_changed(); call that whenever terms or quotas may have changed (a new
// tick's policies, a quota refill). Quotas are read and consumed live, fill by fill, so a
// quota shared by several venues stays exact.
class TradeRules {
 public:
  virtual ~TradeRules() = default;

  [[nodiscard]] virtual PairTerms terms(VenueId venue, NationId origin,
                                        NationId destination) const = 0;
  // Orders carry nation ids below this bound; the book asks terms() only for pairs inside it
  // and treats any pair outside as open trade at zero cost.
  [[nodiscard]] virtual std::size_t nation_bound() const { return kMaxNations; }

  // Lots that may still trade on a quota-limited pair; called only when terms().quota_limited.
  [[nodiscard]] virtual Quantity quota_left(VenueId venue, NationId origin,
                                            NationId destination) const {
    (void)venue, (void)origin, (void)destination;
    return kUnlimited;
  }

  // Records `quantity` lots traded on a quota-limited pair (never more than quota_left()).
  virtual void consume_quota(VenueId venue, NationId origin, NationId destination,
                             Quantity quantity) {
    (void)venue, (void)origin, (void)destination, (void)quantity;
  }

  // Lots that `seller` may still sell on a pair whose quota it holds in part; called only when
  // terms().quota_by_seller. quota_left() then bounds what the origin's sellers may together.
  [[nodiscard]] virtual Quantity seller_quota_left(VenueId venue, NationId origin,
                                                   NationId destination, AgentId seller) const {
    (void)seller;
    return quota_left(venue, origin, destination);
  }

  // Records `quantity` lots that `seller` sold on such a pair (never more than its
  // seller_quota_left()).
  virtual void consume_seller_quota(VenueId venue, NationId origin, NationId destination,
                                    AgentId seller, Quantity quantity) {
    (void)seller;
    consume_quota(venue, origin, destination, quantity);
  }
};

}  // namespace reesim::market
