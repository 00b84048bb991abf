#include <catch2/catch.hpp>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "config/includes.h"
#include "config/loader.h"
#include "config/validate.h"

using namespace reesim::config;
namespace fs = std::filesystem;

namespace {

// A fresh folder of scenario files, removed at the end of the test.
class Folder {
 public:
  Folder() {
    const char* tmp = std::getenv("TMPDIR");
    std::string name = std::string(tmp ? tmp : "/tmp") + "/reesim_includes_test_XXXXXX";
    REQUIRE(::mkdtemp(name.data()) != nullptr);
    path_ = name;
  }
  ~Folder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  Folder(const Folder&) = delete;
  Folder& operator=(const Folder&) = delete;

  // Writes `name` (a path under the folder), with the scenario header line first; returns its
  // path.
  std::string scenario(const std::string& name, const std::string& body) const {
    return write(name, "# proto-message: reesim.Scenario\n" + body);
  }
  std::string write(const std::string& name, const std::string& content) const {
    const fs::path file = path_ / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
    return file.string();
  }
  [[nodiscard]] std::string path(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

// A small valid world: two nations, one commodity and venue, two agents, one policy, one metric.
const std::string kBase = R"(
id: "base"
title: "Base world"
calendar { start: "2024-01-01" end: "2024-12-31" }
nations { id: "CN" name: "China" }
nations { id: "IN" name: "India" }
commodities { id: "dy_oxide" unit: "kg" quantity_lot: 1 price_tick: 0.01 reference_price: 260 }
venues { id: "dy_global" commodity: "dy_oxide" jurisdiction: "global" }
agents { id: "miner_cn" type: "miner" nation: "CN"
         capacities { commodity: "dy_oxide" per_year { fixed: 1000 } } }
agents { id: "miner_in" type: "miner" nation: "IN"
         capacities { commodity: "dy_oxide" per_year { fixed: 100 } } }
policies { id: "ban" type: "export_ban" enacted_by: "CN" origins: ["CN"]
           activation { date: "2024-06-01" } }
metrics { id: "price" kind: METRIC_PRICE venue: "dy_global" }
model { params { name: "price_step" value { fixed: 0.02 } } }
)";

std::vector<std::string> lines(const Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics.items())
    out.push_back(d.to_string());
  return out;
}

std::string joined(const Diagnostics& diagnostics) {
  std::string text;
  for (const std::string& line : lines(diagnostics))
    text += line + "\n";
  return text;
}

template <typename List>
std::vector<std::string> ids(const List& list) {
  std::vector<std::string> out;
  for (const auto& element : list)
    out.push_back(element.id());
  return out;
}

}  // namespace

TEST_CASE("A scenario without includes resolves to itself", "[config][includes]") {
  Folder folder;
  const std::string file = folder.scenario("base.textproto", kBase);
  Diagnostics diagnostics;
  const auto resolved = resolve_scenario(file, diagnostics);
  REQUIRE(resolved);
  CHECK(diagnostics.empty());
  auto document = load_document(file, diagnostics);
  REQUIRE(document);
  CHECK(resolved->scenario.SerializeAsString() == document->message->SerializeAsString());
  CHECK(resolved->included.empty());
  CHECK(resolved->bytes == document->bytes);
}

TEST_CASE("Included elements merge by id: same id replaces in place, new ids append",
          "[config][includes]") {
  Folder folder;
  folder.scenario("base.textproto", kBase);
  const std::string variant = folder.scenario("variant.textproto", R"(
include: "base.textproto"
id: "variant"
agents { id: "miner_cn" type: "miner" nation: "CN"
         capacities { commodity: "dy_oxide" per_year { fixed: 2000 } } }
agents { id: "miner_us" type: "miner" nation: "IN"
         capacities { commodity: "dy_oxide" per_year { fixed: 5 } } }
policies { id: "tariff" type: "tariff" enacted_by: "IN" origins: ["CN"] }
)");
  Diagnostics diagnostics;
  const auto resolved = resolve_scenario(variant, diagnostics);
  INFO(joined(diagnostics));
  REQUIRE(resolved);
  const reesim::Scenario& s = resolved->scenario;
  CHECK(ids(s.agents()) == std::vector<std::string>{"miner_cn", "miner_in", "miner_us"});
  CHECK(s.agents(0).capacities(0).per_year().fixed() == 2000);
  CHECK(ids(s.policies()) == std::vector<std::string>{"ban", "tariff"});
  CHECK(ids(s.nations()) == std::vector<std::string>{"CN", "IN"});
  CHECK(s.include().empty());
  CHECK_FALSE(s.has_remove());
  CHECK(validate_resolved(s, resolved->origins, "", diagnostics));
  REQUIRE(resolved->included.size() == 1);
  CHECK(resolved->included[0].path == folder.path("base.textproto"));
  CHECK(resolved->included[0].included_by == variant);
}

TEST_CASE("Singular fields the including file sets override; model params merge by name",
          "[config][includes]") {
  Folder folder;
  folder.scenario("base.textproto", kBase);
  const std::string variant = folder.scenario("variant.textproto", R"(
include: "base.textproto"
id: "variant"
calendar { start: "2024-01-01" end: "2025-06-30" tick_days: 14 }
model { params { name: "price_step" value { fixed: 0.05 } }
        params { name: "bid_urgency" value { fixed: 0.1 } } }
)");
  Diagnostics diagnostics;
  const auto resolved = resolve_scenario(variant, diagnostics);
  INFO(joined(diagnostics));
  REQUIRE(resolved);
  const reesim::Scenario& s = resolved->scenario;
  CHECK(s.id() == "variant");
  CHECK(s.title() == "Base world");  // not set by the variant: kept
  CHECK(s.calendar().end() == "2025-06-30");
  CHECK(s.calendar().tick_days() == 14);
  REQUIRE(s.model().params_size() == 2);
  CHECK(s.model().params(0).name() == "price_step");
  CHECK(s.model().params(0).value().fixed() == 0.05);
  CHECK(s.model().params(1).name() == "bid_urgency");
}

TEST_CASE("Several includes merge in order; the later one's singular fields win",
          "[config][includes]") {
  Folder folder;
  folder.scenario("base.textproto", kBase);
  folder.scenario("extra.textproto", R"(
title: "Extra"
nations { id: "US" name: "United States" }
)");
  const std::string variant =
      folder.scenario("variant.textproto", "include: [\"base.textproto\", \"extra.textproto\"]\n");
  Diagnostics diagnostics;
  const auto resolved = resolve_scenario(variant, diagnostics);
  INFO(joined(diagnostics));
  REQUIRE(resolved);
  CHECK(resolved->scenario.id() == "base");
  CHECK(resolved->scenario.title() == "Extra");
  CHECK(ids(resolved->scenario.nations()) == std::vector<std::string>{"CN", "IN", "US"});
}

TEST_CASE("remove drops included elements by id", "[config][includes]") {
  Folder folder;
  folder.scenario("base.textproto", kBase);
  const std::string variant = folder.scenario("variant.textproto", R"(
include: "base.textproto"
remove { agents: ["miner_in"] policies: ["ban"] model_params: ["price_step"] }
)");
  Diagnostics diagnostics;
  const auto resolved = resolve_scenario(variant, diagnostics);
  INFO(joined(diagnostics));
  REQUIRE(resolved);
  CHECK(ids(resolved->scenario.agents()) == std::vector<std::string>{"miner_cn"});
  CHECK(resolved->scenario.policies().empty());
  CHECK(resolved->scenario.model().params().empty());
  CHECK(validate_resolved(resolved->scenario, resolved->origins, "", diagnostics));
}

TEST_CASE("Removing an id that is not included is an error at its field", "[config][includes]") {
  Folder folder;
  folder.scenario("base.textproto", kBase);
  const std::string variant = folder.scenario("variant.textproto", R"(
include: "base.textproto"
remove { agents: ["minr_in"] metrics: ["nothing"] }
)");
  Diagnostics diagnostics;
  CHECK_FALSE(resolve_scenario(variant, diagnostics));
  CHECK(lines(diagnostics) ==
        std::vector<std::string>{
            variant + ": remove.agents[0]: no agent \"minr_in\" in the included scenarios; did "
                      "you mean 'miner_in' or 'miner_cn'?",
            variant + ": remove.metrics[0]: no metric \"nothing\" in the included scenarios"});
}

TEST_CASE("Removing and defining the same id is an error", "[config][includes]") {
  Folder folder;
  folder.scenario("base.textproto", kBase);
  const std::string variant = folder.scenario("variant.textproto", R"(
include: "base.textproto"
remove { policies: ["ban"] }
policies { id: "ban" type: "export_ban" enacted_by: "IN" }
)");
  Diagnostics diagnostics;
  CHECK_FALSE(resolve_scenario(variant, diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].field == "remove.policies[0]");
  CHECK(diagnostics.items()[0].message.find("is also defined in this file") != std::string::npos);
}

TEST_CASE("An include cycle is refused naming the chain", "[config][includes]") {
  Folder folder;
  const std::string a = folder.scenario("a.textproto", "include: \"b.textproto\"\nid: \"a\"\n");
  const std::string b = folder.scenario("b.textproto", "include: \"a.textproto\"\n");
  Diagnostics diagnostics;
  CHECK_FALSE(resolve_scenario(a, diagnostics));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics.items()[0].to_string() ==
        b + ": include[0]: include cycle: " + a + " -> " + b + " -> " + a);
  CHECK(diagnostics.items()[1].to_string() ==
        a + ": include[0]: \"b.textproto\" has errors (listed above): " + a + " -> " + b);

  SECTION("a file that includes itself, named another way") {
    const std::string self =
        folder.scenario("sub/self.textproto", "include: \"../sub/./self.textproto\"\n");
    Diagnostics more;
    CHECK_FALSE(resolve_scenario(self, more));
    REQUIRE(more.size() == 1);
    CHECK(more.items()[0].message ==
          "include cycle: " + self + " -> " + folder.path("sub/self.textproto"));
  }
}

TEST_CASE("A missing included file is refused naming the chain", "[config][includes]") {
  Folder folder;
  const std::string a = folder.scenario("a.textproto", "include: \"mid/b.textproto\"\n");
  const std::string b = folder.scenario("mid/b.textproto", "include: \"nowhere.textproto\"\n");
  Diagnostics diagnostics;
  CHECK_FALSE(resolve_scenario(a, diagnostics));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics.items()[0].to_string() ==
        b + ": include[0]: \"nowhere.textproto\" does not exist: " + a + " -> " + b + " -> " +
            folder.path("mid/nowhere.textproto"));
}

TEST_CASE("An included file with syntax errors is reported in that file first",
          "[config][includes]") {
  Folder folder;
  const std::string a = folder.scenario("a.textproto", "include: \"b.textproto\"\n");
  const std::string b = folder.scenario("b.textproto", "id: \"b\"\n  colour: 3\n");
  const std::string e =
      folder.write("e.textproto", "# proto-message: reesim.Experiment\nid: \"e\"\n");
  Diagnostics diagnostics;
  CHECK_FALSE(resolve_scenario(a, diagnostics));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics.items()[0].file == b);
  CHECK(diagnostics.items()[0].line == 3);
  CHECK(diagnostics.items()[1].field == "include[0]");

  const std::string c = folder.scenario("c.textproto", "include: \"e.textproto\"\n");
  Diagnostics experiment;
  CHECK_FALSE(resolve_scenario(c, experiment));
  REQUIRE(experiment.size() == 2);
  CHECK(experiment.items()[0].to_string() ==
        e + ": is a reesim.Experiment, expected a reesim.Scenario");
}

TEST_CASE("The same id from two included files is refused naming both files",
          "[config][includes]") {
  Folder folder;
  const std::string left = folder.scenario("left.textproto", R"(
policies { id: "tariff" type: "tariff" enacted_by: "IN" }
)");
  const std::string right = folder.scenario("right.textproto", R"(
policies { id: "tariff" type: "tariff" enacted_by: "CN" }
)");
  const std::string both =
      folder.scenario("both.textproto", "include: [\"left.textproto\", \"right.textproto\"]\n");
  Diagnostics diagnostics;
  CHECK_FALSE(resolve_scenario(both, diagnostics));
  CHECK(lines(diagnostics) ==
        std::vector<std::string>{both + ": include[1]: policy \"tariff\" comes from both " + left +
                                 " and " + right + "; define or remove it in " + both +
                                 " to choose"});

  SECTION("the including file defines it: no conflict, its own replaces the first") {
    const std::string chosen = folder.scenario("chosen.textproto", R"(
include: ["left.textproto", "right.textproto"]
policies { id: "tariff" type: "tariff" enacted_by: "US" }
)");
    Diagnostics none;
    const auto resolved = resolve_scenario(chosen, none);
    INFO(joined(none));
    REQUIRE(resolved);
    REQUIRE(resolved->scenario.policies_size() == 1);
    CHECK(resolved->scenario.policies(0).enacted_by() == "US");
  }
  SECTION("the including file removes it") {
    const std::string dropped = folder.scenario("dropped.textproto", R"(
include: ["left.textproto", "right.textproto"]
remove { policies: ["tariff"] }
)");
    Diagnostics none;
    const auto resolved = resolve_scenario(dropped, none);
    INFO(joined(none));
    REQUIRE(resolved);
    CHECK(resolved->scenario.policies().empty());
  }
}

TEST_CASE("A file included through two others is no conflict", "[config][includes]") {
  Folder folder;
  const std::string base = folder.scenario("base.textproto", kBase);
  folder.scenario("left.textproto", "include: \"base.textproto\"\nnations { id: \"US\" }\n");
  folder.scenario("right.textproto", "include: \"base.textproto\"\nnations { id: \"JP\" }\n");
  const std::string top =
      folder.scenario("top.textproto", "include: [\"left.textproto\", \"right.textproto\"]\n");
  Diagnostics diagnostics;
  const auto resolved = resolve_scenario(top, diagnostics);
  INFO(joined(diagnostics));
  REQUIRE(resolved);
  CHECK(ids(resolved->scenario.nations()) == std::vector<std::string>{"CN", "IN", "US", "JP"});
  // Each file read once, in the order first read, with the file that first included it.
  REQUIRE(resolved->included.size() == 3);
  CHECK(resolved->included[0].path == folder.path("left.textproto"));
  CHECK(resolved->included[1].path == base);
  CHECK(resolved->included[1].included_by == folder.path("left.textproto"));
  CHECK(resolved->included[2].path == folder.path("right.textproto"));
}

TEST_CASE("Include paths are relative to the file that names them", "[config][includes]") {
  Folder folder;
  folder.scenario("worlds/base.textproto", kBase);
  folder.scenario("worlds/v1/mid.textproto",
                  "include: \"../base.textproto\"\nnations { id: \"US\" }\n");
  const std::string top =
      folder.scenario("runs/x/scenario.textproto", "include: \"../../worlds/v1/mid.textproto\"\n");
  Diagnostics diagnostics;
  const auto resolved = resolve_scenario(top, diagnostics);
  INFO(joined(diagnostics));
  REQUIRE(resolved);
  CHECK(ids(resolved->scenario.nations()) == std::vector<std::string>{"CN", "IN", "US"});
  REQUIRE(resolved->included.size() == 2);
  CHECK(resolved->included[1].path == folder.path("worlds/base.textproto"));
}

TEST_CASE("Problems of the merged scenario are reported in the file that holds them",
          "[config][includes]") {
  Folder folder;
  const std::string base = folder.scenario("base.textproto", kBase + R"(
policies { id: "broken" type: "tariff" enacted_by: "XX" }
)");
  const std::string variant = folder.scenario("variant.textproto", R"(
include: "base.textproto"
policies { id: "new" type: "tarif" enacted_by: "IN" }
agents { id: "miner_in" type: "miner" nation: "IN" cash: -1 }
)");
  Diagnostics diagnostics;
  const auto resolved = resolve_scenario(variant, diagnostics);
  REQUIRE(resolved);
  CHECK_FALSE(validate_resolved(resolved->scenario, resolved->origins, "", diagnostics));
  CHECK(
      lines(diagnostics) ==
      std::vector<std::string>{
          variant + ": agents[miner_in].cash: must not be negative, got -1",
          base + ": policies[broken].enacted_by: unknown nation \"XX\"",
          variant + ": policies[new].type: unknown policy type \"tarif\"; did you mean 'tariff'?"});
}

TEST_CASE("A duplicate id in the including file is reported there", "[config][includes]") {
  Folder folder;
  folder.scenario("base.textproto", kBase);
  const std::string variant = folder.scenario("variant.textproto", R"(
include: "base.textproto"
nations { id: "US" }
nations { id: "US" }
)");
  Diagnostics diagnostics;
  const auto resolved = resolve_scenario(variant, diagnostics);
  REQUIRE(resolved);
  CHECK_FALSE(validate_resolved(resolved->scenario, resolved->origins, "", diagnostics));
  CHECK(lines(diagnostics) ==
        std::vector<std::string>{variant + ": nations[1].id: duplicate nation id "
                                           "\"US\" (first at nations[0].id)"});
}

TEST_CASE("Policy files hold one policy or a fragment of policies", "[config][includes]") {
  Folder folder;
  const std::string single = folder.write("tariff.textproto", R"(# one policy
id: "tariff" type: "tariff" enacted_by: "IN" params { name: "rate" value { fixed: 0.25 } }
)");
  const std::string headed = folder.write(
      "headed.textproto", "# proto-message: reesim.Policy\nid: \"p\" type: \"tariff\"\n");
  const std::string fragment = folder.scenario("fragment.textproto", R"(
policies { id: "ban" type: "export_ban" enacted_by: "CN" }
policies { id: "more" type: "tariff" enacted_by: "IN" }
)");
  const std::string plain_fragment =
      folder.write("plain.textproto", "policies { id: \"q\" type: \"tariff\" }\n");
  Diagnostics diagnostics;
  const auto a = load_policy_file(single, diagnostics);
  REQUIRE(a);
  CHECK_FALSE(a->fragment);
  REQUIRE(a->policies.size() == 1);
  CHECK(a->policies[0].params(0).value().fixed() == 0.25);
  const auto b = load_policy_file(headed, diagnostics);
  REQUIRE(b);
  CHECK(b->policies[0].id() == "p");
  const auto c = load_policy_file(fragment, diagnostics);
  REQUIRE(c);
  CHECK(c->fragment);
  CHECK(ids(c->policies) == std::vector<std::string>{"ban", "more"});
  const auto d = load_policy_file(plain_fragment, diagnostics);
  REQUIRE(d);
  CHECK(d->fragment);
  CHECK(diagnostics.empty());

  const std::string more = folder.scenario("more.textproto", R"(
policies { id: "x" type: "tariff" }
nations { id: "ZZ" }
)");
  const std::string garbage = folder.write("garbage.textproto", "id: \"x\"\ncolour: 3\n");
  Diagnostics refused;
  CHECK_FALSE(load_policy_file(more, refused));
  CHECK_FALSE(load_policy_file(garbage, refused));
  CHECK_FALSE(load_policy_file(folder.path("none.textproto"), refused));
  REQUIRE(refused.size() == 3);
  CHECK(refused.items()[0].to_string() ==
        more + ": an --add-policy file adds policies only; it also sets nations");
  CHECK(refused.items()[1].file == garbage);
  CHECK(refused.items()[1].line == 2);  // reported as a Policy
  CHECK(refused.items()[2].message.find("cannot open") == 0);
}

TEST_CASE("Added policies replace by id or append, and are validated in their file",
          "[config][includes]") {
  Folder folder;
  const std::string base = folder.scenario("base.textproto", kBase);
  const std::string single = folder.write("ban.textproto", R"(
id: "ban" type: "export_ban" enacted_by: "CN" origins: ["CN"] destinations: ["XX"]
)");
  const std::string fragment = folder.scenario("fragment.textproto", R"(
policies { id: "tariff" type: "tariff" enacted_by: "IN"
           params { name: "rate" value { fixed: 20 } } }
)");
  Diagnostics diagnostics;
  auto resolved = resolve_scenario(base, diagnostics);
  REQUIRE(resolved);
  for (const std::string& file : {single, fragment}) {
    const auto policies = load_policy_file(file, diagnostics);
    REQUIRE(policies);
    add_policies(*resolved, *policies);
  }
  CHECK(ids(resolved->scenario.policies()) == std::vector<std::string>{"ban", "tariff"});
  REQUIRE(resolved->included.size() == 2);
  CHECK(resolved->included[0].included_by == "--add-policy");
  CHECK_FALSE(validate_resolved(resolved->scenario, resolved->origins, "", diagnostics));
  CHECK(lines(diagnostics) ==
        std::vector<std::string>{
            single + ": destinations[0]: unknown nation \"XX\"",
            fragment +
                ": policies[tariff].params[0].value: value 20 is outside the valid range [0, 10]"});
}

TEST_CASE("load_scenario and validate_files resolve includes", "[config][includes]") {
  Folder folder;
  folder.scenario("base.textproto", kBase);
  const std::string variant =
      folder.scenario("variant.textproto", "include: \"base.textproto\"\nid: \"v\"\n");
  folder.write("experiment.textproto", R"(# proto-message: reesim.Experiment
id: "e" scenario: "variant.textproto" trials: 2
overrides { path: "policies[ban].activation.date" value: "2024-07-01" }
)");
  Diagnostics diagnostics;
  const auto scenario = load_scenario(variant, diagnostics);
  REQUIRE(scenario);
  CHECK(scenario->agents_size() == 2);
  CHECK(validate_files({variant, folder.path("experiment.textproto")}, diagnostics));
  INFO(joined(diagnostics));
  CHECK(diagnostics.empty());
}

TEST_CASE("Every field of Scenario and Model is merged", "[config][includes]") {
  // A field added to Scenario (or Model) must be given its merge rule in config/includes.cpp,
  // then listed here.
  const std::set<std::string> handled = {"id",          "title",    "description", "calendar",
                                         "commodities", "venues",   "nations",     "alliances",
                                         "agents",      "policies", "metrics",     "model",
                                         "include",     "remove",   "levers"};
  std::set<std::string> fields;
  const auto* scenario = reesim::Scenario::descriptor();
  for (int i = 0; i < scenario->field_count(); ++i)
    fields.insert(scenario->field(i)->name());
  CHECK(fields == handled);
  REQUIRE(reesim::Model::descriptor()->field_count() == 1);
  CHECK(reesim::Model::descriptor()->field(0)->name() == "params");
  const auto* removal = reesim::Removal::descriptor();
  CHECK(removal->field_count() == 9);
}

TEST_CASE("A variant adds levers to an included scenario and may remove them by id",
          "[config][includes][levers]") {
  Folder folder;
  folder.scenario("base.textproto", kBase);
  const std::string variant = folder.scenario("variant.textproto", R"(
include: "base.textproto"
id: "variant"
policies { id: "tariff" type: "tariff" enacted_by: "IN" origins: ["CN"] }
levers { id: "rate" policy: "tariff" nation: "IN" param: "rate" min: 0 max: 0.5 }
levers { id: "on" policy: "tariff" nation: "IN" }
)");
  const std::string trimmed = folder.scenario("trimmed.textproto", R"(
include: "variant.textproto"
remove { levers: ["on"] }
)");
  Diagnostics diagnostics;
  const auto resolved = resolve_scenario(trimmed, diagnostics);
  INFO(joined(diagnostics));
  REQUIRE(resolved);
  CHECK(ids(resolved->scenario.levers()) == std::vector<std::string>{"rate"});
  CHECK(validate_resolved(resolved->scenario, resolved->origins, "", diagnostics));
}
