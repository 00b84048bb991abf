// Loads scenario and experiment files: protobuf text format with a
// `# proto-message: reesim.Scenario` (or `reesim.Experiment`) header line, or JSON. Every
// problem becomes a diagnostic naming the file and the place. Thread-safe (no shared state).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/diagnostics.h"
#include "experiment.pb.h"
#include "scenario.pb.h"

namespace reesim::config {

enum class DocumentKind { kScenario, kExperiment };

// The full protobuf name of a kind, e.g. "reesim.Scenario".
[[nodiscard]] const char* kind_name(DocumentKind kind);

// A parsed file.
struct Document {
  DocumentKind kind = DocumentKind::kScenario;
  std::string path;
  std::string bytes;  // the file as read, for its SHA-256 in run manifests
  std::unique_ptr<google::protobuf::Message> message;  // a Scenario or an Experiment
};

// Reads and parses `path`; nullopt with diagnostics when the file is refused or malformed.
[[nodiscard]] std::optional<Document> load_document(const std::string& path,
                                                    Diagnostics& diagnostics);

// Loads `path`, requires it to be a scenario and resolves its includes (config/includes.h):
// the merged scenario, not yet validated.
[[nodiscard]] std::optional<Scenario> load_scenario(const std::string& path,
                                                    Diagnostics& diagnostics);

// Loads `path` and requires it to be an experiment.
[[nodiscard]] std::optional<Experiment> load_experiment(const std::string& path,
                                                        Diagnostics& diagnostics);

// A file of policies to add to a scenario (`reesim run --add-policy FILE`): one Policy message
// in text format (header line `# proto-message: reesim.Policy`, or none) or JSON, or a scenario
// fragment holding only `policies { ... }` (header `# proto-message: reesim.Scenario`).
struct PolicyFile {
  std::string path;
  std::string bytes;  // the file as read, for its SHA-256 in run manifests
  std::vector<Policy> policies;
  bool fragment = false;  // a scenario fragment, whose policies are `policies[i]` in it
};

// Reads and parses a policy file; nullopt with diagnostics (file and place) otherwise.
[[nodiscard]] std::optional<PolicyFile> load_policy_file(const std::string& path,
                                                         Diagnostics& diagnostics);

}  // namespace reesim::config
