#include "report/report_folder.h"

#include <cstdlib>
#include <limits>
#include <sstream>

#include "experiment/errors.h"
#include "experiment/result_folder.h"
#include "report/report.h"
#include "results/atomic_file.h"

namespace reesim::report {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSensitivityFile = "sensitivity.csv";
constexpr const char* kSensitivityHeader = "metric,parameter,index,estimate,low,high";

// The fields of one CSV line (RFC 4180: quoted fields may hold commas and doubled quotes).
std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

bool parse_number(const std::string& text, double& value) {
  if (text == "NA") {
    value = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  if (text.empty()) return false;
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

void add_sensitivity(ReportInput& input, const fs::path& dir) {
  const Results& results = *input.results;
  if (!results.manifest().experiment().has_sweep()) return;
  const fs::path file = dir / kSensitivityFile;
  const auto text = experiment::read_bytes(file);
  experiment::SensitivityReport report;
  report.design = results.manifest().experiment().sweep().design();
  if (text) {
    report.rows = parse_sensitivity_csv(*text, file.string());
    if (report.design == DESIGN_SALTELLI) {
      try {  // the replicate noise is not in sensitivity.csv: measured from the trials
        report.noise = experiment::analyze_sweep(results, dir.string(), 0).noise;
      } catch (const experiment::InputError&) {
        // a sweep analyze refuses has no noise to show; its indices come from the file as they are
      }
    }
    input.sensitivity_note = "From " + file.string() + " (written by reesim analyze).";
    input.sensitivity = std::move(report);
    return;
  }
  const Design design = results.manifest().experiment().sweep().design();
  if (design != DESIGN_SALTELLI && design != DESIGN_MORRIS) {
    input.sensitivity_note =
        "None: sensitivity indices need a DESIGN_SALTELLI or DESIGN_MORRIS "
        "sweep; this one is " +
        Design_Name(design) +
        ". The main effects below show each "
        "parameter's effect.";
    return;
  }
  try {
    input.sensitivity = experiment::analyze_sweep(results, dir.string());
    input.sensitivity_note =
        "Computed as reesim analyze does (" + dir.string() + " holds no sensitivity.csv): " +
        (design == DESIGN_SALTELLI ? "first-order and total Sobol indices with 95 % bootstrap "
                                     "intervals."
                                   : "Morris mu* and sigma of the elementary effects per full "
                                     "range of each parameter (no intervals).");
  } catch (const experiment::InputError& e) {
    input.sensitivity_note = std::string("None: ") + e.what();
  }
}

}  // namespace

std::vector<experiment::SensitivityRow> parse_sensitivity_csv(const std::string& text,
                                                              const std::string& file) {
  std::istringstream in(text);
  std::string line;
  if (!std::getline(in, line) || line != kSensitivityHeader)
    throw experiment::InputError(file + ":1: the header is not '" +
                                 std::string(kSensitivityHeader) + "'");
  std::vector<experiment::SensitivityRow> rows;
  int number = 1;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    const std::vector<std::string> f = csv_fields(line);
    experiment::SensitivityRow row;
    if (f.size() != 6 || !parse_number(f[3], row.estimate) || !parse_number(f[4], row.low) ||
        !parse_number(f[5], row.high))
      throw experiment::InputError(file + ":" + std::to_string(number) +
                                   ": expected metric,parameter,index and three numbers (or NA)");
    row.metric = f[0];
    row.parameter = f[1];
    row.index = f[2];
    rows.push_back(std::move(row));
  }
  return rows;
}

void write_report(const fs::path& dir, const fs::path& out) {
  const Results results = experiment::read_result_folder(dir);
  ReportInput input;
  input.results = &results;
  input.folder = dir.string();
  add_sensitivity(input, dir);
  results::AtomicFile file(out);
  file.stream() << render_report(input);
  file.commit();
}

}  // namespace reesim::report
