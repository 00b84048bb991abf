// What an agent learns from a tick's trading (agents/trading.h learn_from_trading): its sales of
// its first output, and the smoothed shares of its offers sold and bids filled on each venue.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <utility>

#include "agents/trading.h"
#include "tests/agents/agent_bench.h"

using reesim::agents::Agent;
using reesim::testing::bench::Bench;

TEST_CASE("An agent's sales of its first output add its venues of that output only",
          "[agents][trading]") {
  Bench bench;
  // The separator makes NdPr first, then Dy; it buys concentrate.
  Agent separator = bench.agent("cn_separator");
  for (const auto& [venue, sold] :
       {std::pair{"ndpr_cn", 3.0}, std::pair{"ndpr_global", 4.0}, std::pair{"dy_global", 100.0},
        std::pair{"conc_global", 50.0}}) {
    separator.trading[bench.venue(venue)].offered = 200;
    separator.trading[bench.venue(venue)].sold = sold;
  }
  reesim::agents::learn_from_trading(bench.model, separator);
  CHECK(separator.sold_units == 7);
  // The tick's tallies are spent once learnt from.
  for (const char* venue : {"ndpr_cn", "ndpr_global", "dy_global", "conc_global"})
    CHECK(separator.trading[bench.venue(venue)].sold == 0);

  // A stockpile agency has no outputs: it sells none of them.
  Agent reserve = bench.agent("us_reserve");
  reserve.trading[bench.venue("ndpr_global")].offered = 5;
  reserve.trading[bench.venue("ndpr_global")].sold = 5;
  reesim::agents::learn_from_trading(bench.model, reserve);
  CHECK(reserve.sold_units == 0);
}

TEST_CASE("Every venue an agent lists learns from its own offers and bids", "[agents][trading]") {
  Bench bench;
  Agent separator = bench.agent("cn_separator");
  const auto ndpr = bench.venue("ndpr_global");
  const auto dy = bench.venue("dy_global");
  const auto conc = bench.venue("conc_global");
  separator.trading[ndpr].offered = 10;  // nothing sold: the sell-through falls
  separator.trading[dy].offered = 10;    // all sold: it stays at 1
  separator.trading[dy].sold = 10;
  separator.trading[conc].wanted = 10;  // half filled: the reach grows, the fill share falls
  separator.trading[conc].bought = 5;
  reesim::agents::learn_from_trading(bench.model, separator);
  const double rate = bench.model.venue_learning_rate;
  CHECK(separator.trading[ndpr].sell_through == Approx(1 - rate));
  CHECK(separator.trading[dy].sell_through == 1);
  CHECK(separator.trading[conc].buy_through == Approx(1 - rate * 0.5));
  const double reach =
      std::clamp(bench.model.reach_up * 0.5 - bench.model.reach_down * 0.5, 0.0, 1.0);
  REQUIRE(reach > 0);  // the default parameters move an unfilled bidder's reach up
  CHECK(separator.trading[conc].reach == Approx(reach));
  // A venue where it neither offered nor bid keeps what it had learnt.
  CHECK(separator.trading[bench.venue("ndpr_cn")].sell_through == 1);
  CHECK(separator.trading[bench.venue("ndpr_cn")].reach == 0);
  for (const auto v : {ndpr, dy, conc}) {
    CHECK(separator.trading[v].offered == 0);
    CHECK(separator.trading[v].wanted == 0);
  }
}

TEST_CASE("An agent that lists more than 64 venues adds its sales of its first output alike",
          "[agents][trading]") {
  // 70 concentrate venues, then two NdPr venues: the NdPr venues' slots are past 64.
  std::string extra;
  std::string venues;
  for (int k = 0; k < 70; ++k) {
    const std::string id = "conc_" + std::to_string(k);
    extra += "venues { id: \"" + id + "\" commodity: \"conc\" jurisdiction: \"global\" }\n";
    venues += "\"" + id + "\", ";
  }
  extra += R"txt(agents {
    id: "wide_separator" type: "separator" nation: "CN"
    capacities { commodity: "ndpr" per_year { fixed: 1000 } }
    capacities { commodity: "dy" per_year { fixed: 100 } }
    venues: [)txt" +
           venues + R"txt("ndpr_global", "dy_global", "ndpr_cn"] })txt";
  Bench bench(extra);
  Agent separator = bench.agent("wide_separator");
  for (const auto& [venue, sold] : {std::pair{"ndpr_global", 3.0}, std::pair{"ndpr_cn", 4.0},
                                    std::pair{"dy_global", 100.0}, std::pair{"conc_3", 50.0}}) {
    separator.trading[bench.venue(venue)].offered = 200;
    separator.trading[bench.venue(venue)].sold = sold;
  }
  reesim::agents::learn_from_trading(bench.model, separator);
  CHECK(separator.sold_units == 7);
  CHECK(separator.trading[bench.venue("ndpr_cn")].sold == 0);
  CHECK(separator.trading[bench.venue("conc_3")].sell_through ==
        Approx(1 - bench.model.venue_learning_rate * 0.75));
}

TEST_CASE("Each agent's lists in the world are its own, in the order it lists them",
          "[agents][trading]") {
  Bench bench;
  const auto& world = bench.world();
  const reesim::world::AgentInfo& separator = bench.info("cn_separator");
  const reesim::world::AgentInfo& reserve = bench.info("us_reserve");
  const auto ndpr = *world.commodity_index("ndpr");
  const auto dy = *world.commodity_index("dy");
  // The separator lists conc_global, ndpr_cn, ndpr_global, dy_global and makes NdPr, then Dy.
  REQUIRE(separator.venues.size() == 4);
  CHECK(world.venues()[separator.venues[0]].id == "conc_global");
  CHECK(world.venues()[separator.venues[3]].id == "dy_global");
  REQUIRE(separator.outputs.size() == 2);
  CHECK(separator.outputs[0] == ndpr);
  CHECK(separator.outputs[1] == dy);
  REQUIRE(separator.venues_of[ndpr].size() == 2);
  CHECK(separator.venues_of[ndpr][0] == bench.venue("ndpr_cn"));
  CHECK(separator.venues_of[ndpr][1] == bench.venue("ndpr_global"));
  REQUIRE(separator.venues_of[dy].size() == 1);
  CHECK(separator.venues_of[dy][0] == bench.venue("dy_global"));
  // Slots number its venues in the order it lists them; a venue it does not list has none.
  CHECK(separator.slots == 4);
  CHECK(separator.venue_slot[reesim::world::at(bench.venue("ndpr_global"))] == 2);
  for (const reesim::world::VenueIndex v : world.venues().indices())
    if (std::find(separator.venues.begin(), separator.venues.end(), v) == separator.venues.end())
      CHECK(separator.venue_slot[reesim::world::at(v)] == reesim::world::AgentInfo::kNoSlot);
  // The next agent's lists start where the last one's end: a stockpile agency makes nothing.
  CHECK(reserve.outputs.empty());
  REQUIRE(reserve.venues_of[ndpr].size() == 1);
  CHECK(reserve.venues_of[ndpr][0] == bench.venue("ndpr_global"));
  CHECK(reserve.venue_slot[reesim::world::at(bench.venue("dy_global"))] == 1);
}
