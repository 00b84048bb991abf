// The book's storage: pooled order nodes, price levels with intrusive FIFO lists, and
// ladders (one per side and segment) of levels sorted with the best price at the back.
// Not thread-safe; internal to OrderBook.
#pragma once

#include <cstdint>
#include <vector>

#include "market/detail/id_table.h"

namespace reesim::market::detail {

// One order, resting or being matched. Nodes live in a pool and are recycled through a free
// list, so the hot path never allocates once the pool has grown to the book's size.
struct OrderNode {
  std::int64_t price = 0;      // limit price in ticks (market orders in an auction: a sentinel)
  std::int64_t remaining = 0;  // open lots
  std::uint64_t sequence = 0;  // time priority
  std::uint64_t id = 0;
  std::uint32_t prev = kNil;   // neighbours in the level's FIFO
  std::uint32_t next = kNil;   // (also the free-list link)
  std::uint32_t level = kNil;  // index of the level holding it
  std::uint32_t agent = 0;
  std::uint8_t side = 0;
  std::uint8_t nation = 0;
  std::uint8_t segment = 0;
  std::uint8_t type = 0;
};

// All orders at one price in one segment, oldest first.
struct Level {
  std::int64_t total = 0;  // Σ remaining of its orders, lots
  std::uint32_t head = kNil;
  std::uint32_t tail = kNil;
};

// The ladder key orders both sides alike: bigger is better. key = price for bids,
// −price for asks.
[[nodiscard]] constexpr std::int64_t ladder_key(std::uint8_t side, std::int64_t price) noexcept {
  return side == 0 ? price : -price;
}

struct LadderEntry {
  std::int64_t key = 0;
  std::uint32_t level = kNil;
};

// Levels of one side and segment, ascending by key: the best level is at the back, so the
// common operations (touching the best, adding near it) move little memory.
struct Ladder {
  std::vector<LadderEntry> entries;

  [[nodiscard]] bool empty() const noexcept { return entries.empty(); }
  [[nodiscard]] const LadderEntry& best() const noexcept { return entries.back(); }

  // Index of the first entry whose key is > key (entries [0, i) have key <= key).
  [[nodiscard]] std::size_t upper_index(std::int64_t key) const noexcept {
    std::size_t i = entries.size();
    // Orders cluster near the best: walk a few steps from the back before bisecting.
    for (int steps = 0; steps < 16; ++steps) {
      if (i == 0 || entries[i - 1].key <= key) return i;
      --i;
    }
    // Then gallop away from the best in doubling steps until a key is <= key, so that a level
    // some way from the best (a seller's dearer tranches) costs the log of its distance, not of
    // the ladder's depth; and bisect that last step without branches on the keys: a deep
    // ladder's comparisons are as good as random, so a conditional move beats a jump the
    // processor guesses wrong half the time. The answer lies in [base, base + len].
    std::size_t low = 0;
    for (std::size_t step = 16; step < i; step *= 2) {
      if (entries[i - step].key <= key) {
        low = i - step + 1;
        break;
      }
      i -= step;
    }
    const LadderEntry* const first = entries.data();
    const LadderEntry* base = first + low;
    std::size_t len = i - low;
    while (len > 1) {
      const std::size_t half = len / 2;
      base += static_cast<std::size_t>(base[half - 1].key <= key) * half;
      len -= half;
    }
    return static_cast<std::size_t>(base - first) + (base->key <= key ? 1 : 0);
  }
};

// Pools of nodes and levels with free lists.
class Pools {
 public:
  std::vector<OrderNode> nodes;
  std::vector<Level> levels;

  std::uint32_t new_node() {
    if (free_node_ != kNil) {
      const std::uint32_t index = free_node_;
      free_node_ = nodes[index].next;
      return index;
    }
    nodes.emplace_back();
    return static_cast<std::uint32_t>(nodes.size() - 1);
  }
  void free_node(std::uint32_t index) noexcept {
    nodes[index].id = 0;
    nodes[index].next = free_node_;
    free_node_ = index;
  }
  std::uint32_t new_level() {
    if (free_level_ != kNil) {
      const std::uint32_t index = free_level_;
      free_level_ = levels[index].head;
      levels[index] = Level{};
      return index;
    }
    levels.emplace_back();
    return static_cast<std::uint32_t>(levels.size() - 1);
  }
  void free_level(std::uint32_t index) noexcept {
    levels[index].head = free_level_;
    free_level_ = index;
  }
  // Forgets every node and level (all must be free or abandoned with their ladders); capacity
  // is kept.
  void clear() noexcept {
    nodes.clear();
    levels.clear();
    free_node_ = kNil;
    free_level_ = kNil;
  }
  void reserve(std::size_t orders) {
    nodes.reserve(orders);
    levels.reserve(orders / 2 + 16);
  }

 private:
  std::uint32_t free_node_ = kNil;
  std::uint32_t free_level_ = kNil;
};

}  // namespace reesim::market::detail
