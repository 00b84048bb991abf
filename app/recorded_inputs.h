// The SHA-256 of a run folder's inputs as recorded by scripts/record-digests.sh, for `reesim
// reproduce` (DESIGN §4, §5): its own experiment and scenario files (expected_inputs) and the files
// its scenario includes (expected_includes), so that a digest that differs is told to come from
// changed inputs or from a changed model. Reads files; thread-safe.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "experiment/plan.h"

namespace reesim::app {

// One line per file, "<64 hex>  PATH" (as sha256sum writes it, so `sha256sum -c` checks it from
// the folder): the experiment file, then the scenario file the experiment names, PATH relative to
// the folder.
inline constexpr std::string_view kExpectedInputsFile = "expected_inputs";
// One line per included file, PATH as in RunManifest.included_files (relative to the scenario's
// folder).
inline constexpr std::string_view kExpectedIncludesFile = "expected_includes";

// Whether a folder's inputs are those recorded, and which are not.
struct InputChanges {
  // Each input whose SHA-256 differs from its record, or that is not recorded, or recorded but
  // no longer read, in words: "scenario.textproto (sha256 NEW, recorded OLD in F)".
  std::vector<std::string> changed;
  // False when the folder records no SHA-256 of some of its inputs (no expected_inputs, or an
  // included scenario without expected_includes): unchanged inputs are then not proved.
  bool complete = true;
  // A line on stderr was printed for a malformed record.
  bool malformed = false;
};

// Compares the SHA-256 of `plan`'s experiment, scenario and included files with `folder`'s
// records, printing one line on stdout for each included file that changed (before the run, as
// an included file may change without changing results).
[[nodiscard]] InputChanges compare_recorded_inputs(const std::filesystem::path& folder,
                                                   const experiment::Plan& plan);

// The line that says why a digest differs: "inputs changed: ..." naming each changed input,
// "model changed: ..." when every input is as recorded, or a note that the folder records too
// little to tell.
[[nodiscard]] std::string mismatch_cause(const std::filesystem::path& folder,
                                         const InputChanges& changes);

}  // namespace reesim::app
