#include "policies/types/project.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/calendar.h"
#include "core/param_binding.h"
#include "world/catalog.h"

namespace reesim::policies {
namespace {

// Announcements carry no probabilities or delays of their own: scenarios give each project its
// figures (cal §8 lead times; the pipeline's sources in docs/calibration.md), as distributions
// where uncertain. The defaults build nothing (capacity 0).
constexpr ParamBinding<Project::Params> kParams[] = {
    {{"capacity", "commodity units/yr",
      "capacity of the first covered output each named agent gains, as announced (cal §2, §6; a "
      "separator's other oxides "
      "in its feed's proportions); 0: none",
      0.0, 0.0, kUnbounded, "cal §2"},
     &Project::Params::capacity},
    {{"success_probability", "fraction",
      "chance, drawn once per trial, that the project is ever built (prior per project)", 1.0, 0.0,
      1.0, "prior"},
     &Project::Params::success_probability},
    {{"delay_years", "years",
      "time after the announced date until the first capacity is on line (cal §8 lead times; a "
      "distribution per project)",
      0.0, 0.0, 30.0, "cal §8"},
     &Project::Params::delay_years},
    {{"ramp_years", "years",
      "linear ramp from on line to full capacity (0: all at once; prior per project)", 0.0, 0.0,
      10.0, "prior"},
     &Project::Params::ramp_years},
};
constexpr auto kSpecs = specs_of(kParams);
static_assert(std::size(kParams) * sizeof(double) == sizeof(Project::Params));

// The concentrate agent `info` buys, if any: the last one among its venues, as a separator
// takes its feed.
std::optional<world::CommodityIndex> feed_of(const world::World& w, const world::AgentInfo& info) {
  std::optional<world::CommodityIndex> feed;
  for (const world::VenueIndex v : info.venues) {
    const world::CommodityIndex c = w.venues()[v].commodity;
    if (w.commodities()[c].stage == STAGE_CONCENTRATE) feed = c;
  }
  return feed;
}

// Capacity of `output` per unit of capacity of `first`, the first covered output. A separator's
// oxides are joint products, made in the proportions of its feed's content: a project of more of
// one alone would not raise throughput while another binds, so the others grow with it in those
// proportions. Any other agent's covered outputs each get the project's capacity.
double joint_share(const world::World& w, const world::AgentInfo& info, world::CommodityIndex first,
                   world::CommodityIndex output) {
  const auto feed = feed_of(w, info);
  if (!feed || output == first) return 1.0;
  const auto& yields = w.commodities()[*feed].yields;
  const double of_first = yields[world::at(w.commodities()[first].input)];
  return of_first > 0 ? yields[world::at(w.commodities()[output].input)] / of_first : 1.0;
}

}  // namespace

const TypeSpec& Project::spec() {
  static const TypeSpec kSpec{
      "project", "announced capacity for named agents, built with a chance and a delay", kSpecs};
  return kSpec;
}

Project::Project(std::span<const double> values, const world::World&, const world::PolicyInfo&)
    : params(bind_params<Params>(kParams, values)) {}

void Project::draw_per_trial(world::RandomStream& random) {
  outcome_ = random.uniform();
}

// A dated announcement counts its delay from the date itself, so that a project announced
// before the calendar starts is not delayed by the calendar's start.
int Project::online_tick(const Env& env) const {
  const int start = env.activity.start;
  const std::int64_t delay_days = std::llround(params.delay_years * 365.0);
  const Activation& activation = env.info.source->activation();
  if (activation.when_case() == Activation::kDate) {
    if (const auto date = parse_iso_date(activation.date()))
      return std::max(start, env.world.tick_of(Date::from_days(date->days() + delay_days)));
  }
  return start + static_cast<int>(std::llround(static_cast<double>(delay_days) /
                                               static_cast<double>(env.world.tick_days())));
}

// The award is made once, at the tick the project first switches on; its capacity comes on line
// in equal weekly steps over the ramp (one step when ramp_years is 0). A project that fails in
// this trial awards nothing.
void Project::domestic(const Env& env, world::PolicyView& view, Payers&) const {
  const int tick = env.tick;
  if (tick != env.activity.start || env.activity.episodes != 1 || !succeeds() ||
      !(params.capacity > 0))
    return;
  const int online = online_tick(env);
  const int steps =
      std::max(1, static_cast<int>(std::lround(params.ramp_years * 365.0 / env.world.tick_days())));
  const auto& infos = env.world.agents();
  for (const world::AgentIndex i : view.indices()) {
    // Only producers build capacity: a buyer's "capacity" is its demand.
    if (!env.reaches(i, world::kSells) || !env.has_trait(i, world::kSells)) continue;
    world::AgentEffects& a = view[i];
    const std::span<const world::CommodityIndex> outputs = infos[i].outputs;
    std::optional<world::CommodityIndex> first;
    for (auto it = outputs.begin(); it != outputs.end(); ++it) {
      const world::CommodityIndex c = *it;
      if (env.info.commodities[c] == 0 || std::find(outputs.begin(), it, c) != it) continue;
      if (!first) first = c;
      const double per_year = params.capacity * joint_share(env.world, infos[i], *first, c);
      if (!(per_year > 0)) continue;
      for (int k = 0; k < steps; ++k)
        a.awards.push_back({c, per_year / steps, online + k});
    }
  }
}

}  // namespace reesim::policies
