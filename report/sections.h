// The sections of the report page (report.h), each a piece of HTML from the results. Internal to
// the report module.
#pragma once

#include <string>

#include "report/report.h"

namespace reesim::report::detail {

// "What was run": experiment, scenario, seed, trials, build, digest, overrides, included files.
[[nodiscard]] std::string manifest_section(const Results& results, const std::string& folder);

// Calibration checks and series checks with pass/fail; empty when the experiment declares none.
[[nodiscard]] std::string checks_section(const Results& results);

// A fan chart per recorded series (metric and key); empty when there are no series.
[[nodiscard]] std::string series_section(const Results& results);

// The scalars' summary table.
[[nodiscard]] std::string summary_section(const Results& results);

// For a sweep: the design, sensitivity indices (bars and table, unresolved ones flagged), main
// effects and the points table; empty for a plain run.
[[nodiscard]] std::string sweep_section(const ReportInput& input);

// <section id="ID"><h2>TITLE</h2> ... (title escaped here).
[[nodiscard]] std::string section_open(const std::string& id, const std::string& title);

// A chart with its caption: <figure class="figure"><figcaption>...</figcaption>SVG</figure>
// (caption HTML as given).
[[nodiscard]] std::string figure(const std::string& caption_html, const std::string& svg);

}  // namespace reesim::report::detail
