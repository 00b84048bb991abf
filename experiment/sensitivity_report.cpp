#include "experiment/sensitivity_report.h"

#include <bit>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

#include "experiment/errors.h"
#include "results/csv_format.h"
#include "sweep/design.h"
#include "sweep/sensitivity.h"

namespace reesim::experiment {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

std::string number_text(double value) {
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

// The design the result was run on, checked against the trials' stored swept values.
sweep::SweepDesign checked_design(const Results& results, const std::string& folder) {
  const RunManifest& manifest = results.manifest();
  const Sweep& sweep = manifest.experiment().sweep();
  sweep::SweepDesign design;
  try {
    design = sweep::make_design(sweep, manifest.seed());
  } catch (const std::invalid_argument& e) {
    throw InputError(folder + ": manifest.textproto: experiment." + e.what());
  }
  const auto points = static_cast<std::int64_t>(design.size());
  const std::int64_t replicates = manifest.trials();
  const std::string file = folder + "/results.pb";
  if (replicates < 1 || results.trials_size() != points * replicates)
    throw InputError(file + ": holds " + std::to_string(results.trials_size()) +
                     " trials, the sweep has " + std::to_string(points) + " points x " +
                     std::to_string(replicates) + " replicates");
  const int k = sweep.parameters_size();
  if (results.parameter_names_size() < k)
    throw InputError(file + ": names fewer parameters than the sweep's " + std::to_string(k));
  for (int i = 0; i < k; ++i)
    if (results.parameter_names(i) != sweep.parameters(i).path())
      throw InputError(file + ": parameter " + std::to_string(i) + " is '" +
                       results.parameter_names(i) + "', the sweep's is '" +
                       sweep.parameters(i).path() + "'");
  for (int t = 0; t < results.trials_size(); ++t) {
    const TrialResult& trial = results.trials(t);
    const std::int64_t point = t / replicates;
    if (trial.point() != point || trial.trial() != t % replicates)
      throw InputError(file + ": trial " + std::to_string(t) + " is trial " +
                       std::to_string(trial.trial()) + " of point " +
                       std::to_string(trial.point()) + ", expected trial " +
                       std::to_string(t % replicates) + " of point " + std::to_string(point));
    const auto& values = design.values[static_cast<std::size_t>(point)];
    for (int i = 0; i < k; ++i) {
      const double stored = i < trial.parameters_size() ? trial.parameters(i) : kNan;
      const double designed = values[static_cast<std::size_t>(i)];
      if (std::bit_cast<std::uint64_t>(stored) != std::bit_cast<std::uint64_t>(designed))
        throw InputError(file + ": point " + std::to_string(point) + "'s value of " +
                         sweep.parameters(i).path() + " is " + number_text(stored) +
                         ", the design regenerated from the manifest gives " +
                         number_text(designed));
    }
  }
  return design;
}

// The output of scalar `s` at every point: the mean of its replicates; empty with `why` set when
// a trial is NaN.
std::vector<double> point_means(const Results& results, int s, std::int64_t replicates,
                                std::string& why) {
  std::vector<double> y;
  std::int64_t nans = 0;
  std::string first_nan;
  const auto points = results.trials_size() / replicates;
  y.reserve(static_cast<std::size_t>(points));
  for (std::int64_t p = 0; p < points; ++p) {
    double sum = 0;
    for (std::int64_t r = 0; r < replicates; ++r) {
      const TrialResult& trial = results.trials(static_cast<int>(p * replicates + r));
      const double value = trial.scalars(s);
      if (std::isnan(value) && nans++ == 0)
        first_nan = "point " + std::to_string(p) + ", trial " + std::to_string(r);
      sum += value;
    }
    y.push_back(sum / static_cast<double>(replicates));
  }
  if (nans > 0) {
    why = std::to_string(nans) + " of " + std::to_string(results.trials_size()) +
          " trials are NaN (first: " + first_nan +
          "); its output at a point must be the mean of every replicate";
    return {};
  }
  return y;
}

// The replicate noise of scalar `s` (see ReplicateNoise), `y` its point means.
ReplicateNoise replicate_noise(const Results& results, int s, std::int64_t replicates,
                               const std::vector<double>& y) {
  ReplicateNoise noise;
  noise.metric = results.scalar_names(s);
  const auto points = static_cast<std::int64_t>(y.size());
  double grand = 0;
  for (const double value : y)
    grand += value;
  grand /= static_cast<double>(points);
  for (const double value : y)
    noise.point_variance += (value - grand) * (value - grand);
  noise.point_variance /= static_cast<double>(points);
  if (replicates < 2 || points < 2) {
    noise.trial_variance = noise.noise_variance = kNan;
    return noise;
  }
  const std::int64_t a = replicates / 2;
  const std::int64_t b = replicates - a;
  std::vector<double> halves;  // first half's mean minus the second's, per point
  halves.reserve(y.size());
  for (std::int64_t p = 0; p < points; ++p) {
    double within = 0;
    double first = 0;
    double second = 0;
    for (std::int64_t r = 0; r < replicates; ++r) {
      const double value = results.trials(static_cast<int>(p * replicates + r)).scalars(s);
      const double off = value - y[static_cast<std::size_t>(p)];
      within += off * off;
      (r < a ? first : second) += value;
    }
    noise.trial_variance += within / static_cast<double>(replicates - 1);
    halves.push_back(first / static_cast<double>(a) - second / static_cast<double>(b));
  }
  noise.trial_variance /= static_cast<double>(points);
  double mean = 0;
  for (const double d : halves)
    mean += d;
  mean /= static_cast<double>(points);
  double spread = 0;
  for (const double d : halves)
    spread += (d - mean) * (d - mean);
  spread /= static_cast<double>(points - 1);
  const double halves_factor = 1.0 / static_cast<double>(a) + 1.0 / static_cast<double>(b);
  noise.noise_variance = spread / (static_cast<double>(replicates) * halves_factor);
  return noise;
}

bool constant(const std::vector<double>& y) {
  for (const double value : y)
    if (value != y.front()) return false;
  return true;
}

}  // namespace

SensitivityReport analyze_sweep(const Results& results, const std::string& folder, int bootstrap) {
  const RunManifest& manifest = results.manifest();
  if (!manifest.experiment().has_sweep())
    throw InputError(folder + ": is not a sweep's result (its experiment has no sweep)");
  if (manifest.shard() != "1/1")
    throw InputError(folder + ": is shard " + manifest.shard() +
                     " of a sweep; merge the shards first (reesim merge DIR... --out DIR)");
  const Design kind = manifest.experiment().sweep().design();
  if (kind != DESIGN_SALTELLI && kind != DESIGN_MORRIS)
    throw InputError(folder + ": analyze needs a DESIGN_SALTELLI or DESIGN_MORRIS sweep; this " +
                     "one is " + Design_Name(kind));
  const sweep::SweepDesign design = checked_design(results, folder);

  SensitivityReport report;
  report.design = kind;
  report.points = static_cast<std::int64_t>(design.size());
  report.replicates = manifest.trials();
  const Sweep& sweep = manifest.experiment().sweep();
  for (int s = 0; s < results.scalar_names_size(); ++s) {
    const std::string& metric = results.scalar_names(s);
    std::string why;
    const std::vector<double> y = point_means(results, s, report.replicates, why);
    if (y.empty() && !why.empty()) {
      report.skipped.push_back(metric + ": " + why);
      continue;
    }
    if (kind == DESIGN_SALTELLI && !constant(y))
      report.noise.push_back(replicate_noise(results, s, report.replicates, y));
    const auto add = [&](int i, const char* index, double estimate, double low, double high) {
      report.rows.push_back({metric, sweep.parameters(i).path(), index, estimate, low, high});
    };
    if (kind == DESIGN_SALTELLI) {
      if (constant(y)) {
        report.skipped.push_back(metric + ": constant over the design (no variance to apportion)");
        continue;
      }
      const sweep::SobolIndices indices =
          sweep::sobol_indices(design, y, bootstrap, kConfidence, manifest.seed());
      for (int i = 0; i < sweep.parameters_size(); ++i) {
        const sweep::Interval& first = indices.first[static_cast<std::size_t>(i)];
        const sweep::Interval& total = indices.total[static_cast<std::size_t>(i)];
        add(i, "first", first.estimate, first.low, first.high);
        add(i, "total", total.estimate, total.low, total.high);
      }
    } else {
      const sweep::MorrisIndices indices = sweep::morris_indices(design, y);
      for (int i = 0; i < sweep.parameters_size(); ++i) {
        const auto at = static_cast<std::size_t>(i);
        add(i, "mu", indices.mu[at], kNan, kNan);
        add(i, "mu_star", indices.mu_star[at], kNan, kNan);
        add(i, "sigma", indices.sigma[at], kNan, kNan);
      }
    }
  }
  return report;
}

std::string sensitivity_csv(const SensitivityReport& report) {
  std::string csv = "metric,parameter,index,estimate,low,high\n";
  for (const SensitivityRow& row : report.rows) {
    csv += results::csv_field(row.metric);
    csv += ',';
    csv += results::csv_field(row.parameter);
    csv += ',';
    csv += row.index;
    for (const double value : {row.estimate, row.low, row.high}) {
      csv += ',';
      results::append_number(csv, value);
    }
    csv += '\n';
  }
  return csv;
}

}  // namespace reesim::experiment
