#include "app/console.h"

#include <unistd.h>

#include <cstdio>
#include <iomanip>
#include <iostream>

namespace reesim::app {

Progress::Progress(bool enabled, std::string unit)
    : enabled_(enabled && ::isatty(STDERR_FILENO) != 0), unit_(std::move(unit)) {}

void Progress::operator()(std::int64_t done, std::int64_t total) {
  if (!enabled_) return;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  const double left = rate > 0 ? static_cast<double>(total - done) / rate : 0.0;
  std::fprintf(stderr, "\r%lld/%lld %s  %.1f %s/s  ETA %.0f s   ", static_cast<long long>(done),
               static_cast<long long>(total), unit_.c_str(), rate, unit_.c_str(), left);
  if (done == total) std::fputc('\n', stderr);
}

void print_summary(const Results& results) {
  std::cout << std::left << std::setw(36) << "scalar" << std::right << std::setw(14) << "mean"
            << std::setw(14) << "p05" << std::setw(14) << "p50" << std::setw(14) << "p95" << '\n';
  for (const ScalarSummary& s : results.summary())
    std::cout << std::left << std::setw(36) << s.scalar() << std::right << std::setprecision(6)
              << std::setw(14) << s.mean() << std::setw(14) << s.p05() << std::setw(14) << s.p50()
              << std::setw(14) << s.p95() << '\n';
}

}  // namespace reesim::app
