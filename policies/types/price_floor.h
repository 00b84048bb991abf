// A price floor or offtake guarantee (DESIGN §3; cal §2: MP Materials' NdPr floor): covered
// producers receive at least the floor, the state paying the difference, for up to a volume a
// year (docs/model.md §7.10).
#pragma once

#include <optional>
#include <span>

#include "policies/policy.h"
#include "world/random.h"

namespace reesim::policies {

struct PriceFloor {
  struct Params {
    double floor_price = 0;
    double volume_cap_per_year = 0;
  };

  [[nodiscard]] static const TypeSpec& spec();
  PriceFloor(std::span<const double> values, const world::World& world,
             const world::PolicyInfo& info);

  void on_tick(const Env& env, world::RandomStream& random, bool& terms_changed);
  // Whether its guarantee has volume left this year.
  [[nodiscard]] bool open(const Env& env) const;
  void domestic(const Env& env, world::PolicyView& view, Payers& payers) const;
  // The top-up for `units` sold at `price` below `floor`, within the year's volume; nullopt when
  // the guarantee has no volume cap (then the floor is paid in full).
  std::optional<double> pay(double floor, double units, double price);

  Params params;
  double left = 0;  // units the guarantee still covers this calendar year
  int year = -1;
};

}  // namespace reesim::policies
