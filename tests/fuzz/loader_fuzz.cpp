// Fuzz target: the scenario and experiment loader (config/loader.h) on any bytes, as text format
// or JSON, then validation of whatever it accepts. Every input must end in a document or in
// diagnostics: a crash, a sanitizer report, a leak or an exception is a finding. Includes are not
// followed (the input would name files of this machine).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <google/protobuf/stubs/logging.h>

#include "config/loader.h"
#include "config/validate.h"
#include "scratch_folder.h"

namespace {

const reesim::fuzz::ScratchFolder& scratch() {
  static const reesim::fuzz::ScratchFolder folder("loader");
  return folder;
}

// The quick-start scenario, against which an experiment's references are checked.
const reesim::Scenario& quickstart() {
  static const reesim::Scenario scenario = [] {
    reesim::config::Diagnostics diagnostics;
    auto loaded = reesim::config::load_scenario(
        REESIM_SOURCE_DIR "/runs/quickstart-2024/scenario.textproto", diagnostics);
    if (!loaded) __builtin_trap();
    return *loaded;
  }();
  return scenario;
}

}  // namespace

// Protobuf's parse errors on stderr would drown the fuzzer's own lines; the reader's verdict is
// what is checked.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace reesim::config;
  // The file name says neither scenario nor experiment, so a JSON file's kind is read from its
  // content and a text file's from its header line.
  const std::string path =
      scratch()
          .write("input", std::string_view(reinterpret_cast<const char*>(data), size))
          .string();
  Diagnostics diagnostics;
  const auto document = load_document(path, diagnostics);
  if (!document) {
    if (diagnostics.empty()) __builtin_trap();  // refused without saying why
    return 0;
  }
  if (document->kind == DocumentKind::kScenario) {
    validate_scenario(static_cast<const reesim::Scenario&>(*document->message), path, diagnostics);
  } else {
    const auto& experiment = static_cast<const reesim::Experiment&>(*document->message);
    validate_experiment(experiment, path, &quickstart(), diagnostics);
    (void)size_problem(experiment);
    (void)recorded_quantiles(experiment);
  }
  return 0;
}
