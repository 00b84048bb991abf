#include "policies/quota_schedule.h"

#include <algorithm>

namespace reesim::policies {

QuotaSchedule::QuotaSchedule(const Policy& source, int equal_batches) {
  if (source.releases_size() > 0) {
    dated_ = true;
    for (const QuotaRelease& r : source.releases()) {
      // Validation refuses a malformed day; one that slips through releases on 1 January.
      const std::optional<Date> day = parse_month_day(r.day());
      releases_.push_back({day ? day->month : 1, day ? day->day : 1, r.share()});
    }
    std::stable_sort(releases_.begin(), releases_.end(), [](const Release& x, const Release& y) {
      return x.month != y.month ? x.month < y.month : x.day < y.day;
    });
    return;
  }
  const int n = std::max(equal_batches, 1);
  for (int k = 0; k < n; ++k)
    releases_.push_back({1 + (k * 12) / n, 1, 1.0 / n});
}

bool QuotaSchedule::due(std::size_t k, const Date& today) const {
  const Release& r = releases_[k];
  return r.month < today.month || (r.month == today.month && r.day <= today.day);
}

Date QuotaSchedule::date_of(std::size_t k, int year) const {
  if (k >= releases_.size()) return Date{year + 1, 1, 1};
  return Date{year, releases_[k].month, releases_[k].day};
}

std::optional<world::ByIndex<world::AgentIndex, double>> named_shares(const world::World& world,
                                                                      const Policy& source) {
  if (source.shares_size() == 0) return std::nullopt;
  world::ByIndex<world::AgentIndex, double> share(world.agents().size(), 0.0);
  for (const QuotaShare& s : source.shares())
    for (const world::AgentIndex a : world.agents().indices())
      if (world.agents()[a].id == s.agent()) share[a] += s.share();
  return share;
}

}  // namespace reesim::policies
