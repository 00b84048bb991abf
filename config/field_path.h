// Sets a field of a protobuf message by path, as experiments' overrides, sweeps and the
// command line's `--set field.path=value` do. Thread-safe (no shared state).
//
// Path grammar: segment ('.' segment)*, segment = field_name ('[' key ']')?. On a list, key is a
// 0-based index or the `id` (or, for parameters, the `name`) of an element; on a map, key is the
// map key (a missing key is added). Examples:
//   calendar.end
//   policies[cn_licensing_2025].params[approval_probability].value
//   venues[dy_global].freight[IN]
//
// A parameter not yet set is added, unless its agent type, policy type or the model has no
// parameter of that name. An unknown field, element, enum value or parameter is refused with the
// nearest valid names ("did you mean 'unit_cost'?").
//
// Values are written as in text format: numbers, true/false, enum names, strings with or without
// quotes; a message field takes a text-format message ("uniform { min: 0 max: 1 }"), and a
// Distribution also takes a plain number, meaning `fixed: <number>`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <google/protobuf/message.h>

namespace reesim::config {

// Applies the override; returns nullopt on success, else why it was refused (naming the part of
// the path or the value that is wrong). The message is unchanged when refused.
[[nodiscard]] std::optional<std::string> apply_override(google::protobuf::Message& message,
                                                        std::string_view path,
                                                        std::string_view value);

// Sets the number at `path` as a sweep point does: a floating-point field (or a Distribution,
// which becomes `fixed`) takes `value` written with 17 significant digits, so it reads back as the
// same double; an integer field takes `value` rounded to the nearest integer (halves away from
// zero); a bool field takes 0 or 1. Returns nullopt on success, else why it was refused (as
// apply_override; a non-finite value is refused). The message is unchanged when refused.
[[nodiscard]] std::optional<std::string> apply_number(google::protobuf::Message& message,
                                                      std::string_view path, double value);

// Splits "field.path=value" at the first '='; nullopt when there is none or the path is empty.
[[nodiscard]] std::optional<std::pair<std::string, std::string>> split_assignment(
    std::string_view assignment);

}  // namespace reesim::config
