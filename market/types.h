// The market vocabulary: strong integer types shared by the whole project.
//
// Prices and quantities are integers in each commodity's tick and lot; a floating-point
// number never holds a price inside the book. All types here are trivially copyable
// value types, safe to use from any thread.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>

namespace reesim::market {

// A strongly typed integer: explicit construction, comparisons, and (when kArithmetic)
// addition and subtraction with its own kind. `value()` unwraps it.
template <typename Tag, typename Rep, bool kArithmetic = false>
class StrongInt {
 public:
  using rep = Rep;

  constexpr StrongInt() noexcept = default;
  constexpr explicit StrongInt(Rep value) noexcept : value_(value) {}

  [[nodiscard]] constexpr Rep value() const noexcept { return value_; }

  friend constexpr auto operator<=>(StrongInt, StrongInt) noexcept = default;

  friend constexpr StrongInt operator+(StrongInt a, StrongInt b) noexcept requires kArithmetic {
    return StrongInt(static_cast<Rep>(a.value_ + b.value_));
  }
  friend constexpr StrongInt operator-(StrongInt a, StrongInt b) noexcept requires kArithmetic {
    return StrongInt(static_cast<Rep>(a.value_ - b.value_));
  }
  constexpr StrongInt& operator+=(StrongInt other) noexcept requires kArithmetic {
    value_ = static_cast<Rep>(value_ + other.value_);
    return *this;
  }
  constexpr StrongInt& operator-=(StrongInt other) noexcept requires kArithmetic {
    value_ = static_cast<Rep>(value_ - other.value_);
    return *this;
  }

 private:
  Rep value_{};
};

// Price in the commodity's price ticks (for example 0.01 USD/kg). Limit prices lie in
// [kMinPrice, kMaxPrice].
using Price = StrongInt<struct PriceTag, std::int64_t, true>;
// Quantity in the commodity's lots (for example 1 kg). Order sizes lie in [1, kMaxQuantity].
using Quantity = StrongInt<struct QuantityTag, std::int64_t, true>;
// Identifies an order within one book; chosen by the submitter, never 0, unique among the
// book's live orders.
using OrderId = StrongInt<struct OrderIdTag, std::uint64_t>;
// The submitting agent; opaque to the book, carried into trades.
using AgentId = StrongInt<struct AgentIdTag, std::uint32_t>;
// A nation as a small dense index in [0, kMaxNations): the origin of a seller, the
// destination of a buyer.
using NationId = StrongInt<struct NationIdTag, std::uint8_t>;
// A venue (one order book per commodity and venue).
using VenueId = StrongInt<struct VenueIdTag, std::uint16_t>;
// Simulation time step (a week in the standard calendar).
using Tick = StrongInt<struct TickTag, std::int32_t>;

// Σ price × quantity, wide enough for any tick's turnover.
__extension__ using Notional = __int128;

enum class Side : std::uint8_t { kBuy = 0, kSell = 1 };

[[nodiscard]] constexpr Side opposite(Side side) noexcept {
  return side == Side::kBuy ? Side::kSell : Side::kBuy;
}

inline constexpr std::size_t kMaxNations = 64;
inline constexpr Price kMinPrice{1};
inline constexpr Price kMaxPrice{1'000'000'000};
inline constexpr Quantity kMaxQuantity{1'000'000'000'000};
// Quantity meaning "no limit" (for example an unlimited quota).
inline constexpr Quantity kUnlimited{std::numeric_limits<std::int64_t>::max()};

}  // namespace reesim::market

template <typename Tag, typename Rep, bool kArithmetic>
struct std::hash<reesim::market::StrongInt<Tag, Rep, kArithmetic>> {
  std::size_t operator()(reesim::market::StrongInt<Tag, Rep, kArithmetic> v) const noexcept {
    return std::hash<Rep>{}(v.value());
  }
};
