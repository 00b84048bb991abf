#include "results/aggregates.h"

#include <stdexcept>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "results/statistics.h"

namespace reesim::results {

void fill_scalar_aggregates(Results& results) {
  const int scalars = results.scalar_names_size();
  const int trials = results.trials_size();
  Eigen::MatrixXd matrix(trials, scalars);
  for (int t = 0; t < trials; ++t) {
    const TrialResult& trial = results.trials(t);
    if (trial.scalars_size() != scalars)
      throw std::invalid_argument("trial " + std::to_string(trial.trial()) + " of point " +
                                  std::to_string(trial.point()) + " has " +
                                  std::to_string(trial.scalars_size()) + " scalars for " +
                                  std::to_string(scalars) + " names");
    for (int s = 0; s < scalars; ++s)
      matrix(t, s) = trial.scalars(s);
  }
  results.clear_summary();
  std::vector<double> column(static_cast<std::size_t>(trials));
  for (int s = 0; s < scalars; ++s) {
    for (int t = 0; t < trials; ++t)
      column[static_cast<std::size_t>(t)] = matrix(t, s);
    *results.add_summary() = summarize_scalar(results.scalar_names(s), column);
  }
  const Eigen::MatrixXd cov = covariance(matrix);
  results.clear_scalar_covariance();
  results.mutable_scalar_covariance()->Reserve(scalars * scalars);
  for (int i = 0; i < scalars; ++i)
    for (int j = 0; j < scalars; ++j)
      results.add_scalar_covariance(cov(i, j));
}

}  // namespace reesim::results
