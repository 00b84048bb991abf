#include "experiment/output_selection.h"

#include <algorithm>
#include <utility>

namespace reesim::experiment {
namespace {

template <typename T>
std::vector<T> kept(std::vector<T>& values, const std::vector<std::size_t>& at) {
  std::vector<T> out;
  out.reserve(at.size());
  for (const std::size_t i : at)
    out.push_back(std::move(values[i]));
  return out;
}

}  // namespace

OutputSelection::OutputSelection(const world::World& world, const Outputs& outputs)
    : all_(outputs.metrics().empty()) {
  const auto& wanted = outputs.metrics();
  const auto keep = [&](const std::string& id) {
    return all_ || std::find(wanted.begin(), wanted.end(), id) != wanted.end();
  };
  std::size_t scalar = 0;
  std::size_t series = 0;
  for (const Metric& m : world.scenario().metrics()) {
    for (const Scalar& s : m.scalars()) {
      if (keep(m.id())) {
        scalars_.push_back(scalar);
        scalar_names_.push_back(s.id());
      }
      ++scalar;
    }
    if (m.series()) {
      if (keep(m.id())) {
        series_.push_back(series);
        series_names_.push_back(m.id());
      }
      ++series;
    }
  }
}

void OutputSelection::apply(sim::TrialOutput& output) const {
  if (all_) return;
  output.scalars = kept(output.scalars, scalars_);
  output.series = kept(output.series, series_);
}

}  // namespace reesim::experiment
