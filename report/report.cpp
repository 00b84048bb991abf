#include "report/report.h"

#include <cmath>

#include "report/html.h"
#include "report/sections.h"

namespace reesim::report {
namespace {

// Styles of the page. Charts scale with their container (viewBox, width: 100%); tables scroll
// inside .table-wrap; long unbroken text (hashes, field paths) wraps, so the page itself never
// scrolls sideways, from phone width up.
constexpr const char* kStyle = R"css(
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;
  background:#fff;overflow-wrap:anywhere}
main{max-width:1200px;margin:0 auto;padding:12px 16px 40px}
h1{font-size:1.5rem;margin:.3em 0 .1em}
h2{font-size:1.2rem;border-bottom:1px solid #d0d7de;padding-bottom:4px;margin:1.8em 0 .6em}
h3{font-size:1rem;margin:1.2em 0 .4em}
nav{font-size:.9rem;display:flex;flex-wrap:wrap;gap:4px 14px;margin:.4em 0}
a{color:#0969da}
.lead{margin:.2em 0;color:#424a53}
.meta{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:3px 14px;margin:0}
.meta dt{font-weight:600;color:#57606a}
.meta dd{margin:0;min-width:0}
@media (max-width:600px){.meta{grid-template-columns:minmax(0,1fr)}.meta dd{margin-bottom:6px}}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.88em}
.table-wrap{overflow-x:auto;max-width:100%;margin:8px 0}
.table-wrap.tall{max-height:520px;overflow-y:auto}
table{border-collapse:collapse;font-size:.88rem}
th,td{padding:3px 8px;border-bottom:1px solid #eaeef2;text-align:left;white-space:nowrap;
  overflow-wrap:normal;vertical-align:middle}
th{background:#f6f8fa;position:sticky;top:0}
td.num{text-align:right;font-variant-numeric:tabular-nums}
td.wrap{white-space:normal;min-width:16em}
.pass{color:#1a7f37;font-weight:600}
.fail{color:#cf222e;font-weight:600}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,460px),1fr));gap:18px}
figure{margin:0;min-width:0}
figcaption{font-size:.9rem;margin-bottom:4px}
.unit{color:#57606a}
svg.chart{display:block;width:100%;height:auto}
svg.chart text{font-size:13px;fill:#424a53;font-family:system-ui,sans-serif}
svg.chart text.group{font-size:15px;fill:#1b1f24}
svg.band-chart{width:200px;max-width:none}
.grid{stroke:#e5e7eb;stroke-width:1}
.frame{fill:none;stroke:#9ca3af}
.tick{stroke:#9ca3af}
.band-0{fill:#c6dbef}.band-1{fill:#9ecae1}.band-2{fill:#6baed6}.band-3{fill:#4292c6}
.median{fill:none;stroke:#08519c;stroke-width:2}
.trial{fill:none;stroke:#d94801;stroke-width:.9;opacity:.75}
.dots circle{fill:#3182bd;opacity:.55}
.bar.s0{fill:#3182bd}.bar.s1{fill:#fd8d3c}.bar.s2{fill:#74c476}
.bar.warn{fill-opacity:.3;stroke:#cf222e;stroke-dasharray:3 2}
.whisker{stroke:#1b1f24;fill:none}
.target{fill:#a1d99b}
circle.pass,path.pass{fill:#1a7f37}
circle.fail,path.fail{fill:#cf222e}
.legend{font-size:.85rem;color:#57606a}
.swatch{display:inline-block;width:.9em;height:.9em;vertical-align:-.1em;margin-right:.3em}
.swatch.band-0{background:#c6dbef}.swatch.band-1{background:#9ecae1}.swatch.band-2{background:#6baed6}
.swatch.band-3{background:#4292c6}
.swatch.line{height:.2em;vertical-align:.2em}
.swatch.median{background:#08519c}.swatch.trial{background:#d94801}
.warning{border:1px solid #d4a72c;background:#fff8c5;padding:8px 12px;border-radius:6px;margin:8px 0}
.note{color:#57606a;font-size:.9rem}
details{margin:.6em 0}
summary{cursor:pointer;color:#57606a;font-size:.9rem}
footer{margin-top:2.5em;font-size:.85rem;color:#57606a}
#layout-facts{display:none}
)css";

// Writes what the browser test checks into <pre id="layout-facts">, as JSON: the viewport's and
// the page's widths and each chart's rendered size in CSS pixels.
constexpr const char* kScript = R"js(
(function () {
  var charts = Array.prototype.map.call(document.querySelectorAll('svg.chart'), function (svg) {
    var box = svg.getBoundingClientRect();
    return [Math.round(box.width * 10) / 10, Math.round(box.height * 10) / 10];
  });
  document.getElementById('layout-facts').textContent = JSON.stringify({
    innerWidth: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    charts: charts
  });
})();
)js";

std::string nav(const ReportInput& input) {
  const Results& r = *input.results;
  std::string out = "<nav><a href=\"#run\">What was run</a>";
  const Experiment& e = r.manifest().experiment();
  if (e.checks_size() + e.series_checks_size() > 0) out += "<a href=\"#checks\">Checks</a>";
  if (r.series_size() > 0) out += "<a href=\"#series\">Series</a>";
  out += "<a href=\"#summary\">Summary</a>";
  if (e.has_sweep()) out += "<a href=\"#sweep\">Sweep</a>";
  return out + "</nav>\n";
}

}  // namespace

bool index_unresolved(const experiment::SensitivityRow& row) {
  if (row.index != "first" && row.index != "total") return false;
  if (!std::isfinite(row.estimate)) return true;
  if (!std::isfinite(row.low) || !std::isfinite(row.high)) return false;
  return row.high - row.low > kUnresolvedWidth || row.high < 0 || row.low > 1;
}

std::string render_report(const ReportInput& input) {
  const Results& results = *input.results;
  const RunManifest& manifest = results.manifest();
  const std::string id = manifest.experiment().id();
  std::string page =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
      "<meta name=\"generator\" content=\"reesim " +
      escape_html(manifest.version()) + "\">\n<title>" + escape_html(id) +
      " - reesim report</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<main>\n";
  page += "<header><p class=\"note\">reesim report</p><h1>" + escape_html(id) + "</h1>\n";
  if (!manifest.experiment().description().empty())
    page += "<p class=\"lead\">" + escape_html(manifest.experiment().description()) + "</p>\n";
  page += nav(input) + "</header>\n";
  page += detail::manifest_section(results, input.folder);
  page += detail::checks_section(results);
  page += detail::series_section(results);
  page += detail::summary_section(results);
  page += detail::sweep_section(input);
  page += "<footer>Written by reesim " + escape_html(manifest.version()) + " from " +
          escape_html(input.folder) +
          ". The page loads nothing: its styles, charts (SVG) and one script are inline."
          "</footer>\n</main>\n<pre id=\"layout-facts\"></pre>\n<script>" +
          kScript + "</script>\n</body>\n</html>\n";
  return page;
}

namespace detail {

std::string section_open(const std::string& id, const std::string& title) {
  return "<section id=\"" + escape_html(id) + "\">\n<h2>" + escape_html(title) + "</h2>\n";
}

std::string figure(const std::string& caption_html, const std::string& svg) {
  return "<figure class=\"figure\"><figcaption>" + caption_html + "</figcaption>\n" + svg +
         "</figure>\n";
}

}  // namespace detail
}  // namespace reesim::report
