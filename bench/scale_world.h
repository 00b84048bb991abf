// Synthetic large worlds for `reesim bench scale` (bench/README.md): a scenario whose aggregate
// agents (a nation's mines, its EV makers, ...) are split into firms, so that the same world can
// be run at firm-level resolution with 10 or 100 times the agents. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "scenario.pb.h"

namespace reesim::bench {

// Whether agents of `type` are split into firms: producers, makers, buyers, recyclers and
// stockholders are; a government, a stockpile agency and the liquidity providers stay one agent
// each (a nation has one government; the providers' depth is the market's, not a firm's).
[[nodiscard]] bool splits_into_firms(std::string_view type);

// The agents of `base` whose type splits.
[[nodiscard]] int splittable_agents(const Scenario& base);

// Each split firm keeps at least this many lots a week of its agent's first capacity (at the
// capacity's central value): finer firms would trade whole lots no longer in proportion.
inline constexpr double kMinLotsPerWeek = 1000;

// How many firms each agent of `base` becomes (in agent order) in a world of about `agents`
// agents: in proportion to its size, the value of its capacities at reference prices (the
// central value of each distribution), at least 1 and at most the firms that keep
// kMinLotsPerWeek each; 1 for an agent that does not split or has no capacity. The world may come
// out smaller than asked when the caps bind.
[[nodiscard]] std::vector<int> firm_counts(const Scenario& base, int agents);

// `base` with agent i split into firms[i] firms (1: unchanged). Firm k of agent "ID" is "ID_fK" (K
// from 1); its share of the agent is w_k / Σ w, w_k = 0.5 + u_k with u_k uniform on [0, 1) from a
// stream seeded by `seed` and the agent's position, so firms differ in size by up to three
// times. Each firm keeps the agent's type, nation, sector, venues and parameters, and gets its
// share of the agent's capacities, stocks and cash and of the parameters that are sizes (a PSU's
// mission budget, a stockholder's stock limit and capital). Policies follow: a policy naming a
// split agent names all its firms; a quota share held by it is divided among its firms by their
// shares; a `project` naming it becomes one project per firm (the first keeps the policy's id, the
// others "POLICY_fK"), each with the firm's share of its capacity (each drawn on its own, so the
// projects' success and delay vary by firm). Totals of capacity and stock are those of `base`,
// to rounding.
[[nodiscard]] Scenario split_world(const Scenario& base, const std::vector<int>& firms,
                                   std::uint64_t seed);

}  // namespace reesim::bench
