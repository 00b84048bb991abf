// The book benchmark's stream: CSV round trip, located errors, deterministic results.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "bench/book_bench.h"
#include "bench/book_stream.h"

namespace reesim::bench {

namespace {

std::string temp_path(const char* name) {
  return (std::filesystem::temp_directory_path() / (std::string("reesim_market_") + name)).string();
}

// The output lines that do not depend on timing.
std::string stable_lines(const std::string& output) {
  std::istringstream in(output);
  std::string line;
  std::string kept;
  while (std::getline(in, line))
    if (line.find("per_s") == std::string::npos && line.find("ns_per") == std::string::npos)
      kept += line + "\n";
  return kept;
}

}  // namespace

TEST_CASE("a stream written as CSV reads back unchanged", "[market][bench]") {
  const std::vector<BookMessage> stream = generate_stream(7, 5'000);
  const std::string path = temp_path("roundtrip.csv");
  std::string error;
  REQUIRE(write_stream_csv(path, stream, error));

  std::vector<BookMessage> back;
  REQUIRE(read_stream_csv(path, back, error));

  REQUIRE(back.size() == stream.size());
  for (std::size_t i = 0; i < stream.size(); ++i) {
    CHECK(back[i].op == stream[i].op);
    CHECK(back[i].id == stream[i].id);
    if (stream[i].op == BookOp::kCancel) continue;
    CHECK(back[i].price == stream[i].price);
    CHECK(back[i].quantity == stream[i].quantity);
    if (stream[i].op == BookOp::kModify) continue;
    CHECK(back[i].side == stream[i].side);
    CHECK(back[i].type == stream[i].type);
    CHECK(back[i].agent == stream[i].agent);
    CHECK(back[i].nation == stream[i].nation);
  }
  std::filesystem::remove(path);
}

TEST_CASE("a malformed CSV row is reported with its file and line", "[market][bench]") {
  const std::string path = temp_path("bad.csv");
  {
    std::ofstream out(path);
    out << "op,id,side,type,price,qty,agent,nation\n"
        << "add,1,buy,limit,100,5,7,3\n"
        << "add,2,sideways,limit,100,5,7,3\n";
  }
  BookBenchOptions options;
  options.stream_csv = path;
  std::ostringstream out;
  std::ostringstream err;

  CHECK(run_book_bench(options, out, err) == 2);
  CHECK(err.str() == path + ":3: side must be buy or sell\n");
  std::filesystem::remove(path);
}

TEST_CASE("the book benchmark is deterministic for a seed", "[market][bench]") {
  BookBenchOptions options;
  options.seed = 3;
  options.messages = 20'000;
  std::ostringstream first;
  std::ostringstream second;
  std::ostringstream err;

  REQUIRE(run_book_bench(options, first, err) == 0);
  REQUIRE(run_book_bench(options, second, err) == 0);

  CHECK(stable_lines(first.str()) == stable_lines(second.str()));
  CHECK(first.str().find("book.plain.msgs_per_s ") != std::string::npos);
  CHECK(first.str().find("book.policy.msgs_per_s ") != std::string::npos);
  CHECK(first.str().find("book.checksum ") != std::string::npos);
}

TEST_CASE("replaying a written stream gives the same trades", "[market][bench]") {
  const std::string path = temp_path("replay.csv");
  BookBenchOptions options;
  options.seed = 5;
  options.messages = 20'000;
  options.write_stream_csv = path;
  std::ostringstream generated;
  std::ostringstream err;
  REQUIRE(run_book_bench(options, generated, err) == 0);

  BookBenchOptions replay;
  replay.seed = 5;
  replay.stream_csv = path;
  std::ostringstream replayed;
  REQUIRE(run_book_bench(replay, replayed, err) == 0);

  CHECK(stable_lines(generated.str()) == stable_lines(replayed.str()));
  std::filesystem::remove(path);
}

}  // namespace reesim::bench
