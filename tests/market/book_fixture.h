// Shared vocabulary for the market scenarios: named nations, a trade recorder, and
// configurable trade rules.
#pragma once

#include <array>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>

#include "market/book.h"
#include "market/trade_rules.h"

namespace Catch {
template <typename Tag, typename Rep, bool kArithmetic>
struct StringMaker<reesim::market::StrongInt<Tag, Rep, kArithmetic>> {
  static std::string convert(reesim::market::StrongInt<Tag, Rep, kArithmetic> v) {
    return std::to_string(static_cast<long long>(v.value()));
  }
};
}  // namespace Catch

namespace reesim::market::test {

inline constexpr NationId kChina{0};
inline constexpr NationId kIndia{1};
inline constexpr NationId kAustralia{2};
inline constexpr NationId kUsa{3};
inline constexpr NationId kJapan{4};

inline constexpr AgentId kMiner{10};
inline constexpr AgentId kRefiner{11};
inline constexpr AgentId kMagnetMaker{20};
inline constexpr AgentId kCarMaker{21};

constexpr Price px(std::int64_t ticks) {
  return Price{ticks};
}
constexpr Quantity lots(std::int64_t n) {
  return Quantity{n};
}
constexpr OrderId oid(std::uint64_t n) {
  return OrderId{n};
}

// Keeps every trade the book reports.
class TradeRecorder final : public BookObserver {
 public:
  void on_trade(const Trade& trade) override { trades.push_back(trade); }
  [[nodiscard]] Quantity volume() const {
    Quantity total{0};
    for (const Trade& t : trades)
      total += t.quantity;
    return total;
  }
  std::vector<Trade> trades;
};

// Rules set pair by pair; by default every pair trades freely.
class TestRules final : public TradeRules {
 public:
  TestRules() {
    for (auto& row : quota_)
      row.fill(kUnlimited.value());
  }
  TestRules& ban(NationId origin, NationId destination) {
    at(origin, destination).allowed = false;
    return *this;
  }
  TestRules& allow(NationId origin, NationId destination) {
    at(origin, destination).allowed = true;
    return *this;
  }
  TestRules& tariff(NationId origin, NationId destination, std::int32_t basis_points) {
    at(origin, destination).tariff_bp = basis_points;
    return *this;
  }
  TestRules& freight(NationId origin, NationId destination, Price per_lot) {
    at(origin, destination).freight = per_lot;
    return *this;
  }
  TestRules& quota(NationId origin, NationId destination, Quantity lots_left) {
    at(origin, destination).quota_limited = true;
    quota_[origin.value()][destination.value()] = lots_left.value();
    return *this;
  }
  [[nodiscard]] Quantity quota_used(NationId origin, NationId destination) const {
    return Quantity{used_[origin.value()][destination.value()]};
  }
  // A pair whose quota each seller holds in part: `seller` may sell `lots_left` on it (sellers
  // not set hold none); the pair's quota is what its sellers hold together.
  TestRules& seller_quota(NationId origin, NationId destination, AgentId seller,
                          Quantity lots_left) {
    at(origin, destination).quota_limited = true;
    at(origin, destination).quota_by_seller = true;
    seller_quota_[{origin.value(), destination.value(), seller.value()}] = lots_left.value();
    return *this;
  }
  [[nodiscard]] Quantity seller_quota_used(NationId origin, NationId destination,
                                           AgentId seller) const {
    const auto it = seller_used_.find({origin.value(), destination.value(), seller.value()});
    return Quantity{it == seller_used_.end() ? 0 : it->second};
  }

  PairTerms terms(VenueId, NationId origin, NationId destination) const override {
    return terms_[origin.value()][destination.value()];
  }
  Quantity quota_left(VenueId, NationId origin, NationId destination) const override {
    if (!terms_[origin.value()][destination.value()].quota_by_seller)
      return Quantity{quota_[origin.value()][destination.value()]};
    std::int64_t sum = 0;
    for (const auto& [key, left] : seller_quota_)
      if (std::get<0>(key) == origin.value() && std::get<1>(key) == destination.value())
        sum += left;
    return Quantity{sum};
  }
  Quantity seller_quota_left(VenueId, NationId origin, NationId destination,
                             AgentId seller) const override {
    REQUIRE(terms_[origin.value()][destination.value()].quota_by_seller);
    const auto it = seller_quota_.find({origin.value(), destination.value(), seller.value()});
    return Quantity{it == seller_quota_.end() ? 0 : it->second};
  }
  void consume_seller_quota(VenueId, NationId origin, NationId destination, AgentId seller,
                            Quantity quantity) override {
    REQUIRE(quantity <= seller_quota_left(VenueId{0}, origin, destination, seller));
    seller_quota_[{origin.value(), destination.value(), seller.value()}] -= quantity.value();
    seller_used_[{origin.value(), destination.value(), seller.value()}] += quantity.value();
  }
  void consume_quota(VenueId, NationId origin, NationId destination, Quantity quantity) override {
    REQUIRE(quantity <= quota_left(VenueId{0}, origin, destination));
    quota_[origin.value()][destination.value()] -= quantity.value();
    used_[origin.value()][destination.value()] += quantity.value();
  }

 private:
  PairTerms& at(NationId origin, NationId destination) {
    return terms_[origin.value()][destination.value()];
  }

  std::array<std::array<PairTerms, kMaxNations>, kMaxNations> terms_{};
  std::array<std::array<std::int64_t, kMaxNations>, kMaxNations> quota_{};
  std::array<std::array<std::int64_t, kMaxNations>, kMaxNations> used_{};
  // By (origin, destination, seller).
  using SellerKey = std::tuple<std::uint8_t, std::uint8_t, std::uint32_t>;
  std::map<SellerKey, std::int64_t> seller_quota_;
  std::map<SellerKey, std::int64_t> seller_used_;
};

// A continuous book with a trade recorder attached.
struct ContinuousBook {
  ContinuousBook() { book.set_observer(&recorder); }
  OrderBook book{BookConfig{}};
  TradeRecorder recorder;
};

// The same with rules installed.
struct PolicyBook {
  PolicyBook() {
    book.set_observer(&recorder);
    book.set_rules(&rules);
  }
  OrderBook book{BookConfig{}};
  TradeRecorder recorder;
  TestRules rules;
};

}  // namespace reesim::market::test
