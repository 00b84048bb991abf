// reesim analyze: Sobol or Morris sensitivity indices of a finished sweep (DESIGN §5).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/commands.h"
#include "experiment/errors.h"
#include "experiment/result_folder.h"
#include "experiment/sensitivity_report.h"
#include "report/report.h"
#include "results/atomic_file.h"
#include "results/run_folder.h"
#include "results/units.h"
#include "results/writers.h"

namespace reesim::app {
namespace {

namespace fs = std::filesystem;

std::string number_text(double value) {
  if (std::isnan(value)) return "NA";
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", value);
  return text;
}

// A Sobol index's flag: "outside" when its whole interval lies outside [0, 1] (an index is a
// share of variance: the estimate is noise), "unresolved" when the interval is wider than
// report::kUnresolvedWidth; empty otherwise and for Morris statistics.
std::string flag_of(const experiment::SensitivityRow& row) {
  if (!report::index_unresolved(row)) return "";
  return row.high < 0 || row.low > 1 ? "outside" : "unresolved";
}

// Prints `table` aligned: its first `text_columns` columns and its last (a flag) left-aligned,
// the numbers between them right-aligned; no trailing spaces.
void print_aligned(const std::vector<std::vector<std::string>>& table, std::size_t text_columns) {
  std::vector<std::size_t> width(table.front().size(), 0);
  for (const auto& line : table)
    for (std::size_t c = 0; c < line.size(); ++c)
      width[c] = std::max(width[c], line[c].size());
  for (const auto& line : table) {
    std::string text;
    for (std::size_t c = 0; c < line.size(); ++c) {
      const std::string pad(width[c] - line[c].size(), ' ');
      text += c == 0 ? "" : "  ";
      text += c < text_columns || c + 1 == line.size() ? line[c] + (c + 1 < line.size() ? pad : "")
                                                       : pad + line[c];
    }
    while (!text.empty() && text.back() == ' ')
      text.pop_back();
    std::cout << text << '\n';
  }
}

// The rows as an aligned table: text columns left-aligned, numbers right-aligned.
void print_table(const experiment::SensitivityReport& report) {
  std::vector<std::vector<std::string>> table = {
      {"metric", "parameter", "index", "estimate", "low", "high", "flag"}};
  for (const experiment::SensitivityRow& row : report.rows)
    table.push_back({row.metric, row.parameter, row.index, number_text(row.estimate),
                     number_text(row.low), number_text(row.high), flag_of(row)});
  print_aligned(table, 3);
}

// One warning line on stderr when Sobol indices are unresolved: how many, and how many points
// would narrow the widest interval to report::kUnresolvedWidth (an interval narrows as one over
// the square root of the points).
void warn_unresolved(const std::string& folder, const experiment::SensitivityReport& report) {
  int sobol = 0;
  int unresolved = 0;
  int outside = 0;
  const experiment::SensitivityRow* widest = nullptr;
  for (const experiment::SensitivityRow& row : report.rows) {
    if (row.index != "first" && row.index != "total") continue;
    ++sobol;
    const std::string flag = flag_of(row);
    if (flag.empty()) continue;
    ++unresolved;
    outside += flag == "outside";
    if (std::isfinite(row.high - row.low) &&
        (widest == nullptr || row.high - row.low > widest->high - widest->low))
      widest = &row;
  }
  if (unresolved == 0) return;
  std::cerr << "reesim analyze: " << folder << ": warning: " << unresolved << " of " << sobol
            << " Sobol indices unresolved (" << outside
            << " with the whole 95 % interval outside [0, 1], the rest wider than "
            << report::kUnresolvedWidth << "): do not read them as estimates";
  if (widest != nullptr) {
    const double width = widest->high - widest->low;
    const double scale = width / report::kUnresolvedWidth;
    const auto needed = static_cast<std::int64_t>(std::ceil(report.points * scale * scale));
    std::cerr << "; the widest (" << widest->metric << ", " << widest->parameter << ", "
              << widest->index << ", " << number_text(width) << ") needs about " << needed
              << " points, against " << report.points << " now";
  }
  std::cerr << '\n';
}

// The replicate noise of each analyzed metric as an aligned table: its unit (as results.pb
// carries it; "-" when unknown), the within-point variance of one trial, the point-to-point noise
// in a point mean, the variance between point means (all three in the square of the unit), and
// the noise's share of it, flagged "noisy" above experiment::kNoisyShare.
void print_noise(const experiment::SensitivityReport& report, const Results& results) {
  std::vector<std::vector<std::string>> table = {
      {"metric", "unit", "trial_var", "noise_var", "point_var", "noise_share", "flag"}};
  for (const experiment::ReplicateNoise& noise : report.noise) {
    const std::string unit = results::scalar_unit(results, noise.metric);
    table.push_back({noise.metric, unit.empty() ? "-" : unit, number_text(noise.trial_variance),
                     number_text(noise.noise_variance), number_text(noise.point_variance),
                     number_text(noise.share()),
                     noise.share() > experiment::kNoisyShare ? "noisy" : ""});
  }
  std::cout << "replicate noise (noise_share: the share of the variance between point means that "
               "is replicate noise; the variances in the square of the metric's unit)\n";
  print_aligned(table, 2);
}

// One warning line on stderr when some metrics' point means are noisy: how many, the noisiest,
// and the replicates that would bring its share under experiment::kNoisyShare (the noise in a
// point mean falls as one over the replicates).
void warn_noisy(const std::string& folder, const experiment::SensitivityReport& report) {
  int noisy = 0;
  const experiment::ReplicateNoise* worst = nullptr;
  for (const experiment::ReplicateNoise& noise : report.noise) {
    if (!(noise.share() > experiment::kNoisyShare)) continue;
    ++noisy;
    if (worst == nullptr || noise.share() > worst->share()) worst = &noise;
  }
  if (worst == nullptr) return;
  const double share = worst->share();
  // With R' replicates the noise becomes share * R / R' of a point variance that loses the
  // same amount: share' = s R / (R' (1 - s) + s R).
  const double r = static_cast<double>(report.replicates);
  const double needed = std::ceil(share * r * (1 - experiment::kNoisyShare) /
                                  (experiment::kNoisyShare * std::max(1e-12, 1 - share)));
  std::cerr << "reesim analyze: " << folder << ": warning: the point means of " << noisy << " of "
            << report.noise.size() << " metrics are more than " << experiment::kNoisyShare
            << " replicate noise, which each of their total indices counts as an effect; the "
            << "noisiest (" << worst->metric << ", " << number_text(share) << ") ";
  if (share < 1)
    std::cerr << "needs about " << static_cast<std::int64_t>(needed) << " replicates, against "
              << report.replicates << " now, or a less noisy metric\n";
  else
    std::cerr << "is all noise: analyze a less noisy metric\n";
}

int analyze(const std::string& folder) {
  std::optional<results::FolderLock> lock;  // no run replaces the folder while we read and write
  try {
    std::error_code error;
    if (fs::is_directory(folder, error)) lock.emplace(folder);
  } catch (const results::FolderRefused& e) {
    std::cerr << "reesim analyze: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "reesim analyze: " << e.what() << '\n';
    return kExitFailed;
  }
  experiment::SensitivityReport report;
  Results results;
  try {
    results = experiment::read_result_folder(folder);
    report = experiment::analyze_sweep(results, folder);
  } catch (const experiment::InputError& e) {
    std::cerr << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "reesim analyze: " << folder << ": " << e.what() << '\n';
    return kExitFailed;
  }
  for (const std::string& skipped : report.skipped)
    std::cerr << "reesim analyze: " << folder << ": skipped scalar " << skipped << '\n';
  const fs::path file = fs::path(folder) / results::kSensitivityFile;
  try {
    results::write_file_atomically(file, experiment::sensitivity_csv(report));
  } catch (const std::exception& e) {
    std::cerr << "reesim analyze: " << e.what() << '\n';
    return kExitFailed;
  }
  std::cout << Design_Name(report.design) << ": " << report.points << " points x "
            << report.replicates << " replicates; each metric's output at a point is the mean "
            << "of its replicates\n";
  print_table(report);
  if (!report.noise.empty()) print_noise(report, results);
  warn_unresolved(folder, report);
  warn_noisy(folder, report);
  std::cout << "sensitivity: " << file.string() << '\n';
  return kExitOk;
}

}  // namespace

void add_analyze_command(CLI::App& app, Action& action) {
  auto folder = std::make_shared<std::string>();
  auto* command = app.add_subcommand(
      "analyze", "Sobol (Saltelli design) or Morris sensitivity indices of a finished sweep.");
  command->footer(
      "DIR is the output folder of a whole sweep ('reesim sweep' without shards, or 'reesim\n"
      "merge'). The design is regenerated from the manifest's sweep and seed and checked against\n"
      "the stored point values. For each scalar, the output at a point is the mean over its\n"
      "replicates; a scalar with a NaN trial (or, for Sobol, constant over the design) is skipped\n"
      "with the reason on stderr.\n"
      "DESIGN_SALTELLI: first-order and total Sobol indices (Saltelli 2010, Jansen 1999), with 95 "
      "%\n"
      "bootstrap percentile intervals over 1000 resamples seeded by the sweep's seed.\n"
      "DESIGN_MORRIS: mu, mu_star and sigma of the elementary effects, per unit of each\n"
      "parameter's range (Morris 1991, Campolongo et al. 2007). Other designs: exit 2.\n"
      "Writes DIR/sensitivity.csv (metric,parameter,index,estimate,low,high; index is first,\n"
      "total, mu, mu_star or sigma; low and high NA for Morris) atomically and prints it as a\n"
      "table, Sobol indices flagged 'unresolved' (95 % interval wider than 0.2) or 'outside'\n"
      "(the whole interval outside [0, 1]).\n"
      "Then, for a Saltelli design, per metric, its unit (as results.pb carries it) and its\n"
      "replicate noise, in the square of that unit: trial_var, the variance of\n"
      "one trial within a point; noise_var, the noise left in a point mean from point to point\n"
      "(common random numbers cancel the rest), from the difference between the means of each\n"
      "point's two halves of replicates;\n"
      "point_var, the variance between point means; noise_share, noise_var / point_var, flagged\n"
      "'noisy' above 0.1 (each total index counts that share of noise as an effect). Warnings on\n"
      "stderr give the points or replicates needed.");
  command->add_option("DIR", *folder, "output folder of a whole sweep")->required();
  command->callback([&action, folder] { action = [folder] { return analyze(*folder); }; });
}

}  // namespace reesim::app
