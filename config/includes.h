// Scenarios that build on other scenario files (proto/scenario.proto: Scenario.include and
// remove): a file is the merge of the files it includes, in order, with its own content applied
// by id. The merged scenario remembers where each part was written (ScenarioOrigins), so that a
// problem found in it is reported at the file and field path that hold it, as for a single file.
// Thread-safe (no shared state).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/diagnostics.h"
#include "config/loader.h"
#include "scenario.pb.h"

namespace reesim::config {

// Longest chain of includes accepted (a.textproto -> b.textproto -> ...), the scenario file
// itself counted.
inline constexpr int kMaxIncludeDepth = 16;

// Where an element of a merged scenario's list was written.
struct Origin {
  std::string file;
  int index = 0;  // in that file's list; -1 when the file is the element (an --add-policy Policy)
};

// Where each part of a merged scenario was written.
struct ScenarioOrigins {
  std::string file;  // the scenario file: where anything not listed below was written
  // "id", "title", "description", "calendar": the file that set it, when an included one did.
  std::map<std::string, std::string, std::less<>> singular;
  // "commodities", ..., "metrics", "model.params": one origin per element of the merged list.
  std::map<std::string, std::vector<Origin>, std::less<>> lists;

  // The file and field path where `field`, a field path into the merged scenario such as
  // "policies[41].params[0].value", was written, e.g. {"variant.textproto", "policies[0]..."}.
  [[nodiscard]] std::pair<std::string, std::string> locate(const std::string& field) const;

  // Adds each diagnostic of `found` (about the merged scenario) to `into` at the file and field
  // where it was written, `suffix` appended to the file name (e.g. " (with overrides)"). With
  // `merged`, the merged scenario, an agent or policy is named by its id, as --set names it
  // ("policies[cn_ban].enacted_by"), not by its place in its file's list.
  void relocate(const Diagnostics& found, const std::string& suffix, Diagnostics& into,
                const Scenario* merged = nullptr) const;
};

// A file read to build a scenario besides the scenario file itself.
struct SourceFile {
  std::string path;         // as resolved: relative to the working folder, or absolute
  std::string included_by;  // resolved path of the file whose include first named it, or
                            // "--add-policy"
  std::string bytes;        // as read, for its SHA-256 in run manifests
};

// A scenario file with its includes resolved.
struct ResolvedScenario {
  std::string path;                  // the scenario file
  std::string bytes;                 // the file as read
  Scenario scenario;                 // merged, without include and remove; not yet validated
  std::vector<SourceFile> included;  // every other file read, each once, in the order first read
  ScenarioOrigins origins;
};

// Loads the scenario file `path` and resolves its includes, recursively: each include is
// resolved against the folder of the file naming it; the included files are merged in order
// (singular fields: the later one wins; listed elements by id, the same id from two different
// files being an error unless the including file defines or removes it); then the file's
// `remove` ids are dropped (an id not included is an error) and its own content applied (an id
// already included replaces that element in place, a new one is appended). Refuses, at the
// including file's `include[i]` and naming the chain "a.textproto -> b.textproto -> ...", a
// missing file, an include cycle, and chains longer than kMaxIncludeDepth; an included file with
// errors is refused after its own diagnostics. Nullopt with diagnostics on any error.
[[nodiscard]] std::optional<ResolvedScenario> resolve_scenario(const std::string& path,
                                                               Diagnostics& diagnostics);

// As above, for a scenario document already loaded.
[[nodiscard]] std::optional<ResolvedScenario> resolve_scenario(Document document,
                                                               Diagnostics& diagnostics);

// Adds the policies of `file` (an --add-policy file) to `resolved`: a policy whose id is already
// there replaces it in place, a new one is appended. The file joins `resolved.included`.
void add_policies(ResolvedScenario& resolved, const PolicyFile& file);

// Validates `scenario`, a merged scenario (its lists laid out as `origins` describes: overrides
// applied, but no element added or removed), reporting each problem at the file and field where
// it was written, `suffix` appended to the file name. Returns true when clean.
bool validate_resolved(const Scenario& scenario, const ScenarioOrigins& origins,
                       const std::string& suffix, Diagnostics& diagnostics);

// `field` of `scenario` ("policies[2].params[0].value") with a leading "agents[k]" or
// "policies[k]" replaced by that element's id ("policies[ban].params[0].value"), as
// validate_resolved reports them; unchanged when the element has no id.
[[nodiscard]] std::string field_named_by_id(const Scenario& scenario, const std::string& field);

}  // namespace reesim::config
