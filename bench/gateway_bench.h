// The gateway's throughput benchmark behind `reesim bench gateway` (docs/gateway.md): ticks per
// second of the same trials run without the gateway and in lock-step with 1 and with 32 clients
// on loopback, each client answering every Observation at once (leaving its agents to their
// built-in rules, so the three runs' outputs are equal and only the round trips differ).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

namespace reesim::bench {

struct GatewayBenchOptions {
  std::string path = "runs/baseline-2024";  // experiment file or run folder; >= 32 agents
  std::int64_t trials = 8;                  // trials per measured run, on one thread
  int clients = 32;                         // clients of the many-client run
};

// Prints to `out`: gateway.ticks_per_s.no_clients, gateway.ticks_per_s.clients_1,
// gateway.ticks_per_s.clients_N, gateway.overhead.clients_1 and gateway.overhead.clients_N
// (time with clients / time without - 1), gateway.same_outputs (1 when every run's scalars and
// series equal the run without clients). Returns 0, 1 when a run failed, 2 with the place when
// the experiment does not load or has fewer agents than clients.
int run_gateway_bench(const GatewayBenchOptions& options, std::ostream& out, std::ostream& err);

}  // namespace reesim::bench
