// reesim: agent-based Monte Carlo simulator of the rare-earth supply chain under geopolitics.
#include <google/protobuf/stubs/logging.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <algorithm>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "app/commands.h"
#include "config/suggest.h"
#include "core/version.h"

namespace {

// libprotobuf's own log lines ("[libprotobuf ERROR ...]") never reach the user: reesim checks
// every message it reads and reports what is wrong in its own words. A fatal one is a bug in
// reesim, said as such.
void protobuf_log(google::protobuf::LogLevel level, const char* file, int line,
                  const std::string& message) {
  if (level == google::protobuf::LOGLEVEL_FATAL)
    std::cerr << "reesim: internal error: " << message << " (" << file << ':' << line << ")\n";
}

// When the first argument is meant as a command (it is not an option) but names none: the line
// that says so, with the nearest command names; empty otherwise.
std::string unknown_command(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return {};
  const std::string_view name = argv[1];
  std::vector<std::string_view> names;
  for (const CLI::App* command : app.get_subcommands({}))
    names.push_back(command->get_name());
  if (std::find(names.begin(), names.end(), name) != names.end()) return {};
  return "reesim: unknown command '" + std::string(name) + "'" +
         reesim::config::suggest(name, names, true);
}

// Each trial allocates its world's state and frees it at the end, and the next trial on that
// thread allocates the same blocks again. The C library's defaults hand large blocks back to the
// system at each free (mapped separately, or trimmed off the top of the heap), so that every
// trial touches fresh pages again: for a 10,000-agent world about 4,100 page faults a trial, a
// twentieth of its time (bench/README.md, "bench scale"). Kept instead, they serve the
// next trial; the peak memory is the same.
void keep_freed_memory() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // the most it allows: blocks up to 32 MiB from the heap
  mallopt(M_TRIM_THRESHOLD, 1 << 30);   // never trims less than 1 GiB off the top
#endif
}

}  // namespace

int main(int argc, char** argv) {
  using namespace reesim::app;
  keep_freed_memory();
  google::protobuf::SetLogHandler(&protobuf_log);
  CLI::App app{
      "reesim: agent-based Monte Carlo simulator of the rare-earth supply chain under "
      "geopolitics.\n"
      "Exit codes: 0 ok, 1 a run failed, 2 bad input or usage.",
      "reesim"};
  app.set_version_flag("--version",
                       std::string(reesim::kVersion) + " (" + reesim::kGitCommit + ")");
  app.require_subcommand(1);
  app.fallthrough(false);

  Action action;
  add_validate_command(app, action);
  add_run_command(app, action);
  add_check_command(app, action);
  add_sweep_command(app, action);
  add_merge_command(app, action);
  add_analyze_command(app, action);
  add_reproduce_command(app, action);
  add_describe_command(app, action);
  add_report_command(app, action);
  add_serve_command(app, action);
  add_bench_command(app, action);

  if (const std::string unknown = unknown_command(app, argc, argv); !unknown.empty()) {
    std::cerr << unknown << '\n';
    return kExitBadInput;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "reesim: " << e.what() << "\nRun 'reesim --help' or 'reesim COMMAND --help'.\n";
    return kExitBadInput;
  }
  return action ? action() : kExitBadInput;
}
