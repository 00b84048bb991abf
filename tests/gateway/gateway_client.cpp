// A gateway client in its own process, for the end-to-end tests: it plays liquidity providers
// by recomputing their built-in rule (agents/types/liquidity_provider.cpp) from the Welcome and
// each Observation alone, so that a served run equals the run without clients, digest for digest.
//
//   gateway_client PORT AGENT[,AGENT...] MODE [TICK]
//     recompute   the built-in rule at every tick
//     perturb     the same, but at trial 0, tick TICK, its first bid half as high again (it
//                 crosses the spread and trades)
//     sleep       the same, but at trial 0, tick TICK, answers 2 s late (past a deadline)
//     quit        the same until trial 0, tick TICK, where it disconnects
// A Hello refused because the agents are taken is tried again (bounded), as a client coming back
// after a disconnect does.
// Prints 'ticks: N' (Observations answered) and 'trials: N' (TrialEnds seen); exits 0 after the
// last TrialEnd, 1 when the connection ends otherwise (expected in 'quit' mode), 2 on bad usage.
#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "gateway/client.h"

namespace {

using reesim::gateway::Action;
using reesim::gateway::AgentView;
using reesim::gateway::Frame;
using reesim::gateway::Observation;
using reesim::gateway::Welcome;

// The liquidity provider's rule: around a blend of the reference price and the last price, a bid
// and an ask on each of its venues.
void liquidity_rule(const Welcome& welcome, const reesim::gateway::AgentInfo& info,
                    const AgentView& seen, const Observation& observation,
                    reesim::gateway::AgentOrders& out) {
  std::map<std::string, double> param;
  for (int k = 0; k < info.param_names_size(); ++k)
    param[info.param_names(k)] = seen.params(k);
  const double weight = param.at("reference_weight");
  const double half_spread = param.at("half_spread");
  const double depth = param.at("depth_units");
  for (const int v : info.venues()) {
    const int c = welcome.venues(v).commodity();
    const double anchor = weight * welcome.commodities(c).reference_price() +
                          (1 - weight) * observation.venue_price(v);
    auto* bid = out.add_orders();
    bid->set_venue(v);
    bid->set_side(reesim::gateway::SIDE_BUY);
    bid->set_price_usd(anchor * (1 - half_spread));
    bid->set_units(depth);
    auto* ask = out.add_orders();
    ask->set_venue(v);
    ask->set_side(reesim::gateway::SIDE_SELL);
    ask->set_price_usd(anchor * (1 + half_spread));
    ask->set_units(depth);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr
        << "usage: gateway_client PORT AGENT[,AGENT...] recompute|perturb|sleep|quit [TICK]\n";
    return 2;
  }
  const auto port = static_cast<std::uint16_t>(std::stoi(argv[1]));
  std::vector<std::string> agents;
  std::stringstream list(argv[2]);
  for (std::string agent; std::getline(list, agent, ',');)
    agents.push_back(agent);
  const std::string mode = argv[3];
  const int at_tick = argc > 4 ? std::stoi(argv[4]) : -1;

  Frame hello;
  hello.mutable_hello()->set_version(reesim::gateway::VERSION_CURRENT);
  hello.mutable_hello()->set_name("gateway_client");
  for (const std::string& agent : agents)
    hello.mutable_hello()->add_agents(agent);
  // A client coming back after another left its agents may find them still taken (the server
  // has not seen that connection close yet): it tries again, at most 100 times 50 ms apart.
  std::unique_ptr<reesim::gateway::BlockingClient> connection;
  std::optional<Frame> welcomed;
  for (int attempt = 0; attempt < 100; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    connection = std::make_unique<reesim::gateway::BlockingClient>(port, 60000);
    connection->send(hello);
    welcomed = connection->receive();
    if (!welcomed || !welcomed->has_error() ||
        welcomed->error().code() != reesim::gateway::Error::CODE_ROLE)
      break;
  }
  reesim::gateway::BlockingClient& client = *connection;
  if (!welcomed || !welcomed->has_welcome()) {
    std::cerr << "gateway_client: no Welcome"
              << (welcomed && welcomed->has_error() ? ": " + welcomed->error().message() : "")
              << '\n';
    return 1;
  }
  const Welcome& welcome = welcomed->welcome();
  for (const auto& info : welcome.agents())
    if (info.type() != "liquidity_provider") {
      std::cerr << "gateway_client: " << info.id() << " is a " << info.type()
                << "; this client recomputes only liquidity providers\n";
      return 2;
    }
  int ticks = 0;
  int trials = 0;
  // Bounded: at most every tick of every trial, plus the TrialEnds.
  const long most = static_cast<long>(welcome.trials()) * (welcome.tick_dates_size() + 1) + 1;
  for (long frames = 0; frames < most; ++frames) {
    const auto frame = client.receive();
    if (!frame) break;
    if (frame->has_trial_end()) {
      ++trials;
      if (frame->trial_end().last()) {
        std::cout << "ticks: " << ticks << "\ntrials: " << trials << '\n';
        return 0;
      }
      continue;
    }
    if (!frame->has_observation()) break;
    const Observation& seen = frame->observation();
    const bool marked = seen.trial() == 0 && seen.tick() == at_tick;
    if (marked && mode == "quit") break;
    Frame reply;
    Action& action = *reply.mutable_action();
    action.set_trial(seen.trial());
    action.set_tick(seen.tick());
    for (int k = 0; k < seen.agents_size(); ++k) {
      auto& orders = *action.add_agents();
      orders.set_agent(seen.agents(k).id());
      liquidity_rule(welcome, welcome.agents(k), seen.agents(k), seen, orders);
    }
    if (marked && mode == "perturb")
      action.mutable_agents(0)->mutable_orders(0)->set_price_usd(
          action.agents(0).orders(0).price_usd() * 1.5);
    if (marked && mode == "sleep") std::this_thread::sleep_for(std::chrono::seconds(2));
    if (!client.send(reply)) break;
    ++ticks;
  }
  std::cout << "ticks: " << ticks << "\ntrials: " << trials << '\n';
  return 1;
}
