#include "sweep/sensitivity.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>

#include "sweep/random_bits.h"

namespace reesim::sweep {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

std::string kind_name(reesim::Design kind) {
  return reesim::Design_IsValid(kind) ? reesim::Design_Name(kind) : std::to_string(kind);
}

void check_design(const SweepDesign& design, reesim::Design wanted, std::size_t rows_per_base,
                  std::size_t outputs, const char* function) {
  const std::string where = std::string(function) + ": ";
  if (design.kind != wanted)
    throw std::invalid_argument(where + "needs a " + kind_name(wanted) + " design, not " +
                                kind_name(design.kind));
  if (design.dimensions == 0 || design.base == 0 || design.size() != design.base * rows_per_base ||
      design.values.size() != design.size())
    throw std::invalid_argument(where + "the design's size " + std::to_string(design.size()) +
                                " does not match its layout (base " + std::to_string(design.base) +
                                ", " + std::to_string(design.dimensions) + " parameters)");
  for (const auto& row : design.unit)
    if (row.size() != design.dimensions)
      throw std::invalid_argument(where + "a design row does not have " +
                                  std::to_string(design.dimensions) + " coordinates");
  if (outputs != design.size())
    throw std::invalid_argument(where + "got " + std::to_string(outputs) + " outputs for " +
                                std::to_string(design.size()) + " design points");
}

// The type 7 quantile of Hyndman and Fan (1996), as results::quantile_type7: `sorted` ascending,
// non-empty, `level` in [0, 1].
double quantile_type7(const std::vector<double>& sorted, double level) {
  const double h = static_cast<double>(sorted.size() - 1) * level;
  const auto low = static_cast<std::size_t>(std::floor(h));
  const std::size_t high = std::min(low + 1, sorted.size() - 1);
  return sorted[low] + (h - std::floor(h)) * (sorted[high] - sorted[low]);
}

// Sobol estimators over the base rows `rows` (indices into 0..N-1, repeats allowed) of a Saltelli
// design with k parameters; writes S_i into first[i] and ST_i into total[i], returns V.
double saltelli_estimates(std::span<const double> y, std::size_t k,
                          const std::vector<std::size_t>& rows, std::vector<double>& first,
                          std::vector<double>& total) {
  const std::size_t stride = k + 2;
  const auto n = static_cast<double>(rows.size());
  // Two passes for V: the deviations from the mean, not E[y^2] - E[y]^2, which cancels.
  double sum = 0;
  for (const std::size_t j : rows)
    sum += y[j * stride] + y[j * stride + 1];
  const double mean = sum / (2 * n);
  double squares = 0;
  for (const std::size_t j : rows) {
    const double a = y[j * stride] - mean;
    const double b = y[j * stride + 1] - mean;
    squares += a * a + b * b;
  }
  const double variance = squares / (2 * n);
  for (std::size_t i = 0; i < k; ++i) {
    double s = 0;
    double st = 0;
    for (const std::size_t j : rows) {
      const double fa = y[j * stride];
      const double fb = y[j * stride + 1];
      const double fab = y[j * stride + 2 + i];
      s += (fb - mean) * (fab - fa);
      st += (fa - fab) * (fa - fab);
    }
    first[i] = s / n / variance;
    total[i] = st / n / 2 / variance;
  }
  return variance;
}

// The percentile interval of `samples` (NaNs dropped) at `confidence`; NaN when none is left.
std::pair<double, double> percentile_interval(std::vector<double> samples, double confidence) {
  std::erase_if(samples, [](double x) { return std::isnan(x); });
  if (samples.empty()) return {kNan, kNan};
  std::sort(samples.begin(), samples.end());
  const double tail = (1 - confidence) / 2;
  return {quantile_type7(samples, tail), quantile_type7(samples, 1 - tail)};
}

}  // namespace

SobolIndices sobol_indices(const SweepDesign& design, std::span<const double> y, int bootstrap,
                           double confidence, std::uint64_t seed) {
  check_design(design, reesim::DESIGN_SALTELLI, design.dimensions + 2, y.size(), "sobol_indices");
  if (bootstrap < 0)
    throw std::invalid_argument("sobol_indices: bootstrap must not be negative, got " +
                                std::to_string(bootstrap));
  if (!(confidence > 0 && confidence < 1))
    throw std::invalid_argument("sobol_indices: confidence must be in (0, 1), got " +
                                std::to_string(confidence));
  const std::size_t k = design.dimensions;
  const std::size_t n = design.base;

  std::vector<std::size_t> rows(n);
  for (std::size_t j = 0; j < n; ++j)
    rows[j] = j;
  std::vector<double> first(k);
  std::vector<double> total(k);
  SobolIndices indices;
  indices.variance = saltelli_estimates(y, k, rows, first, total);
  indices.first.resize(k);
  indices.total.resize(k);
  for (std::size_t i = 0; i < k; ++i) {
    indices.first[i] = {first[i], kNan, kNan};
    indices.total[i] = {total[i], kNan, kNan};
  }
  if (bootstrap == 0) return indices;

  // Resample whole base rows: A_j, B_j and the AB_j^(i) stay together, as the estimators pair them.
  const auto resamples = static_cast<std::size_t>(bootstrap);
  std::vector<std::vector<double>> first_samples(k, std::vector<double>(resamples));
  std::vector<std::vector<double>> total_samples(k, std::vector<double>(resamples));
  std::mt19937_64 rng(seed);
  for (std::size_t b = 0; b < resamples; ++b) {
    for (std::size_t j = 0; j < n; ++j)
      rows[j] = detail::uniform_below(rng, n);
    saltelli_estimates(y, k, rows, first, total);
    for (std::size_t i = 0; i < k; ++i) {
      first_samples[i][b] = first[i];
      total_samples[i][b] = total[i];
    }
  }
  for (std::size_t i = 0; i < k; ++i) {
    std::tie(indices.first[i].low, indices.first[i].high) =
        percentile_interval(std::move(first_samples[i]), confidence);
    std::tie(indices.total[i].low, indices.total[i].high) =
        percentile_interval(std::move(total_samples[i]), confidence);
  }
  return indices;
}

MorrisIndices morris_indices(const SweepDesign& design, std::span<const double> y) {
  check_design(design, reesim::DESIGN_MORRIS, design.dimensions + 1, y.size(), "morris_indices");
  const std::size_t k = design.dimensions;
  std::vector<std::vector<double>> effects(k);
  for (std::size_t t = 0; t < design.base; ++t) {
    for (std::size_t m = 0; m < k; ++m) {
      const std::size_t from = t * (k + 1) + m;
      const std::size_t to = from + 1;
      std::size_t changed = k;
      std::size_t count = 0;
      for (std::size_t i = 0; i < k; ++i) {
        if (design.unit[to][i] != design.unit[from][i]) {
          changed = i;
          ++count;
        }
      }
      if (count != 1)
        throw std::invalid_argument("morris_indices: design row " + std::to_string(to) +
                                    " differs from row " + std::to_string(from) + " in " +
                                    std::to_string(count) +
                                    " parameters; a Morris trajectory changes one per step");
      const double delta = design.unit[to][changed] - design.unit[from][changed];
      effects[changed].push_back((y[to] - y[from]) / delta);
    }
  }

  MorrisIndices indices;
  indices.mu.resize(k);
  indices.mu_star.resize(k);
  indices.sigma.resize(k);
  for (std::size_t i = 0; i < k; ++i) {
    const auto& ee = effects[i];
    const auto n = static_cast<double>(ee.size());
    double sum = 0;
    double sum_abs = 0;
    for (const double e : ee) {
      sum += e;
      sum_abs += std::abs(e);
    }
    const double mean = sum / n;
    double squares = 0;
    for (const double e : ee)
      squares += (e - mean) * (e - mean);
    indices.mu[i] = mean;
    indices.mu_star[i] = sum_abs / n;
    indices.sigma[i] = ee.size() > 1 ? std::sqrt(squares / (n - 1)) : kNan;
  }
  return indices;
}

}  // namespace reesim::sweep
