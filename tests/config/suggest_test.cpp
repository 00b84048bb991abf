#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "config/suggest.h"

using reesim::config::did_you_mean;
using reesim::config::name_distance;
using reesim::config::nearest_names;
using reesim::config::suggest;

namespace {

using Names = std::vector<std::string>;

const std::vector<std::string_view> kProducer = {"unit_cost",
                                                 "supply_elasticity",
                                                 "invest_price_ratio",
                                                 "build_years",
                                                 "outage_probability_per_year",
                                                 "outage_weeks",
                                                 "yield",
                                                 "build_delay_sigma"};

}  // namespace

TEST_CASE("Distance counts edits, an adjacent swap as one, ignoring case", "[config][suggest]") {
  CHECK(name_distance("unit_cost", "unit_cost") == 0);
  CHECK(name_distance("unit_cst", "unit_cost") == 1);
  CHECK(name_distance("unit_csot", "unit_cost") == 1);
  CHECK(name_distance("Unit_Cost", "unit_cost") == 0);
  CHECK(name_distance("", "abc") == 3);
  CHECK(name_distance("kitten", "sitting") == 3);
}

TEST_CASE("A misspelt name suggests the registered name", "[config][suggest]") {
  CHECK(nearest_names("unit_cst", kProducer) == Names{"unit_cost"});
  CHECK(nearest_names("yeild", kProducer) == Names{"yield"});
  CHECK(nearest_names("UNIT_COST", kProducer) == Names{"unit_cost"});
  CHECK(nearest_names("minr", {"government", "psu", "miner", "separator"}) == Names{"miner"});
}

TEST_CASE("A prefix suggests the names it begins, after the near ones", "[config][suggest]") {
  CHECK(nearest_names("build", kProducer) == Names{"build_years", "build_delay_sigma"});
  CHECK(nearest_names("outage", kProducer) == Names{"outage_weeks", "outage_probability_per_year"});
  CHECK(nearest_names("unit_cost_usd", kProducer) == Names{"unit_cost"});
}

TEST_CASE("Far names are not suggested", "[config][suggest]") {
  CHECK(nearest_names("strength", kProducer).empty());
  CHECK(nearest_names("XX", {"CN", "IN", "US"}).empty());
  CHECK(nearest_names("IND", {"CN", "IN", "US"}) == Names{"IN"});
  CHECK(nearest_names("un", {"unit_cost"}).empty());  // a prefix needs 3 letters
  CHECK(nearest_names("anything", {}).empty());
}

TEST_CASE("Only the nearest names are kept, at most three", "[config][suggest]") {
  CHECK(nearest_names("METRIC_PRCE", {"METRIC_PRICE", "METRIC_SHARE", "METRIC_FLOW"}) ==
        Names{"METRIC_PRICE"});
  CHECK(nearest_names("ab", {"ab1", "ab2", "ab3", "ab4"}) == Names{"ab1", "ab2", "ab3"});
  CHECK(nearest_names("ab", {"ab1", "ab2", "ab3", "ab4"}, 2) == Names{"ab1", "ab2"});
  CHECK(nearest_names("ab", {"ab1", "ab1"}) == Names{"ab1"});
}

TEST_CASE("Suggestions read as a question", "[config][suggest]") {
  CHECK(did_you_mean({}).empty());
  CHECK(did_you_mean({"unit_cost"}) == "did you mean 'unit_cost'?");
  CHECK(did_you_mean({"a", "b"}) == "did you mean 'a' or 'b'?");
  CHECK(did_you_mean({"a", "b", "c"}) == "did you mean 'a', 'b' or 'c'?");
}

TEST_CASE("An error's tail suggests, else lists the known names when asked", "[config][suggest]") {
  CHECK(suggest("unit_cst", kProducer, true) == "; did you mean 'unit_cost'?");
  CHECK(suggest("zzz", {"a", "b"}, true) == "; known: a, b");
  CHECK(suggest("zzz", {"a", "b"}, false).empty());
  CHECK(suggest("zzz", {}, true).empty());
}
