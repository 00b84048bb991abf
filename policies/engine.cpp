#include "policies/engine.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <utility>

#include "world/catalog.h"
#include "world/sampling.h"

namespace reesim::policies {
namespace {

bool members_together(const world::World& world, int a, int b) {
  for (const auto& members : world.alliances()) {
    const bool has_a = std::find(members.begin(), members.end(), a) != members.end();
    const bool has_b = std::find(members.begin(), members.end(), b) != members.end();
    if (has_a && has_b) return true;
  }
  return false;
}

// The trade measures, which terms() reads; the domestic ones leave the terms alone.
bool sets_terms(PolicyEngine::Kind kind) {
  using Kind = PolicyEngine::Kind;
  switch (kind) {
    case Kind::kExportLicensing:
    case Kind::kExportQuota:
    case Kind::kExportBan:
    case Kind::kImportBan:
    case Kind::kReExportRestriction:
    case Kind::kTariff:
    case Kind::kAllianceTerms:
      return true;
    default:
      return false;
  }
}

PolicyEngine::Kind kind_of(std::string_view type) {
  using Kind = PolicyEngine::Kind;
  static constexpr std::pair<std::string_view, Kind> kKinds[] = {
      {"export_licensing", Kind::kExportLicensing},
      {"export_quota", Kind::kExportQuota},
      {"export_ban", Kind::kExportBan},
      {"import_ban", Kind::kImportBan},
      {"re_export_restriction", Kind::kReExportRestriction},
      {"tariff", Kind::kTariff},
      {"alliance_terms", Kind::kAllianceTerms},
      {"technology_export_ban", Kind::kTechnologyExportBan},
      {"stockpile", Kind::kStockpile},
      {"price_floor", Kind::kPriceFloor},
      {"production_incentive", Kind::kProductionIncentive},
      {"capital_support", Kind::kCapitalSupport},
      {"recycling_mandate", Kind::kRecyclingMandate},
  };
  for (const auto& [name, kind] : kKinds)
    if (name == type) return kind;
  return Kind::kOther;
}

}  // namespace

PolicyEngine::PolicyEngine(const world::World& world, const ModelParams& model, std::uint64_t seed,
                           std::uint64_t trial)
    : world_(world),
      model_(model),
      random_(seed, trial, "policy-engine", "events"),
      purchases_(world.agents().size(), 0.0),
      state_(world.policies().size()),
      usual_flow_(world.commodities().size() * static_cast<std::size_t>(world.nation_count()) *
                      static_cast<std::size_t>(world.nation_count()),
                  0.0),
      usual_listed_(usual_flow_.size(), 0),
      re_export_blocked_(world.policies().size(), 0),
      terms_changed_(world.commodities().size(), 0) {
  // Freight in price ticks per unit, by venue and origin: fixed for the trial.
  for (const world::VenueInfo& v : world.venues()) {
    const world::CommodityInfo& c = world.commodities()[static_cast<std::size_t>(v.commodity)];
    for (int origin = 0; origin < world.nation_count(); ++origin)
      freight_ticks_.push_back(static_cast<std::int64_t>(
          std::lround(v.freight_usd[static_cast<std::size_t>(origin)] / c.price_tick)));
  }
  for (int a = 0; a < world.nation_count(); ++a) {
    std::uint64_t allies = 0;
    for (int b = 0; b < world.nation_count(); ++b)
      if (members_together(world, a, b)) allies |= std::uint64_t{1} << static_cast<unsigned>(b);
    allies_.push_back(allies);
  }
  for (const world::PolicyInfo& info : world.policies())
    for (std::size_t c = 0; c < world.commodities().size(); ++c)
      commodity_cover_.push_back(info.commodities[c] ? 1 : 0);
  for (std::size_t p = 0; p < state_.size(); ++p) {
    const world::PolicyInfo& info = world.policies()[p];
    kinds_.push_back(kind_of(info.type));
    world::RandomStream stream(seed, trial, info.id, "params");
    State& s = state_[p];
    s.params = world::sample_params(info.spec->params, info.source->params(), stream);
    const Activation& a = info.source->activation();
    if (a.has_duration_days()) s.duration_days = world::sample(a.duration_days(), stream);
    s.end = world.tick_of(a.until(), 1 << 30);
    if (a.when_case() == Activation::kTrigger) s.reaction_ticks = reaction_ticks(info, seed, trial);
    const int policy = static_cast<int>(p);
    s.rate = param(policy, "rate");
    s.leakage = param(policy, "leakage");
    s.enforcement = param(policy, "enforcement");
    s.tariff_discount = param(policy, "tariff_discount");
    s.floor_price = param(policy, "floor_price");
    s.volume_cap = param(policy, "volume_cap_per_year");
    s.budget = param(policy, "budget_usd");
    s.share_of_capex = param(policy, "share_of_capex");
    s.build_years = param(policy, "build_years");
    s.target_units = param(policy, "target_units");
    s.max_release = param(policy, "max_release_per_tick");
    s.buy_below = param(policy, "buy_below_price");
    s.release_shortfall = param(policy, "release_shortfall");
    s.content_threshold = param(policy, "content_threshold");
    if ((is(p, Kind::kExportBan) || is(p, Kind::kImportBan)) && s.leakage > 0)
      s.leaked.assign(usual_flow_.size(), 0.0);
    if (is(p, Kind::kReExportRestriction)) {
      re_export_.push_back(p);
      const auto nations = static_cast<std::size_t>(world.nation_count());
      s.content_from.assign(nations, 0.0);
      s.content_all.assign(nations, 0.0);
      s.content_covered.assign(nations, 0);
      // Content travels downstream: the covered goods and those of earlier stages carry it.
      Stage last = STAGE_UNSPECIFIED;
      for (std::size_t c = 0; c < world.commodities().size(); ++c)
        if (info.commodities[c]) last = std::max(last, world.commodities()[c].stage);
      for (std::size_t c = 0; c < world.commodities().size(); ++c)
        s.content_commodities.push_back(
            info.commodities[c] || world.commodities()[c].stage < last ? 1 : 0);
    }
    s.grants.resize(static_cast<std::size_t>(world.nation_count()));
    s.applications.resize(static_cast<std::size_t>(world.nation_count()));
  }
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

double PolicyEngine::param(int policy, std::string_view name) const {
  const world::PolicyInfo& info = world_.policies()[static_cast<std::size_t>(policy)];
  for (std::size_t i = 0; i < info.spec->params.size(); ++i)
    if (info.spec->params[i].name == name)
      return state_[static_cast<std::size_t>(policy)].params[i];
  return 0.0;
}

void PolicyEngine::switch_on(std::size_t p, int tick) {
  State& s = state_[p];
  s.active = true;
  s.start = tick;
  if (s.duration_days > 0)
    s.end =
        std::min(s.end, tick + static_cast<int>(std::lround(s.duration_days / world_.tick_days())));
}

void PolicyEngine::update_activation(std::size_t p, int tick, std::span<const double> metrics) {
  State& s = state_[p];
  if (s.done) return;
  if (s.active) {
    if (tick >= s.end) {
      s.active = false;
      s.done = true;
    }
    return;
  }
  const Activation& a = world_.policies()[p].source->activation();
  bool on = false;
  switch (a.when_case()) {
    case Activation::WHEN_NOT_SET:
      on = true;
      break;
    case Activation::kDate:
      on = tick >= world_.tick_of(a.date(), 0);
      break;
    case Activation::kTrigger: {
      const int m = world_.metric_index(a.trigger().metric());
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
      const int from = world_.tick_of(a.chance().from(), 0);
      const int to = world_.tick_of(a.chance().to(), world_.ticks());
      // One draw per tick from the engine's stream, in policy order: deterministic.
      on = tick >= from && tick <= to && random_.bernoulli(a.chance().per_tick());
      break;
    }
  }
  if (on && tick < s.end) switch_on(p, tick);
}

void PolicyEngine::update_licensing(std::size_t p, int tick) {
  State& s = state_[p];
  const world::PolicyInfo& info = world_.policies()[p];
  const double approval = param(static_cast<int>(p), "approval_probability");
  const double delay_mean = param(static_cast<int>(p), "delay_mean_days");
  const double delay_sd = param(static_cast<int>(p), "delay_sd_days");
  const double validity_ticks = param(static_cast<int>(p), "licence_days") / world_.tick_days();
  for (int d = 0; d < world_.nation_count(); ++d) {
    if (d == info.enacted_by || !info.covers_destination(d)) continue;
    auto& grants = s.grants[static_cast<std::size_t>(d)];
    auto& pending = s.applications[static_cast<std::size_t>(d)];
    grants.erase(
        std::remove_if(grants.begin(), grants.end(),
                       [tick](const Grant& g) { return g.expires <= tick || g.units <= 0; }),
        grants.end());
    for (Application& a : pending)
      if (a.decided <= tick && a.granted)
        grants.push_back(
            {a.units, tick + std::max(1, static_cast<int>(std::lround(validity_ticks)))});
    pending.erase(std::remove_if(pending.begin(), pending.end(),
                                 [tick](const Application& a) { return a.decided <= tick; }),
                  pending.end());
    // Buyers keep one application per week in the queue, each for a week of their usual
    // imports over the licence's validity (cal §5: ~45 working days to process).
    double usual = 0;
    for (std::size_t c = 0; c < world_.commodities().size(); ++c)
      if (info.commodities[c])
        for (int o = 0; o < world_.nation_count(); ++o)
          if (info.covers_origin(o) && o != d)
            usual += usual_flow_[(c * static_cast<std::size_t>(world_.nation_count()) +
                                  static_cast<std::size_t>(o)) *
                                     static_cast<std::size_t>(world_.nation_count()) +
                                 static_cast<std::size_t>(d)];
    usual /= std::max(flow_weight_, 1e-9);  // the average weekly flow, without start-up bias
    const double delay_days = std::max(0.0, delay_mean + delay_sd * random_.normal());
    const int decided = tick + static_cast<int>(std::lround(delay_days / world_.tick_days()));
    const bool granted = random_.bernoulli(approval);
    pending.push_back({decided, usual * param(static_cast<int>(p), "application_scale"), granted});
    // Exempt goods flow without a licence, a week at a time.
    const double exempt = usual * param(static_cast<int>(p), "exempt_share");
    if (exempt > 0) grants.push_back({exempt, tick + 1});
  }
}

void PolicyEngine::update_quota(std::size_t p, int tick) {
  State& s = state_[p];
  const int year = world_.tick_dates()[static_cast<std::size_t>(tick)].year;
  if (year != s.quota_year) {
    s.quota_year = year;
    s.quota_left =
        is(p, Kind::kPriceFloor) ? s.volume_cap : param(static_cast<int>(p), "quota_per_year");
  }
}

// A re-export restriction covers a re-exporting nation's sales when the enacting nation's share,
// by value at reference prices, of what that nation bought of the covered goods and their inputs
// (earlier stages) over about the last year reaches `content_threshold` (cal §5: China's 0.1 %
// content rule of October 2025). A nation that bought nothing has a share of 0.
void PolicyEngine::update_content(std::size_t p) {
  State& s = state_[p];
  for (std::size_t n = 0; n < s.content_all.size(); ++n) {
    s.content_from[n] *= model_.content_memory;
    s.content_all[n] *= model_.content_memory;
  }
  if (!s.active) return;
  bool flipped = false;
  for (std::size_t n = 0; n < s.content_all.size(); ++n) {
    const double share = s.content_all[n] > 0 ? s.content_from[n] / s.content_all[n] : 0.0;
    const std::uint8_t covered = share >= s.content_threshold ? 1 : 0;
    flipped |= covered != s.content_covered[n];
    s.content_covered[n] = covered;
  }
  if (flipped) mark_terms_changed(p);
}

void PolicyEngine::record_content(int commodity, int origin, int destination, double units) {
  const double value =
      units * world_.commodities()[static_cast<std::size_t>(commodity)].reference_price;
  for (const std::size_t p : re_export_) {
    State& s = state_[p];
    if (!s.content_commodities[static_cast<std::size_t>(commodity)]) continue;
    s.content_all[static_cast<std::size_t>(destination)] += value;
    if (origin == world_.policies()[p].enacted_by)
      s.content_from[static_cast<std::size_t>(destination)] += value;
  }
}

bool PolicyEngine::begin_tick(int tick, std::span<const double> metrics) {
  tick_ = tick;
  // The usual flow is remembered from before licensing or a leaky ban; while one is in force it
  // stays frozen, so that applications keep asking for normal volumes and leakage stays a share
  // of the normal flow.
  licensing_ = false;
  for (std::size_t p = 0; p < state_.size(); ++p) {
    if (!state_[p].active) continue;
    licensing_ |= is(p, Kind::kExportLicensing) || leaky_ban(p);
    std::fill(state_[p].leaked.begin(), state_[p].leaked.end(), 0.0);
  }
  if (!licensing_) {
    for (const std::size_t k : usual_written_)
      usual_flow_[k] *= model_.licence_flow_memory;
    flow_weight_ = flow_weight_ * model_.licence_flow_memory + (1 - model_.licence_flow_memory);
  }
  std::fill(terms_changed_.begin(), terms_changed_.end(), 0);
  for (std::size_t p = 0; p < state_.size(); ++p) {
    const bool was = state_[p].active;
    update_activation(p, tick, metrics);
    // Terms change when a policy switches or an enforcement draw flips. Licences and quotas move
    // every tick while in force, but the books read them live (quota_left), so they leave the
    // terms as they were; so does a tariff or a ban in force.
    if (was != state_[p].active) mark_terms_changed(p);
    if (is(p, Kind::kReExportRestriction)) update_content(p);
    if (!state_[p].active) continue;
    if (is(p, Kind::kExportLicensing)) update_licensing(p, tick);
    if (is(p, Kind::kExportQuota) ||
        (is(p, Kind::kPriceFloor) && std::isfinite(state_[p].volume_cap)))
      update_quota(p, tick);
    if (is(p, Kind::kReExportRestriction)) {
      const std::uint8_t blocked = random_.bernoulli(state_[p].enforcement) ? 1 : 0;
      if (blocked != re_export_blocked_[p]) mark_terms_changed(p);
      re_export_blocked_[p] = blocked;
    }
  }
  find_trading();
  return std::find(terms_changed_.begin(), terms_changed_.end(), 1) != terms_changed_.end();
}

void PolicyEngine::find_trading() {
  trading_.clear();
  for (std::size_t p = 0; p < state_.size(); ++p)
    if (state_[p].active && sets_terms(kinds_[p])) trading_.push_back(p);
}

// terms() reads the trade measures below, each for its commodities, except alliance terms,
// which discount every tariff; domestic measures (floors, incentives, stockpiles, technology
// bans) leave the terms alone.
void PolicyEngine::mark_terms_changed(std::size_t p) {
  if (!sets_terms(kinds_[p])) return;
  const world::PolicyInfo& info = world_.policies()[p];
  for (std::size_t c = 0; c < terms_changed_.size(); ++c)
    if (is(p, Kind::kAllianceTerms) || info.commodities[c]) terms_changed_[c] = 1;
}

bool PolicyEngine::covers(std::size_t p, int commodity, int origin, int destination) const {
  const world::PolicyInfo& policy = world_.policies()[p];
  return covers_commodity(p, commodity) && policy.covers_origin(origin) &&
         policy.covers_destination(destination);
}

double PolicyEngine::licensed(std::size_t p, int destination) const {
  double units = 0;
  for (const Grant& g : state_[p].grants[static_cast<std::size_t>(destination)])
    units += g.units;
  return units;
}

market::PairTerms PolicyEngine::terms(market::VenueId venue, market::NationId origin_id,
                                      market::NationId destination_id) const {
  const world::VenueInfo& v = world_.venues()[venue.value()];
  const int origin = origin_id.value();
  const int destination = destination_id.value();
  market::PairTerms t;
  if (origin < world_.nation_count())
    t.freight = market::Price{
        freight_ticks_[venue.value() * static_cast<std::size_t>(world_.nation_count()) +
                       static_cast<std::size_t>(origin)]};
  if (origin == destination || origin >= world_.nation_count() ||
      destination >= world_.nation_count())
    return t;
  double tariff = 0;
  double alliance_discount = 0;
  for (const std::size_t p : trading_) {
    const world::PolicyInfo& info = world_.policies()[p];
    if (is(p, Kind::kAllianceTerms)) {
      if (allied(origin, destination) && info.covers_origin(origin) &&
          info.covers_destination(destination))
        alliance_discount = std::max(alliance_discount, state_[p].tariff_discount);
      continue;
    }
    if (!covers(p, v.commodity, origin, destination)) continue;
    // A leaky ban lets a share of the usual flow through (quota_left), a tight one nothing.
    if (leaky_ban(p))
      t.quota_limited = true;
    else if (is(p, Kind::kExportBan) || is(p, Kind::kImportBan))
      t.allowed = false;
    if (is(p, Kind::kReExportRestriction) && re_export_blocked_[p] &&
        state_[p].content_covered[static_cast<std::size_t>(origin)])
      t.allowed = false;
    if (is(p, Kind::kTariff)) tariff += state_[p].rate;
    if (is(p, Kind::kExportLicensing) || is(p, Kind::kExportQuota)) t.quota_limited = true;
  }
  tariff *= 1.0 - alliance_discount;
  t.tariff_bp = static_cast<std::int32_t>(std::lround(std::min(tariff, 10.0) * 10000.0));
  return t;
}

market::Quantity PolicyEngine::quota_left(market::VenueId venue, market::NationId origin,
                                          market::NationId destination) const {
  if (origin == destination) return market::kUnlimited;  // export measures: domestic trade is free
  const world::VenueInfo& v = world_.venues()[venue.value()];
  const double lot = world_.commodities()[static_cast<std::size_t>(v.commodity)].lot;
  double units = INFINITY;
  for (const std::size_t p : trading_) {
    if (!covers(p, v.commodity, origin.value(), destination.value())) continue;
    if (is(p, Kind::kExportLicensing)) units = std::min(units, licensed(p, destination.value()));
    if (is(p, Kind::kExportQuota)) units = std::min(units, state_[p].quota_left);
    if (leaky_ban(p)) {
      const std::size_t k = flow_index(v.commodity, origin.value(), destination.value());
      const double usual = usual_flow_[k] / std::max(flow_weight_, 1e-9);
      units = std::min(units, state_[p].leakage * usual - state_[p].leaked[k]);
    }
  }
  if (!std::isfinite(units)) return market::kUnlimited;
  return market::Quantity{static_cast<std::int64_t>(std::floor(std::max(units, 0.0) / lot))};
}

void PolicyEngine::consume_quota(market::VenueId venue, market::NationId origin,
                                 market::NationId destination, market::Quantity quantity) {
  if (origin == destination) return;
  const world::VenueInfo& v = world_.venues()[venue.value()];
  const double units = static_cast<double>(quantity.value()) *
                       world_.commodities()[static_cast<std::size_t>(v.commodity)].lot;
  for (const std::size_t p : trading_) {
    if (!covers(p, v.commodity, origin.value(), destination.value())) continue;
    if (is(p, Kind::kExportQuota)) state_[p].quota_left -= units;
    if (leaky_ban(p))
      state_[p].leaked[flow_index(v.commodity, origin.value(), destination.value())] += units;
    if (!is(p, Kind::kExportLicensing)) continue;
    double left = units;  // draw on the licences that expire first
    auto& grants = state_[p].grants[destination.value()];
    std::sort(grants.begin(), grants.end(),
              [](const Grant& a, const Grant& b) { return a.expires < b.expires; });
    for (Grant& g : grants) {
      const double take = std::min(left, g.units);
      g.units -= take;
      left -= take;
    }
  }
}

void PolicyEngine::record_flow(int commodity, int origin, int destination, double units) {
  if (!re_export_.empty()) record_content(commodity, origin, destination, units);
  if (licensing_) return;
  const std::size_t k = flow_index(commodity, origin, destination);
  if (usual_listed_[k] == 0) {
    usual_listed_[k] = 1;
    usual_written_.push_back(k);
  }
  usual_flow_[k] += (1 - model_.licence_flow_memory) * units;
}

std::size_t PolicyEngine::flow_index(int commodity, int origin, int destination) const {
  const auto n = static_cast<std::size_t>(world_.nation_count());
  return (static_cast<std::size_t>(commodity) * n + static_cast<std::size_t>(origin)) * n +
         static_cast<std::size_t>(destination);
}

bool PolicyEngine::leaky_ban(std::size_t p) const {
  return !state_[p].leaked.empty();
}

}  // namespace reesim::policies

namespace reesim::policies {

// Alliance terms with a home preference (cal §6: a China-free bloc): members' producers and magnet
// makers offer that share of their sales first on the home markets of their nation's allies
// (venues of their jurisdictions, agents/trading.h), over any mandate of their own.
void PolicyEngine::prefer_members(world::PolicyView& view, double share) const {
  if (share <= 0) return;
  const auto& infos = world_.agents();
  for (std::size_t i = 0; i < view.size(); ++i) {
    if (!has_trait(i, world::kSells)) continue;
    std::uint64_t members = 0;
    for (const auto& alliance : world_.alliances()) {
      if (std::find(alliance.begin(), alliance.end(), infos[i].nation) == alliance.end()) continue;
      for (const int m : alliance)
        if (m < 64) members |= std::uint64_t{1} << static_cast<unsigned>(m);
    }
    if (members == 0) continue;
    view[i].alliance_share = std::max(view[i].alliance_share, share);
    view[i].alliance_mask |= members;
  }
}

// Recycling mandates (cal §7: the EU's 25 % target) require the covered recyclers (those the
// policy names, or else the enacting nation's) to recover at least share_target of end-of-life
// content, reached linearly over ramp_years from activation. Set every tick: the ramp moves.
void PolicyEngine::apply_mandates(world::PolicyView& view, int tick) const {
  const auto& infos = world_.agents();
  bool any = false;
  for (std::size_t p = 0; p < state_.size(); ++p)
    any |= is(p, Kind::kRecyclingMandate);
  if (!any) return;
  for (world::AgentEffects& row : view)
    row.mandated_recovery = 0;
  for (std::size_t p = 0; p < state_.size(); ++p) {
    if (!state_[p].active || !is(p, Kind::kRecyclingMandate)) continue;
    const world::PolicyInfo& info = world_.policies()[p];
    const int policy = static_cast<int>(p);
    const double ramp = param(policy, "ramp_years");
    const double years = (tick - state_[p].start) * world_.tick_days() / 365.0;
    const double required =
        param(policy, "share_target") * (ramp > 0 ? std::clamp(years / ramp, 0.0, 1.0) : 1.0);
    for (std::size_t i = 0; i < view.size(); ++i) {
      if (!has_trait(i, world::kRecycles)) continue;
      const bool named = info.source->agents().empty() ? infos[i].nation == info.enacted_by
                                                       : static_cast<bool>(info.agents[i]);
      if (named) view[i].mandated_recovery = std::max(view[i].mandated_recovery, required);
    }
  }
}

bool PolicyEngine::is_agency(std::size_t p, std::size_t agent) const {
  return world_.agents()[agent].nation == world_.policies()[p].enacted_by &&
         has_trait(agent, world::kStockpileAgency);
}

// What each stockpile policy in force has left to spend: its budget_usd less its nation's
// agencies' purchases since it came into force (no limit without a budget). An agency under
// several policies may spend the largest sum left.
void PolicyEngine::apply_stockpile_budgets(world::PolicyView& view) {
  for (std::size_t i = 0; i < view.size(); ++i)
    if (has_trait(i, world::kStockpileAgency)) view[i].stockpile_budget_left = 0;
  for (std::size_t p = 0; p < state_.size(); ++p) {
    if (!is(p, Kind::kStockpile)) continue;
    State& s = state_[p];
    if (!s.active) {
      s.purchases_at_start = NAN;
      continue;
    }
    double purchases = 0;
    for (std::size_t i = 0; i < view.size(); ++i)
      if (is_agency(p, i)) purchases += purchases_[i];
    if (std::isnan(s.purchases_at_start)) s.purchases_at_start = purchases;
    const double left =
        s.budget > 0 ? std::max(0.0, s.budget - (purchases - s.purchases_at_start)) : INFINITY;
    for (std::size_t i = 0; i < view.size(); ++i)
      if (is_agency(p, i))
        view[i].stockpile_budget_left = std::max(view[i].stockpile_budget_left, left);
  }
}

void PolicyEngine::update_view(world::PolicyView& view, int tick) {
  const auto& infos = world_.agents();
  // Awards last the tick they are made.
  for (world::AgentEffects& row : view)
    row.awards.clear();
  // What is set below depends only on which policies are in force, which incentives still pay,
  // which capital supports have budget, which floors have volume left this year and which
  // policies start now; when none of that changed since the last call, the view holds it.
  apply_mandates(view, tick);
  apply_stockpile_budgets(view);
  applied_now_.assign(state_.size(), 0);
  bool starting = false;
  for (std::size_t p = 0; p < state_.size(); ++p) {
    if (!state_[p].active) continue;
    starting |= tick == state_[p].start;
    const bool open = (is(p, Kind::kProductionIncentive) && incentive_paying(p, tick)) ||
                      (is(p, Kind::kCapitalSupport) && capital_paying(p)) ||
                      (is(p, Kind::kPriceFloor) && floor_open(p));
    applied_now_[p] = open ? 2 : 1;
  }
  if (!starting && applied_now_ == applied_ && payers_.size() == view.size()) return;
  applied_.swap(applied_now_);
  payers_.resize(view.size());
  floor_payers_.resize(view.size());
  capex_payer_.assign(view.size(), -1);
  for (std::size_t i = 0; i < view.size(); ++i) {
    payers_[i].clear();
    floor_payers_[i].clear();
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
    a.capex_share = 0;
    a.supported_build_years = 0;
    a.alliance_share = 0;
    a.alliance_mask = 0;
  }
  // First what shapes building and stockpiles, so that awards made below see every ban in force
  // whatever the policies' order in the scenario.
  for (std::size_t p = 0; p < state_.size(); ++p) {
    if (!state_[p].active) continue;
    const world::PolicyInfo& info = world_.policies()[p];
    if (is(p, Kind::kAllianceTerms)) {
      prefer_members(view, param(static_cast<int>(p), "home_preference"));
    } else if (is(p, Kind::kTechnologyExportBan)) {
      const double factor = param(static_cast<int>(p), "build_time_factor");
      for (std::size_t i = 0; i < view.size(); ++i) {
        const int nation = infos[i].nation;
        if (nation != info.enacted_by && info.covers_destination(nation))
          view[i].build_time_factor = std::max(view[i].build_time_factor, factor);
      }
    } else if (is(p, Kind::kStockpile)) {
      // With several policies in force the loosest terms hold: the largest target, release cap
      // and purchase price, and the smallest release shortfall; a target, price or shortfall of 0
      // sets none (prior). Budgets are set every tick (apply_stockpile_budgets).
      const State& s = state_[p];
      const double target = s.target_units > 0 ? s.target_units : INFINITY;
      for (std::size_t i = 0; i < view.size(); ++i) {
        if (!is_agency(p, i)) continue;
        world::AgentEffects& a = view[i];
        a.stockpile_enabled = true;
        a.stockpile_target = std::max(a.stockpile_target, target);
        a.stockpile_max_release = std::max(a.stockpile_max_release, s.max_release);
        a.stockpile_buy_below = std::max(a.stockpile_buy_below, s.buy_below);
        if (s.release_shortfall > 0)
          a.stockpile_release_shortfall =
              std::isnan(a.stockpile_release_shortfall)
                  ? s.release_shortfall
                  : std::min(a.stockpile_release_shortfall, s.release_shortfall);
      }
    }
  }
  for (std::size_t p = 0; p < state_.size(); ++p) {
    if (!state_[p].active) continue;
    const bool floor = is(p, Kind::kPriceFloor) && floor_open(p);
    const bool incentive = is(p, Kind::kProductionIncentive);
    const bool capital = is(p, Kind::kCapitalSupport) && capital_paying(p);
    if (!floor && !incentive && !capital) continue;
    apply_domestic(p, floor, incentive, capital, view, tick);
  }
}

// The domestic measures of policy `p` on the agents it reaches: the policy's named agents, or
// else the enacting nation's producers and magnet makers (never its buyers, whose "capacity"
// is their demand), for their outputs among its commodities.
void PolicyEngine::apply_domestic(std::size_t p, bool floor, bool incentive, bool capital,
                                  world::PolicyView& view, int tick) {
  const auto& infos = world_.agents();
  const world::PolicyInfo& info = world_.policies()[p];
  const State& s = state_[p];
  const int policy = static_cast<int>(p);
  const double per_unit = incentive ? param(policy, "per_unit_usd") : 0.0;
  const double award = incentive ? param(policy, "max_units_per_year") : 0.0;
  const bool paying = incentive && incentive_paying(p, tick);
  for (std::size_t i = 0; i < view.size(); ++i) {
    world::AgentEffects& a = view[i];
    const bool named = info.source->agents().empty()
                           ? has_trait(i, world::kSells) && infos[i].nation == info.enacted_by
                           : static_cast<bool>(info.agents[i]);
    if (!named) continue;
    // Capital support pays for the builds of the agent's main output, the one it invests in;
    // the largest share in force holds.
    if (capital && !infos[i].outputs.empty() &&
        info.commodities[static_cast<std::size_t>(infos[i].outputs[0])] &&
        s.share_of_capex > a.capex_share) {
      a.capex_share = s.share_of_capex;
      a.supported_build_years = s.build_years;
      capex_payer_[i] = policy;
    }
    for (const int output : infos[i].outputs) {
      const auto c = static_cast<std::size_t>(output);
      if (!info.commodities[c]) continue;
      if (floor && s.floor_price > a.floor_usd[c]) {
        a.floor_usd[c] = s.floor_price;
        floor_payers_[i].push_back({policy, static_cast<int>(c), s.floor_price});
      }
      if (incentive) {
        if (paying && per_unit > 0) {
          a.incentive_usd[c] += per_unit;
          payers_[i].push_back({policy, static_cast<int>(c), per_unit, s.budget});
        }
        // An award builds its capacity over the scheme's build period (cal §6: 2 years).
        if (tick == s.start && std::isfinite(award) && award > 0) {
          const double years = s.build_years * a.build_time_factor;
          a.awards.push_back(
              {static_cast<int>(c), award,
               tick + static_cast<int>(std::lround(years * 365.0 / world_.tick_days()))});
        }
      }
    }
  }
}

bool PolicyEngine::capital_paying(std::size_t p) const {
  return state_[p].budget <= 0 || state_[p].paid < state_[p].budget;
}

// A floor's guarantee covers `volume_cap_per_year` units sold below it per calendar year (prior:
// offtake guarantees name a volume); once they are sold the covered producers face the market
// until the next year.
bool PolicyEngine::floor_open(std::size_t p) const {
  return !std::isfinite(state_[p].volume_cap) || state_[p].quota_left > 0;
}

double PolicyEngine::pay_floor(int agent, int commodity, double floor, double units, double price) {
  for (const FloorPayer& payer : floor_payers_[static_cast<std::size_t>(agent)]) {
    if (payer.commodity != commodity || payer.floor != floor) continue;
    State& s = state_[static_cast<std::size_t>(payer.policy)];
    if (!std::isfinite(s.volume_cap)) break;
    if (price >= floor) return 0.0;
    const double covered = std::clamp(s.quota_left, 0.0, units);
    s.quota_left -= covered;
    return (floor - price) * covered;
  }
  return std::max(0.0, floor - price) * units;
}

double PolicyEngine::pay_capital_support(int agent, double capacity) {
  const int payer = capex_payer_.empty() ? -1 : capex_payer_[static_cast<std::size_t>(agent)];
  if (payer < 0) return 0.0;
  State& s = state_[static_cast<std::size_t>(payer)];
  const int main = world_.agents()[static_cast<std::size_t>(agent)].outputs[0];
  // Capital cost of new capacity, USD per unit/yr, as years of revenue at the reference price
  // (capex_years_of_revenue, a prior checked against cal §6: INR 750 crore of capital subsidy for
  // 6,000 t/yr of magnets is about USD 14/kg/yr, a quarter of about one year's revenue).
  const double capex = model_.capex_years_of_revenue *
                       world_.commodities()[static_cast<std::size_t>(main)].reference_price *
                       capacity;
  double amount = s.share_of_capex * capex;
  if (s.budget > 0) amount = std::clamp(s.budget - s.paid, 0.0, amount);
  s.paid += amount;
  return amount;
}

// A scheme pays for `years` after its build period and until its budget is spent (0: no
// limit) (cal §6: INR 6,450 crore over 5 years); awarded capacity is built either way.
bool PolicyEngine::incentive_paying(std::size_t p, int tick) const {
  const int policy = static_cast<int>(p);
  const double budget = state_[p].budget;
  const double pay_until_years = state_[p].build_years + param(policy, "years");
  return (budget <= 0 || state_[p].paid < budget) &&
         (tick - state_[p].start) * world_.tick_days() < pay_until_years * 365.0;
}

double PolicyEngine::pay_incentives(int agent, int commodity, double units) {
  if (static_cast<std::size_t>(agent) >= payers_.size()) return 0.0;
  double paid = 0;
  for (const Payer& payer : payers_[static_cast<std::size_t>(agent)]) {
    if (payer.commodity != commodity) continue;
    State& s = state_[static_cast<std::size_t>(payer.policy)];
    double amount = payer.per_unit * units;
    if (payer.budget > 0) amount = std::clamp(payer.budget - s.paid, 0.0, amount);
    s.paid += amount;
    paid += amount;
  }
  return paid;
}

}  // namespace reesim::policies
