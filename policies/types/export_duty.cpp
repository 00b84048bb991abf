#include "policies/types/export_duty.h"

#include "core/param_binding.h"

namespace reesim::policies {
namespace {

constexpr ParamBinding<ExportDuty::Params> kParams[] = {
    {{"rate", "fraction", "ad valorem duty on the price of exports, paid by the buyer", 0.0, 0.0,
      10.0},
     &ExportDuty::Params::rate},
};
constexpr auto kSpecs = specs_of(kParams);
static_assert(std::size(kParams) * sizeof(double) == sizeof(ExportDuty::Params));

}  // namespace

const TypeSpec& ExportDuty::spec() {
  static const TypeSpec kSpec{
      "export_duty", "the enacting nation levies an ad valorem duty on its exports", kSpecs};
  return kSpec;
}

ExportDuty::ExportDuty(std::span<const double> values, const world::World&,
                       const world::PolicyInfo&)
    : params(bind_params<Params>(kParams, values)) {}

}  // namespace reesim::policies
