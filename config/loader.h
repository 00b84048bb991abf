// Loads scenario and experiment files: protobuf text format with a
// `# proto-message: reesim.Scenario` (or `reesim.Experiment`) header line, or JSON. Every
// problem becomes a diagnostic naming the file and the place. Thread-safe (no shared state).
#pragma once

#include <memory>
#include <optional>
#include <string>

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

// Loads `path` and requires it to be a scenario.
[[nodiscard]] std::optional<Scenario> load_scenario(const std::string& path,
                                                    Diagnostics& diagnostics);

// Loads `path` and requires it to be an experiment.
[[nodiscard]] std::optional<Experiment> load_experiment(const std::string& path,
                                                        Diagnostics& diagnostics);

}  // namespace reesim::config
