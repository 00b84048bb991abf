#include "bench/scale_world.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "core/detmath.h"
#include "world/random.h"

namespace reesim::bench {
namespace {

// Agent parameters that are sizes of the firm, not rates: a split firm gets its share of them.
bool is_size_param(std::string_view type, std::string_view param) {
  return (type == "psu" && param == "mission_budget_usd") ||
         (type == "trader" && (param == "max_stock" || param == "capital_usd"));
}

// `d` scaled by `f` > 0: every draw of the result is f times a draw of `d`.
void scale(Distribution& d, double f) {
  switch (d.kind_case()) {
    case Distribution::kFixed:
      d.set_fixed(d.fixed() * f);
      break;
    case Distribution::kUniform:
      d.mutable_uniform()->set_min(d.uniform().min() * f);
      d.mutable_uniform()->set_max(d.uniform().max() * f);
      break;
    case Distribution::kNormal: {
      Normal& n = *d.mutable_normal();
      n.set_mean(n.mean() * f);
      n.set_sd(n.sd() * f);
      if (n.has_min()) n.set_min(n.min() * f);
      if (n.has_max()) n.set_max(n.max() * f);
      break;
    }
    case Distribution::kLognormal:
      d.mutable_lognormal()->set_mu(d.lognormal().mu() + detmath::log(f));
      break;
    case Distribution::kTriangular: {
      Triangular& t = *d.mutable_triangular();
      t.set_min(t.min() * f);
      t.set_mode(t.mode() * f);
      t.set_max(t.max() * f);
      break;
    }
    case Distribution::kDiscrete:
      for (double& v : *d.mutable_discrete()->mutable_values())
        v *= f;
      break;
    case Distribution::KIND_NOT_SET:
      break;
  }
}

// Seeded, unequal firm shares of agent number `position`, adding up to 1.
std::vector<double> firm_shares(int firms, std::uint64_t seed, int position) {
  world::RandomStream stream(seed, static_cast<std::uint64_t>(position), "scale", "firm-shares");
  std::vector<double> shares(static_cast<std::size_t>(firms));
  double total = 0;
  for (double& s : shares)
    total += s = 0.5 + stream.uniform();
  for (double& s : shares)
    s /= total;
  return shares;
}

// The distribution's central value: the constant, the mean, or a log-normal's median.
double central(const Distribution& d) {
  switch (d.kind_case()) {
    case Distribution::kFixed:
      return d.fixed();
    case Distribution::kUniform:
      return 0.5 * (d.uniform().min() + d.uniform().max());
    case Distribution::kNormal:
      return d.normal().mean();
    case Distribution::kLognormal:
      return detmath::exp(d.lognormal().mu());
    case Distribution::kTriangular:
      return (d.triangular().min() + d.triangular().mode() + d.triangular().max()) / 3.0;
    case Distribution::kDiscrete: {
      const Discrete& discrete = d.discrete();
      double sum = 0;
      double weights = 0;
      for (int k = 0; k < discrete.values_size(); ++k) {
        const double w = discrete.weights_size() > 0 ? discrete.weights(k) : 1.0;
        sum += w * discrete.values(k);
        weights += w;
      }
      return weights > 0 ? sum / weights : 0.0;
    }
    case Distribution::KIND_NOT_SET:
      break;
  }
  return 0;
}

std::string firm_id(const std::string& id, std::size_t k) {
  return id + "_f" + std::to_string(k + 1);
}

}  // namespace

bool splits_into_firms(std::string_view type) {
  return type != "government" && type != "stockpile" && type != "liquidity_provider";
}

int splittable_agents(const Scenario& base) {
  return static_cast<int>(
      std::count_if(base.agents().begin(), base.agents().end(),
                    [](const Agent& a) { return splits_into_firms(a.type()); }));
}

std::vector<int> firm_counts(const Scenario& base, int agents) {
  std::map<std::string, const Commodity*> commodities;
  for (const Commodity& c : base.commodities())
    commodities[c.id()] = &c;
  const auto n = static_cast<std::size_t>(base.agents_size());
  std::vector<double> value(n, 0.0);
  std::vector<int> most(n, 1);
  int fixed = 0;  // agents that stay whole
  for (std::size_t i = 0; i < n; ++i) {
    const Agent& a = base.agents(static_cast<int>(i));
    if (splits_into_firms(a.type())) {
      for (const Capacity& c : a.capacities()) {
        const Commodity& commodity = *commodities.at(c.commodity());
        value[i] += central(c.per_year()) * commodity.reference_price();
      }
      if (a.capacities_size() > 0) {
        const Capacity& first = a.capacities(0);
        const double lots = central(first.per_year()) / 52.0 /
                            std::max(commodities.at(first.commodity())->quantity_lot(), 1e-12);
        most[i] = std::max(1, static_cast<int>(std::floor(lots / kMinLotsPerWeek)));
      }
    }
    if (!(value[i] > 0)) {
      value[i] = 0;
      most[i] = 1;
      ++fixed;
    }
  }
  const auto counts = [&](double per_usd) {
    std::vector<int> firms(n, 1);
    for (std::size_t i = 0; i < n; ++i)
      if (value[i] > 0)
        firms[i] = static_cast<int>(
            std::clamp(std::llround(per_usd * value[i]), 1LL, static_cast<long long>(most[i])));
    return firms;
  };
  const auto total = [](const std::vector<int>& firms) {
    long long sum = 0;
    for (const int f : firms)
      sum += f;
    return sum;
  };
  // The least firms per USD of capacity that reach `agents`: bisection, the count being monotone.
  double low = 0;
  double high = 1;
  while (total(counts(high)) < agents && high < 1e300)
    high *= 2;
  for (int step = 0; step < 200 && high > low * (1 + 1e-12); ++step) {
    const double mid = 0.5 * (low + high);
    (total(counts(mid)) < agents ? low : high) = mid;
  }
  return counts(high);
}

Scenario split_world(const Scenario& base, const std::vector<int>& firms, std::uint64_t seed) {
  Scenario out = base;
  out.clear_agents();
  std::map<std::string, std::vector<double>> shares_of;  // split agent id -> its firms' shares
  for (int position = 0; position < base.agents_size(); ++position) {
    const Agent& agent = base.agents(position);
    const int count = static_cast<std::size_t>(position) < firms.size()
                          ? firms[static_cast<std::size_t>(position)]
                          : 1;
    if (!splits_into_firms(agent.type()) || count <= 1) {
      *out.add_agents() = agent;
      continue;
    }
    const std::vector<double> shares = firm_shares(count, seed, position);
    for (std::size_t k = 0; k < shares.size(); ++k) {
      Agent& firm = *out.add_agents() = agent;
      const double f = shares[k];
      firm.set_id(firm_id(agent.id(), k));
      if (!agent.name().empty()) firm.set_name(agent.name() + ", firm " + std::to_string(k + 1));
      firm.set_cash(agent.cash() * f);
      for (Capacity& c : *firm.mutable_capacities())
        scale(*c.mutable_per_year(), f);
      for (Holding& h : *firm.mutable_inventory())
        scale(*h.mutable_quantity(), f);
      for (Param& p : *firm.mutable_params())
        if (is_size_param(agent.type(), p.name())) scale(*p.mutable_value(), f);
    }
    shares_of[agent.id()] = shares;
  }

  out.clear_policies();
  for (const Policy& policy : base.policies()) {
    const bool names_split =
        std::any_of(policy.agents().begin(), policy.agents().end(),
                    [&](const std::string& id) { return shares_of.count(id); });
    if (policy.type() == "project" && names_split) {
      // One project per named firm (or unsplit agent), with its share of the capacity; the first
      // keeps the policy's id, so that metrics and levers naming it still find it.
      int piece = 0;
      for (const std::string& id : policy.agents()) {
        const auto it = shares_of.find(id);
        const std::vector<double> whole{1.0};
        const std::vector<double>& shares = it == shares_of.end() ? whole : it->second;
        for (std::size_t k = 0; k < shares.size(); ++k, ++piece) {
          Policy& p = *out.add_policies() = policy;
          if (piece > 0) p.set_id(policy.id() + "_f" + std::to_string(piece + 1));
          p.clear_agents();
          p.add_agents(it == shares_of.end() ? id : firm_id(id, k));
          for (Param& param : *p.mutable_params())
            if (param.name() == "capacity") scale(*param.mutable_value(), shares[k]);
        }
      }
      continue;
    }
    Policy& p = *out.add_policies() = policy;
    p.clear_agents();
    for (const std::string& id : policy.agents()) {
      const auto it = shares_of.find(id);
      if (it == shares_of.end()) {
        p.add_agents(id);
        continue;
      }
      for (std::size_t k = 0; k < it->second.size(); ++k)
        p.add_agents(firm_id(id, k));
    }
    p.clear_shares();
    for (const QuotaShare& held : policy.shares()) {
      const auto it = shares_of.find(held.agent());
      if (it == shares_of.end()) {
        *p.add_shares() = held;
        continue;
      }
      for (std::size_t k = 0; k < it->second.size(); ++k) {
        QuotaShare& share = *p.add_shares();
        share.set_agent(firm_id(held.agent(), k));
        share.set_share(held.share() * it->second[k]);
      }
    }
  }
  return out;
}

}  // namespace reesim::bench
