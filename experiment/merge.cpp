#include "experiment/merge.h"

#include <algorithm>
#include <map>
#include <set>

#include "experiment/errors.h"
#include "experiment/shard.h"
#include "experiment/sweep_plan.h"
#include "results/aggregates.h"
#include "results/digest.h"
#include "results/units.h"
#include "results/writers.h"

namespace reesim::experiment {
namespace {

struct Parsed {
  ShardResult* result = nullptr;
  Shard shard;
};

std::string names(const google::protobuf::RepeatedPtrField<std::string>& list) {
  std::string text;
  for (const std::string& name : list)
    text.append(text.empty() ? "" : ",").append(name);
  return text;
}

// "path sha256 <hex>" for each included file, comma-separated; "none" when there are none.
std::string included_text(const RunManifest& manifest) {
  std::string text;
  for (const IncludedFile& file : manifest.included_files())
    text.append(text.empty() ? "" : ", ").append(file.path() + " sha256 " + file.sha256());
  return text.empty() ? "none" : text;
}

// The first way the included files of `b` differ from those of `a`, in words; empty when none.
std::string included_difference(const RunManifest& a, const RunManifest& b) {
  const auto& ours = a.included_files();
  const auto& theirs = b.included_files();
  for (int i = 0; i < std::min(ours.size(), theirs.size()); ++i) {
    if (ours[i].path() != theirs[i].path() || ours[i].included_by() != theirs[i].included_by())
      break;
    if (ours[i].sha256() != theirs[i].sha256())
      return "included file " + theirs[i].path() + " sha256 " + theirs[i].sha256() +
             " differs from " + ours[i].sha256();
  }
  if (included_text(a) == included_text(b) && ours.size() == theirs.size()) return {};
  return "included files (" + included_text(b) + ") differ from (" + included_text(a) + ")";
}

// The first way `other`'s sweep differs from `first`'s, in words; empty when they agree.
std::string sweep_difference(const Results& first, const Results& other) {
  const RunManifest& a = first.manifest();
  const RunManifest& b = other.manifest();
  const auto differ = [](const std::string& what, const std::string& theirs,
                         const std::string& ours) {
    return what + " " + theirs + " differs from " + ours;
  };
  if (a.version() != b.version()) return differ("reesim version", b.version(), a.version());
  if (a.git_commit() != b.git_commit()) return differ("git commit", b.git_commit(), a.git_commit());
  // The same commit and floating-point flags give the same digest on any architecture
  // (docs/reproducibility.md), so shards built for x86-64 and ARM64 merge; other flags do not.
  if (a.float_flags() != b.float_flags())
    return differ("floating-point flags", "'" + b.float_flags() + "'", "'" + a.float_flags() + "'");
  if (a.experiment_sha256() != b.experiment_sha256())
    return differ("experiment file sha256", b.experiment_sha256(), a.experiment_sha256());
  if (a.scenario_sha256() != b.scenario_sha256())
    return differ("scenario file sha256", b.scenario_sha256(), a.scenario_sha256());
  if (std::string included = included_difference(a, b); !included.empty()) return included;
  if (a.seed() != b.seed())
    return differ("seed", std::to_string(b.seed()), std::to_string(a.seed()));
  if (results::deterministic_bytes(a.experiment()) != results::deterministic_bytes(b.experiment()))
    return "resolved experiment (overrides, --set) differs";
  if (results::deterministic_bytes(a.scenario()) != results::deterministic_bytes(b.scenario()))
    return "resolved scenario (overrides, --set) differs";
  if (a.trials() != b.trials())
    return differ("replicates", std::to_string(b.trials()), std::to_string(a.trials()));
  if (names(first.parameter_names()) != names(other.parameter_names()))
    return differ("parameter names", names(other.parameter_names()),
                  names(first.parameter_names()));
  if (names(first.scalar_names()) != names(other.scalar_names()))
    return differ("scalar names", names(other.scalar_names()), names(first.scalar_names()));
  return {};
}

// Checks that `result`'s trials are exactly the jobs of its shard.
void check_jobs(const Parsed& parsed, const SweepLayout& layout) {
  const JobRange range = shard_jobs(layout.jobs(), parsed.shard);
  const Results& results = parsed.result->results;
  const std::string where = parsed.result->folder + ": shard " + parsed.shard.text();
  if (results.trials_size() != range.size())
    throw InputError(where + " holds " + std::to_string(results.trials_size()) +
                     " trials, its share of the sweep is " + std::to_string(range.size()) +
                     " jobs");
  for (std::int64_t job = range.first; job < range.last; ++job) {
    const TrialResult& trial = results.trials(static_cast<int>(job - range.first));
    if (trial.point() != layout.point_of(job) || trial.trial() != layout.replicate_of(job))
      throw InputError(where + ": job " + std::to_string(job) + " holds trial " +
                       std::to_string(trial.trial()) + " of point " +
                       std::to_string(trial.point()) + ", expected trial " +
                       std::to_string(layout.replicate_of(job)) + " of point " +
                       std::to_string(layout.point_of(job)));
  }
}

// The distinct values of one manifest field over the shards, in shard order, comma-separated.
std::string distinct(const std::vector<Parsed>& shards,
                     const std::string& (RunManifest::*field)() const) {
  std::vector<std::string> values;
  for (const Parsed& p : shards) {
    const std::string& value = (p.result->results.manifest().*field)();
    if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
  }
  std::string text;
  for (const std::string& value : values)
    text.append(text.empty() ? "" : ",").append(value);
  return text;
}

}  // namespace

Results merge_shards(std::vector<ShardResult> shards) {
  if (shards.empty()) throw InputError("reesim merge: no shard folders given");
  std::vector<Parsed> parsed;
  for (ShardResult& s : shards) {
    const RunManifest& manifest = s.results.manifest();
    if (!manifest.experiment().has_sweep())
      throw InputError(s.folder + ": is not a sweep's result (its experiment has no sweep)");
    const ShardParse shard = parse_shard(manifest.shard());
    if (!shard.shard)
      throw InputError(s.folder + ": manifest.textproto: shard '" + manifest.shard() +
                       "' is not K/N");
    parsed.push_back({&s, *shard.shard});
  }
  const Parsed& reference = parsed.front();
  const std::string& first = reference.result->folder;
  for (const Parsed& p : parsed) {
    const std::string difference = sweep_difference(reference.result->results, p.result->results);
    if (!difference.empty())
      throw InputError(p.result->folder + ": its " + difference + " in " + first +
                       ": shards of different sweeps cannot be merged");
    if (p.shard.count != reference.shard.count)
      throw InputError(p.result->folder + ": is shard " + p.shard.text() + " but " + first +
                       " is shard " + reference.shard.text() +
                       ": shards of different splits cannot be merged");
  }
  std::map<std::int64_t, const Parsed*> by_index;
  for (const Parsed& p : parsed) {
    const auto [at, added] = by_index.emplace(p.shard.index, &p);
    if (!added)
      throw InputError(p.result->folder + ": shard " + p.shard.text() + " is given twice (also " +
                       at->second->result->folder + ")");
  }
  std::string missing;
  int listed = 0;
  for (std::int64_t k = 1; k <= reference.shard.count && listed <= 10; ++k) {
    if (by_index.contains(k)) continue;
    missing += listed == 0 ? "" : ", ";
    missing += ++listed > 10 ? "..." : Shard{k, reference.shard.count}.text();
  }
  if (!missing.empty())
    throw InputError("reesim merge: missing shard " + missing + " of the sweep in " + first);

  Plan plan;
  plan.experiment_path = first + "/manifest.textproto";
  plan.experiment = reference.result->results.manifest().experiment();
  const SweepLayout layout = make_layout(plan);
  for (const auto& [index, p] : by_index)
    check_jobs(*p, layout);

  Results merged = reference.result->results;
  merged.clear_trials();
  merged.clear_summary();
  merged.clear_scalar_covariance();
  merged.clear_series();
  merged.clear_trial_series();
  merged.mutable_trials()->Reserve(static_cast<int>(layout.jobs()));
  RunManifest& manifest = *merged.mutable_manifest();
  for (const auto& [index, p] : by_index) {
    const RunManifest& m = p->result->results.manifest();
    if (m.started() < manifest.started()) manifest.set_started(m.started());
    if (m.finished() > manifest.finished()) manifest.set_finished(m.finished());
    for (TrialResult& trial : *p->result->results.mutable_trials())
      *merged.add_trials() = std::move(trial);
    // Per-trial series held in memory (an MPI sweep's ranks); shards read from their folders
    // hold none (trial_series_csv_only): their trial_series.csv files are joined as files.
    for (TrialSeries& series : *p->result->results.mutable_trial_series())
      *merged.add_trial_series() = std::move(series);
  }
  manifest.set_shard("1/1");
  manifest.set_merged_shards(static_cast<std::int32_t>(reference.shard.count));
  manifest.set_host(distinct(parsed, &RunManifest::host));
  manifest.set_target_arch(distinct(parsed, &RunManifest::target_arch));
  manifest.set_digest(results::run_digest(merged));
  results::fill_scalar_aggregates(merged);
  results::fill_units(merged);  // shards written before results.pb kept units have none
  return merged;
}

}  // namespace reesim::experiment
