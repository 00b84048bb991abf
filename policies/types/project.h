// An announced capacity project (DESIGN §3; docs/model.md §7.4): capacity a scenario lists for
// named agents, built with a chance drawn once per trial and on line a drawn delay after its
// announced date (the policy's activation), ramping up linearly. Capacity reaches the agents as
// awards in the policy view, which every producing type builds (agents/supply.h, build()).
#pragma once

#include <span>

#include "policies/policy.h"

namespace reesim::policies {

struct Project {
  struct Params {
    double capacity = 0;
    double success_probability = 0;
    double delay_years = 0;
    double ramp_years = 0;
  };

  [[nodiscard]] static const TypeSpec& spec();
  Project(std::span<const double> values, const world::World& world, const world::PolicyInfo& info);

  // Once per trial, before the first tick: the uniform number that decides success, from the
  // policy's own `project` stream (so that it moves no other draw).
  void draw_per_trial(world::RandomStream& random);
  // Whether the project is built in this trial (the draw under success_probability).
  [[nodiscard]] bool succeeds() const { return outcome_ < params.success_probability; }
  // The tick its first capacity comes on line: the announced date (the activation's date, else
  // the tick it switched on) plus delay_years, never before it switched on.
  [[nodiscard]] int online_tick(const Env& env) const;
  // At the tick it first switches on, awards each reached agent `capacity` of its first covered
  // output, and of its other covered outputs the same, or for a separator the feed's proportions.
  void domestic(const Env& env, world::PolicyView& view, Payers& payers) const;

  Params params;

 private:
  double outcome_ = 0;  // uniform on [0, 1), drawn once per trial
};

}  // namespace reesim::policies
