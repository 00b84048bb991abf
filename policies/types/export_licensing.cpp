#include "policies/types/export_licensing.h"

#include <algorithm>
#include <cmath>

#include "core/param_binding.h"

namespace reesim::policies {
namespace {

constexpr ParamBinding<ExportLicensing::Params> kParams[] = {
    {{"approval_probability", "fraction",
      "probability that one licence application is granted (cal §5: licences trickled out)", 0.5,
      0.0, 1.0},
     &ExportLicensing::Params::approval_probability},
    {{"delay_mean_days", "days",
      "mean processing time of an application (cal §5: ~45 working days, ~9 weeks)", 63.0, 0.0,
      730.0},
     &ExportLicensing::Params::delay_mean_days},
    {{"delay_sd_days", "days", "standard deviation of the processing time", 14.0, 0.0, 365.0},
     &ExportLicensing::Params::delay_sd_days},
    {{"licence_days", "days",
      "validity of a granted licence; 365 for the Dec 2025 general licences", 180.0, 1.0, 3650.0},
     &ExportLicensing::Params::licence_days},
    {{"application_scale", "ratio",
      "each week's application asks for this multiple of a week's usual flow (restocking)", 1.5,
      0.0, 10.0},
     &ExportLicensing::Params::application_scale},
    {{"exempt_share", "fraction",
      "share of the usual flow that needs no licence (grades without controlled elements)", 0.0,
      0.0, 1.0},
     &ExportLicensing::Params::exempt_share},
};
constexpr auto kSpecs = specs_of(kParams);
static_assert(std::size(kParams) * sizeof(double) == sizeof(ExportLicensing::Params));

}  // namespace

const TypeSpec& ExportLicensing::spec() {
  static const TypeSpec kSpec{
      "export_licensing", "sales need a licence, granted with a probability after a random delay",
      kSpecs};
  return kSpec;
}

ExportLicensing::ExportLicensing(std::span<const double> values, const world::World& world,
                                 const world::PolicyInfo&)
    : params(bind_params<Params>(kParams, values)),
      grants(static_cast<std::size_t>(world.nation_count()), {}),
      applications(static_cast<std::size_t>(world.nation_count()), {}) {}

void ExportLicensing::on_tick(const Env& env, world::RandomStream& random, bool&) {
  this_tick = {};
  if (!env.activity.active) return;
  const world::World& world = env.world;
  const world::PolicyInfo& info = env.info;
  const int tick = env.tick;
  const double validity_ticks = params.licence_days / world.tick_days();
  for (const world::NationIndex d : world.nation_indices()) {
    if (d == info.enacted_by || !info.covers_destination(d)) continue;
    auto& granted = grants[d];
    auto& pending = applications[d];
    granted.erase(
        std::remove_if(granted.begin(), granted.end(),
                       [tick](const Grant& g) { return g.expires <= tick || g.units <= 0; }),
        granted.end());
    for (Application& a : pending) {
      if (a.decided > tick) continue;
      ++(a.granted ? this_tick.granted : this_tick.denied);
      if (a.granted)
        granted.push_back(
            {a.units, tick + std::max(1, static_cast<int>(std::lround(validity_ticks)))});
    }
    pending.erase(std::remove_if(pending.begin(), pending.end(),
                                 [tick](const Application& a) { return a.decided <= tick; }),
                  pending.end());
    // Buyers keep one application per week in the queue, each for a week of their usual
    // imports over the licence's validity (cal §5: ~45 working days to process).
    double usual = 0;
    for (const world::CommodityIndex c : world.commodities().indices())
      if (info.commodities[c] != 0)
        for (const world::NationIndex o : world.nation_indices())
          if (info.covers_origin(o) && o != d) usual += env.flows.raw(env.flows.index(c, o, d));
    usual /= std::max(env.flows.weight(), 1e-9);  // the average weekly flow, without start-up bias
    const double delay_days =
        std::max(0.0, params.delay_mean_days + params.delay_sd_days * random.normal());
    const int decided = tick + static_cast<int>(std::lround(delay_days / world.tick_days()));
    const bool approve = random.bernoulli(params.approval_probability);
    pending.push_back({decided, usual * params.application_scale, approve});
    ++this_tick.applied;
    // Exempt goods flow without a licence, a week at a time.
    const double exempt = usual * params.exempt_share;
    if (exempt > 0) granted.push_back({exempt, tick + 1});
  }
}

void ExportLicensing::terms(const Env& env, world::CommodityIndex commodity,
                            world::NationIndex origin, world::NationIndex destination,
                            TermsSum& t) const {
  if (env.covers(commodity, origin, destination)) t.quota_limited = true;
}

double ExportLicensing::quota_left(const Env& env, world::CommodityIndex commodity,
                                   world::NationIndex origin,
                                   world::NationIndex destination) const {
  if (!env.covers(commodity, origin, destination)) return INFINITY;
  double units = 0;
  for (const Grant& g : grants[destination])
    units += g.units;
  return units;
}

void ExportLicensing::consume_quota(const Env& env, world::CommodityIndex commodity,
                                    world::NationIndex origin, world::NationIndex destination,
                                    double units) {
  if (!env.covers(commodity, origin, destination)) return;
  double left = units;  // draw on the licences that expire first
  auto& granted = grants[destination];
  std::sort(granted.begin(), granted.end(),
            [](const Grant& a, const Grant& b) { return a.expires < b.expires; });
  for (Grant& g : granted) {
    const double take = std::min(left, g.units);
    g.units -= take;
    left -= take;
  }
}

}  // namespace reesim::policies
