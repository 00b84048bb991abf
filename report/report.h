// `reesim report`: one self-contained HTML page about a finished run folder (DESIGN §5): what was
// run (the manifest), a fan chart per recorded series with a few trials' paths, the scalar summary
// with confidence intervals, the calibration and series checks against their bands and, for a
// sweep, its points, main effects and sensitivity indices. No network: styles, the one script
// (which writes layout facts for the browser test into <pre id="layout-facts">) and every chart
// (inline SVG) are in the page. Every string from the inputs is HTML-escaped. Pure functions;
// thread-safe.
#pragma once

#include <optional>
#include <string>

#include "experiment/sensitivity_report.h"
#include "results.pb.h"

namespace reesim::report {

// How many trials' own paths a fan chart draws over its bands (the first ones of point 0).
inline constexpr int kTrialPaths = 5;
// A Sobol index is flagged unresolved when its interval is wider than this.
inline constexpr double kUnresolvedWidth = 0.2;

struct ReportInput {
  const Results* results = nullptr;  // required; not owned
  std::string folder;                // shown as where the results came from
  // A sweep's sensitivity indices, when known; `sensitivity_note` says where they come from, or
  // why there are none.
  std::optional<experiment::SensitivityReport> sensitivity;
  std::string sensitivity_note;
};

// The whole page, UTF-8.
[[nodiscard]] std::string render_report(const ReportInput& input);

// Whether a Sobol index ("first" or "total") is not resolved by its run: its estimate is not
// finite, its interval is wider than kUnresolvedWidth, or the whole interval lies outside [0, 1].
// Morris statistics (no interval) are never flagged.
[[nodiscard]] bool index_unresolved(const experiment::SensitivityRow& row);

}  // namespace reesim::report
