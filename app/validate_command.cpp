#include <filesystem>
#include <iostream>

#include "app/commands.h"
#include "config/input_file.h"
#include "config/validate.h"
#include "experiment/plan.h"

namespace reesim::app {

void add_validate_command(CLI::App& app, Action& run) {
  auto* command = app.add_subcommand(
      "validate",
      "Check scenario and experiment files; every problem is printed on stderr as\n"
      "'file:line:col: message' (syntax) or 'file: field.path: message' (meaning).\n"
      "Files are protobuf text format with a '# proto-message: reesim.Scenario' or\n"
      "'# proto-message: reesim.Experiment' header line, or JSON named *scenario*.json or\n"
      "*experiment*.json (or, when the name says neither, an experiment if it names a scenario).\n"
      "A run folder (a folder holding experiment.textproto) stands for its experiment, which is\n"
      "checked with its scenario. An experiment's scenario is checked with it. Files over " +
          std::to_string(config::kMaxInputBytes >> 20) + " MiB, nested deeper than " +
          std::to_string(config::kMaxNesting) +
          " levels, binary, or not regular files are refused.\n"
          "Exit 0 when every file is valid, 2 otherwise.");
  auto files = std::make_shared<std::vector<std::string>>();
  command->add_option("FILE", *files, "scenario or experiment files, or run folders")->required();
  command->callback([&run, files] {
    run = [files] {
      // A run folder stands for its experiment; any other folder is refused by the loader.
      for (std::string& file : *files) {
        std::error_code error;
        const std::string experiment = experiment::experiment_file(file);
        if (std::filesystem::is_directory(file, error) &&
            std::filesystem::is_regular_file(experiment, error))
          file = experiment;
      }
      config::Diagnostics diagnostics;
      const bool ok = config::validate_files(*files, diagnostics);
      diagnostics.print(std::cerr);
      if (ok) {
        for (const std::string& file : *files)
          std::cout << file << ": ok\n";
        return kExitOk;
      }
      std::cerr << diagnostics.size() << (diagnostics.size() == 1 ? " error\n" : " errors\n");
      return kExitBadInput;
    };
  });
}

}  // namespace reesim::app
