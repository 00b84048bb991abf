// The synthetic book stream and its CSV form.
#include "bench/book_stream.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <string_view>

#include "market/book.h"

namespace reesim::bench {

namespace {

// xoshiro256** seeded through splitmix64: fast, and the same sequence on every platform.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    for (auto& word : state_) {
      seed += 0x9E37'79B9'7F4A'7C15ull;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xBF58'476D'1CE4'E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D0'49BB'1331'11EBull;
      word = z ^ (z >> 31);
    }
  }
  std::uint64_t next() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }
  // Uniform in [0, n).
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  // 1 + a geometric count with success probability 1/4 per trial, capped.
  std::int64_t distance(std::int64_t cap) {
    std::int64_t d = 1;
    while (d < cap && below(4) != 0)
      ++d;
    return d;
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t state_[4]{};
};

// The set of live order ids, with O(1) insert, erase and uniform pick.
class LiveOrders final : public market::BookObserver {
 public:
  explicit LiveOrders(std::uint64_t max_id) : position_(max_id + 1, kAbsent) {}
  void add(std::uint64_t id) {
    if (position_[id] != kAbsent) return;
    position_[id] = static_cast<std::uint32_t>(ids_.size());
    ids_.push_back(id);
  }
  void remove(std::uint64_t id) {
    const std::uint32_t at = position_[id];
    if (at == kAbsent) return;
    ids_[at] = ids_.back();
    position_[ids_[at]] = at;
    ids_.pop_back();
    position_[id] = kAbsent;
  }
  [[nodiscard]] bool empty() const { return ids_.empty(); }
  std::uint64_t pick(Rng& rng) const { return ids_[rng.below(ids_.size())]; }
  void on_trade(const market::Trade& trade) override {
    if (trade.buy_remaining == market::Quantity{0}) remove(trade.buy_order.value());
    if (trade.sell_remaining == market::Quantity{0}) remove(trade.sell_order.value());
  }

 private:
  static constexpr std::uint32_t kAbsent = 0xffff'ffffu;
  std::vector<std::uint64_t> ids_;
  std::vector<std::uint32_t> position_;
};

market::Order to_order(const BookMessage& m) {
  return market::Order{market::OrderId{m.id},
                       static_cast<market::Side>(m.side),
                       static_cast<market::OrderType>(m.type),
                       market::Price{m.price},
                       market::Quantity{m.quantity},
                       market::AgentId{m.agent},
                       market::NationId{m.nation}};
}

}  // namespace

std::vector<BookMessage> generate_stream(std::uint64_t seed, std::uint64_t messages) {
  Rng rng(seed);
  BenchRules rules;
  market::OrderBook book(
      market::BookConfig{market::VenueId{0}, market::ClearingMode::kContinuous, 1 << 16});
  LiveOrders live(messages);
  book.set_observer(&live);
  book.set_rules(&rules);
  std::vector<BookMessage> stream;
  stream.reserve(messages);
  std::int64_t mid = 10'000;  // price ticks
  std::uint64_t next_id = 1;
  for (std::uint64_t i = 0; i < messages; ++i) {
    if (i % 64 == 0)
      mid = std::clamp<std::int64_t>(mid + static_cast<std::int64_t>(rng.below(3)) - 1, 5'000,
                                     15'000);
    const std::uint64_t roll = rng.below(1000);
    BookMessage m;
    m.agent = static_cast<std::uint32_t>(rng.below(1000));
    m.nation = static_cast<std::uint8_t>(rng.below(kBenchNations));
    m.side = static_cast<std::uint8_t>(rng.below(2));
    const std::int64_t sign = m.side == 0 ? -1 : 1;  // passive buys below the mid, sells above
    if (live.empty() || roll < 480) {                // passive limit order
      m.op = BookOp::kAdd;
      m.id = next_id++;
      m.type = static_cast<std::uint8_t>(market::OrderType::kLimit);
      m.price = mid + sign * rng.distance(200);
      m.quantity = rng.below(10) == 0 ? 20 + static_cast<std::int64_t>(rng.below(200))
                                      : 1 + static_cast<std::int64_t>(rng.below(20));
    } else if (roll < 580) {  // marketable: crossing limit, IOC or market
      m.op = BookOp::kAdd;
      m.id = next_id++;
      const std::uint64_t kind = rng.below(10);
      m.type = static_cast<std::uint8_t>(
          kind < 5 ? market::OrderType::kLimit
                   : (kind < 8 ? market::OrderType::kIoc : market::OrderType::kMarket));
      m.price = m.type == static_cast<std::uint8_t>(market::OrderType::kMarket)
                    ? 0
                    : mid - sign * (1 + static_cast<std::int64_t>(rng.below(5)));
      m.quantity = 1 + static_cast<std::int64_t>(rng.below(40));
    } else if (roll < 920) {  // cancel
      m.op = BookOp::kCancel;
      m.id = live.pick(rng);
    } else {  // modify: mostly size cuts, otherwise a small re-price
      m.op = BookOp::kModify;
      m.id = live.pick(rng);
      const auto resting = book.find(market::OrderId{m.id});
      if (!resting) return stream;  // unreachable: the live set mirrors the book
      m.price = resting->price.value();
      m.quantity = resting->remaining.value();
      if (rng.below(10) < 6 && m.quantity > 1) {
        m.quantity =
            1 + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(m.quantity - 1)));
      } else {
        m.price = std::max<std::int64_t>(1, m.price + static_cast<std::int64_t>(rng.below(5)) - 2);
      }
    }
    stream.push_back(m);
    // Replay it so that later cancels and modifies find live orders.
    if (m.op == BookOp::kAdd) {
      if (book.submit(to_order(m)).resting.value() > 0) live.add(m.id);
    } else if (m.op == BookOp::kCancel) {
      book.cancel(market::OrderId{m.id});
      live.remove(m.id);
    } else if (!book.modify(market::OrderId{m.id}, market::Price{m.price},
                            market::Quantity{m.quantity})
                    .resting.value()) {
      live.remove(m.id);
    }
  }
  return stream;
}

namespace {

constexpr std::string_view kHeader = "op,id,side,type,price,qty,agent,nation";
constexpr std::string_view kTypes[] = {"limit", "market", "ioc", "fok"};

template <typename Int>
bool parse_int(std::string_view text, Int& value) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc{} && end == text.data() + text.size();
}

// Parses one data row; returns an empty string or what is wrong with it.
std::string parse_row(std::string_view line, BookMessage& m) {
  std::string_view fields[8];
  std::size_t count = 0;
  for (std::size_t start = 0;;) {
    const std::size_t comma = line.find(',', start);
    if (count == 8) return "expected 8 fields";
    fields[count++] = line.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (count != 8) return "expected 8 fields, found " + std::to_string(count);
  if (fields[0] == "add")
    m.op = BookOp::kAdd;
  else if (fields[0] == "cancel")
    m.op = BookOp::kCancel;
  else if (fields[0] == "modify")
    m.op = BookOp::kModify;
  else
    return "unknown op '" + std::string(fields[0]) + "' (expected add, cancel or modify)";
  if (!parse_int(fields[1], m.id) || m.id == 0) return "id must be a positive integer";
  if (m.op == BookOp::kCancel) return {};
  if (m.op == BookOp::kAdd) {
    if (fields[2] == "buy")
      m.side = 0;
    else if (fields[2] == "sell")
      m.side = 1;
    else
      return "side must be buy or sell";
    const auto type = std::find(std::begin(kTypes), std::end(kTypes), fields[3]);
    if (type == std::end(kTypes)) return "type must be limit, market, ioc or fok";
    m.type = static_cast<std::uint8_t>(type - std::begin(kTypes));
    unsigned nation = 0;
    if (!parse_int(fields[6], m.agent)) return "agent must be a non-negative integer";
    if (!parse_int(fields[7], nation) || nation >= market::kMaxNations)
      return "nation must be an integer in [0, 64)";
    m.nation = static_cast<std::uint8_t>(nation);
  }
  const bool market = m.op == BookOp::kAdd && m.type == 1;
  if (market && fields[4].empty())
    m.price = 0;
  else if (!parse_int(fields[4], m.price) || (!market && m.price < 1))
    return "price must be a positive integer";
  if (!parse_int(fields[5], m.quantity) || m.quantity < 1) return "qty must be a positive integer";
  return {};
}

}  // namespace

bool read_stream_csv(const std::string& path, std::vector<BookMessage>& stream,
                     std::string& error) {
  // The input-file guard of scenario files (config/input_file.h), before the file is opened, so
  // that a FIFO or a device never blocks or streams forever.
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    error = path + ": cannot open: " + std::strerror(errno);
    return false;
  }
  if (S_ISDIR(info.st_mode)) {
    error = path + ": is a directory, not a stream CSV";
    return false;
  }
  if (!S_ISREG(info.st_mode)) {
    error = path + ": is not a regular file (device, FIFO or socket)";
    return false;
  }
  if (static_cast<std::uint64_t>(info.st_size) > kMaxStreamBytes) {
    error = path + ": is " + std::to_string(info.st_size) + " bytes, over the stream limit of " +
            std::to_string(kMaxStreamBytes) + " bytes (1 GiB)";
    return false;
  }
  std::ifstream in(path);
  if (!in) {
    error = path + ": cannot open for reading";
    return false;
  }
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (number == 1) {
      if (line != kHeader) {
        error = path + ":1: expected the header '" + std::string(kHeader) + "'";
        return false;
      }
      continue;
    }
    if (line.empty()) continue;
    BookMessage m;
    const std::string problem = parse_row(line, m);
    if (!problem.empty()) {
      error = path + ":" + std::to_string(number) + ": " + problem;
      return false;
    }
    if (stream.size() >= kMaxBookMessages) {
      error = path + ":" + std::to_string(number) + ": more than " +
              std::to_string(kMaxBookMessages) + " messages";
      return false;
    }
    stream.push_back(m);
  }
  if (number == 0) {
    error = path + ":1: empty file, expected the header '" + std::string(kHeader) + "'";
    return false;
  }
  return true;
}

bool write_stream_csv(const std::string& path, const std::vector<BookMessage>& stream,
                      std::string& error) {
  std::ofstream out(path, std::ios::binary);
  if (!out) {
    error = path + ": cannot open for writing";
    return false;
  }
  out << kHeader << '\n';
  std::string line;
  for (const BookMessage& m : stream) {
    line.clear();
    switch (m.op) {
      case BookOp::kAdd:
        line += "add,";
        line += std::to_string(m.id);
        line += m.side == 0 ? ",buy," : ",sell,";
        line += kTypes[m.type];
        line += ',';
        if (m.type != 1) line += std::to_string(m.price);
        line += ',' + std::to_string(m.quantity) + ',' + std::to_string(m.agent) + ',' +
                std::to_string(m.nation);
        break;
      case BookOp::kCancel:
        line += "cancel," + std::to_string(m.id) + ",,,,,,";
        break;
      case BookOp::kModify:
        line += "modify," + std::to_string(m.id) + ",,," + std::to_string(m.price) + ',' +
                std::to_string(m.quantity) + ",,";
        break;
    }
    line += '\n';
    out << line;
  }
  out.flush();
  if (!out) {
    error = path + ": write failed";
    return false;
  }
  return true;
}

}  // namespace reesim::bench
