#include "agents/types/government.h"

#include "core/param_binding.h"

namespace reesim::agents {
namespace {

constexpr ParamBinding<Government::Params> kParams[] = {
    {{"reaction_days", "days", "delay between a trigger firing and the policy taking effect", 28.0,
      0.0, 730.0},
     &Government::Params::reaction_days},
};
constexpr auto kSpecs = specs_of(kParams);
static_assert(std::size(kParams) * sizeof(double) == sizeof(Government::Params));

}  // namespace

const TypeSpec& Government::spec() {
  static const TypeSpec kSpec{
      "government", "enacts its nation's policies by schedule, trigger or chance", kSpecs};
  return kSpec;
}

Government::Government(std::span<const double> values)
    : params(bind_params<Params>(kParams, values)) {}

}  // namespace reesim::agents
