#include "bench/scale_bench.h"

#include <tbb/info.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "bench/measures.h"
#include "bench/scale_world.h"
#include "config/diagnostics.h"
#include "config/validate.h"
#include "experiment/plan.h"
#include "sim/catalog.h"
#include "sim/trial.h"
#include "world/world.h"

namespace reesim::bench {
namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kPricePrefix = "scale_price_";

// Whether `a` and `b` hold the same doubles bit for bit (NaN included).
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  // (memcmp is not given the null data() of an empty vector.)
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

// `scenario` with a mean-price scalar per venue, read to compare the sizes' prices.
void add_price_scalars(Scenario& scenario) {
  for (const Venue& v : scenario.venues()) {
    Metric& m = *scenario.add_metrics();
    m.set_id(kPricePrefix + v.id());
    m.set_kind(METRIC_PRICE);
    m.set_venue(v.id());
    Scalar& s = *m.add_scalars();
    s.set_id(kPricePrefix + v.id());
    s.set_kind(SCALAR_MEAN);
  }
}

// A world resolved from `scenario`, or null with the validation's messages on `err`.
std::unique_ptr<world::World> resolve(Scenario scenario, std::ostream& err) {
  config::Diagnostics diagnostics;
  if (!config::validate_scenario(scenario, "split world", diagnostics)) {
    diagnostics.print(err);
    return nullptr;
  }
  return std::make_unique<world::World>(std::move(scenario), sim::catalog());
}

struct SizeResult {
  int agents = 0;
  int firms = 0;                // the most firms an agent became
  double peak_rss_mib = 0;      // the process's peak after the size's first round
  std::int64_t ticks = 0;       // per timed pass
  std::int64_t decisions = 0;   // per timed pass
  std::int64_t orders = 0;      // per timed pass
  std::vector<double> seconds;  // per round: wall time of one pass
  std::vector<double> prices;   // per venue: the median across trials of its mean price
  Fnv1a outputs;                // every trial's scalars, parameters and series, bit for bit

  [[nodiscard]] double fastest() const { return *std::min_element(seconds.begin(), seconds.end()); }
  // Wall time per agent-tick: of `round`'s pass, or of the fastest.
  [[nodiscard]] double per_agent_tick(std::size_t round) const {
    return seconds[round] / static_cast<double>(decisions);
  }
  [[nodiscard]] double fastest_per_agent_tick() const {
    return fastest() / static_cast<double>(decisions);
  }
};

constexpr double kMinSeconds = 1.0;  // each size's timed trials run at least this long

// Runs the trials 0..trials-1 of `world` in turn on one thread, again and again until they have
// taken kMinSeconds: a small world's trials take milliseconds, and timed once they would count
// its start-up (first touches of memory, cold caches) against it. `first_pass` sees the first
// pass's outputs (every pass gives the same). Returns the wall time of one pass; `r` gets the
// ticks, decisions and orders of one.
template <typename FirstPass>
double timed_passes(const world::World& world, int trials, std::uint64_t seed, SizeResult& r,
                    const FirstPass& first_pass) {
  double seconds = 0;
  int passes = 0;
  tbb::task_arena one(1);
  one.execute([&] {
    r.ticks = r.decisions = r.orders = 0;
    const auto start = Clock::now();
    do {
      for (int t = 0; t < trials; ++t) {
        const sim::TrialOutput output =
            sim::run_trial(world, seed, static_cast<std::uint64_t>(t), {.parallel_agents = 0});
        if (passes > 0) continue;
        r.ticks += world.ticks();
        r.decisions += output.decisions;
        r.orders += output.orders;
        first_pass(output);
      }
      ++passes;
      seconds = std::chrono::duration<double>(Clock::now() - start).count();
    } while (seconds < kMinSeconds);
  });
  return seconds / passes;
}

// The first round of a size: its outputs, prices and first timing.
SizeResult first_round(const world::World& world, int firms, int trials, std::uint64_t seed) {
  SizeResult r;
  r.agents = static_cast<int>(world.agents().size());
  r.firms = firms;
  // Each venue's mean-price scalar (add_price_scalars), by its position among the scalars.
  const std::vector<std::string> names = sim::scalar_names(world);
  std::vector<std::size_t> price_scalar;
  for (const world::VenueInfo& v : world.venues())
    price_scalar.push_back(static_cast<std::size_t>(
        std::find(names.begin(), names.end(), kPricePrefix + v.id) - names.begin()));
  std::vector<std::vector<double>> means(world.venues().size());
  r.seconds.push_back(timed_passes(world, trials, seed, r, [&](const sim::TrialOutput& output) {
    r.outputs.mix(output.scalars);
    r.outputs.mix(output.parameters);
    for (const std::vector<double>& series : output.series)
      r.outputs.mix(series);
    for (std::size_t v = 0; v < means.size(); ++v)
      means[v].push_back(output.scalars[price_scalar[v]]);
  }));
  for (std::vector<double>& m : means)
    r.prices.push_back(median(m));
  r.peak_rss_mib = peak_rss_mib();
  return r;
}

}  // namespace

int run_scale_bench(const ScaleBenchOptions& options, std::ostream& out, std::ostream& err) {
  if (!std::is_sorted(options.sizes.begin(), options.sizes.end())) {
    err << "error: --sizes: the sizes must be in ascending order (the first is the reference)\n";
    return 2;
  }
  config::Diagnostics diagnostics;
  const auto plan = experiment::load_plan(options.path, {}, diagnostics);
  if (!plan) {
    diagnostics.print(err);
    return 2;
  }
  Scenario base = plan->scenario;
  add_price_scalars(base);
  const std::uint64_t seed = plan->experiment.seed();

  // Round 1 splits each world, runs it and keeps its outputs; rounds 2.. time every size again,
  // in the same ascending turn, so that each size is timed in every spell of a busy machine.
  std::vector<SizeResult> results;
  std::vector<std::unique_ptr<world::World>> worlds;
  for (const int size : options.sizes) {
    std::vector<int> counts = firm_counts(base, size);
    if (!options.split_types.empty())
      for (int i = 0; i < base.agents_size(); ++i)
        if (std::find(options.split_types.begin(), options.split_types.end(),
                      base.agents(i).type()) == options.split_types.end())
          counts[static_cast<std::size_t>(i)] = 1;
    const int firms = *std::max_element(counts.begin(), counts.end());
    auto world = resolve(split_world(base, counts, options.seed), err);
    if (!world) return 2;
    std::string largest_splits;
    for (int i = 0; i < base.agents_size(); ++i)
      if (counts[static_cast<std::size_t>(i)] > 1)
        largest_splits +=
            " " + base.agents(i).id() + "=" + std::to_string(counts[static_cast<std::size_t>(i)]);
    err << "scale: firms:" << largest_splits << "\n";
    err << "scale: " << world->agents().size() << " agents (up to " << firms << " firms an agent), "
        << options.trials << " trials of " << world->ticks() << " ticks" << std::endl;
    results.push_back(first_round(*world, firms, options.trials, seed));
    worlds.push_back(std::move(world));
  }
  for (int round = 2; round <= options.rounds; ++round) {
    err << "scale: round " << round << " of " << options.rounds << std::endl;
    for (std::size_t s = 0; s < worlds.size(); ++s)
      results[s].seconds.push_back(timed_passes(*worlds[s], options.trials, seed, results[s],
                                                [](const sim::TrialOutput&) {}));
  }

  out << "scale.rounds " << options.rounds << "\n";
  const SizeResult& reference = results.front();
  for (std::size_t s = 0; s < results.size(); ++s) {
    const SizeResult& r = results[s];
    const world::World& world = *worlds[s];
    std::vector<double> ratios;  // per round: the size's cost per agent-tick over the first's
    for (std::size_t round = 0; round < r.seconds.size(); ++round)
      ratios.push_back(r.per_agent_tick(round) / reference.per_agent_tick(round));
    double deviation = 0;
    double ratio = 1;
    std::string venue = "-";
    for (std::size_t v = 0; v < r.prices.size(); ++v) {
      const double d = std::abs(r.prices[v] / reference.prices[v] - 1.0);
      if (d > deviation) {
        deviation = d;
        ratio = r.prices[v] / reference.prices[v];
        venue = world.venues()[world::VenueIndex{static_cast<std::int32_t>(v)}].id;
      }
    }
    const std::string key = "scale.agents_" + std::to_string(r.agents) + ".";
    char line[1024];
    std::snprintf(
        line, sizeof line,
        "%smost_firms_per_agent %d\n%sticks_per_s %.2f\n%sdecisions_per_s %.0f\n"
        "%sorders_per_tick %.1f\n%speak_rss_mib %.1f\n%srelative_cost_per_agent_tick %.3f\n"
        "%srelative_cost_median_round %.3f\n"
        "%smax_price_deviation %.4f\n%smax_price_deviation_venue %s\n"
        "%smax_price_deviation_ratio %.4f\n%soutputs_checksum %016llx\n",
        key.c_str(), r.firms, key.c_str(), static_cast<double>(r.ticks) / r.fastest(), key.c_str(),
        static_cast<double>(r.decisions) / r.fastest(), key.c_str(),
        static_cast<double>(r.orders) / static_cast<double>(r.ticks), key.c_str(), r.peak_rss_mib,
        key.c_str(), r.fastest_per_agent_tick() / reference.fastest_per_agent_tick(), key.c_str(),
        median(ratios), key.c_str(), deviation, key.c_str(), venue.c_str(), key.c_str(), ratio,
        key.c_str(), static_cast<unsigned long long>(r.outputs.value));
    out << line << std::flush;
  }
  if (worlds.empty()) return 0;
  const world::World* const largest = worlds.back().get();

  // One trial of the largest world with its per-agent steps and matching in parallel, on one
  // thread and on all, in turn, `parallel_repeats` times: the fastest of each.
  const int threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  auto timed = [&](int count, sim::TrialOutput& output) {
    tbb::task_arena arena(count);
    double seconds = 0;
    arena.execute([&] {
      const auto start = Clock::now();
      output = sim::run_trial(*largest, seed, 0, {.parallel_agents = 1});
      seconds = std::chrono::duration<double>(Clock::now() - start).count();
    });
    return seconds;
  };
  auto same = [](const sim::TrialOutput& a, const sim::TrialOutput& b) {
    bool equal = same_bits(a.scalars, b.scalars) && same_bits(a.parameters, b.parameters) &&
                 a.series.size() == b.series.size() && a.orders == b.orders;
    for (std::size_t k = 0; equal && k < a.series.size(); ++k)
      equal = same_bits(a.series[k], b.series[k]);
    return equal;
  };
  sim::TrialOutput first;
  double one = timed(1, first);
  double all = INFINITY;
  bool identical = true;
  for (int r = 0; r < options.parallel_repeats; ++r) {
    sim::TrialOutput output;
    if (r > 0) {
      one = std::min(one, timed(1, output));
      identical = identical && same(first, output);
    }
    all = std::min(all, timed(threads, output));
    identical = identical && same(first, output);
  }
  char line[512];
  std::snprintf(line, sizeof line,
                "scale.parallel.agents %zu\n"
                "scale.parallel.threads %d\nscale.parallel.repeats %d\n"
                "scale.parallel.seconds_threads_1 %.3f\n"
                "scale.parallel.seconds_threads_all %.3f\nscale.parallel.speedup %.3f\n"
                "scale.parallel.identical %d\n",
                largest->agents().size(), threads, options.parallel_repeats, one, all, one / all,
                identical ? 1 : 0);
  out << line;
  return 0;
}

}  // namespace reesim::bench
