#include "config/checks.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <set>

#include "config/catalogue.h"
#include "config/input_file.h"
#include "config/suggest.h"
#include "core/calendar.h"
#include "scenario.pb.h"

namespace reesim::config::detail {
namespace {

std::string number(double value) {
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (std::abs(value) >= 1e15) {  // 1e+300, not three hundred digits
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", value);
    return text;
  }
  std::string text = std::to_string(value);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text;
}

std::string hex_byte(unsigned char byte) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string text = "0x";
  text.push_back(kDigits[byte >> 4]);
  text.push_back(kDigits[byte & 0xF]);
  return text;
}

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// The path of element `index` of `field` (-1: a singular field) below `prefix`.
std::string field_path(const std::string& prefix, const FieldDescriptor& field, int index) {
  std::string path = prefix.empty() ? field.name() : prefix + "." + field.name();
  return index < 0 ? path : at(path, index);
}

}  // namespace

std::string range(double min, double max) {
  // Appended piecewise: g++ 12 warns falsely (-Wrestrict) on "[" + std::string.
  std::string text(1, '[');
  text.append(number(min)).append(", ").append(number(max)).append("]");
  return text;
}

std::string id_problem(const std::string& id) {
  if (id.empty()) return "must not be empty";
  if (id.size() > kMaxIdLength)
    return "is " + std::to_string(id.size()) + " characters long, over the limit of " +
           std::to_string(kMaxIdLength);
  for (std::size_t i = 0; i < id.size(); ++i) {
    const auto c = static_cast<unsigned char>(id[i]);
    if (std::isalnum(c) != 0 && c < 0x80) continue;
    if (c == '_' || ((c == '-' || c == '.') && i > 0)) continue;
    // Built piecewise: g++ 12 warns falsely (-Wrestrict) on "literal" + std::string.
    std::string problem = "holds ";
    if (c >= 0x21 && c < 0x7F)
      problem.append(1, '\'').append(1, id[i]).append(1, '\'');
    else
      problem.append("byte ").append(hex_byte(c));
    problem.append(" at position ").append(std::to_string(i + 1)).append("; an id takes ");
    problem.append(kIdCharacters);
    if (i == 0) problem.append(", and starts with a letter, a digit or '_'");
    return problem;
  }
  return {};
}

std::string text_problem(const std::string& text) {
  if (const auto bad = invalid_utf8_at(text))
    return "is not valid UTF-8 (byte " + hex_byte(static_cast<unsigned char>(text[*bad])) +
           " at offset " + std::to_string(*bad) + ")";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
      return std::string("holds a control character (") + (c == 0 ? "NUL, " : "") + hex_byte(c) +
             " at offset " + std::to_string(i) + ")";
  }
  return {};
}

void Reporter::bounded(const std::string& field, double value, double min, double max,
                       bool above_min, const std::string& unit) {
  const std::string in = unit.empty() ? "" : " " + unit;
  if (!std::isfinite(value))
    error(field, "must be a finite number, got " + number(value));
  else if (!above_min && min == 0 && value < 0)
    error(field, "must not be negative, got " + number(value));
  else if (above_min ? !(value > min) : !(value >= min))
    error(field, std::string(above_min ? "must be greater than " : "must be at least ") +
                     number(min) + ", got " + number(value));
  else if (value > max)
    error(field, "must be at most " + number(max) + in + ", got " + number(value));
}

void Reporter::id(const std::string& field, const std::string& id) {
  if (std::string problem = id_problem(id); !problem.empty()) error(field, problem);
}

void Reporter::fields(const Message& message, const std::string& prefix) {
  const Reflection& reflection = *message.GetReflection();
  std::vector<const FieldDescriptor*> set;
  reflection.ListFields(message, &set);
  for (const FieldDescriptor* field : set) {
    const int count = field->is_repeated() ? reflection.FieldSize(message, field) : 1;
    for (int i = 0; i < count; ++i) {
      const int index = field->is_repeated() ? i : -1;
      const auto path = [&] { return field_path(prefix, *field, index); };
      switch (field->cpp_type()) {
        case FieldDescriptor::CPPTYPE_STRING: {
          if (field->type() == FieldDescriptor::TYPE_BYTES) break;
          std::string scratch;
          const std::string& text =
              field->is_repeated()
                  ? reflection.GetRepeatedStringReference(message, field, i, &scratch)
                  : reflection.GetStringReference(message, field, &scratch);
          if (std::string problem = text_problem(text); !problem.empty()) error(path(), problem);
          break;
        }
        case FieldDescriptor::CPPTYPE_DOUBLE:
        case FieldDescriptor::CPPTYPE_FLOAT: {
          const double value =
              field->cpp_type() == FieldDescriptor::CPPTYPE_DOUBLE
                  ? (field->is_repeated() ? reflection.GetRepeatedDouble(message, field, i)
                                          : reflection.GetDouble(message, field))
                  : (field->is_repeated() ? reflection.GetRepeatedFloat(message, field, i)
                                          : reflection.GetFloat(message, field));
          if (!std::isfinite(value)) error(path(), "must be a finite number, got " + number(value));
          break;
        }
        case FieldDescriptor::CPPTYPE_MESSAGE: {
          const Message& child = field->is_repeated()
                                     ? reflection.GetRepeatedMessage(message, field, i)
                                     : reflection.GetMessage(message, field);
          if (field->is_map()) {
            map_entry(child, prefix.empty() ? field->name() : prefix + "." + field->name(), i);
          } else {
            fields(child, path());
          }
          break;
        }
        default:
          break;
      }
    }
  }
}

void Reporter::map_entry(const Message& entry, const std::string& map, int index) {
  // Reported as MAP[key], as the field-specific checks name them; a key that is not text is
  // named by its position instead.
  const FieldDescriptor* key = entry.GetDescriptor()->map_key();
  const FieldDescriptor* value = entry.GetDescriptor()->map_value();
  const Reflection& reflection = *entry.GetReflection();
  std::string here = at(map, index);
  if (key->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
    const std::string text = reflection.GetString(entry, key);
    if (std::string problem = text_problem(text); !problem.empty())
      error(here + " (key)", problem);
    else
      here = map + "[" + text + "]";
  }
  if (value->cpp_type() == FieldDescriptor::CPPTYPE_DOUBLE) {
    const double number_value = reflection.GetDouble(entry, value);
    if (!std::isfinite(number_value))
      error(here, "must be a finite number, got " + number(number_value));
  } else if (value->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
    if (std::string problem = text_problem(reflection.GetString(entry, value)); !problem.empty())
      error(here, problem);
  } else if (value->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    fields(reflection.GetMessage(entry, value), here);
  }
}

void Reporter::non_negative(const std::string& field, double value) {
  if (!std::isfinite(value))
    error(field, "must be a finite number, got " + number(value));
  else if (value < 0)
    error(field, "must not be negative, got " + number(value));
}

void Reporter::fraction(const std::string& field, double value) {
  if (!(value >= 0.0 && value <= 1.0)) error(field, "must be in [0, 1], got " + number(value));
}

void Reporter::date(const std::string& field, const std::string& text, bool required) {
  if (text.empty()) {
    if (required) error(field, "is required (a date \"YYYY-MM-DD\")");
    return;
  }
  if (parse_iso_date(text)) return;
  // A real day in a year outside the supported ones: say the range.
  if (text.size() == 10 && std::isdigit(static_cast<unsigned char>(text[0])) &&
      parse_iso_date("2000" + text.substr(4))) {
    error(field, "\"" + text + "\" is outside the supported years " + std::to_string(kFirstYear) +
                     " to " + std::to_string(kLastYear));
    return;
  }
  error(field, "\"" + text + "\" is not a date \"YYYY-MM-DD\"");
}

void Reporter::distribution(const std::string& field, const Distribution& value, double min,
                            double max) {
  // Support of the distribution, checked against [min, max] at the end.
  double low = 0;
  double high = 0;
  switch (value.kind_case()) {
    case Distribution::KIND_NOT_SET:
      error(field, "needs a value: fixed, uniform, normal, lognormal, triangular or discrete");
      return;
    case Distribution::kFixed:
      low = high = value.fixed();
      break;
    case Distribution::kUniform:
      low = value.uniform().min();
      high = value.uniform().max();
      if (low > high) return error(field + ".uniform", "min must not exceed max");
      break;
    case Distribution::kNormal: {
      const Normal& normal = value.normal();
      if (!(normal.sd() >= 0)) return error(field + ".normal.sd", "must not be negative");
      low = normal.has_min() ? normal.min() : -INFINITY;
      high = normal.has_max() ? normal.max() : INFINITY;
      if (low > high) return error(field + ".normal", "min must not exceed max");
      break;
    }
    case Distribution::kLognormal:
      if (!(value.lognormal().sigma() >= 0))
        return error(field + ".lognormal.sigma", "must not be negative");
      low = 0;
      high = INFINITY;
      break;
    case Distribution::kTriangular: {
      const Triangular& t = value.triangular();
      if (!(t.min() <= t.mode() && t.mode() <= t.max()))
        return error(field + ".triangular", "needs min <= mode <= max");
      low = t.min();
      high = t.max();
      break;
    }
    case Distribution::kDiscrete: {
      const Discrete& d = value.discrete();
      if (d.values().empty()) return error(field + ".discrete.values", "must not be empty");
      if (!d.weights().empty() && d.weights_size() != d.values_size())
        return error(field + ".discrete.weights", "must have one weight per value");
      double total = 0;
      for (int i = 0; i < d.weights_size(); ++i) {
        if (!(d.weights(i) >= 0) || !std::isfinite(d.weights(i)))
          return error(at(field + ".discrete.weights", i), "must be a finite number >= 0");
        total += d.weights(i);
      }
      if (!d.weights().empty() && total <= 0)
        return error(field + ".discrete.weights", "must not all be zero");
      low = INFINITY;
      high = -INFINITY;
      for (const double v : d.values()) {
        low = std::min(low, v);
        high = std::max(high, v);
      }
      break;
    }
  }
  if (std::isnan(low) || std::isnan(high)) return error(field, "must not be NaN");
  // A value given as inf (or as a literal beyond a double) is reported by fields(), once.
  const bool given =
      value.kind_case() != Distribution::kNormal && value.kind_case() != Distribution::kLognormal;
  if (given && (!std::isfinite(low) || !std::isfinite(high))) return;
  if (low < min || high > max) {
    const bool point = low == high;
    error(field, (point ? "value " + number(low) : "support " + range(low, high)) +
                     " is outside the valid range " + range(min, max));
  }
}

void Reporter::params(const std::string& field,
                      const google::protobuf::RepeatedPtrField<Param>& params,
                      const TypeSpec& type) {
  std::set<std::string> seen;
  for (int i = 0; i < params.size(); ++i) {
    const Param& param = params[i];
    const std::string here = at(field, i);
    const ParamSpec* spec = type.find(param.name());
    if (!spec) {
      error(here + ".name",
            "'" + param.name() + "' is not a parameter of " + std::string(type.name) +
                (type.params.empty() ? " (it has none)"
                                     : suggest(param.name(), param_names(type), true)));
      continue;
    }
    if (!seen.insert(param.name()).second)
      error(here + ".name", "parameter '" + param.name() + "' is given twice");
    if (!param.has_value()) {
      error(here + ".value", "is required");
      continue;
    }
    distribution(here + ".value", param.value(), spec->min, spec->max);
  }
}

void IdSet::declare(Reporter& reporter, const std::string& field, const std::string& id) {
  if (std::string problem = id_problem(id); !problem.empty()) return reporter.error(field, problem);
  const auto [it, inserted] = first_.emplace(id, field);
  if (inserted) order_.push_back(id);
  if (!inserted)
    reporter.error(field,
                   "duplicate " + kind_ + " id \"" + id + "\" (first at " + it->second + ")");
}

void IdSet::require(Reporter& reporter, const std::string& field, const std::string& id) const {
  if (id.empty()) return reporter.error(field, "must name a " + kind_);
  if (contains(id)) return;
  const std::vector<std::string_view> ids(order_.begin(), order_.end());
  reporter.error(field, "unknown " + kind_ + " \"" + id + "\"" + suggest(id, ids, false));
}

}  // namespace reesim::config::detail
