// A magnet maker (DESIGN §3): turns oxides into magnets by recipe (cal §2), plans output from
// its magnet stock, bids for inputs toward what they are worth to it when short, and invests as
// producers do (docs/model.md §7.4, §7.5). Dear Dy and Tb make it cut their use per kg of magnet
// (thrift, docs/model.md §7.5.1), and Tb grown dear against Dy makes it use Dy in its place, or
// the reverse: the recipe it makes, buys and prices by is the swapped and cut one.
#pragma once

#include <span>
#include <vector>

#include "agents/supply.h"

namespace reesim::agents {

struct MagnetMaker {
  struct Params {
    double ndpr_per_t = 0;
    double dy_per_t = 0;
    double tb_per_t = 0;
    double conversion_cost = 0;
    double input_buffer_weeks = 0;
    double max_input_price_ratio = 0;
    double build_years = 0;
    double invest_price_ratio = 0;
    double build_delay_sigma = 0;
    double thrift_max_share = 0;
    double thrift_years = 0;
    double thrift_price_ratio = 0;
    double thrift_reversibility = 0;
    double heavy_swap_max_share = 0;
    double heavy_swap_price_ratio = 0;
    double tb_dy_equivalence = 0;
    double sm_per_t = 0;
  };

  // How far it has cut its Dy and Tb per kg of magnet, and what it made last.
  struct Thrift {
    double cut = 0;      // share of the recipe's Dy and Tb it no longer uses, in [0, 1)
    double deepest = 0;  // the largest cut reached so far
    double made = 0;     // magnets made at the last tick, units
    // Tb and Dy swapped: above 0, the share of the recipe's Tb replaced by Dy; below 0, the
    // share of its Dy replaced by Tb; in [-heavy_swap_max_share, heavy_swap_max_share].
    double swap = 0;
  };

  [[nodiscard]] static const TypeSpec& spec();
  explicit MagnetMaker(std::span<const double> values);

  void produce(const Context& ctx, AgentState& state, world::RandomStream& random,
               ByCommodity& output);
  void decide(const Context& ctx, const AgentState& state, std::vector<OrderRequest>& orders) const;
  void fill_stocks(const Context& ctx, AgentState& state,
                   const CommodityFlags& set_by_scenario) const;

  // Units of recipe input `input` per unit of magnet (0 for other inputs), Dy and Tb swapped
  // and net of the thrift cut.
  [[nodiscard]] double recipe(world::Input input) const;
  // The cut of Dy and Tb per unit of magnet that pays at today's prices: none at or below their
  // reference prices, thrift_max_share from thrift_price_ratio times them, linear between.
  [[nodiscard]] double thrift_target(const Context& ctx) const;
  // Moves the cut toward thrift_target, a tick's share of thrift_years; a cut given back never
  // goes below (1 - thrift_reversibility) times the deepest reached.
  void update_thrift(const Context& ctx);
  // The swap between Tb and Dy that pays at today's prices: none while their price ratio is the
  // reference prices' ratio, the whole heavy_swap_max_share once one has become
  // heavy_swap_price_ratio times dearer against the other, linear between.
  [[nodiscard]] double swap_target(const Context& ctx) const;
  // What the inputs of one unit of magnet cost at its venues' last prices (USD).
  [[nodiscard]] double input_cost(const Context& ctx) const;
  // The magnets it plans to make this tick, in units.
  [[nodiscard]] double plan(const Context& ctx, const AgentState& state,
                            world::CommodityIndex magnet) const;

  Params params;
  SupplyState supply;
  Thrift thrift;
};

}  // namespace reesim::agents
