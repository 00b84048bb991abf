#include "results/csv_format.h"

#include <array>
#include <charconv>
#include <cmath>

namespace reesim::results {

void append_number(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NA";
  } else if (std::isinf(value)) {
    out += value > 0 ? "Inf" : "-Inf";
  } else {
    std::array<char, 32> buffer;  // the longest shortest form is 24 characters
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    out.append(buffer.data(), result.ptr);
  }
}

void append_integer(std::string& out, std::int64_t value) {
  std::array<char, 24> buffer;
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  out.append(buffer.data(), result.ptr);
}

std::string format_number(double value) {
  std::string text;
  append_number(text, value);
  return text;
}

std::string csv_field(std::string_view text) {
  const bool needs_quotes = text.find_first_of(",\"\r\n") != std::string_view::npos ||
                            (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!needs_quotes) return std::string(text);
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string quantile_column_name(double level) {
  const double percent = std::round(level * 100.0 * 1e6) / 1e6;
  std::string name = "p";
  if (percent < 10) name += '0';
  append_number(name, percent);
  return name;
}

}  // namespace reesim::results
