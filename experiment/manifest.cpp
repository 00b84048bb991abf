#include "experiment/manifest.h"

#include <unistd.h>

#include <ctime>

#include "core/model_params.h"
#include "core/version.h"

namespace reesim::experiment {
namespace {

std::string host_name() {
  char name[256] = {};
  return gethostname(name, sizeof name - 1) == 0 ? name : "unknown";
}

}  // namespace

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

RunManifest start_manifest(const Plan& plan, int threads) {
  RunManifest manifest;
  manifest.set_version(kVersion);
  manifest.set_git_commit(kGitCommit);
  manifest.set_compiler(kCompiler);
  manifest.set_compiler_flags(kCompilerFlags);
  manifest.set_target_arch(kTargetArch);
  manifest.set_float_flags(kFloatFlags);
  *manifest.mutable_scenario() = plan.scenario;
  *manifest.mutable_experiment() = plan.experiment;
  manifest.set_scenario_sha256(plan.scenario_sha256);
  manifest.set_experiment_sha256(plan.experiment_sha256);
  manifest.set_seed(plan.experiment.seed());
  manifest.set_trials(plan.experiment.trials());
  manifest.set_shard("1/1");
  manifest.set_threads(threads);
  manifest.set_host(host_name());
  manifest.set_started(utc_now());
  *manifest.mutable_included_files() = {plan.included_files.begin(), plan.included_files.end()};
  for (const ParamSpec& spec : model_params()) {
    Param& param = *manifest.add_model_params();
    param.set_name(std::string(spec.name));
    param.mutable_value()->set_fixed(spec.default_value);
    for (const Param& given : plan.scenario.model().params())
      if (given.name() == spec.name) *param.mutable_value() = given.value();
  }
  return manifest;
}

}  // namespace reesim::experiment
