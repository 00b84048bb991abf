// The call auction's linear-time sort: the order std::stable_sort gives, for any spread of keys
// it accepts, and a refusal that leaves the list alone when the keys span too many bits.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include "market/detail/radix_sort.h"

namespace reesim::market::test {

namespace {

using Item = std::pair<std::int64_t, std::int64_t>;  // key, position in the input

std::vector<Item> random_items(std::mt19937_64& rng, std::size_t n, std::int64_t low,
                               std::int64_t high) {
  std::uniform_int_distribution<std::int64_t> key(low, high);
  std::vector<Item> items;
  for (std::size_t i = 0; i < n; ++i)
    items.emplace_back(key(rng), static_cast<std::int64_t>(i));
  return items;
}

}  // namespace

TEST_CASE("radix_sort orders as a stable sort by key does", "[market][radix]") {
  std::mt19937_64 rng(7);
  const auto by_key = [](const Item& x, const Item& y) { return x.first < y.first; };
  // Spans of one pass, several, and the most accepted; many equal keys and few; negative keys.
  const std::vector<std::pair<std::int64_t, std::int64_t>> ranges = {
      {0, 9},
      {-500, 500},
      {1, 2'000},
      {0, 3'000'000},
      {-(std::int64_t{1} << 40), 1 << 20},
      {5, (std::int64_t{1} << 44) + 4}};
  for (const auto& [low, high] : ranges)
    for (const std::size_t n :
         {std::size_t{1}, std::size_t{2}, std::size_t{1'500}, std::size_t{40'000}}) {
      std::vector<Item> items = random_items(rng, n, low, high);
      std::vector<Item> want = items;
      std::stable_sort(want.begin(), want.end(), by_key);
      std::vector<Item> scratch;
      REQUIRE(detail::radix_sort(items, scratch, [](const Item& i) { return i.first; }));
      CHECK(items == want);
      // Descending, as the auction sorts its bids' reach: by the negated key.
      std::stable_sort(want.begin(), want.end(), [](const Item& x, const Item& y) {
        return x.first != y.first ? x.first > y.first : x.second < y.second;
      });
      std::sort(items.begin(), items.end(),
                [](const Item& x, const Item& y) { return x.second < y.second; });
      REQUIRE(detail::radix_sort(items, scratch, [](const Item& i) { return -i.first; }));
      CHECK(items == want);
    }
}

TEST_CASE("radix_sort sorts plain integers as std::sort does", "[market][radix]") {
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<std::int64_t> price(1, 5'000'000);
  std::vector<std::int64_t> values(25'000);
  for (std::int64_t& v : values)
    v = price(rng);
  std::vector<std::int64_t> want = values;
  std::sort(want.begin(), want.end());
  std::vector<std::int64_t> scratch;
  REQUIRE(detail::radix_sort(values, scratch, [](std::int64_t v) { return v; }));
  CHECK(values == want);
  std::vector<std::int64_t> none;
  CHECK(detail::radix_sort(none, scratch, [](std::int64_t v) { return v; }));
  CHECK(none.empty());
}

TEST_CASE("radix_sort refuses keys spanning more than 44 bits and leaves them as they were",
          "[market][radix]") {
  std::vector<std::int64_t> values = {3, std::int64_t{1} << 50, -7, 0};
  const std::vector<std::int64_t> before = values;
  std::vector<std::int64_t> scratch;
  CHECK_FALSE(detail::radix_sort(values, scratch, [](std::int64_t v) { return v; }));
  CHECK(values == before);
}

}  // namespace reesim::market::test
