// Export licensing (DESIGN §3; cal §5): sales from covered origins need a licence. Buyers'
// applications, each for a multiple of a week's usual flow, are decided after a random delay and
// granted with a probability; granted licences are valid for a while; exempt grades flow freely
// (docs/model.md §7.9).
#pragma once

#include <span>
#include <vector>

#include "policies/policy.h"
#include "world/random.h"

namespace reesim::policies {

struct ExportLicensing {
  struct Params {
    double approval_probability = 0;
    double delay_mean_days = 0;
    double delay_sd_days = 0;
    double licence_days = 0;
    double application_scale = 0;
    double exempt_share = 0;
  };

  [[nodiscard]] static const TypeSpec& spec();
  ExportLicensing(std::span<const double> values, const world::World& world,
                  const world::PolicyInfo& info);

  static constexpr bool kTrade = true;
  // Applications ask for the usual flow, which stays frozen while licensing is in force.
  [[nodiscard]] bool freezes_flows() const { return true; }
  void on_tick(const Env& env, world::RandomStream& random, bool& terms_changed);
  void terms(const Env& env, world::CommodityIndex commodity, world::NationIndex origin,
             world::NationIndex destination, TermsSum& t) const;
  [[nodiscard]] double quota_left(const Env& env, world::CommodityIndex commodity,
                                  world::NationIndex origin, world::NationIndex destination) const;
  void consume_quota(const Env& env, world::CommodityIndex commodity, world::NationIndex origin,
                     world::NationIndex destination, double units);

  struct Grant {
    double units = 0;  // licensed units left
    int expires = 0;   // first tick it no longer counts
  };
  struct Application {
    int decided = 0;  // tick the decision arrives
    double units = 0;
    bool granted = false;
  };

  // This tick's applications: made, and decided (granted or denied); counts, for the metrics.
  struct Counts {
    int applied = 0;
    int granted = 0;
    int denied = 0;
  };

  Params params;
  Counts this_tick;
  world::ByIndex<world::NationIndex, std::vector<Grant>> grants;  // by destination
  world::ByIndex<world::NationIndex, std::vector<Application>> applications;
};

}  // namespace reesim::policies
