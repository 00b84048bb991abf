#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "results/digest.h"
#include "results/run_folder.h"
#include "results/writers.h"
#include "temp_folder.h"

using reesim::Results;
using reesim::results::FolderLock;
using reesim::results::FolderRefused;
using reesim::results::lock_path_of;
using reesim::results::own_entries;
using reesim::results::RunFolder;
using reesim::results::series_sha256;
using reesim::results::testing::entries_of;
using reesim::results::testing::read_file;
using reesim::results::testing::TempFolder;

namespace {

// A finished run of `trials` trials without scalars, whose series hashes depend on `level`.
Results tiny_run(int trials, double level) {
  Results results;
  auto& manifest = *results.mutable_manifest();
  manifest.set_version("0.1.0");
  manifest.set_seed(7);
  manifest.set_trials(trials);
  manifest.set_shard("1/1");
  for (int trial = 0; trial < trials; ++trial) {
    auto& t = *results.add_trials();
    t.set_trial(trial);
    t.set_series_sha256(series_sha256({{level + trial}}));
  }
  return results;
}

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

}  // namespace

TEST_CASE("A new folder is written whole, with no staging folder or lock left",
          "[results][run_folder]") {
  TempFolder temp;
  const auto out = temp.path() / "run";
  {
    RunFolder folder(out);
    folder.refuse_other_run();  // nothing there: no refusal
    CHECK(std::filesystem::exists(lock_path_of(out)));
    folder.write(tiny_run(2, 1.5));
  }
  CHECK(entries_of(out) == std::vector<std::string>{"columns.csv", "covariance.csv", "digest",
                                                    "manifest.textproto", "results.pb",
                                                    "series.csv", "summary.csv", "trials.csv",
                                                    "units.csv"});
  CHECK(entries_of(temp.path()) == std::vector<std::string>{"run"});
}

TEST_CASE("A folder holding another run's files is refused, naming them", "[results][run_folder]") {
  TempFolder temp;
  const auto out = temp.path() / "run";
  RunFolder(out).write(tiny_run(2, 1.5));
  write_text(out / "sensitivity.csv", "metric\n");
  RunFolder folder(out);
  try {
    folder.refuse_other_run();
    FAIL("no refusal");
  } catch (const FolderRefused& e) {
    CHECK(std::string(e.what()) ==
          out.string() +
              ": holds another run's files (digest, manifest.textproto, trials.csv, series.csv, "
              "summary.csv, covariance.csv, units.csv, columns.csv, results.pb, "
              "sensitivity.csv); pass --force to "
              "replace them, or choose another --out");
  }
}

TEST_CASE("Replacing a run removes its stale files and keeps the user's", "[results][run_folder]") {
  TempFolder temp;
  const auto out = temp.path() / "run";
  RunFolder(out).write(tiny_run(3, 1.5));
  write_text(out / "sensitivity.csv", "metric\n");
  write_text(out / "points.csv", "point\n");
  std::filesystem::create_directories(out / ".partial");
  write_text(out / ".partial" / "block-000000000000.pb", "x");
  write_text(out / "notes.txt", "mine\n");
  std::filesystem::create_directories(out / "figures");

  RunFolder(out).write(tiny_run(1, 2.5));
  CHECK(entries_of(out) == std::vector<std::string>{"columns.csv", "covariance.csv", "digest",
                                                    "figures", "manifest.textproto", "notes.txt",
                                                    "results.pb", "series.csv", "summary.csv",
                                                    "trials.csv", "units.csv"});
  CHECK(read_file(out / "notes.txt") == "mine\n");
  CHECK(read_file(out / "digest") == reesim::results::run_digest(tiny_run(1, 2.5)) + "\n");
}

TEST_CASE("A second writer is refused, naming the holder's pid", "[results][run_folder]") {
  TempFolder temp;
  const auto out = temp.path() / "run";
  const FolderLock held(out);
  try {
    const FolderLock second(out);
    FAIL("no refusal");
  } catch (const FolderRefused& e) {
    CHECK_THAT(e.what(), Catch::Contains("another reesim process (pid " +
                                         std::to_string(::getpid()) + ") is writing to it"));
  }
}

TEST_CASE("A released lock can be taken again", "[results][run_folder]") {
  TempFolder temp;
  const auto out = temp.path() / "run";
  { const FolderLock first(out); }
  CHECK(!std::filesystem::exists(lock_path_of(out)));
  const FolderLock again(out);
  CHECK(read_file(lock_path_of(out)) == std::to_string(::getpid()) + "\n");
}

TEST_CASE("The lock file lies beside the folder, whatever its spelling", "[results][run_folder]") {
  TempFolder temp;
  const auto expected = temp.path() / ".run.lock";
  CHECK(lock_path_of(temp.path() / "run") == expected);
  CHECK(lock_path_of(temp.path() / "run" / "") == expected);
  CHECK(lock_path_of(temp.path() / "run" / ".") == expected);
}

TEST_CASE("A killed writer's staging folders are removed by the next writer",
          "[results][run_folder]") {
  TempFolder temp;
  const auto out = temp.path() / "run";
  std::filesystem::create_directories(out / ".reesim-new-123");
  write_text(out / ".reesim-new-123" / "trials.csv", "half");
  std::filesystem::create_directories(out / ".reesim-old-123");
  const RunFolder folder(out);
  CHECK(entries_of(out).empty());
  CHECK(own_entries(out).empty());
}
