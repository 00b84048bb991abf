#include <catch2/catch.hpp>

#include <stdexcept>

#include "results/atomic_file.h"
#include "temp_folder.h"

using reesim::results::AtomicFile;
using reesim::results::write_file_atomically;
using reesim::results::testing::read_file;
using reesim::results::testing::TempFolder;

TEST_CASE("A committed file holds its content and no temporary remains", "[results][atomic]") {
  TempFolder folder;
  const auto path = folder.path() / "summary.csv";
  {
    AtomicFile file(path);
    file.stream() << "scalar,mean\nshortfall,0.25\n";
    file.commit();
  }
  CHECK(read_file(path) == "scalar,mean\nshortfall,0.25\n");
  CHECK(folder.entries() == std::vector<std::string>{"summary.csv"});
}

TEST_CASE("While writing, only the temporary exists", "[results][atomic]") {
  TempFolder folder;
  AtomicFile file(folder.path() / "trials.csv");
  file.stream() << "trial,point\n";
  CHECK(!std::filesystem::exists(file.final_path()));
  CHECK(std::filesystem::exists(file.temporary_path()));
  CHECK(file.temporary_path().parent_path() == folder.path());
}

TEST_CASE("A file never committed (a killed run) leaves nothing behind", "[results][atomic]") {
  TempFolder folder;
  {
    AtomicFile file(folder.path() / "trials.csv");
    file.stream() << "half a ro";
  }
  CHECK(folder.entries().empty());
}

TEST_CASE("An abandoned rewrite keeps the previous file intact", "[results][atomic]") {
  TempFolder folder;
  const auto path = folder.path() / "digest";
  write_file_atomically(path, "old\n");
  {
    AtomicFile file(path);
    file.stream() << "new";
  }
  CHECK(read_file(path) == "old\n");
}

TEST_CASE("Writing atomically replaces an existing file", "[results][atomic]") {
  TempFolder folder;
  const auto path = folder.path() / "digest";
  write_file_atomically(path, "old\n");
  write_file_atomically(path, "new\n");
  CHECK(read_file(path) == "new\n");
  CHECK(folder.entries() == std::vector<std::string>{"digest"});
}

TEST_CASE("A missing folder is an error naming the path", "[results][atomic]") {
  TempFolder folder;
  const auto path = folder.path() / "no_such_folder" / "digest";
  CHECK_THROWS_WITH(write_file_atomically(path, "x"),
                    Catch::Contains("no_such_folder") && Catch::Contains("No such file"));
}
