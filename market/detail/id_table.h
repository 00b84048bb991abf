// Open-addressing hash table from order id to node index (linear probing, backward-shift
// deletion, no tombstones). Key 0 marks an empty slot, so id 0 is never stored.
// Not thread-safe.
#pragma once

#include <cassert>
#include <cstdint>
#include <vector>

namespace reesim::market::detail {

inline constexpr std::uint32_t kNil = 0xffff'ffffu;

class IdTable {
 public:
  explicit IdTable(std::size_t expected = 1024) { rehash(capacity_for(expected)); }

  [[nodiscard]] std::size_t size() const noexcept { return size_; }

  [[nodiscard]] std::uint32_t find(std::uint64_t key) const noexcept {
    const Slot& slot = slots_[probe(key)];
    return slot.key == key ? slot.value : kNil;
  }

  // Inserts key → value; returns false (and changes nothing) if key is present.
  bool insert(std::uint64_t key, std::uint32_t value) {
    if ((size_ + 1) * 2 > slots_.size()) rehash(slots_.size() * 2);
    for (std::size_t i = home(key);; i = (i + 1) & mask_) {
      Slot& slot = slots_[i];
      if (slot.key == key) return false;
      if (slot.key == 0) {
        slot = Slot{key, value};
        ++size_;
        return true;
      }
    }
  }

  // Removes key; returns its value, or kNil if absent.
  std::uint32_t erase(std::uint64_t key) noexcept {
    std::size_t i = probe(key);
    if (slots_[i].key != key) return kNil;
    const std::uint32_t value = slots_[i].value;
    // Shift later members of the probe run back so that lookups never stop early.
    for (std::size_t j = (i + 1) & mask_;; j = (j + 1) & mask_) {
      if (slots_[j].key == 0) break;
      const std::size_t want = home(slots_[j].key);
      // Move slot j into the hole at i unless its home lies cyclically in (i, j].
      const bool stays = (i <= j) ? (i < want && want <= j) : (i < want || want <= j);
      if (!stays) {
        slots_[i] = slots_[j];
        i = j;
      }
    }
    slots_[i] = Slot{};
    --size_;
    return value;
  }

  // Removes every key, given a range holding all of them (and possibly 0s, which are skipped):
  // O(keys) instead of O(capacity). Slots are located before any is emptied, so that no probe
  // stops early.
  template <typename Range, typename KeyOf>
  void clear(const Range& items, KeyOf key_of) {
    found_.clear();
    for (const auto& item : items) {
      const std::uint64_t key = key_of(item);
      if (key == 0) continue;
      const std::size_t i = probe(key);
      if (slots_[i].key == key) found_.push_back(static_cast<std::uint32_t>(i));
    }
    assert(found_.size() == size_ && "clear() was not given every key");
    for (const std::uint32_t i : found_)
      slots_[i] = Slot{};
    size_ = 0;
  }
  template <typename Fn>
  void for_each(Fn&& fn) const {
    for (const Slot& slot : slots_)
      if (slot.key != 0) fn(slot.key, slot.value);
  }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t value = kNil;
  };

  static std::size_t capacity_for(std::size_t expected) {
    std::size_t capacity = 16;
    while (capacity < expected * 2)
      capacity *= 2;
    return capacity;
  }

  // Ids are usually handed out in sequence. Each run of 8 consecutive ids shares one aligned
  // block of 8 slots (two cache lines), so a stream of new orders misses the cache once per 8
  // inserts, while the blocks themselves are scattered by a multiplicative hash so that probe
  // runs stay short whatever the pattern of ids.
  [[nodiscard]] std::size_t home(std::uint64_t key) const noexcept {
    const std::uint64_t block = ((key >> 3) * 0x9E37'79B9'7F4A'7C15ull) >> (64 - bits_ + 3);
    return static_cast<std::size_t>((block << 3) | (key & 7u));
  }

  // The slot holding `key`, or the empty slot where its probe run ends.
  [[nodiscard]] std::size_t probe(std::uint64_t key) const noexcept {
    std::size_t i = home(key);
    while (slots_[i].key != key && slots_[i].key != 0)
      i = (i + 1) & mask_;
    return i;
  }
  void rehash(std::size_t capacity) {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    bits_ = 0;
    for (std::size_t c = capacity; c > 1; c >>= 1)
      ++bits_;
    size_ = 0;
    for (const Slot& slot : old)
      if (slot.key != 0) insert(slot.key, slot.value);
  }

  std::vector<Slot> slots_;
  std::vector<std::uint32_t> found_;  // scratch for clear()
  std::size_t mask_ = 0;
  int bits_ = 0;
  std::size_t size_ = 0;
};

}  // namespace reesim::market::detail
