#include "sweep/design.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <utility>

#include <boost/random/sobol.hpp>

#include "core/detmath.h"
#include "sweep/random_bits.h"

namespace reesim::sweep {
namespace {

using Rows = std::vector<std::vector<double>>;

// Morris levels when a parameter gives neither `levels` nor `values` (Campolongo et al. 2007 use
// p = 4).
constexpr std::size_t kDefaultMorrisLevels = 4;

constexpr std::size_t kMaxSobolDimensions = boost::random::default_sobol_table::max_dimension;

std::string design_name(reesim::Design kind) {
  return reesim::Design_IsValid(kind) ? reesim::Design_Name(kind) : std::to_string(kind);
}

std::string at(const std::string& field, int index) {
  return field + "[" + std::to_string(index) + "]";
}

// 0, 1, ..., n-1 in a random order (Fisher-Yates).
std::vector<std::size_t> permutation(std::mt19937_64& rng, std::size_t n) {
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i)
    order[i] = i;
  for (std::size_t i = n; i > 1; --i)
    std::swap(order[i - 1], order[detail::uniform_below(rng, i)]);
  return order;
}

// Points along one axis of a grid: the values given, else `levels`.
std::size_t grid_levels(const reesim::SweepParameter& p) {
  if (!p.values().empty()) return static_cast<std::size_t>(p.values_size());
  return static_cast<std::size_t>(std::max(p.levels(), 0));
}

// Morris's p for one parameter: `levels`, else the number of values, else the default.
std::size_t morris_levels(const reesim::SweepParameter& p) {
  if (p.levels() != 0) return static_cast<std::size_t>(std::max(p.levels(), 0));
  if (!p.values().empty()) return static_cast<std::size_t>(p.values_size());
  return kDefaultMorrisLevels;
}

// a * b; 0 with `overflow` set when that exceeds kMaxDesignPoints.
std::size_t capped_product(std::size_t a, std::size_t b, bool& overflow) {
  if (b != 0 && a > kMaxDesignPoints / b) {
    overflow = true;
    return 0;
  }
  return a * b;
}

// Number of points the design would have; `overflow` set when more than kMaxDesignPoints.
std::size_t design_size(const reesim::Sweep& sweep, bool& overflow) {
  const auto k = static_cast<std::size_t>(sweep.parameters_size());
  const auto points = static_cast<std::size_t>(std::max<std::int64_t>(sweep.points(), 0));
  switch (sweep.design()) {
    case reesim::DESIGN_GRID: {
      std::size_t size = 1;
      for (const auto& p : sweep.parameters())
        size = capped_product(size, grid_levels(p), overflow);
      return size;
    }
    case reesim::DESIGN_SALTELLI:
      return capped_product(points, k + 2, overflow);
    case reesim::DESIGN_MORRIS:
      return capped_product(points, k + 1, overflow);
    default:
      if (points > kMaxDesignPoints) overflow = true;
      return points;
  }
}

void check_parameter(const reesim::Sweep& sweep, int index, std::vector<std::string>& problems) {
  const reesim::SweepParameter& p = sweep.parameters(index);
  const std::string here = at("parameters", index);
  const std::string kind = design_name(sweep.design());
  if (p.levels() < 0) problems.push_back(here + ".levels: must not be negative");
  if (!p.values().empty()) {
    for (int j = 0; j < p.values_size(); ++j)
      if (!std::isfinite(p.values(j)))
        problems.push_back(at(here + ".values", j) + ": must be finite");
  } else {
    if (!std::isfinite(p.min())) problems.push_back(here + ".min: must be finite");
    if (!std::isfinite(p.max())) problems.push_back(here + ".max: must be finite");
    if (p.max() < p.min()) problems.push_back(here + ".max: must be >= min");
    if (p.log_scale() && !(p.min() > 0))
      problems.push_back(here + ".min: must be > 0 on a log scale");
    if (sweep.design() == reesim::DESIGN_GRID && p.levels() < 2)
      problems.push_back(here + ".levels: must be >= 2 for DESIGN_GRID");
  }
  if (sweep.design() == reesim::DESIGN_MORRIS) {
    const std::size_t levels = morris_levels(p);
    if (levels < 2 || levels % 2 != 0) {
      const bool from_values = p.levels() == 0 && !p.values().empty();
      problems.push_back(here + (from_values ? ".values" : ".levels") +
                         ": DESIGN_MORRIS needs an even number of levels >= 2 (levels, else the "
                         "number of values, else 4); got " +
                         std::to_string(levels));
    }
  }
}

// The first n points of the d-dimensional Sobol sequence as boost::random::sobol yields them
// (starting at (1/2, ..., 1/2)); each 64-bit coordinate keeps its top 53 bits, exact for the
// first 2^53 points.
Rows sobol_points(std::size_t n, std::size_t d) {
  boost::random::sobol engine(d);
  Rows rows(n, std::vector<double>(d));
  for (auto& row : rows)
    for (double& u : row)
      u = static_cast<double>(engine() >> 11) * 0x1.0p-53;
  return rows;
}

Rows grid_unit(const reesim::Sweep& sweep, std::size_t size) {
  const auto k = static_cast<std::size_t>(sweep.parameters_size());
  std::vector<std::size_t> levels(k);
  for (std::size_t i = 0; i < k; ++i)
    levels[i] = grid_levels(sweep.parameters(static_cast<int>(i)));
  Rows rows(size, std::vector<double>(k));
  std::vector<std::size_t> index(k, 0);  // an odometer, the last digit fastest
  for (auto& row : rows) {
    for (std::size_t i = 0; i < k; ++i)
      row[i] =
          levels[i] == 1 ? 0.0 : static_cast<double>(index[i]) / static_cast<double>(levels[i] - 1);
    for (std::size_t i = k; i-- > 0;) {
      if (++index[i] < levels[i]) break;
      index[i] = 0;
    }
  }
  return rows;
}

Rows lhs_unit(std::size_t n, std::size_t k, std::mt19937_64& rng) {
  Rows rows(n, std::vector<double>(k));
  const auto strata = static_cast<double>(n);
  for (std::size_t i = 0; i < k; ++i) {
    const std::vector<std::size_t> stratum = permutation(rng, n);
    for (std::size_t j = 0; j < n; ++j) {
      const auto s = static_cast<double>(stratum[j]);
      double u = (s + detail::unit_double(rng)) / strata;
      // Rounding may carry a jitter just below 1 into the next stratum; keep it in its own.
      while (u > 0 && std::floor(u * strata) > s)
        u = std::nextafter(u, 0.0);
      rows[j][i] = u;
    }
  }
  return rows;
}

Rows saltelli_unit(std::size_t n, std::size_t k) {
  const Rows sobol = sobol_points(n, 2 * k);
  Rows rows;
  rows.reserve(n * (k + 2));
  for (const auto& point : sobol) {
    const std::vector<double> a(point.begin(), point.begin() + static_cast<std::ptrdiff_t>(k));
    const std::vector<double> b(point.begin() + static_cast<std::ptrdiff_t>(k), point.end());
    rows.push_back(a);
    rows.push_back(b);
    for (std::size_t i = 0; i < k; ++i) {
      rows.push_back(a);
      rows.back()[i] = b[i];
    }
  }
  return rows;
}

// Morris trajectories on integer level indices, so every coordinate is exactly level / (p - 1).
// Per trajectory the draws are: for each parameter its start and its direction, then the order.
Rows morris_unit(const reesim::Sweep& sweep, std::size_t r, std::mt19937_64& rng) {
  const auto k = static_cast<std::size_t>(sweep.parameters_size());
  std::vector<std::size_t> levels(k);
  for (std::size_t i = 0; i < k; ++i)
    levels[i] = morris_levels(sweep.parameters(static_cast<int>(i)));
  Rows rows;
  rows.reserve(r * (k + 1));
  std::vector<std::size_t> level(k);
  std::vector<bool> up(k);
  for (std::size_t t = 0; t < r; ++t) {
    for (std::size_t i = 0; i < k; ++i) {
      // delta = p/(2(p-1)) is p/2 grid steps; the lower end of the step is one of the first p/2
      // levels, so both ends lie on the grid.
      const std::size_t jump = levels[i] / 2;
      const std::size_t low = detail::uniform_below(rng, jump);
      up[i] = (rng() >> 63) != 0;
      level[i] = up[i] ? low : low + jump;
    }
    const std::vector<std::size_t> order = permutation(rng, k);
    auto emit = [&] {
      std::vector<double> row(k);
      for (std::size_t i = 0; i < k; ++i)
        row[i] = static_cast<double>(level[i]) / static_cast<double>(levels[i] - 1);
      rows.push_back(std::move(row));
    };
    emit();
    for (const std::size_t i : order) {
      const std::size_t jump = levels[i] / 2;
      level[i] = up[i] ? level[i] + jump : level[i] - jump;
      emit();
    }
  }
  return rows;
}

}  // namespace

std::vector<std::string> design_problems(const reesim::Sweep& sweep) {
  std::vector<std::string> problems;
  const reesim::Design kind = sweep.design();
  const bool known = kind == reesim::DESIGN_GRID || kind == reesim::DESIGN_LHS ||
                     kind == reesim::DESIGN_SOBOL || kind == reesim::DESIGN_SALTELLI ||
                     kind == reesim::DESIGN_MORRIS;
  if (!known)
    problems.push_back(
        "design: must be DESIGN_GRID, DESIGN_LHS, DESIGN_SOBOL, DESIGN_SALTELLI or "
        "DESIGN_MORRIS, not " +
        design_name(kind));
  if (sweep.parameters().empty())
    problems.push_back("parameters: a sweep needs at least one parameter");
  if (known && kind != reesim::DESIGN_GRID && sweep.points() < 1)
    problems.push_back("points: must be >= 1 for " + design_name(kind));
  if (sweep.replicates() < 0) problems.push_back("replicates: must not be negative");
  for (int i = 0; i < sweep.parameters_size(); ++i)
    check_parameter(sweep, i, problems);

  const auto k = static_cast<std::size_t>(sweep.parameters_size());
  const std::size_t sobol_dimensions = kind == reesim::DESIGN_SALTELLI ? 2 * k : k;
  if ((kind == reesim::DESIGN_SOBOL || kind == reesim::DESIGN_SALTELLI) &&
      sobol_dimensions > kMaxSobolDimensions)
    problems.push_back("parameters: " + design_name(kind) + " needs " +
                       std::to_string(sobol_dimensions) + " Sobol dimensions, more than the " +
                       std::to_string(kMaxSobolDimensions) + " available");
  bool overflow = false;
  if (known) (void)design_size(sweep, overflow);
  if (overflow)
    problems.push_back(std::string(kind == reesim::DESIGN_GRID ? "parameters" : "points") +
                       ": the design would have more than " + std::to_string(kMaxDesignPoints) +
                       " points");
  return problems;
}

std::size_t design_points(const reesim::Sweep& sweep) {
  if (!design_problems(sweep).empty()) return 0;
  bool overflow = false;
  const std::size_t size = design_size(sweep, overflow);
  return overflow ? 0 : size;
}

SweepDesign make_design(const reesim::Sweep& sweep, std::uint64_t seed) {
  if (const auto problems = design_problems(sweep); !problems.empty())
    throw std::invalid_argument("sweep: " + problems.front());
  bool overflow = false;
  const std::size_t size = design_size(sweep, overflow);
  const auto k = static_cast<std::size_t>(sweep.parameters_size());
  const auto points = static_cast<std::size_t>(sweep.points());

  SweepDesign design;
  design.kind = sweep.design();
  design.dimensions = k;
  std::mt19937_64 rng(seed);
  switch (sweep.design()) {
    case reesim::DESIGN_GRID:
      design.base = size;
      design.unit = grid_unit(sweep, size);
      break;
    case reesim::DESIGN_LHS:
      design.base = points;
      design.unit = lhs_unit(points, k, rng);
      break;
    case reesim::DESIGN_SOBOL:
      design.base = points;
      design.unit = sobol_points(points, k);
      break;
    case reesim::DESIGN_SALTELLI:
      design.base = points;
      design.unit = saltelli_unit(points, k);
      break;
    case reesim::DESIGN_MORRIS:
      design.base = points;
      design.unit = morris_unit(sweep, points, rng);
      break;
    default:
      break;  // refused by design_problems()
  }

  design.values.reserve(design.unit.size());
  for (const auto& row : design.unit) {
    std::vector<double> values(k);
    for (std::size_t i = 0; i < k; ++i)
      values[i] = parameter_value(sweep.parameters(static_cast<int>(i)), row[i]);
    design.values.push_back(std::move(values));
  }
  return design;
}

double parameter_value(const reesim::SweepParameter& parameter, double u) {
  if (!parameter.values().empty()) {
    const auto n = static_cast<double>(parameter.values_size());
    const double index = std::clamp(std::floor(u * n), 0.0, n - 1);
    return parameter.values(static_cast<int>(index));
  }
  const double min = parameter.min();
  const double max = parameter.max();
  if (u <= 0) return min;
  if (u >= 1) return max;
  if (parameter.log_scale()) {
    const double log_min = detmath::log(min);
    return detmath::exp(log_min + u * (detmath::log(max) - log_min));
  }
  return min + u * (max - min);
}

}  // namespace reesim::sweep
