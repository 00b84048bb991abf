// What every policy type shares (DESIGN §2, "Components"): its activation state, the engine's
// memory of usual trade flows, the environment its hooks read, and the terms a pair of nations
// trades under. A type's own parameters, state and hooks live in its component
// (policies/types/). Plain data owned by one trial's engine; not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "core/model_params.h"
#include "world/policy_view.h"
#include "world/random.h"
#include "world/world.h"

namespace reesim::policies {

// When a policy is in force (activation by date, trigger or chance; DESIGN §3).
struct Activity {
  bool active = false;
  bool done = false;  // switched off; never switched on again
  int start = -1;
  int end = 1 << 30;
  int streak = 0;            // consecutive ticks a trigger condition held
  int reaction_ticks = 0;    // a trigger's delay before the policy takes effect
  int fires_at = -1;         // tick a fired trigger takes effect; -1 until it fires
  double duration_days = 0;  // drawn per trial; 0 = until `end`
  int until = 1 << 30;       // tick `until` switches the policy off for good
  int episodes = 0;          // times switched on so far
  // A chance's or a renewal's probability per tick, drawn per trial where it is a distribution.
  double per_tick = 0;
  // A renewal's first tick an episode may start, and its from_offset_days as drawn (0 unset).
  int from = 0;
  double from_offset_days = 0;
  // The activation's dates as ticks and its trigger's metric, resolved once per trial rather
  // than every tick: a date's first tick, a chance's range, a renewal's last tick, and the index
  // of the metric a trigger watches (-1: none).
  int date_tick = 0;
  int chance_from = 0;
  int chance_to = 0;
  int renewal_to = 0;
  int trigger_metric = -1;
  // Windows in force, as ticks [from, to); empty unless the activation has windows.
  std::vector<std::pair<int, int>> windows;
  // Draws of a renewal process or of a per-trial activation distribution: a stream of the
  // policy's own, so that they move no other draw.
  std::optional<world::RandomStream> random;
};

// The smoothed weekly flow of each (commodity, origin, destination), units: licence applications
// ask for the usual volume and leaky bans let a share of it through. While licensing or a leaky
// ban is in force it stays frozen, so that both keep counting from normal volumes.
class FlowMemory {
 public:
  FlowMemory(std::size_t commodities, std::size_t nations, double memory)
      : nations_(nations),
        memory_(memory),
        flow_(commodities * nations * nations, 0.0),
        listed_(flow_.size(), 0) {}

  [[nodiscard]] std::size_t index(world::CommodityIndex commodity, world::NationIndex origin,
                                  world::NationIndex destination) const {
    return (world::at(commodity) * nations_ + world::at(origin)) * nations_ +
           world::at(destination);
  }
  [[nodiscard]] std::size_t size() const { return flow_.size(); }
  // The smoothed flow at `k` (index()), not yet divided by weight().
  [[nodiscard]] double raw(std::size_t k) const { return flow_[k]; }
  // Total weight of the smoothed flows (1 − memory^ticks): raw / weight is the average weekly
  // flow without start-up bias.
  [[nodiscard]] double weight() const { return weight_; }

  // One tick's decay; only entries ever written are visited (the others stay zero).
  void decay() {
    for (const std::size_t k : written_)
      flow_[k] *= memory_;
    weight_ = weight_ * memory_ + (1 - memory_);
  }
  void record(world::CommodityIndex commodity, world::NationIndex origin,
              world::NationIndex destination, double units) {
    const std::size_t k = index(commodity, origin, destination);
    if (listed_[k] == 0) {
      listed_[k] = 1;
      written_.push_back(k);
    }
    flow_[k] += (1 - memory_) * units;
  }

 private:
  std::size_t nations_;
  double memory_;
  std::vector<double> flow_;
  std::vector<std::uint8_t> listed_;
  std::vector<std::size_t> written_;
  double weight_ = 0;
};

// Each agent's capacity of each commodity (units/yr) as production last left it, for the
// measures that share a national figure among producers.
using Capacities = world::ByIndex<world::AgentIndex, world::ByIndex<world::CommodityIndex, double>>;

// What a policy's hooks read besides its own state.
struct Env {
  const world::World& world;
  const ModelParams& model;
  const world::PolicyInfo& info;  // the policy's description
  const Activity& activity;
  const FlowMemory& flows;
  world::PolicyIndex index{};  // the policy's index in the scenario
  int tick = 0;

  [[nodiscard]] bool covers(world::CommodityIndex commodity, world::NationIndex origin,
                            world::NationIndex destination) const {
    return info.commodities[commodity] != 0 && info.covers_origin(origin) &&
           info.covers_destination(destination);
  }
  // Whether agent `agent`'s type has `trait` (world::AgentTrait).
  [[nodiscard]] bool has_trait(world::AgentIndex agent, std::uint32_t trait) const {
    return (world.agents()[agent].spec->traits & trait) != 0;
  }
  // The agents a domestic measure reaches (policy_reaches).
  [[nodiscard]] bool reaches(world::AgentIndex agent, std::uint32_t trait) const;
};

// The agents a domestic measure of `info` reaches: those the policy names, else the enacting
// nation's agents of types with `trait` (world::AgentTrait). Fixed for a trial, so a type may
// list them when it is made.
[[nodiscard]] inline bool policy_reaches(const world::World& world, const world::PolicyInfo& info,
                                         world::AgentIndex agent, std::uint32_t trait) {
  const world::AgentInfo& a = world.agents()[agent];
  return info.source->agents().empty()
             ? (a.spec->traits & trait) != 0 && a.nation == info.enacted_by
             : info.agents[agent] != 0;
}

inline bool Env::reaches(world::AgentIndex agent, std::uint32_t trait) const {
  return policy_reaches(world, info, agent, trait);
}

// The terms of one pair of nations as the policies in force build them up.
struct TermsSum {
  bool allowed = true;
  bool quota_limited = false;
  bool quota_by_seller = false;  // a quota of the pair is held by each selling firm
  double tariff = 0;             // sum of ad valorem rates
  double duty = 0;               // sum of the origin's ad valorem export duties
  double alliance_discount = 0;  // largest share of tariffs waived between allies
};

// A share of a trade's levies (tariffs and export duties), the nation it is paid to and the
// policy that levies it: `rate` of the price (ad valorem).
struct Levy {
  world::NationIndex nation{};
  double rate = 0;
  world::PolicyIndex policy{};
};

// Who pays an agent what this tick (filled by the domestic measures, read at settlement).
struct Payers {
  struct Incentive {
    world::PolicyIndex policy{};
    world::CommodityIndex commodity{};
    double per_unit = 0;
    double budget = 0;  // the scheme's budget_usd (0: no limit)
  };
  struct Floor {
    world::PolicyIndex policy{};
    world::CommodityIndex commodity{};
    double floor = 0;
  };
  world::ByIndex<world::AgentIndex, std::vector<Incentive>> incentives;
  world::ByIndex<world::AgentIndex, std::vector<Floor>> floors;
  // The capital support paying each agent's builds, if any.
  world::ByIndex<world::AgentIndex, std::optional<world::PolicyIndex>> capital;
};

}  // namespace reesim::policies
