// Fuzz target: the `--set field.path=value` parser (config/field_path.h) on the quick-start
// scenario and experiment. An input is one assignment; whatever it sets, a refusal must leave the
// message unchanged, and a scenario it changes must still go through validation.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <google/protobuf/util/message_differencer.h>

#include <google/protobuf/stubs/logging.h>

#include "config/field_path.h"
#include "config/loader.h"
#include "config/validate.h"

namespace {

struct Base {
  reesim::Scenario scenario;
  reesim::Experiment experiment;
};

const Base& base() {
  static const Base loaded = [] {
    reesim::config::Diagnostics diagnostics;
    const std::string folder = REESIM_SOURCE_DIR "/runs/quickstart-2024/";
    auto scenario = reesim::config::load_scenario(folder + "scenario.textproto", diagnostics);
    auto experiment = reesim::config::load_experiment(folder + "experiment.textproto", diagnostics);
    if (!scenario || !experiment) __builtin_trap();
    return Base{*scenario, *experiment};
  }();
  return loaded;
}

// Applies the assignment to a copy of `original`; a refusal must leave the copy as it was.
using google::protobuf::util::MessageDifferencer;

template <typename Message>
bool apply(const Message& original, const std::string& path, const std::string& value,
           Message& changed) {
  changed = original;
  if (!reesim::config::apply_override(changed, path, value)) return true;
  if (!MessageDifferencer::Equals(changed, original)) __builtin_trap();
  return false;
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
  const std::string input(reinterpret_cast<const char*>(data), size);
  const auto assignment = split_assignment(input);
  if (!assignment) return 0;
  const auto& [path, value] = *assignment;

  reesim::Scenario scenario;
  if (apply(base().scenario, path, value, scenario)) {
    Diagnostics diagnostics;
    validate_scenario(scenario, "fuzz", diagnostics);
  }
  reesim::Experiment experiment;
  if (apply(base().experiment, path, value, experiment)) {
    Diagnostics diagnostics;
    validate_experiment(experiment, "fuzz", &base().scenario, diagnostics);
  }

  // The same path as a sweep point: a number.
  char* end = nullptr;
  const double number = std::strtod(value.c_str(), &end);
  if (end != value.c_str()) {
    reesim::Scenario swept = base().scenario;
    if (apply_number(swept, path, number) && !MessageDifferencer::Equals(swept, base().scenario))
      __builtin_trap();  // refused, yet changed
  }
  return 0;
}
