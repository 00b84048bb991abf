// Writing the report of a finished run folder (report.h) to a file: `reesim report DIR`, and the
// `--report` of run, sweep, check and merge. Thread-safe (no shared state).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "experiment/sensitivity_report.h"

namespace reesim::report {

// The report's default file name inside the folder.
inline constexpr const char* kReportFile = "report.html";

// Reads `dir` as experiment::read_result_folder does (a complete folder whose digest matches its
// results.pb) and, for a sweep, its sensitivity indices: DIR/sensitivity.csv when `reesim
// analyze` wrote one, else computed as `reesim analyze` would for a whole Saltelli or Morris
// sweep (other designs and shards get a note instead). Renders the page and writes it to `out`
// atomically. Throws experiment::InputError (a bad folder or sensitivity.csv, one line naming
// it) or std::runtime_error (the file cannot be written).
void write_report(const std::filesystem::path& dir, const std::filesystem::path& out);

// The rows of a sensitivity.csv (header `metric,parameter,index,estimate,low,high`, RFC 4180
// fields, NA for NaN). Throws experiment::InputError naming `file` and the line when the header
// or a row does not fit.
[[nodiscard]] std::vector<experiment::SensitivityRow> parse_sensitivity_csv(
    const std::string& text, const std::string& file);

}  // namespace reesim::report
