#include "experiment/checks.h"

#include <cmath>

namespace reesim::experiment {

CheckOutcome evaluate_check(const Check& check, const Results& results) {
  CheckOutcome out;
  for (const ScalarSummary& s : results.summary()) {
    if (s.scalar() != check.scalar()) continue;
    out.measured = check.statistic() == STATISTIC_MEAN ? s.mean() : s.p50();
    break;
  }
  out.pass =
      std::isfinite(out.measured) && out.measured >= check.min() && out.measured <= check.max();
  return out;
}

std::string statistic_name(const Check& check) {
  return check.statistic() == STATISTIC_MEAN ? "mean" : "median";
}

}  // namespace reesim::experiment
