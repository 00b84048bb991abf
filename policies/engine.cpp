#include "policies/engine.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <utility>

#include "world/catalog.h"
#include "world/sampling.h"

namespace reesim::policies {

PolicyEngine::PolicyEngine(const world::World& world, const ModelParams& model, std::uint64_t seed,
                           std::uint64_t trial)
    : world_(world),
      model_(model),
      random_(seed, trial, "policy-engine", "events"),
      activity_(world.policies().size(), {}),
      held_(world.policies().size(), -1),
      flows_(world.commodities().size(), static_cast<std::size_t>(world.nation_count()),
             model.licence_flow_memory),
      purchases_(world.agents().size(), 0.0),
      terms_changed_(world.commodities().size(), 0) {
  const auto pairs = static_cast<std::size_t>(world.nation_count() * world.nation_count());
  terms_memo_.resize(world.commodities().size() * pairs);
  terms_known_.assign(world.commodities().size() * pairs, 0);
  // Freight in price ticks per unit, by venue and origin: fixed for the trial.
  for (const world::VenueInfo& v : world.venues()) {
    const world::CommodityInfo& c = world.commodities()[v.commodity];
    for (const world::NationIndex origin : world.nation_indices())
      freight_ticks_.push_back(
          static_cast<std::int64_t>(std::lround(v.freight_usd[origin] / c.price_tick)));
  }
  for (const world::PolicyIndex p : world.policies().indices()) {
    const world::PolicyInfo& info = world.policies()[p];
    world::RandomStream stream(seed, trial, info.id, "params");
    values_.push_back(world::sample_params(info.spec->params, info.source->params(), stream));
    Activity& s = activity_[p];
    const Activation& a = info.source->activation();
    if (a.has_duration_days()) s.duration_days = world::sample(a.duration_days(), stream);
    s.end = world.tick_of(a.until(), 1 << 30);
    s.until = s.end;
    if (a.when_case() == Activation::kTrigger) {
      s.reaction_ticks = reaction_ticks(info, seed, trial);
      s.trigger_metric = world.metric_index(a.trigger().metric());
    }
    if (a.when_case() == Activation::kDate) s.date_tick = world.tick_of(a.date(), 0);
    // What only the newer ways of activation draw comes from a stream of the policy's own, so
    // that scenarios without them draw exactly what they drew before.
    if (a.when_case() == Activation::kChance) {
      s.chance_from = world.tick_of(a.chance().from(), 0);
      s.chance_to = world.tick_of(a.chance().to(), world.ticks());
      s.per_tick = a.chance().per_tick();
      if (a.chance().has_per_tick_dist()) {
        world::RandomStream draw(seed, trial, info.id, "activation");
        s.per_tick = world::sample(a.chance().per_tick_dist(), draw);
      }
    }
    if (a.when_case() == Activation::kRenewal) {
      s.random.emplace(seed, trial, info.id, "renewal");
      s.per_tick = world::sample(a.renewal().per_tick(), *s.random);
      s.from = world.tick_of(a.renewal().from(), 0);
      s.renewal_to = world.tick_of(a.renewal().to(), world.ticks());
      if (a.renewal().has_from_offset_days()) {
        s.from_offset_days = world::sample(a.renewal().from_offset_days(), *s.random);
        s.from = static_cast<int>(std::lround(s.from_offset_days / world.tick_days()));
      }
    }
    for (const Window& w : a.windows())
      s.windows.emplace_back(world.tick_of(w.from(), 0), world.tick_of(w.to(), world.ticks()));
    // Dated parameter changes, in date order (a stable sort keeps the scenario's order on a day).
    std::vector<Change> changes;
    for (const ParamChange& c : info.source->param_schedule()) {
      int index = -1;
      for (std::size_t k = 0; k < info.spec->params.size(); ++k)
        if (info.spec->params[k].name == c.name()) index = static_cast<int>(k);
      if (index >= 0) changes.push_back({world.tick_of(c.date(), 0), index, c.value()});
    }
    std::stable_sort(changes.begin(), changes.end(),
                     [](const Change& x, const Change& y) { return x.tick < y.tick; });
    schedule_.push_back(std::move(changes));
    next_change_.push_back(0);
    current_.push_back(schedule_.back().empty() ? std::vector<double>{} : values_.back());
    kinds_.push_back(make_policy(world, info, values_.back()));
    // A type's own once-per-trial draws (a project's success) come from a stream of the policy's
    // own, so that they move no other draw.
    std::visit(
        [&](auto& kind) {
          if constexpr (requires(world::RandomStream & r) { kind.draw_per_trial(r); }) {
            world::RandomStream draw(seed, trial, info.id, info.type);
            kind.draw_per_trial(draw);
          }
        },
        kinds_.back());
    std::visit(
        [&](const auto& kind) {
          using Kind = std::decay_t<decltype(kind)>;
          if constexpr (requires { Kind::kTrade; })
            trade_.push_back(Kind::kTrade ? 1 : 0);
          else
            trade_.push_back(0);
          if constexpr (requires(Kind & k, const Env& e, world::CommodityIndex c,
                                 world::NationIndex n) { k.record_flow(e, c, n, n, 0.0); })
            flow_readers_.push_back(p);
          if constexpr (requires { Kind::kCapsOutput; }) cappers_.push_back(p);
        },
        kinds_.back());
  }
  if (!cappers_.empty())
    capacity_.assign(world.agents().size(), world::ByIndex<world::CommodityIndex, double>(
                                                world.commodities().size(), 0.0));
  for (const world::AgentIndex a : world.agents().indices())
    if ((world.agents()[a].spec->traits & world::kStockpileAgency) != 0) agencies_.push_back(a);
  // The rows update_view() resets each tick: those a production quota caps or a mandate sets.
  for (const auto& kind : kinds_)
    std::visit(
        [&](const auto& k) {
          if constexpr (requires { k.capped_agents(); })
            capped_.insert(capped_.end(), k.capped_agents().begin(), k.capped_agents().end());
          if constexpr (requires { k.mandated_agents(); })
            mandated_.insert(mandated_.end(), k.mandated_agents().begin(),
                             k.mandated_agents().end());
        },
        kind);
  for (std::vector<world::AgentIndex>* rows : {&capped_, &mandated_}) {
    std::sort(rows->begin(), rows->end());
    rows->erase(std::unique(rows->begin(), rows->end()), rows->end());
  }
  capped_rows_.assign(world.agents().size(), 0);
  for (const world::AgentIndex a : capped_)
    capped_rows_[a] = 1;
}

int PolicyEngine::reaction_ticks(const world::PolicyInfo& info, std::uint64_t seed,
                                 std::uint64_t trial) const {
  constexpr std::string_view kName = "reaction_days";
  const TypeSpec* government = find_type(world_.catalog().agent_types, "government");
  const ParamSpec* spec = government != nullptr ? government->find(kName) : nullptr;
  double days = spec != nullptr ? spec->default_value : 0.0;
  for (const world::AgentInfo& agent : world_.agents()) {
    if (agent.spec != government || agent.nation != info.enacted_by) continue;
    // The agent's own parameter stream, drawn in the same order as the trial draws it.
    world::RandomStream stream(seed, trial, agent.id, "params");
    const std::vector<double> values =
        world::sample_params(agent.spec->params, agent.source->params(), stream);
    for (std::size_t i = 0; i < agent.spec->params.size(); ++i)
      if (agent.spec->params[i].name == kName) days = values[i];
    break;
  }
  return static_cast<int>(std::lround(days / world_.tick_days()));
}

void PolicyEngine::switch_on(world::PolicyIndex p, int tick) {
  Activity& s = activity_[p];
  s.active = true;
  s.start = tick;
  ++s.episodes;
  if (s.duration_days > 0)
    s.end =
        std::min(s.end, tick + static_cast<int>(std::lround(s.duration_days / world_.tick_days())));
}

void PolicyEngine::update_activation(world::PolicyIndex p, int tick,
                                     std::span<const double> metrics) {
  Activity& s = activity_[p];
  // A government at the gateway holds the switch: the activation no longer decides.
  if (held_[p] >= 0) {
    if (held_[p] == 1 && !s.active) switch_on(p, tick);
    if (held_[p] == 0) s.active = false;
    return;
  }
  if (s.done) return;
  const Activation& a = world_.policies()[p].source->activation();
  if (!s.windows.empty()) {
    // In force inside any window and before `until`; off between windows.
    bool in = false;
    for (const auto& [from, to] : s.windows)
      in |= tick >= from && tick < to;
    in &= tick < s.until;
    if (in && !s.active)
      switch_on(p, tick);
    else if (!in && s.active)
      s.active = false;
    return;
  }
  if (a.when_case() == Activation::kRenewal) {
    update_renewal(p, tick);
    return;
  }
  if (s.active) {
    if (tick >= s.end) {
      s.active = false;
      s.done = true;
    }
    return;
  }
  bool on = false;
  switch (a.when_case()) {
    case Activation::kRenewal:  // update_renewal()
      break;
    case Activation::WHEN_NOT_SET:
      on = true;
      break;
    case Activation::kDate:
      on = tick >= s.date_tick;
      break;
    case Activation::kTrigger: {
      const int m = s.trigger_metric;
      const double value = m >= 0 && static_cast<std::size_t>(m) < metrics.size()
                               ? metrics[static_cast<std::size_t>(m)]
                               : NAN;
      const bool holds = a.trigger().comparison() == COMPARISON_ABOVE
                             ? value > a.trigger().threshold()
                             : value < a.trigger().threshold();
      s.streak = holds ? s.streak + 1 : 0;
      // The government reacts `reaction_days` after the condition has held long enough (the
      // agent catalogue's prior); it then acts whatever the metric does meanwhile.
      if (s.fires_at < 0 && s.streak >= std::max(1, a.trigger().sustain_ticks()))
        s.fires_at = tick + s.reaction_ticks;
      on = s.fires_at >= 0 && tick >= s.fires_at;
      break;
    }
    case Activation::kChance: {
      // One draw per tick from the engine's stream, in policy order: deterministic.
      on = tick >= s.chance_from && tick <= s.chance_to && random_.bernoulli(s.per_tick);
      break;
    }
  }
  if (on && tick < s.end) switch_on(p, tick);
}

void PolicyEngine::update_renewal(world::PolicyIndex p, int tick) {
  Activity& s = activity_[p];
  const Renewal& n = world_.policies()[p].source->activation().renewal();
  if (s.active) {
    if (tick < s.end) return;
    // The episode is over; the next may start from the next tick.
    s.active = false;
    if (tick >= s.until || (n.max_count() > 0 && s.episodes >= n.max_count())) s.done = true;
    return;
  }
  if (tick >= s.until) {
    s.done = true;
    return;
  }
  if (tick < s.from || tick > s.renewal_to) return;
  // One draw per tick while off, then the episode's length: always in this order.
  if (!s.random->bernoulli(s.per_tick)) return;
  const double days = world::sample(n.duration_days(), *s.random);
  const int length = std::max(1, static_cast<int>(std::lround(days / world_.tick_days())));
  switch_on(p, tick);
  s.end = std::min(s.until, tick + length);
}

bool PolicyEngine::apply_schedule(world::PolicyIndex p, int tick) {
  const std::vector<Change>& changes = schedule_[world::at(p)];
  std::size_t& next = next_change_[world::at(p)];
  if (next >= changes.size() || changes[next].tick > tick) return false;
  std::vector<double>& now = current_[world::at(p)];
  for (; next < changes.size() && changes[next].tick <= tick; ++next)
    now[static_cast<std::size_t>(changes[next].index)] = changes[next].value;
  rebind(p);
  return true;
}

void PolicyEngine::set_param(world::PolicyIndex policy, int index, double value) {
  moved_.push_back({tick_ + 1, index, value});
  moved_policy_.push_back(policy);
}

void PolicyEngine::set_in_force(world::PolicyIndex policy, bool on) {
  // Read by update_activation() only, at the next begin_tick().
  held_[policy] = on ? 1 : 0;
}

bool PolicyEngine::apply_moves(world::PolicyIndex p) {
  bool any = false;
  for (std::size_t k = 0; k < moved_.size(); ++k) {
    if (moved_policy_[k] != p) continue;
    std::vector<double>& now = current_[world::at(p)];
    if (now.empty()) now = values_[p];
    now[static_cast<std::size_t>(moved_[k].index)] = moved_[k].value;
    any = true;
  }
  if (any) rebind(p);
  return any;
}

void PolicyEngine::rebind(world::PolicyIndex p) {
  const std::vector<double>& now = current_[world::at(p)];
  // Rebind the component's typed parameters; its state (budgets paid, quota years, queues) stays.
  PolicyKind fresh = make_policy(world_, world_.policies()[p], now);
  std::visit(
      [&](auto& kind) {
        using Kind = std::decay_t<decltype(kind)>;
        Kind& made = std::get<Kind>(fresh);
        kind.params = made.params;
        // A ban that becomes leaky needs the book of what leaked.
        if constexpr (requires { kind.leaked; })
          if (kind.leaked.empty()) kind.leaked = std::move(made.leaked);
      },
      kinds_[p]);
  rebound_ = true;
}

bool PolicyEngine::begin_tick(int tick, std::span<const double> metrics) {
  tick_ = tick;
  // The usual flow is remembered from before licensing or a leaky ban; while one is in force it
  // stays frozen, so that applications keep asking for normal volumes and leakage stays a share
  // of the normal flow.
  frozen_ = false;
  for (const world::PolicyIndex p : kinds_.indices()) {
    if (!activity_[p].active) continue;
    std::visit(
        [&](auto& kind) {
          if constexpr (requires { kind.freezes_flows(); }) frozen_ |= kind.freezes_flows();
          if constexpr (requires { kind.begin_tick(); }) kind.begin_tick();
        },
        kinds_[p]);
  }
  if (!frozen_) flows_.decay();
  std::fill(terms_changed_.begin(), terms_changed_.end(), 0);
  for (const world::PolicyIndex p : kinds_.indices()) {
    const bool was = activity_[p].active;
    bool rebound = apply_schedule(p, tick);
    if (!moved_.empty()) rebound |= apply_moves(p);
    update_activation(p, tick, metrics);
    if (rebound && activity_[p].active) mark_terms_changed(p);
    // Terms change when a policy switches or a component says so (an enforcement draw flips,
    // content shares cross a threshold). Licences and quotas move every tick while in force,
    // but the books read them live (quota_left), so they leave the terms as they were; so does
    // a tariff or a ban in force.
    if (was != activity_[p].active) mark_terms_changed(p);
    bool changed = false;
    const Env here = env(p);
    std::visit(
        [&](auto& kind) {
          if constexpr (requires { kind.on_tick(here, random_, changed); })
            kind.on_tick(here, random_, changed);
        },
        kinds_[p]);
    if (changed) mark_terms_changed(p);
  }
  moved_.clear();
  moved_policy_.clear();
  trading_.clear();
  for (const world::PolicyIndex p : kinds_.indices())
    if (activity_[p].active && trade_[p] != 0) trading_.push_back(p);
  const auto pairs = static_cast<std::ptrdiff_t>(world_.nation_count() * world_.nation_count());
  for (const world::CommodityIndex c : terms_changed_.indices())
    if (terms_changed_[c] != 0) {
      const auto first = terms_known_.begin() + static_cast<std::ptrdiff_t>(world::at(c)) * pairs;
      std::fill(first, first + pairs, 0);
    }
  return std::find(terms_changed_.begin(), terms_changed_.end(), 1) != terms_changed_.end();
}

void PolicyEngine::mark_terms_changed(world::PolicyIndex p) {
  if (trade_[p] == 0) return;
  const bool every = std::visit(
      [](const auto& kind) {
        using Kind = std::decay_t<decltype(kind)>;
        if constexpr (requires { Kind::kTermsOfEveryCommodity; })
          return Kind::kTermsOfEveryCommodity;
        else
          return false;
      },
      kinds_[p]);
  const world::PolicyInfo& info = world_.policies()[p];
  for (const world::CommodityIndex c : terms_changed_.indices())
    if (every || info.commodities[c] != 0) terms_changed_[c] = 1;
}

market::PairTerms PolicyEngine::terms(market::VenueId venue, market::NationId origin_id,
                                      market::NationId destination_id) const {
  const QuotaPair q = quota_pair(venue, origin_id, destination_id);
  market::PairTerms t;
  const auto nations = static_cast<std::size_t>(world_.nation_count());
  if (world::at(q.origin) < nations)
    t.freight = market::Price{freight_ticks_[venue.value() * nations + world::at(q.origin)]};
  if (q.origin == q.destination || world::at(q.origin) >= nations ||
      world::at(q.destination) >= nations)
    return t;
  const std::size_t at =
      (world::at(q.commodity) * nations + world::at(q.origin)) * nations + world::at(q.destination);
  if (terms_known_[at] == 0) {
    terms_memo_[at] = commodity_terms(q.commodity, q.origin, q.destination);
    terms_known_[at] = 1;
  }
  const market::PairTerms& kept = terms_memo_[at];
  t.allowed = kept.allowed;
  t.quota_limited = kept.quota_limited;
  t.quota_by_seller = kept.quota_by_seller;
  t.tariff_bp = kept.tariff_bp;
  return t;
}

market::PairTerms PolicyEngine::commodity_terms(world::CommodityIndex commodity,
                                                world::NationIndex origin,
                                                world::NationIndex destination) const {
  TermsSum sum;
  for (const world::PolicyIndex p : trading_) {
    const Env here = env(p);
    std::visit(
        [&](const auto& kind) {
          if constexpr (requires { kind.terms(here, commodity, origin, destination, sum); })
            kind.terms(here, commodity, origin, destination, sum);
        },
        kinds_[p]);
  }
  market::PairTerms t;
  t.allowed = sum.allowed;
  t.quota_limited = sum.quota_limited;
  t.quota_by_seller = sum.quota_limited && sum.quota_by_seller;
  // Allies waive tariffs, never the exporter's duties.
  double tariff = sum.tariff * (1.0 - sum.alliance_discount);
  if (sum.duty != 0) tariff += sum.duty;
  t.tariff_bp = static_cast<std::int32_t>(std::lround(std::min(tariff, 10.0) * 10000.0));
  return t;
}

void PolicyEngine::levies(world::VenueIndex venue, world::NationIndex origin,
                          world::NationIndex destination, std::vector<Levy>& out) const {
  out.clear();
  if (origin == destination) return;
  const world::CommodityIndex commodity = world_.venues()[venue].commodity;
  TermsSum all;
  for (const world::PolicyIndex p : trading_) {
    const Env here = env(p);
    std::visit(
        [&](const auto& kind) {
          if constexpr (requires { kind.terms(here, commodity, origin, destination, all); })
            kind.terms(here, commodity, origin, destination, all);
        },
        kinds_[p]);
  }
  const double kept = 1.0 - all.alliance_discount;
  for (const world::PolicyIndex p : trading_) {
    const Env here = env(p);
    TermsSum own;
    std::visit(
        [&](const auto& kind) {
          if constexpr (requires { kind.terms(here, commodity, origin, destination, own); })
            kind.terms(here, commodity, origin, destination, own);
        },
        kinds_[p]);
    if (own.tariff > 0) out.push_back({destination, own.tariff * kept, p});
    if (own.duty > 0) out.push_back({world_.policies()[p].enacted_by, own.duty, p});
  }
}

// A quota function's commodity (its venue's) and the pair's nations, by the model's indices.
PolicyEngine::QuotaPair PolicyEngine::quota_pair(market::VenueId venue, market::NationId origin,
                                                 market::NationId destination) const {
  return {world_.venues()[world::VenueIndex{venue.value()}].commodity,
          world::NationIndex{origin.value()}, world::NationIndex{destination.value()}};
}

// `units` of quota as whole lots of `lot` units (unlimited when infinite).
market::Quantity PolicyEngine::whole_lots(double units, double lot) {
  if (!std::isfinite(units)) return market::kUnlimited;
  return market::Quantity{static_cast<std::int64_t>(std::floor(std::max(units, 0.0) / lot))};
}

market::Quantity PolicyEngine::quota_left(market::VenueId venue, market::NationId origin_id,
                                          market::NationId destination_id) const {
  // Export measures: domestic trade is free.
  if (origin_id == destination_id) return market::kUnlimited;
  const QuotaPair q = quota_pair(venue, origin_id, destination_id);
  const double lot = world_.commodities()[q.commodity].lot;
  double units = INFINITY;
  for (const world::PolicyIndex p : trading_) {
    const Env here = env(p);
    std::visit(
        [&](const auto& kind) {
          if constexpr (requires { kind.quota_left(here, q.commodity, q.origin, q.destination); })
            units = std::min(units, kind.quota_left(here, q.commodity, q.origin, q.destination));
        },
        kinds_[p]);
  }
  return whole_lots(units, lot);
}

void PolicyEngine::consume_quota(market::VenueId venue, market::NationId origin_id,
                                 market::NationId destination_id, market::Quantity quantity) {
  if (origin_id == destination_id) return;
  const QuotaPair q = quota_pair(venue, origin_id, destination_id);
  const double units =
      static_cast<double>(quantity.value()) * world_.commodities()[q.commodity].lot;
  for (const world::PolicyIndex p : trading_) {
    const Env here = env(p);
    std::visit(
        [&](auto& kind) {
          if constexpr (requires {
                          kind.consume_quota(here, q.commodity, q.origin, q.destination, units);
                        })
            kind.consume_quota(here, q.commodity, q.origin, q.destination, units);
        },
        kinds_[p]);
  }
}

// A pair whose quota is held by firms: what `seller` may sell, its own allotment bounded by the
// other quotas on the pair; and what it sold, drawn from its allotment and the other quotas.
market::Quantity PolicyEngine::seller_quota_left(market::VenueId venue, market::NationId origin_id,
                                                 market::NationId destination_id,
                                                 market::AgentId seller) const {
  if (origin_id == destination_id) return market::kUnlimited;
  const QuotaPair q = quota_pair(venue, origin_id, destination_id);
  const world::AgentIndex agent{static_cast<std::int32_t>(seller.value())};
  const double lot = world_.commodities()[q.commodity].lot;
  double units = INFINITY;
  for (const world::PolicyIndex p : trading_) {
    const Env here = env(p);
    std::visit(
        [&](const auto& kind) {
          if constexpr (requires {
                          kind.seller_quota_left(here, q.commodity, q.origin, q.destination, agent);
                        })
            units = std::min(
                units, kind.seller_quota_left(here, q.commodity, q.origin, q.destination, agent));
          else if constexpr (requires {
                               kind.quota_left(here, q.commodity, q.origin, q.destination);
                             })
            units = std::min(units, kind.quota_left(here, q.commodity, q.origin, q.destination));
        },
        kinds_[p]);
  }
  return whole_lots(units, lot);
}

void PolicyEngine::consume_seller_quota(market::VenueId venue, market::NationId origin_id,
                                        market::NationId destination_id, market::AgentId seller,
                                        market::Quantity quantity) {
  if (origin_id == destination_id) return;
  const QuotaPair q = quota_pair(venue, origin_id, destination_id);
  const world::AgentIndex agent{static_cast<std::int32_t>(seller.value())};
  const double units =
      static_cast<double>(quantity.value()) * world_.commodities()[q.commodity].lot;
  for (const world::PolicyIndex p : trading_) {
    const Env here = env(p);
    std::visit(
        [&](auto& kind) {
          if constexpr (requires {
                          kind.consume_seller_quota(here, q.commodity, q.origin, q.destination,
                                                    agent, units);
                        })
            kind.consume_seller_quota(here, q.commodity, q.origin, q.destination, agent, units);
          else if constexpr (requires {
                               kind.consume_quota(here, q.commodity, q.origin, q.destination,
                                                  units);
                             })
            kind.consume_quota(here, q.commodity, q.origin, q.destination, units);
        },
        kinds_[p]);
  }
}

void PolicyEngine::record_flow(world::CommodityIndex commodity, world::NationIndex origin,
                               world::NationIndex destination, double units) {
  for (const world::PolicyIndex p : flow_readers_) {
    std::visit(
        [&](auto& kind) {
          if constexpr (requires {
                          kind.record_flow(env(p), commodity, origin, destination, units);
                        })
            kind.record_flow(env(p), commodity, origin, destination, units);
        },
        kinds_[p]);
  }
  if (!frozen_) flows_.record(commodity, origin, destination, units);
}

void PolicyEngine::record_output(world::AgentIndex agent, world::CommodityIndex commodity,
                                 double units) {
  // An agent no quota caps draws from none (its caps stay INFINITY).
  if (capped_rows_[agent] == 0) return;
  for (const world::PolicyIndex p : cappers_) {
    std::visit(
        [&](auto& kind) {
          if constexpr (requires { kind.record_output(env(p), agent, commodity, units); })
            kind.record_output(env(p), agent, commodity, units);
        },
        kinds_[p]);
  }
}

void PolicyEngine::update_view(world::PolicyView& view, int tick) {
  // Awards last the tick they are made; mandates and stockpile budgets are set every tick, and
  // production quotas' caps afresh from the pools and capacities (below). Only the rows
  // something sets are reset, not a large world's every row: awards, made only when the view was
  // last shaped (below); the mandated recyclers' shares; the stockpile agencies' budgets; the
  // capped makers' caps (a row never capped keeps an empty list, which reads as no cap). (No
  // policy's every_tick() reads the caps, so they may be reset before it.)
  if (awarded_) {
    for (world::AgentEffects& row : view)
      row.awards.clear();
    awarded_ = false;
  }
  for (const world::AgentIndex i : mandated_)
    view[i].mandated_recovery = 0;
  for (const world::AgentIndex i : agencies_)
    view[i].stockpile_budget_left = 0;
  for (const world::AgentIndex i : capped_) {
    view[i].output_cap.assign(world_.commodities().size(), INFINITY);
    view[i].output_leak = 1;
  }
  const bool caps = !cappers_.empty();
  for (const world::PolicyIndex p : kinds_.indices()) {
    const Env here = env(p);
    std::visit(
        [&](auto& kind) {
          if constexpr (requires { kind.every_tick(here, purchases_, view); })
            kind.every_tick(here, purchases_, view);
        },
        kinds_[p]);
  }
  // Production quotas: caps are set afresh every tick from the pools and capacities.
  if (caps) {
    for (const world::PolicyIndex p : cappers_) {
      const Env here = env(p);
      std::visit(
          [&](auto& kind) {
            if constexpr (requires { kind.cap_output(here, capacity_, view); })
              kind.cap_output(here, capacity_, view);
          },
          kinds_[p]);
    }
  }
  // What is set below depends only on which policies are in force, which of them are open (an
  // incentive still paying, a capital support with budget, a floor with volume left this year)
  // and which start now; when none of that changed since the last call, the view holds it.
  applied_now_.assign(kinds_.size(), 0);
  bool starting = false;
  for (const world::PolicyIndex p : kinds_.indices()) {
    if (!activity_[p].active) continue;
    starting |= tick == activity_[p].start;
    const Env here = env(p);
    const bool open = std::visit(
        [&](const auto& kind) {
          if constexpr (requires { kind.open(here); })
            return kind.open(here);
          else
            return false;
        },
        kinds_[p]);
    applied_now_[p] = open ? 2 : 1;
  }
  if (!starting && !rebound_ && applied_now_ == applied_ &&
      payers_.incentives.size() == view.size())
    return;
  rebound_ = false;
  applied_.swap(applied_now_);
  payers_.incentives.resize(view.size());
  payers_.floors.resize(view.size());
  payers_.capital.assign(view.size(), std::nullopt);
  for (const world::AgentIndex i : view.indices()) {
    payers_.incentives[i].clear();
    payers_.floors[i].clear();
  }
  for (world::AgentEffects& a : view) {
    std::fill(a.floor_usd.begin(), a.floor_usd.end(), 0.0);
    std::fill(a.incentive_usd.begin(), a.incentive_usd.end(), 0.0);
    a.build_time_factor = 1;
    a.stockpile_enabled = false;
    a.stockpile_target = 0;
    a.stockpile_max_release = 0;
    a.stockpile_buy_below = 0;
    a.stockpile_release_shortfall = NAN;
    a.stockpile_release_above = 0;
    a.capex_share = 0;
    a.supported_build_years = 0;
    a.alliance_share = 0;
    a.alliance_mask = 0;
  }
  awarded_ = true;
  // First what shapes building and stockpiles, so that awards made below see every ban in force
  // whatever the policies' order in the scenario.
  for (const world::PolicyIndex p : kinds_.indices()) {
    if (!activity_[p].active) continue;
    const Env here = env(p);
    std::visit(
        [&](const auto& kind) {
          if constexpr (requires { kind.shape(here, view); }) kind.shape(here, view);
        },
        kinds_[p]);
  }
  for (const world::PolicyIndex p : kinds_.indices()) {
    if (!activity_[p].active) continue;
    const Env here = env(p);
    std::visit(
        [&](const auto& kind) {
          if constexpr (requires { kind.domestic(here, view, payers_); })
            kind.domestic(here, view, payers_);
        },
        kinds_[p]);
  }
  pays_sales_.assign(view.size(), 0);
  for (const world::AgentIndex i : view.indices()) {
    const auto& floors = view[i].floor_usd;
    const bool floor = std::any_of(floors.begin(), floors.end(), [](double f) { return f > 0; });
    pays_sales_[i] = floor || !payers_.incentives[i].empty() ? 1 : 0;
  }
}

double PolicyEngine::pay_incentives(world::AgentIndex agent, world::CommodityIndex commodity,
                                    double units) {
  if (world::at(agent) >= payers_.incentives.size()) return 0.0;
  double paid = 0;
  for (const Payers::Incentive& payer : payers_.incentives[agent]) {
    if (payer.commodity != commodity) continue;
    auto& scheme = std::get<ProductionIncentive>(kinds_[payer.policy]);
    paid += scheme.pay(payer.per_unit, payer.budget, units);
  }
  return paid;
}

double PolicyEngine::pay_floor(world::AgentIndex agent, world::CommodityIndex commodity,
                               double floor, double units, double price) {
  for (const Payers::Floor& payer : payers_.floors[agent]) {
    if (payer.commodity != commodity || payer.floor != floor) continue;
    auto& guarantee = std::get<PriceFloor>(kinds_[payer.policy]);
    const auto paid = guarantee.pay(floor, units, price);
    if (!paid) break;
    return *paid;
  }
  return std::max(0.0, floor - price) * units;
}

double PolicyEngine::pay_capital_support(world::AgentIndex agent, double capacity) {
  if (payers_.capital.empty() || !payers_.capital[agent]) return 0.0;
  const world::PolicyIndex p = *payers_.capital[agent];
  const world::CommodityIndex main = world_.agents()[agent].outputs[0];
  return std::get<CapitalSupport>(kinds_[p]).pay(env(p), main, capacity);
}

}  // namespace reesim::policies
