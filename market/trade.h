// What leaves the book: trades (through an observer) and per-tick statistics.
#pragma once

#include <cstdint>

#include "market/types.h"

namespace reesim::market {

enum class Aggressor : std::uint8_t { kBuyer, kSeller, kAuction };

// One fill between a buy and a sell order. Prices are per lot, in price ticks:
// the seller receives `price`; the buyer pays `price + tariff + freight` (landed_price()).
struct Trade {
  Tick tick{0};
  Price price{0};
  Quantity quantity{0};
  OrderId buy_order{0};
  OrderId sell_order{0};
  AgentId buyer{0};
  AgentId seller{0};
  NationId origin{0};          // the seller's nation
  NationId destination{0};     // the buyer's nation
  Price tariff{0};             // per lot, paid once, by the buyer
  Price freight{0};            // per lot, paid by the buyer
  Quantity buy_remaining{0};   // the buy order's open quantity after this fill
  Quantity sell_remaining{0};  // the sell order's open quantity after this fill
  Aggressor aggressor = Aggressor::kAuction;

  [[nodiscard]] constexpr Price landed_price() const noexcept { return price + tariff + freight; }
};

// Receives trades as they happen, synchronously, on the thread that drives the book.
// The book does not own its observer; the observer must outlive its registration and must
// not call back into the book from on_trade.
class BookObserver {
 public:
  virtual ~BookObserver() = default;
  virtual void on_trade(const Trade& trade) = 0;
};

// Trading statistics of one tick, over trade prices (what sellers received).
struct TickStats {
  Tick tick{0};
  std::int64_t trades = 0;
  Quantity volume{0};  // lots
  Price open{0};
  Price high{0};
  Price low{0};
  Price close{0};
  Notional notional = 0;  // Σ price × quantity, in price ticks × lots

  [[nodiscard]] constexpr bool has_trades() const noexcept { return trades > 0; }
  // Volume-weighted average price, rounded half up to a tick; Price{0} without trades.
  [[nodiscard]] constexpr Price vwap() const noexcept {
    if (volume.value() == 0) return Price{0};
    const Notional v = volume.value();
    return Price{static_cast<std::int64_t>((2 * notional + v) / (2 * v))};
  }
  // The same as a real number, for reports only.
  [[nodiscard]] constexpr double vwap_exact() const noexcept {
    return volume.value() == 0
               ? 0.0
               : static_cast<double>(notional) / static_cast<double>(volume.value());
  }
};

// Quantity accounting for the whole book since construction, in lots. Each trade fills
// both of its orders, so `filled` counts it twice. Invariant:
// submitted == filled + resting + cancelled.
struct BookTotals {
  Quantity submitted{0};
  Quantity filled{0};
  Quantity resting{0};
  Quantity cancelled{0};
  std::int64_t trades = 0;
};

}  // namespace reesim::market
