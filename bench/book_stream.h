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

// Reads a CSV stream; on failure returns false and sets `error` to "FILE:LINE: message".
bool read_stream_csv(const std::string& path, std::vector<BookMessage>& stream, std::string& error);
// Writes a stream as CSV; on failure returns false and sets `error` to "FILE: message".
bool write_stream_csv(const std::string& path, const std::vector<BookMessage>& stream,
                      std::string& error);

}  // namespace reesim::bench
