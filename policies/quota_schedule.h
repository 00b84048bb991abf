// What the yearly quotas (export_quota, production_quota) share: the dated releases of each
// calendar year's total, and the named holders' shares (docs/model.md §7.3, §7.4). Plain data
// built once per trial from the scenario; not thread-safe.
#pragma once

#include <optional>
#include <vector>

#include "core/calendar.h"
#include "world/world.h"

namespace reesim::policies {

// The releases of a yearly quota, in date order: on (month, day) of every calendar year, `share`
// of the annual total.
class QuotaSchedule {
 public:
  struct Release {
    int month = 1;
    int day = 1;
    double share = 1;
  };

  // The policy's `releases`, or else `equal_batches` equal shares on the first day of evenly
  // spaced months from 1 January (batch k on the first of month 1 + 12k / equal_batches).
  QuotaSchedule(const Policy& source, int equal_batches);

  [[nodiscard]] bool dated() const { return dated_; }
  [[nodiscard]] const std::vector<Release>& releases() const { return releases_; }
  // Whether release `k` is due on or before `today` in today's year.
  [[nodiscard]] bool due(std::size_t k, const Date& today) const;
  // The day of release `k` in `year`; 1 January of the next year when `k` is past the last.
  [[nodiscard]] Date date_of(std::size_t k, int year) const;

 private:
  std::vector<Release> releases_;
  bool dated_ = false;
};

// Each agent's share of a quota the policy allocates to named holders (`shares`); none when it
// names none.
[[nodiscard]] std::optional<world::ByIndex<world::AgentIndex, double>> named_shares(
    const world::World& world, const Policy& source);

}  // namespace reesim::policies
