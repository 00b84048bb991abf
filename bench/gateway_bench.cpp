#include "bench/gateway_bench.h"

#include <chrono>
#include <cstring>
#include <iomanip>
#include <ostream>
#include <thread>
#include <vector>

#include "config/diagnostics.h"
#include "experiment/plan.h"
#include "gateway/client.h"
#include "gateway/lockstep.h"
#include "gateway/server.h"
#include "sim/catalog.h"
#include "sim/trial.h"

namespace reesim::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Timed {
  double seconds = 0;
  std::vector<sim::TrialOutput> outputs;
};

// Plays `agent` until the last TrialEnd, answering each Observation with an empty Action; false
// when the connection ended otherwise.
bool answer_everything(std::uint16_t port, const std::string& agent, std::int64_t frames) {
  gateway::BlockingClient client(port, 60000);
  client.send(gateway::hello({agent}, "", "bench"));
  const auto welcome = client.receive();
  if (!welcome || !welcome->has_welcome()) return false;
  for (std::int64_t k = 0; k < frames; ++k) {
    const auto frame = client.receive();
    if (!frame) return false;
    if (frame->has_trial_end()) {
      if (frame->trial_end().last()) return true;
      continue;
    }
    gateway::Frame reply;
    reply.mutable_action()->set_trial(frame->observation().trial());
    reply.mutable_action()->set_tick(frame->observation().tick());
    if (!client.send(reply)) return false;
  }
  return false;
}

// The trials on one thread, in lock-step with `clients` clients (0: without the gateway).
Timed run(const world::World& world, std::uint64_t seed, std::int64_t trials, int clients,
          bool& failed) {
  Timed timed;
  if (clients == 0) {
    const auto started = Clock::now();
    for (std::int64_t t = 0; t < trials; ++t)
      timed.outputs.push_back(sim::run_trial(world, seed, static_cast<std::uint64_t>(t)));
    timed.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return timed;
  }
  gateway::Server server(world, {trials, seed, 0}, {});
  const std::int64_t frames = trials * (world.ticks() + 1) + 1;
  std::vector<std::thread> threads;
  std::vector<char> played(static_cast<std::size_t>(clients), 0);
  for (int k = 0; k < clients; ++k)
    threads.emplace_back([&, k] {
      played[static_cast<std::size_t>(k)] =
          answer_everything(server.port(), world.agents()[world::AgentIndex{k}].id, frames) ? 1 : 0;
    });
  if (server.wait_for_clients(clients, std::chrono::seconds(60))) {
    gateway::ActionRecorder recorder;
    gateway::LockstepOptions options;
    options.trials = trials;
    const auto started = Clock::now();
    for (std::int64_t t = 0; t < trials; ++t) {
      const auto decider =
          gateway::lockstep_trial(world, server, recorder, options, static_cast<std::uint64_t>(t));
      timed.outputs.push_back(sim::run_trial(world, seed, static_cast<std::uint64_t>(t), *decider));
    }
    timed.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  }
  server.close_all(gateway::Frame());
  for (std::thread& thread : threads)
    thread.join();
  for (const char ok : played)
    failed = failed || ok == 0;
  return timed;
}

// Bit for bit (a scalar may be NaN, e.g. a first date never reached).
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

bool same(const std::vector<sim::TrialOutput>& a, const std::vector<sim::TrialOutput>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (!same_bits(a[k].scalars, b[k].scalars) || a[k].series.size() != b[k].series.size())
      return false;
    for (std::size_t s = 0; s < a[k].series.size(); ++s)
      if (!same_bits(a[k].series[s], b[k].series[s])) return false;
  }
  return true;
}

}  // namespace

int run_gateway_bench(const GatewayBenchOptions& options, std::ostream& out, std::ostream& err) {
  config::Diagnostics diagnostics;
  const auto plan =
      experiment::load_plan(options.path, {options.trials, {}, {}, false, {}}, diagnostics);
  if (!plan) {
    diagnostics.print(err);
    return 2;
  }
  const world::World world(plan->scenario, sim::catalog());
  if (static_cast<int>(world.agents().size()) < options.clients) {
    err << plan->scenario_path << ": " << world.agents().size() << " agents, fewer than the "
        << options.clients << " clients to seat\n";
    return 2;
  }
  const std::uint64_t seed = plan->experiment.seed();
  bool failed = false;
  const Timed none = run(world, seed, options.trials, 0, failed);
  const Timed one = run(world, seed, options.trials, 1, failed);
  const Timed many = run(world, seed, options.trials, options.clients, failed);
  if (failed || one.outputs.empty() || many.outputs.empty()) {
    err << "reesim bench gateway: a client did not play the whole run\n";
    return 1;
  }
  const double ticks = static_cast<double>(options.trials) * world.ticks();
  const std::string n = std::to_string(options.clients);
  out << std::setprecision(4) << "gateway.ticks_per_s.no_clients " << ticks / none.seconds << '\n'
      << "gateway.ticks_per_s.clients_1 " << ticks / one.seconds << '\n'
      << "gateway.ticks_per_s.clients_" << n << ' ' << ticks / many.seconds << '\n'
      << "gateway.overhead.clients_1 " << one.seconds / none.seconds - 1 << '\n'
      << "gateway.overhead.clients_" << n << ' ' << many.seconds / none.seconds - 1 << '\n'
      << "gateway.same_outputs "
      << (same(none.outputs, one.outputs) && same(none.outputs, many.outputs) ? 1 : 0) << '\n';
  return 0;
}

}  // namespace reesim::bench
