// Small measures the benchmarks share. Thread-safe.
#pragma once

#include <sys/resource.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

namespace reesim::bench {

// The process's peak resident memory so far, MiB.
inline double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
}

// The median of `values` (not empty).
inline double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

// An FNV-1a style checksum of 64-bit words, in the order they are mixed in.
struct Fnv1a {
  std::uint64_t value = 0xCBF2'9CE4'8422'2325ull;
  void mix(std::uint64_t word) { value = (value ^ word) * 0x0000'0100'0000'01B3ull; }
  // Each double's bits, in order.
  void mix(const std::vector<double>& values) {
    for (const double v : values) {
      std::uint64_t bits = 0;
      std::memcpy(&bits, &v, sizeof bits);
      mix(bits);
    }
  }
};

}  // namespace reesim::bench
