#include "policies/types/price_floor.h"

#include <algorithm>
#include <cmath>

#include "core/param_binding.h"
#include "world/catalog.h"

namespace reesim::policies {
namespace {

constexpr ParamBinding<PriceFloor::Params> kParams[] = {
    {{"floor_price", "USD/commodity unit",
      "price guaranteed to covered producers (cal §2: MP Materials NdPr floor USD 110/kg)", 0.0,
      0.0, kUnbounded},
     &PriceFloor::Params::floor_price},
    {{"volume_cap_per_year", "commodity units/yr", "largest volume the guarantee covers per year",
      kUnbounded, 0.0, kUnbounded},
     &PriceFloor::Params::volume_cap_per_year},
};
constexpr auto kSpecs = specs_of(kParams);
static_assert(std::size(kParams) * sizeof(double) == sizeof(PriceFloor::Params));

}  // namespace

const TypeSpec& PriceFloor::spec() {
  static const TypeSpec kSpec{"price_floor", "covered producers receive at least the floor price",
                              kSpecs};
  return kSpec;
}

PriceFloor::PriceFloor(std::span<const double> values, const world::World&,
                       const world::PolicyInfo&)
    : params(bind_params<Params>(kParams, values)) {}

void PriceFloor::on_tick(const Env& env, world::RandomStream&, bool&) {
  if (!env.activity.active || !std::isfinite(params.volume_cap_per_year)) return;
  const int now = env.world.tick_dates()[static_cast<std::size_t>(env.tick)].year;
  if (now == year) return;
  year = now;
  left = params.volume_cap_per_year;
}

// Its guarantee covers `volume_cap_per_year` units sold below it per calendar year (prior:
// offtake guarantees name a volume); once they are sold the covered producers face the market
// until the next year.
bool PriceFloor::open(const Env&) const {
  return !std::isfinite(params.volume_cap_per_year) || left > 0;
}

void PriceFloor::domestic(const Env& env, world::PolicyView& view, Payers& payers) const {
  if (!open(env)) return;
  const auto& infos = env.world.agents();
  for (const world::AgentIndex i : view.indices()) {
    if (!env.reaches(i, world::kSells)) continue;
    for (const world::CommodityIndex c : infos[i].outputs) {
      if (env.info.commodities[c] == 0 || !(params.floor_price > view[i].floor_usd[c])) continue;
      view[i].floor_usd[c] = params.floor_price;
      payers.floors[i].push_back({env.index, c, params.floor_price});
    }
  }
}

std::optional<double> PriceFloor::pay(double floor, double units, double price) {
  if (!std::isfinite(params.volume_cap_per_year)) return std::nullopt;
  if (price >= floor) return 0.0;
  const double covered = std::clamp(left, 0.0, units);
  left -= covered;
  return (floor - price) * covered;
}

}  // namespace reesim::policies
