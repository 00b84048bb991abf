// Dates on the proleptic Gregorian calendar, as used by scenario calendars and activations.
// Plain values; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reesim {

// A calendar day. Ordered and comparable; `days()` counts days since 1970-01-01.
struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31

  // Days since 1970-01-01 (negative before).
  [[nodiscard]] std::int64_t days() const;
  // The date `days` days after 1970-01-01.
  [[nodiscard]] static Date from_days(std::int64_t days);
  // ISO 8601 "YYYY-MM-DD".
  [[nodiscard]] std::string iso() const;

  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

// The years a date may fall in.
inline constexpr int kFirstYear = 1900;
inline constexpr int kLastYear = 2200;

// Parses strict ISO 8601 "YYYY-MM-DD" (years kFirstYear..kLastYear); nullopt when malformed, not a
// real day or outside those years.
[[nodiscard]] std::optional<Date> parse_iso_date(std::string_view text);

// Parses a day of the year "MM-DD", the same in every year (29 February is refused: it is not
// in every year); the result's year is 0. nullopt when malformed or not a real day.
[[nodiscard]] std::optional<Date> parse_month_day(std::string_view text);

}  // namespace reesim
