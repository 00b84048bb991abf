// reesim serve: the experiment's trials, one after another, in lock-step with external clients
// over TCP (DESIGN §9, docs/gateway.md). The output folder is a run folder like reesim run's, with
// actions.pb besides, so that `reesim reproduce OUTDIR` replays the game without clients.
#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>

#include "app/commands.h"
#include "app/console.h"
#include "app/options.h"
#include "experiment/errors.h"
#include "experiment/plan.h"
#include "experiment/runner.h"
#include "gateway/lockstep.h"
#include "gateway/server.h"
#include "results/run_folder.h"
#include "results/writers.h"
#include "sim/catalog.h"
#include "sim/external.h"

namespace reesim::app {
namespace {

struct ServeArgs {
  std::string path;
  std::string listen = "127.0.0.1:0";
  std::string token_file;
  std::optional<std::int64_t> trials;
  std::optional<std::uint64_t> seed;
  int tick_timeout_ms = 0;
  std::string out;
  int clients = 1;
  int start_wait_s = 300;
  int wait_s = 300;
  int max_clients = 64;
  std::int64_t max_frame_bytes = static_cast<std::int64_t>(gateway::kDefaultMaxFrameBytes);
  int rate = 1000;
  int handshake_timeout_ms = 5000;
  int idle_timeout_ms = 60000;
  bool force = false;
};

// HOST:PORT (an IPv6 host in brackets) into `options`; false after a message on stderr.
bool parse_listen(const std::string& text, gateway::ServerOptions& options) {
  const std::size_t colon = text.rfind(':');
  bool ok = colon != std::string::npos && colon > 0 && colon + 1 < text.size();
  std::string host = ok ? text.substr(0, colon) : "";
  if (host.size() > 1 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  long port = -1;
  if (ok) {
    try {
      std::size_t used = 0;
      port = std::stol(text.substr(colon + 1), &used);
      ok = used == text.size() - colon - 1 && port >= 0 && port <= 65535;
    } catch (const std::exception&) {
      ok = false;
    }
  }
  if (!ok) {
    std::cerr << "reesim serve: --listen: expected HOST:PORT (e.g. 127.0.0.1:7070; port 0 picks "
                 "a free one), got '"
              << text << "'\n";
    return false;
  }
  options.host = host;
  options.port = static_cast<std::uint16_t>(port);
  return true;
}

// The token in `path`: its first line, without trailing white space; nullopt after a message.
std::optional<std::string> read_token(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << path << ": cannot open the token file\n";
    return std::nullopt;
  }
  std::string token;
  std::getline(in, token);
  while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back())))
    token.pop_back();
  if (token.empty()) {
    std::cerr << path << ":1: the token file holds no token\n";
    return std::nullopt;
  }
  return token;
}

int serve(const ServeArgs& args) {
  gateway::ServerOptions options;
  if (!parse_listen(args.listen, options)) return kExitBadInput;
  if (!args.token_file.empty()) {
    const auto token = read_token(args.token_file);
    if (!token) return kExitBadInput;
    options.token = *token;
  }
  options.max_clients = args.max_clients;
  options.max_frame_bytes = static_cast<std::size_t>(args.max_frame_bytes);
  options.max_frames_per_second = args.rate;
  options.handshake_timeout = std::chrono::milliseconds(args.handshake_timeout_ms);
  options.idle_timeout = std::chrono::milliseconds(args.idle_timeout_ms);

  config::Diagnostics diagnostics;
  const auto plan =
      experiment::load_plan(args.path, {args.trials, args.seed, {}, false, {}}, diagnostics);
  if (!plan) {
    diagnostics.print(std::cerr);
    return kExitBadInput;
  }
  if (plan->experiment.has_sweep()) {
    std::cerr << plan->experiment_path
              << ": sweep: the experiment declares a sweep; reesim serve runs one point\n";
    return kExitBadInput;
  }
  const world::World world(plan->scenario, sim::catalog());
  const gateway::RunInfo run{plan->experiment.trials(), plan->experiment.seed(),
                             static_cast<std::uint32_t>(args.tick_timeout_ms)};
  std::optional<gateway::Server> server;
  try {
    server.emplace(world, run, options);
  } catch (const gateway::ServerRefused& e) {
    std::cerr << "reesim serve: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "reesim serve: " << e.what() << '\n';
    return kExitFailed;
  }
  const std::string out = args.out.empty() ? "out/" + plan->experiment.id() + "-served" : args.out;
  std::optional<results::RunFolder> folder;
  try {
    folder.emplace(out);
    if (!args.force) folder->refuse_other_run();
  } catch (const results::FolderRefused& e) {
    std::cerr << "reesim serve: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "reesim serve: " << e.what() << '\n';
    return kExitFailed;
  }

  // Clients and tests read the port from this line.
  std::cout << "listening: " << options.host << ':' << server->port() << std::endl;
  if (!server->wait_for_clients(args.clients, std::chrono::seconds(args.start_wait_s)))
    std::cerr << "reesim serve: fewer than " << args.clients << " clients after "
              << args.start_wait_s << " s; the built-in rules play the agents no client plays\n";

  gateway::ActionRecorder recorder;
  gateway::LockstepOptions lockstep;
  lockstep.trials = plan->experiment.trials();
  lockstep.rejoin_wait = std::chrono::seconds(args.wait_s);
  if (args.tick_timeout_ms > 0)
    lockstep.tick_timeout = std::chrono::milliseconds(args.tick_timeout_ms);
  Results results;
  try {
    experiment::RunOptions run_options;
    run_options.threads = 1;  // lock-step: one trial at a time
    run_options.external = [&](std::uint64_t trial) {
      return gateway::lockstep_trial(world, *server, recorder, lockstep, trial);
    };
    results = experiment::run_plan(*plan, run_options);
  } catch (const experiment::InputError& e) {
    std::cerr << "reesim serve: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "reesim serve: " << args.path << ": " << e.what() << '\n';
    return kExitFailed;
  }
  server.reset();  // every client has had its last TrialEnd; the connections close
  try {
    folder->write(results, {{std::string(results::kActionsFile), recorder.bytes()}});
  } catch (const std::exception& e) {
    std::cerr << "reesim serve: " << e.what() << '\n';
    return kExitFailed;
  }
  const gateway::ActionLog log = recorder.log();
  std::map<gateway::RecordedAction::Outcome, int> outcomes;
  for (const gateway::RecordedAction& recorded : log.actions())
    ++outcomes[recorded.outcome()];
  std::cout << "trials: " << results.trials_size() << '\n'
            << "actions: " << log.actions_size() << " recorded ("
            << outcomes[gateway::RecordedAction::OUTCOME_APPLIED] << " applied, "
            << outcomes[gateway::RecordedAction::OUTCOME_DEADLINE] << " deadline, "
            << outcomes[gateway::RecordedAction::OUTCOME_DISCONNECTED] << " disconnected, "
            << outcomes[gateway::RecordedAction::OUTCOME_REJECTED] << " rejected, "
            << outcomes[gateway::RecordedAction::OUTCOME_REJOINED] << " rejoined)\n"
            << "outputs: " << out << '\n'
            << "digest: " << results.manifest().digest() << '\n';
  return kExitOk;
}

}  // namespace

void add_serve_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<ServeArgs>();
  auto* command = app.add_subcommand(
      "serve",
      "Run an experiment's trials in lock-step with external agents over TCP (docs/gateway.md).");
  command->footer(
      "Prints 'listening: HOST:PORT' once it accepts clients, waits for --clients clients (at\n"
      "most --start-wait seconds), then runs the trials one after another: each tick every\n"
      "client gets an Observation and answers with an Action, whose orders replace the built-in\n"
      "rules' of the agents it plays. A client that misses --tick-timeout-ms gets its agents'\n"
      "built-in rules for that tick. When a client disconnects during a trial, the trial waits\n"
      "up to --wait seconds for a new connection whose Hello asks for the same role (the same\n"
      "agents or government): it plays from that tick on; if none comes, the agents get their\n"
      "built-in rules for the rest of the trial. Every action is recorded in OUT/actions.pb, and\n"
      "'reesim reproduce OUT' replays the game without clients to the same digest. Listens on\n"
      "loopback unless --listen names another address, which needs --token-file. The last line\n"
      "is 'digest: <hex>'.\n" +
      std::string(kOutputFolderHelp));
  command->add_option("PATH", args->path, "experiment file or run folder")->required();
  command->add_option("--listen", args->listen, "HOST:PORT to listen on (port 0: any free one)")
      ->capture_default_str();
  command->add_option("--token-file", args->token_file,
                      "file whose first line is the token every Hello must carry");
  command->add_option("--trials", args->trials, "number of trials (overrides the experiment)")
      ->check(at_least("--trials", 1));
  command->add_option("--seed", args->seed, "master seed (overrides the experiment)")
      ->check(unsigned_64("--seed"));
  command
      ->add_option("--tick-timeout-ms", args->tick_timeout_ms,
                   "per-tick deadline for Actions in milliseconds (0: none; the idle timeout "
                   "bounds the wait)")
      ->check(in_range("--tick-timeout-ms", 0, 3600000));
  command->add_option("--out", args->out, "output folder (default: out/<experiment id>-served)");
  command->add_option("--clients", args->clients, "clients to wait for before the first trial")
      ->check(in_range("--clients", 0, 100000))
      ->capture_default_str();
  command
      ->add_option("--start-wait", args->start_wait_s,
                   "seconds to wait for --clients before the first trial")
      ->check(in_range("--start-wait", 0, 86400))
      ->capture_default_str();
  command
      ->add_option("--wait", args->wait_s,
                   "seconds a trial waits for a disconnected client to come back (0: its agents "
                   "fall back to their built-in rules at once)")
      ->check(in_range("--wait", 0, 86400))
      ->capture_default_str();
  command->add_option("--max-clients", args->max_clients, "connections open at once")
      ->check(in_range("--max-clients", 1, 100000))
      ->capture_default_str();
  command->add_option("--max-frame-bytes", args->max_frame_bytes, "longest frame accepted")
      ->check(in_range("--max-frame-bytes", 16, std::int64_t{1} << 30))
      ->capture_default_str();
  command->add_option("--rate", args->rate, "frames per second a connection may send")
      ->check(in_range("--rate", 1, 1000000))
      ->capture_default_str();
  command
      ->add_option("--handshake-timeout-ms", args->handshake_timeout_ms,
                   "time a connection has to send its Hello")
      ->check(in_range("--handshake-timeout-ms", 1, 3600000))
      ->capture_default_str();
  command
      ->add_option("--idle-timeout-ms", args->idle_timeout_ms,
                   "time a client that owes an Action may stay silent")
      ->check(in_range("--idle-timeout-ms", 1, 86400000))
      ->capture_default_str();
  command->add_flag("--force", args->force, kForceHelp);
  command->callback([&action, args] { action = [args] { return serve(*args); }; });
}

}  // namespace reesim::app
