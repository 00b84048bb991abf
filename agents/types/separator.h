// A separator (DESIGN §3): buys concentrate and separates it into all its oxides jointly
// (cal §2); how much it runs follows the value of the whole basket, and each oxide bears a share
// of its cost by value (docs/model.md §7.4, §7.6).
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "agents/supply.h"

namespace reesim::agents {

struct Separator {
  [[nodiscard]] static const TypeSpec& spec();
  explicit Separator(std::span<const double> values) : params(bind_producer_params(values)) {}

  // Finds its feed: the concentrate traded on its venues.
  void start(const Context& ctx, AgentState& state);
  void produce(const Context& ctx, AgentState& state, world::RandomStream& random,
               ByCommodity& output);
  void decide(const Context& ctx, const AgentState& state, std::vector<OrderRequest>& orders) const;
  void fill_stocks(const Context& ctx, AgentState& state,
                   const CommodityFlags& set_by_scenario) const;

  // How much concentrate it wants to process this tick (units) and what the oxides in one unit
  // of it fetch now and at reference prices (USD).
  struct Throughput {
    double feed_per_tick = 0;
    double basket_value = 0;
    double reference_value = 0;
  };
  [[nodiscard]] Throughput throughput(const Context& ctx, const AgentState& state) const;
  // The basket alone (feed_per_tick 0); `main` and `bound`, when given, receive the first output
  // with a positive yield (none if none) and the feed a tick the capacities allow.
  [[nodiscard]] Throughput basket(const Context& ctx, const AgentState& state,
                                  std::optional<world::CommodityIndex>* main = nullptr,
                                  double* bound = nullptr) const;

  ProducerParams params;
  SupplyState supply;
  std::optional<world::CommodityIndex> feed;  // its concentrate, if it trades one
  ByCommodity planned;                        // this tick's output by commodity (scratch)

 private:
  // throughput()'s price response, asked for again at the same prices by decide().
  mutable detmath::PowMemo price_response_;
};

}  // namespace reesim::agents
