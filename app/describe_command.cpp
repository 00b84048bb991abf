// reesim describe: the catalogue of what a scenario can say, generated from the registrations
// (DESIGN §2 "Components", §5).
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "app/catalogue_entries.h"
#include "app/catalogue_format.h"
#include "app/commands.h"
#include "config/suggest.h"

namespace reesim::app {
namespace {

struct DescribeArgs {
  std::string name;
  std::string format = "text";
};

int describe(const DescribeArgs& args) {
  const Catalogue all = whole_catalogue();
  Catalogue shown = all;
  if (!args.name.empty()) {
    shown = select_entries(all, args.name);
    if (is_empty(shown)) {
      const std::vector<std::string> names = every_name(all);
      const std::string near = config::suggest(args.name, {names.begin(), names.end()}, false);
      std::cerr << "reesim describe: '" << args.name << "' is not in the catalogue"
                << (near.empty() ? "; 'reesim describe' lists every name" : near) << '\n';
      return kExitBadInput;
    }
  }
  if (args.format == "json")
    std::cout << format_json(shown);
  else if (args.format == "markdown")
    std::cout << format_markdown(shown);
  else
    std::cout << (args.name.empty() ? format_index(all) : format_text(shown));
  return kExitOk;
}

}  // namespace

void add_describe_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<DescribeArgs>();
  auto* command = app.add_subcommand(
      "describe",
      "What a scenario can say: agent and policy types, parameters, metric kinds, levers.");
  command->footer(
      "Without NAME, an index of the names: agent and policy types, model parameters, metric\n"
      "and scalar kinds. NAME is a type (miner, export_licensing), a model parameter\n"
      "(price_step), a metric or scalar kind, or a section (agents, policies, model, metrics,\n"
      "scalars, levers), printed in full: each parameter's unit, default, range, source and doc.\n"
      "A source is a calibration row ('cal §N'), 'prior' or '-'; an unbounded range ends in\n"
      "'inf'. 'levers' lists what a scenario's levers may let an external government move (reesim\n"
      "serve): each policy type's on/off switch and parameters, with units and the bounds a\n"
      "lever's min and max must lie in; a policy type is shown with its levers.\n"
      "An unknown NAME exits 2 naming the nearest names.\n"
      "--format json prints NAME's entries (without NAME, all of them) as one object:\n"
      "  {\"agent_types\": [{\"name\", \"doc\", \"params\": [{\"name\", \"unit\", \"default\", "
      "\"min\",\n"
      "   \"max\", \"source\", \"doc\"}]}], \"policy_types\": [...], \"model_params\": [{\"name\", "
      "...}],\n"
      "   \"metric_kinds\": [{\"name\", \"doc\"}], \"scalar_kinds\": [...],\n"
      "   \"levers\": [{\"policy_type\", \"param\", \"unit\", \"min\", \"max\", \"doc\"}]}\n"
      "with numbers as JSON numbers and an infinite bound as the string \"inf\". --format "
      "markdown\n"
      "prints the tables of docs/catalogue.md.");
  command->add_option("NAME", args->name, "a type, model parameter, kind or section");
  command->add_option("--format", args->format, "text (default), json or markdown")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  command->callback([&action, args] { action = [args] { return describe(*args); }; });
}

}  // namespace reesim::app
