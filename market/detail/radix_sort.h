// A stable sort by an integer key in time linear in the number of items, for the call
// auction's long lists of prices: a large world's auction sorts tens of thousands of them each
// tick, where a comparison sort's log factor made its cost per order grow with the world.
// Not thread-safe; internal to the book.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace reesim::market::detail {

// Lists shorter than this are left to a comparison sort: the digit counts cost more there.
inline constexpr std::size_t kRadixSortMin = 1024;

// Sorts `items` ascending by `key(item)` (a std::int64_t), keeping the order of items with equal
// keys, by least-significant digit first over the bits between the least and greatest key,
// 11 bits a pass; `scratch` is working space kept between calls. Returns false, leaving `items`
// as they were, when the keys span more than 44 bits (the caller sorts otherwise).
template <typename T, typename Key>
bool radix_sort(std::vector<T>& items, std::vector<T>& scratch, Key key) {
  constexpr int kDigitBits = 11;
  constexpr std::size_t kBuckets = std::size_t{1} << kDigitBits;
  constexpr int kMaxPasses = 4;
  if (items.empty()) return true;
  std::int64_t low = key(items.front());
  std::int64_t high = low;
  for (const T& item : items) {
    low = std::min(low, key(item));
    high = std::max(high, key(item));
  }
  const auto span = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low);
  const int bits = std::bit_width(span);
  const int passes = (bits + kDigitBits - 1) / kDigitBits;
  if (passes > kMaxPasses) return false;
  scratch.assign(items.begin(), items.end());  // sized as items
  std::array<std::size_t, kBuckets> start{};
  for (int pass = 0; pass < passes; ++pass) {
    const int shift = pass * kDigitBits;
    const auto digit = [&](const T& item) {
      return static_cast<std::size_t>(
          ((static_cast<std::uint64_t>(key(item)) - static_cast<std::uint64_t>(low)) >> shift) &
          (kBuckets - 1));
    };
    start.fill(0);
    for (const T& item : items)
      ++start[digit(item)];
    std::size_t total = 0;
    for (std::size_t& s : start)
      total += std::exchange(s, total);
    for (const T& item : items)
      scratch[start[digit(item)]++] = item;
    items.swap(scratch);
  }
  return true;
}

}  // namespace reesim::market::detail
