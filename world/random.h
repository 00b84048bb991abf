// Counter-based random streams (DESIGN §4): Random123's Philox4x64-10 keyed by the master seed,
// with the counter made of (trial, entity, stream, draw index). A draw depends only on those
// four numbers, never on thread scheduling, and the same trial, entity and stream name under
// two scenarios give the same numbers (common random numbers).
//
// Entities and streams are named by strings hashed with FNV-1a 64, so adding an agent to a
// scenario does not shift any other agent's numbers. Small value type; not thread-safe (one
// stream per user); copying a stream copies its position.
#pragma once

#include <Random123/philox.h>

#include <array>
#include <cstdint>
#include <string_view>

namespace reesim::world {

// FNV-1a 64-bit hash of a name.
[[nodiscard]] constexpr std::uint64_t name_hash(std::string_view name) noexcept {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

class RandomStream {
 public:
  // The stream `stream` of `entity` (an agent, policy or process name) in trial `trial`.
  RandomStream(std::uint64_t seed, std::uint64_t trial, std::string_view entity,
               std::string_view stream) noexcept
      : RandomStream(seed, trial, name_hash(entity), name_hash(stream)) {}
  RandomStream(std::uint64_t seed, std::uint64_t trial, std::uint64_t entity,
               std::uint64_t stream) noexcept
      : key_{{seed, 0x52656553696d2121ULL}}, counter_{{trial, entity, stream, 0}} {}

  // 64 uniformly distributed bits.
  std::uint64_t next_u64() noexcept {
    if (used_ == 4) {
      block_ = Philox()(counter_, key_);
      ++counter_.v[3];
      used_ = 0;
    }
    return block_.v[used_++];
  }

  // Uniform on [0, 1), 53-bit resolution.
  double uniform() noexcept { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }
  // Uniform on [min, max).
  double uniform(double min, double max) noexcept { return min + (max - min) * uniform(); }
  // Standard normal (Box–Muller on core/detmath.h's log and cos: the same bits everywhere).
  double normal() noexcept;
  // True with probability p.
  bool bernoulli(double p) noexcept { return uniform() < p; }
  // Exponential with the given mean.
  double exponential(double mean) noexcept;

 private:
  using Philox = r123::Philox4x64;
  Philox::key_type key_;
  Philox::ctr_type counter_;
  Philox::ctr_type block_{};
  unsigned used_ = 4;
};

}  // namespace reesim::world
