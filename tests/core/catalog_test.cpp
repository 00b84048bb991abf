#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "agents/catalog.h"
#include "policies/catalog.h"

namespace {

// Every parameter is documented, has a unit, and its default lies in its range.
void check_types(std::span<const reesim::TypeSpec> types) {
  std::set<std::string_view> names;
  for (const reesim::TypeSpec& type : types) {
    INFO(type.name);
    CHECK(names.insert(type.name).second);
    CHECK_FALSE(type.doc.empty());
    std::set<std::string_view> params;
    for (const reesim::ParamSpec& param : type.params) {
      INFO(param.name);
      CHECK(params.insert(param.name).second);
      CHECK_FALSE(param.unit.empty());
      CHECK_FALSE(param.doc.empty());
      CHECK(param.min <= param.default_value);
      CHECK(param.default_value <= param.max);
    }
  }
}

}  // namespace

TEST_CASE("Every policy type of the design is registered and self-describing",
          "[policies][catalog]") {
  for (const char* name : {"export_ban", "export_licensing", "export_quota", "tariff", "import_ban",
                           "production_incentive", "capital_support", "stockpile", "price_floor",
                           "alliance_terms", "technology_export_ban", "re_export_restriction",
                           "recycling_mandate", "production_quota", "export_duty", "project"}) {
    INFO(name);
    CHECK(reesim::policies::find_policy_type(name) != nullptr);
  }
  CHECK(reesim::policies::find_policy_type("embargo") == nullptr);
  check_types(reesim::policies::policy_types());
}

TEST_CASE("Every agent type of the design is registered and self-describing", "[agents][catalog]") {
  for (const char* name : {"government", "psu", "miner", "separator", "magnet_maker",
                           "magnet_buyer", "recycler", "stockpile", "liquidity_provider"}) {
    INFO(name);
    CHECK(reesim::agents::find_agent_type(name) != nullptr);
  }
  check_types(reesim::agents::agent_types());
}

TEST_CASE("A licensing policy's approval probability is a probability", "[policies][catalog]") {
  const auto* licensing = reesim::policies::find_policy_type("export_licensing");
  REQUIRE(licensing);
  const auto* approval = licensing->find("approval_probability");
  REQUIRE(approval);
  CHECK(approval->min == 0.0);
  CHECK(approval->max == 1.0);
  CHECK(licensing->find("nonsense") == nullptr);
}
