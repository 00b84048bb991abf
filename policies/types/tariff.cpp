#include "policies/types/tariff.h"

#include "core/param_binding.h"

namespace reesim::policies {
namespace {

constexpr ParamBinding<Tariff::Params> kParams[] = {
    {{"rate", "fraction", "ad valorem tariff on the price (cal §6: US on India 0.50 then 0.18)",
      0.0, 0.0, 10.0},
     &Tariff::Params::rate},
};
constexpr auto kSpecs = specs_of(kParams);
static_assert(std::size(kParams) * sizeof(double) == sizeof(Tariff::Params));

}  // namespace

const TypeSpec& Tariff::spec() {
  static const TypeSpec kSpec{
      "tariff", "destinations levy an ad valorem tariff on imports from origins", kSpecs};
  return kSpec;
}

Tariff::Tariff(std::span<const double> values, const world::World&, const world::PolicyInfo&)
    : params(bind_params<Params>(kParams, values)) {}

}  // namespace reesim::policies
