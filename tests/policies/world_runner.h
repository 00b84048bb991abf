// Runs a small test world built from text-format pieces and reads its outputs by name, so that
// a test can compare the same trials with and without a policy (common random numbers: the same
// seed and trial index draw the same numbers for every agent in both worlds).
#pragma once

#include <google/protobuf/text_format.h>

#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "config/validate.h"
#include "sim/catalog.h"
#include "sim/trial.h"
#include "world/world.h"

namespace reesim::testing {

inline constexpr std::uint64_t kSeed = 20240101;

// The scenario made of `parts` merged in order (repeated fields append). Throws when a part does
// not parse or the whole does not validate, naming the problem.
inline Scenario scenario_of(std::initializer_list<std::string_view> parts) {
  Scenario scenario;
  for (const std::string_view part : parts)
    if (!google::protobuf::TextFormat::MergeFromString(std::string(part), &scenario))
      throw std::invalid_argument("a test world part does not parse:\n" + std::string(part));
  config::Diagnostics diagnostics;
  if (!config::validate_scenario(scenario, "test world", diagnostics)) {
    std::ostringstream text;
    diagnostics.print(text);
    throw std::invalid_argument("a test world does not validate:\n" + text.str());
  }
  return scenario;
}

// A world and the trials run on it so far (each trial runs once). Not thread-safe.
class WorldRunner {
 public:
  explicit WorldRunner(std::initializer_list<std::string_view> parts)
      : world_(std::make_unique<world::World>(scenario_of(parts), sim::catalog())),
        scalar_names_(sim::scalar_names(*world_)),
        series_names_(sim::series_names(*world_)) {}

  [[nodiscard]] const world::World& world() const { return *world_; }

  // Per-trial scalar `name` of trial `trial`.
  [[nodiscard]] double scalar(std::string_view name, std::uint64_t trial) {
    return output(trial).scalars.at(index_of(scalar_names_, name));
  }
  // The mean of scalar `name` over trials 0 .. trials-1.
  [[nodiscard]] double mean_scalar(std::string_view name, std::uint64_t trials) {
    double sum = 0;
    for (std::uint64_t t = 0; t < trials; ++t)
      sum += scalar(name, t);
    return sum / static_cast<double>(trials);
  }
  // Parameter `name` (World::sampled_parameters(), as trials.csv names it) drawn in `trial`.
  [[nodiscard]] double parameter(std::string_view name, std::uint64_t trial) {
    const auto& sampled = world_->sampled_parameters();
    for (std::size_t i = 0; i < sampled.size(); ++i)
      if (sampled[i].name == name) return output(trial).parameters.at(i);
    throw std::out_of_range("no parameter named \"" + std::string(name) + "\"");
  }
  // Weekly series of metric `name` (declared with `series: true`) in trial `trial`.
  [[nodiscard]] const std::vector<double>& series(std::string_view name, std::uint64_t trial) {
    return output(trial).series.at(index_of(series_names_, name));
  }
  // Series `name` of `output`, a trial of this world run elsewhere (with an external decider, say).
  [[nodiscard]] const std::vector<double>& series(const sim::TrialOutput& output,
                                                  std::string_view name) const {
    return output.series.at(index_of(series_names_, name));
  }
  // The tick of `date` (ISO 8601) on this world's calendar.
  [[nodiscard]] int tick_of(const std::string& date) const { return world_->tick_of(date, -1); }

 private:
  static std::size_t index_of(const std::vector<std::string>& names, std::string_view name) {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == name) return i;
    throw std::out_of_range("no output named \"" + std::string(name) + "\"");
  }
  const sim::TrialOutput& output(std::uint64_t trial) {
    auto it = runs_.find(trial);
    if (it == runs_.end()) it = runs_.emplace(trial, sim::run_trial(*world_, kSeed, trial)).first;
    return it->second;
  }

  std::unique_ptr<world::World> world_;
  std::vector<std::string> scalar_names_;
  std::vector<std::string> series_names_;
  std::map<std::uint64_t, sim::TrialOutput> runs_;
};

// Mean of `values` over ticks [from, to).
inline double window_mean(const std::vector<double>& values, int from, int to) {
  double sum = 0;
  int count = 0;
  for (int t = from; t < to && t < static_cast<int>(values.size()); ++t) {
    sum += values[static_cast<std::size_t>(t)];
    ++count;
  }
  return count ? sum / count : 0.0;
}

// Sum of `values` over ticks [from, to).
inline double sum_between(const std::vector<double>& values, int from, int to) {
  double sum = 0;
  for (int t = from; t < to && t < static_cast<int>(values.size()); ++t)
    sum += values[static_cast<std::size_t>(t)];
  return sum;
}

}  // namespace reesim::testing
