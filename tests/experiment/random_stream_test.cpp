#include <catch2/catch.hpp>

#include <cstdint>
#include <string_view>
#include <vector>

#include "world/random.h"

using reesim::world::name_hash;
using reesim::world::RandomStream;

namespace {

std::vector<std::uint64_t> draws(RandomStream stream, int count = 9) {
  std::vector<std::uint64_t> out;
  for (int i = 0; i < count; ++i)
    out.push_back(stream.next_u64());
  return out;
}

std::vector<std::uint64_t> draws(std::uint64_t seed, std::uint64_t trial, std::string_view entity,
                                 std::string_view stream) {
  return draws(RandomStream(seed, trial, entity, stream));
}

}  // namespace

TEST_CASE("The same keys give the same sequence", "[experiment][random]") {
  // Nine draws span three Philox blocks of four.
  CHECK(draws(7, 3, "in_ev", "demand") == draws(7, 3, "in_ev", "demand"));
  CHECK(draws(RandomStream(7, 3, name_hash("in_ev"), name_hash("demand"))) ==
        draws(7, 3, "in_ev", "demand"));
}

TEST_CASE("Changing any one key changes the sequence", "[experiment][random]") {
  const auto base = draws(7, 3, "in_ev", "demand");
  CHECK(draws(8, 3, "in_ev", "demand") != base);
  CHECK(draws(7, 4, "in_ev", "demand") != base);
  CHECK(draws(7, 3, "in_wind", "demand") != base);
  CHECK(draws(7, 3, "in_ev", "outage") != base);
  // Swapping entity and stream names is a different stream too.
  CHECK(draws(7, 3, "demand", "in_ev") != base);
}

TEST_CASE("Streams do not overlap in their first blocks", "[experiment][random]") {
  const auto a = draws(RandomStream(7, 3, "in_ev", "demand"), 64);
  const auto b = draws(RandomStream(7, 4, "in_ev", "demand"), 64);
  for (const std::uint64_t x : a)
    for (const std::uint64_t y : b)
      REQUIRE(x != y);
}

TEST_CASE("Common random numbers: a stream's draws do not depend on other streams' use",
          "[experiment][random]") {
  RandomStream other(7, 3, "cn_mines", "outage");
  for (int i = 0; i < 100; ++i)
    (void)other.next_u64();
  CHECK(draws(7, 3, "in_ev", "demand") == draws(7, 3, "in_ev", "demand"));
  RandomStream copy(7, 3, "in_ev", "demand");
  (void)copy.next_u64();
  RandomStream resumed = copy;
  CHECK(resumed.next_u64() == copy.next_u64());
}

TEST_CASE("Uniform draws are at least 0 and below 1", "[experiment][random]") {
  RandomStream stream(1, 0, "x", "y");
  for (int i = 0; i < 1000; ++i) {
    const double u = stream.uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
  }
}
