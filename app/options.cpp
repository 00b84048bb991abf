#include "app/options.h"

#include <charconv>
#include <system_error>

namespace reesim::app {
namespace {

// A usage error in one sentence. A ParseError other than ValidationError reaches the command
// line's handler as it is, without CLI11's "--name: " prefix.
[[noreturn]] void refuse(const std::string& sentence) {
  throw CLI::ParseError(sentence, CLI::ExitCodes::ValidationError);
}

}  // namespace

CLI::Validator at_least(std::string name, std::int64_t min) {
  return CLI::Validator(
      [name = std::move(name), min](std::string& text) -> std::string {
        std::int64_t value = 0;
        const char* end = text.data() + text.size();
        const auto [rest, error] = std::from_chars(text.data(), end, value);
        const bool negative = !text.empty() && text.front() == '-';
        if (rest != end || (error != std::errc() && error != std::errc::result_out_of_range))
          refuse(name + " must be a whole number, got '" + text + "'");
        if (error == std::errc::result_out_of_range && !negative)
          refuse(name + " is too large, got " + text);
        if (error == std::errc::result_out_of_range || value < min)
          refuse(name + " must be at least " + std::to_string(min) + ", got " + text);
        return {};
      },
      "INT >= " + std::to_string(min));
}

CLI::Validator in_range(std::string name, std::int64_t min, std::int64_t max) {
  return CLI::Validator(
      [name = std::move(name), min, max](std::string& text) -> std::string {
        std::int64_t value = 0;
        const char* end = text.data() + text.size();
        const auto [rest, error] = std::from_chars(text.data(), end, value);
        const bool negative = !text.empty() && text.front() == '-';
        if (rest != end || (error != std::errc() && error != std::errc::result_out_of_range))
          refuse(name + " must be a whole number, got '" + text + "'");
        const bool out_of_range = error == std::errc::result_out_of_range;
        if (out_of_range ? negative : value < min)
          refuse(name + " must be at least " + std::to_string(min) + ", got " + text);
        if (out_of_range || value > max)
          refuse(name + " must be at most " + std::to_string(max) + ", got " + text);
        return {};
      },
      "INT in [" + std::to_string(min) + ", " + std::to_string(max) + "]");
}

CLI::Validator unsigned_64(std::string name) {
  return CLI::Validator(
      [name = std::move(name)](std::string& text) -> std::string {
        std::uint64_t value = 0;
        const char* end = text.data() + text.size();
        const auto [rest, error] = std::from_chars(text.data(), end, value);
        if (error != std::errc() || rest != end)
          refuse(name + " must be a whole number from 0 to " + std::to_string(UINT64_MAX) +
                 ", got " + text);
        return {};
      },
      "UINT64");
}

std::optional<std::uint64_t> parse_byte_size(std::string_view text) {
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [rest, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || rest == text.data()) return std::nullopt;
  std::string_view unit(rest, static_cast<std::size_t>(end - rest));
  if (unit.ends_with("iB")) unit.remove_suffix(2);
  int shift = 0;
  if (unit == "K")
    shift = 10;
  else if (unit == "M")
    shift = 20;
  else if (unit == "G")
    shift = 30;
  else if (unit == "T")
    shift = 40;
  else if (!unit.empty())
    return std::nullopt;
  if (shift > 0 && value > (UINT64_MAX >> shift)) return std::nullopt;
  return value << shift;
}

CLI::Validator byte_size(std::string name) {
  return CLI::Validator(
      [name = std::move(name)](std::string& text) -> std::string {
        const auto value = parse_byte_size(text);
        if (!value || *value == 0)
          refuse(name + " must be a size such as 512MiB or 2GiB, got '" + text + "'");
        return {};
      },
      "SIZE");
}

}  // namespace reesim::app
