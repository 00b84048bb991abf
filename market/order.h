// Order requests and the book's answers to them.
//
// An Order is a plain value built with named constructors, e.g.
//   Order::buy_limit(OrderId{1}, Price{100}, Quantity{10}).by(AgentId{7}, NationId{3})
// For a seller, the nation is the origin of the goods; for a buyer, their destination.
// A sell price is what the seller receives per lot; a buy price is the most the buyer pays
// per lot landed (price + tariff + freight; equal to the price where no rules apply).
#pragma once

#include <cstdint>

#include "market/types.h"

namespace reesim::market {

enum class OrderType : std::uint8_t {
  kLimit,   // trades up to its price, the rest rests in the book
  kMarket,  // trades at any price, the rest is cancelled (in a call auction: after the next
            // clearing)
  kIoc,     // immediate-or-cancel: a limit order whose rest is cancelled instead of resting
  kFok,  // fill-or-kill: fills entirely at once within its price, or not at all (continuous only)
};

struct Order {
  OrderId id{0};
  Side side = Side::kBuy;
  OrderType type = OrderType::kLimit;
  Price price{0};  // ignored for market orders
  Quantity quantity{0};
  AgentId agent{0};
  NationId nation{0};

  // Sets the submitting agent and its nation (origin for a seller, destination for a buyer).
  [[nodiscard]] constexpr Order by(AgentId submitter, NationId submitter_nation) const noexcept {
    Order copy = *this;
    copy.agent = submitter;
    copy.nation = submitter_nation;
    return copy;
  }

  [[nodiscard]] static constexpr Order limit(Side side, OrderId id, Price price,
                                             Quantity quantity) noexcept {
    return Order{id, side, OrderType::kLimit, price, quantity, AgentId{0}, NationId{0}};
  }
  [[nodiscard]] static constexpr Order market(Side side, OrderId id, Quantity quantity) noexcept {
    return Order{id, side, OrderType::kMarket, Price{0}, quantity, AgentId{0}, NationId{0}};
  }
  [[nodiscard]] static constexpr Order ioc(Side side, OrderId id, Price price,
                                           Quantity quantity) noexcept {
    return Order{id, side, OrderType::kIoc, price, quantity, AgentId{0}, NationId{0}};
  }
  [[nodiscard]] static constexpr Order fok(Side side, OrderId id, Price price,
                                           Quantity quantity) noexcept {
    return Order{id, side, OrderType::kFok, price, quantity, AgentId{0}, NationId{0}};
  }
  [[nodiscard]] static constexpr Order buy_limit(OrderId id, Price price,
                                                 Quantity quantity) noexcept {
    return limit(Side::kBuy, id, price, quantity);
  }
  [[nodiscard]] static constexpr Order sell_limit(OrderId id, Price price,
                                                  Quantity quantity) noexcept {
    return limit(Side::kSell, id, price, quantity);
  }
  [[nodiscard]] static constexpr Order buy_market(OrderId id, Quantity quantity) noexcept {
    return market(Side::kBuy, id, quantity);
  }
  [[nodiscard]] static constexpr Order sell_market(OrderId id, Quantity quantity) noexcept {
    return market(Side::kSell, id, quantity);
  }
};

// Why a request was refused. An order wrong in several ways is refused for the first of: its size,
// its nation, its price, its id; then a mode that does not support it, then a duplicate id.
enum class Status : std::uint8_t {
  kOk,
  kInvalidId,        // order id 0
  kUnknownOrder,     // cancel or modify of an id that is not resting
  kDuplicateId,      // the id is already resting in this book
  kInvalidPrice,     // a limit price outside [kMinPrice, kMaxPrice]
  kInvalidQuantity,  // a size outside [1, kMaxQuantity]
  kInvalidNation,    // a nation >= kMaxNations
  kUnsupported,  // not available in this clearing mode (FOK in a call auction, re-pricing a market
                 // order)
};

// The outcome of one request, in lots. For an accepted request,
// filled + resting + cancelled equals the quantity the request put at stake.
struct ExecutionReport {
  Status status = Status::kOk;
  Quantity filled{0};     // traded during this request
  Quantity resting{0};    // left in the book afterwards
  Quantity cancelled{0};  // removed without trading (cancel, IOC/market rest, killed FOK, size cut)

  [[nodiscard]] constexpr bool ok() const noexcept { return status == Status::kOk; }
};

// A resting order as the book sees it (for queries).
struct RestingOrder {
  OrderId id{0};
  Side side = Side::kBuy;
  OrderType type = OrderType::kLimit;
  Price price{0};
  Quantity remaining{0};
  AgentId agent{0};
  NationId nation{0};
  std::uint64_t sequence = 0;  // time priority: smaller arrived earlier
};

}  // namespace reesim::market
