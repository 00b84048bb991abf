#include "experiment/memory.h"

#include <unistd.h>

#include <cstdio>

#include "experiment/errors.h"

namespace reesim::experiment {
namespace {

// Held per trial row (proto/results.proto, TrialResult): the message and its repeated fields'
// headers, the 32-byte series hash in its own allocation, and allocator slack.
constexpr double kRowBytes = 256;
// Held per kept series (a TrialSeries row with its metric, key and allocation headers).
constexpr double kSeriesRowBytes = 160;
// Twice the rows: results.pb and trials.csv are written a block at a time (results/writers.h), so
// what the rows' encoding adds is small, but the run's aggregates and allocator slack come on top
// and the estimate is to be an upper one.
constexpr double kEncodingFactor = 2;

}  // namespace

std::uint64_t estimate_result_bytes(const RunShape& shape) {
  // In doubles: 10^8 trials x 10^4 values does not overflow, and a ratio is all that is needed.
  const auto trials = static_cast<double>(shape.trials);
  double per_trial = kRowBytes + 8.0 * static_cast<double>(shape.parameters + shape.scalars);
  if (shape.keep_series)
    per_trial += static_cast<double>(shape.series) *
                 (kSeriesRowBytes + 8.0 * static_cast<double>(shape.ticks));
  const double bytes =
      trials * per_trial * kEncodingFactor + static_cast<double>(shape.fixed_bytes);
  return bytes >= 1.8e19 ? UINT64_MAX : static_cast<std::uint64_t>(bytes);
}

std::uint64_t design_bytes(std::int64_t points, std::int64_t parameters) {
  // Two rows per point (unit and values), each a vector: its header, its doubles, slack.
  return static_cast<std::uint64_t>(points) * 2 * (48 + 8 * static_cast<std::uint64_t>(parameters));
}

std::uint64_t physical_memory_bytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page = ::sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page <= 0) return 0;
  return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page);
}

std::string describe_bytes(std::uint64_t bytes) {
  char text[48];
  const double gib = static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0);
  if (gib >= 1)
    std::snprintf(text, sizeof text, "%.3g GiB", gib);
  else if (bytes >= 1024 * 1024)
    std::snprintf(text, sizeof text, "%.3g MiB", gib * 1024.0);
  else if (bytes >= 1024)
    std::snprintf(text, sizeof text, "%.3g KiB", static_cast<double>(bytes) / 1024.0);
  else
    std::snprintf(text, sizeof text, "%llu bytes", static_cast<unsigned long long>(bytes));
  return text;
}

void require_memory(const RunShape& shape, const std::string& what, std::uint64_t available) {
  if (available == 0) return;
  const std::uint64_t needed = estimate_result_bytes(shape);
  if (needed <= available) return;
  throw InputError(
      what + " needs about " + describe_bytes(needed) +
      " of memory for its results, more than this machine's " + describe_bytes(available) +
      (shape.keep_series ? "; keep fewer trials' series (outputs.trial_series), " : "; ") +
      "run fewer trials, or split a sweep into shards (--shard K/N)");
}

std::string memory_warning(const RunShape& shape, const std::string& what,
                           std::uint64_t available) {
  const std::uint64_t needed = estimate_result_bytes(shape);
  if (available == 0 || needed <= available / 2 || needed > available) return {};
  const auto percent =
      static_cast<int>(100.0 * static_cast<double>(needed) / static_cast<double>(available));
  return "warning: " + what + " needs about " + describe_bytes(needed) +
         " of memory for its results, " + std::to_string(percent) + " % of this machine's " +
         describe_bytes(available);
}

}  // namespace reesim::experiment
