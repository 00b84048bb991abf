#include <catch2/catch.hpp>

#include "core/calendar.h"

using reesim::Date;
using reesim::parse_iso_date;

TEST_CASE("ISO dates parse into calendar days", "[core][calendar]") {
  const auto date = parse_iso_date("2025-04-04");
  REQUIRE(date);
  CHECK(date->year == 2025);
  CHECK(date->month == 4);
  CHECK(date->day == 4);
  CHECK(date->iso() == "2025-04-04");
}

TEST_CASE("Impossible or malformed dates are refused", "[core][calendar]") {
  CHECK_FALSE(parse_iso_date("2024-02-30"));
  CHECK_FALSE(parse_iso_date("2023-02-29"));
  CHECK_FALSE(parse_iso_date("2024-13-01"));
  CHECK_FALSE(parse_iso_date("2024-1-01"));
  CHECK_FALSE(parse_iso_date("24-01-01"));
  CHECK_FALSE(parse_iso_date("2024/01/01"));
  CHECK_FALSE(parse_iso_date(""));
  CHECK(parse_iso_date("2024-02-29"));  // leap year
  CHECK(parse_iso_date("2000-02-29"));  // divisible by 400
  CHECK_FALSE(parse_iso_date("1900-02-29"));
}

TEST_CASE("Day counts round-trip across the simulated centuries", "[core][calendar]") {
  CHECK(Date{1970, 1, 1}.days() == 0);
  CHECK(Date{2024, 1, 1}.days() == 19723);
  for (std::int64_t day = Date{1900, 1, 1}.days(); day < Date{2200, 12, 31}.days(); day += 17) {
    const Date date = Date::from_days(day);
    REQUIRE(date.days() == day);
    REQUIRE(parse_iso_date(date.iso()) == date);
  }
}

TEST_CASE("Dates order chronologically", "[core][calendar]") {
  CHECK(Date{2024, 12, 31} < Date{2025, 1, 1});
  CHECK(Date{2025, 4, 4}.days() - Date{2025, 2, 4}.days() == 59);
}
