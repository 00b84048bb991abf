#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <string>

#include "config/loader.h"

using namespace reesim::config;

namespace {

// A file in the temporary folder, removed at the end of the test.
class TempFile {
 public:
  TempFile(const std::string& name, const std::string& content)
      : path_(std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") +
              "/reesim_loader_test_" + name) {
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempFile() { std::remove(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

TEST_CASE("A text-format scenario with its header line loads", "[config][loader]") {
  TempFile file("a.textproto",
                "# A comment first is fine.\n# proto-message: reesim.Scenario\n"
                "id: \"x\"\ncalendar { start: \"2024-01-01\" end: \"2024-12-31\" }\n");
  Diagnostics diagnostics;
  const auto scenario = load_scenario(file.path(), diagnostics);
  REQUIRE(diagnostics.empty());
  REQUIRE(scenario);
  CHECK(scenario->id() == "x");
  CHECK(scenario->calendar().end() == "2024-12-31");
}

TEST_CASE("A JSON experiment loads, its type taken from its name", "[config][loader]") {
  TempFile file("run.experiment.json", R"({"id": "e", "scenario": "s.textproto", "trials": 4})");
  Diagnostics diagnostics;
  const auto experiment = load_experiment(file.path(), diagnostics);
  REQUIRE(diagnostics.empty());
  REQUIRE(experiment);
  CHECK(experiment->trials() == 4);
}

TEST_CASE("Syntax errors carry protobuf's line and column, 1-based", "[config][loader]") {
  TempFile file("b.textproto", "# proto-message: reesim.Scenario\nid: \"x\"\n  colour: 3\n");
  Diagnostics diagnostics;
  CHECK_FALSE(load_document(file.path(), diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].line == 3);
  // protobuf points at the ':' after the unknown name: 0-based column 8, 1-based 9.
  CHECK(diagnostics.items()[0].column == 9);
  CHECK(diagnostics.items()[0].to_string().find(file.path() + ":3:9: ") == 0);
}

TEST_CASE("A file of the wrong kind is refused", "[config][loader]") {
  TempFile file("c.textproto", "# proto-message: reesim.Experiment\nid: \"e\"\n");
  Diagnostics diagnostics;
  CHECK_FALSE(load_scenario(file.path(), diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].message == "is a reesim.Experiment, expected a reesim.Scenario");
}

TEST_CASE("The header must come before the first field", "[config][loader]") {
  TempFile file("d.textproto", "id: \"x\"\n# proto-message: reesim.Scenario\n");
  Diagnostics diagnostics;
  CHECK_FALSE(load_document(file.path(), diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].message.find("missing header line") == 0);
}

TEST_CASE("A byte-order mark or a JSON array is named as such", "[config][loader][json]") {
  TempFile bom("bom.experiment.json", "\xEF\xBB\xBF{\"id\": \"j\"}\n");
  Diagnostics diagnostics;
  CHECK_FALSE(load_document(bom.path(), diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].to_string() ==
        bom.path() +
            ":1:1: starts with a UTF-8 byte-order mark (bytes EF BB BF); save the file without it");

  TempFile array("array.experiment.json", "  [{\"id\": \"j\"}]\n");
  Diagnostics array_diagnostics;
  CHECK_FALSE(load_document(array.path(), array_diagnostics));
  REQUIRE(array_diagnostics.size() == 1);
  CHECK(
      array_diagnostics.items()[0].to_string() ==
      array.path() +
          ": is a JSON array; a scenario, experiment or policy file in JSON is one object { ... }");
}

TEST_CASE("A JSON member given twice is refused, in either spelling", "[config][loader][json]") {
  TempFile twice("twice.experiment.json", "{\"id\": \"j\",\n \"trials\": 2,\n \"trials\": 3}\n");
  Diagnostics diagnostics;
  CHECK_FALSE(load_document(twice.path(), diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].to_string() ==
        twice.path() + ":3:2: duplicate member \"trials\" (first on line 2)");

  TempFile camel(
      "camel.experiment.json",
      "{\"id\": \"j\", \"outputs\": {\"trial_series\": true,\n\"trialSeries\": false}}\n");
  Diagnostics camel_diagnostics;
  CHECK_FALSE(load_document(camel.path(), camel_diagnostics));
  REQUIRE(camel_diagnostics.size() == 1);
  CHECK(camel_diagnostics.items()[0].to_string() ==
        camel.path() + ":2:1: duplicate member \"trialSeries\" (first on line 1)");

  // The same name in two objects is no duplicate.
  TempFile nested("nested.experiment.json",
                  "{\"id\": \"j\", \"scenario\": \"s\", \"trials\": 1, \"overrides\": "
                  "[{\"path\": \"a\", \"value\": \"1\"}, {\"path\": \"b\", \"value\": \"2\"}]}\n");
  Diagnostics nested_diagnostics;
  CHECK(load_document(nested.path(), nested_diagnostics));
}
