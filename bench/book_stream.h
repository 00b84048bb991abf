// Book message streams: the synthetic generator and the CSV format (see bench/README.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "market/trade_rules.h"

namespace reesim::bench {

enum class BookOp : std::uint8_t { kAdd, kCancel, kModify };

// One message of a stream, 32 bytes so that ten million fit comfortably in memory.
struct BookMessage {
  std::uint64_t id = 0;
  std::int64_t price = 0;     // price ticks; 0 for market orders and cancels
  std::int64_t quantity = 0;  // lots; for modify, the new open quantity
  std::uint32_t agent = 0;
  BookOp op = BookOp::kAdd;
  std::uint8_t side = 0;    // 0 buy, 1 sell
  std::uint8_t type = 0;    // market::OrderType
  std::uint8_t nation = 0;  // origin of a seller, destination of a buyer
};

inline constexpr int kBenchNations = 20;

// Most messages in a stream, synthetic (--messages) or read (--stream): 32 bytes each, so at most
// 3.2 GB of messages (docs/limits.md).
inline constexpr std::uint64_t kMaxBookMessages = 100'000'000;
// Largest stream CSV read (--stream), in bytes: 1 GiB.
inline constexpr std::uint64_t kMaxStreamBytes = std::uint64_t{1} << 30;

// The policies of the policy stream: 20 nations, bilateral tariffs, freight by distance and
// one ban (nation 0 may not sell to nation 1). Stateless, so any number of books may share it.
class BenchRules final : public market::TradeRules {
 public:
  market::PairTerms terms(market::VenueId venue, market::NationId origin,
                          market::NationId destination) const override;
};

// A seeded, realistic mix of passive adds, cancels, modifies and marketable orders around
// a drifting mid price. The generator replays it through a policy book as it goes so that
// cancels and modifies mostly target live orders. Deterministic for a seed.
std::vector<BookMessage> generate_stream(std::uint64_t seed, std::uint64_t messages);

// Reads a CSV stream; refuses, before opening it, what is not a regular file or is over
// kMaxStreamBytes, and a stream of more than kMaxBookMessages messages. On failure returns false
// and sets `error` to "FILE:LINE: message".
bool read_stream_csv(const std::string& path, std::vector<BookMessage>& stream, std::string& error);
// Writes a stream as CSV; on failure returns false and sets `error` to "FILE: message".
bool write_stream_csv(const std::string& path, const std::vector<BookMessage>& stream,
                      std::string& error);

}  // namespace reesim::bench
