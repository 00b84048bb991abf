#include "app/console.h"

#include <unistd.h>

#include <cstdio>
#include <iomanip>
#include <iostream>
#include <string>

namespace reesim::app {

namespace {

// A duration for a log line: "42 s", "17 min", "3.5 h".
std::string duration_text(double seconds) {
  char text[32];
  if (seconds < 120)
    std::snprintf(text, sizeof text, "%.0f s", seconds);
  else if (seconds < 7200)
    std::snprintf(text, sizeof text, "%.0f min", seconds / 60);
  else
    std::snprintf(text, sizeof text, "%.1f h", seconds / 3600);
  return text;
}

}  // namespace

Progress::Progress(bool enabled, std::string unit, std::chrono::seconds interval)
    : enabled_(enabled),
      terminal_(::isatty(STDERR_FILENO) != 0),
      unit_(std::move(unit)),
      interval_(interval) {}

void Progress::operator()(std::int64_t done, std::int64_t total) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  const double left = rate > 0 ? static_cast<double>(total - done) / rate : 0.0;
  if (terminal_) {
    std::fprintf(stderr, "\r%lld/%lld %s  %.1f %s/s  ETA %.0f s   ", static_cast<long long>(done),
                 static_cast<long long>(total), unit_.c_str(), rate, unit_.c_str(), left);
    if (done == total) std::fputc('\n', stderr);
    return;
  }
  if (now - last_line_ < interval_) return;
  last_line_ = now;
  std::fprintf(stderr, "progress: %lld/%lld %s, %.1f %s/s, ETA %s\n", static_cast<long long>(done),
               static_cast<long long>(total), unit_.c_str(), rate, unit_.c_str(),
               duration_text(left).c_str());
  std::fflush(stderr);
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
