#include "config/field_path.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/text_format.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "config/catalogue.h"
#include "config/suggest.h"

namespace reesim::config {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

struct Segment {
  std::string name;
  std::optional<std::string> key;
};

std::optional<std::vector<Segment>> parse_path(std::string_view path, std::string& why) {
  std::vector<Segment> segments;
  while (!path.empty()) {
    Segment segment;
    std::size_t i = 0;
    while (i < path.size() && path[i] != '.' && path[i] != '[')
      ++i;
    segment.name = std::string(path.substr(0, i));
    if (segment.name.empty()) {
      why = "empty field name in the path";
      return std::nullopt;
    }
    path.remove_prefix(i);
    if (!path.empty() && path.front() == '[') {
      const std::size_t close = path.find(']');
      if (close == std::string_view::npos || close == 1) {
        why = "unclosed or empty [ ] after '" + segment.name + "'";
        return std::nullopt;
      }
      segment.key = std::string(path.substr(1, close - 1));
      path.remove_prefix(close + 1);
    }
    if (!path.empty()) {
      if (path.front() != '.' || path.size() == 1) {
        why = "expected '.' after '" + segment.name + "'";
        return std::nullopt;
      }
      path.remove_prefix(1);
    }
    segments.push_back(std::move(segment));
  }
  if (segments.empty()) why = "empty path";
  return segments.empty() ? std::nullopt : std::optional(segments);
}

std::optional<int> parse_index(std::string_view key) {
  int index = 0;
  const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), index);
  if (ec != std::errc{} || end != key.data() + key.size() || index < 0) return std::nullopt;
  return index;
}

// The string value of field `name` of an element, or empty when it has none.
std::string element_name(const Message& element, const char* name) {
  const FieldDescriptor* field = element.GetDescriptor()->FindFieldByName(name);
  if (!field || field->cpp_type() != FieldDescriptor::CPPTYPE_STRING || field->is_repeated())
    return {};
  return element.GetReflection()->GetString(element, field);
}

// The names `type`'s fields, in order (views into the descriptor).
std::vector<std::string_view> field_names(const Descriptor& type) {
  std::vector<std::string_view> names;
  for (int i = 0; i < type.field_count(); ++i)
    names.push_back(type.field(i)->name());
  return names;
}

// The parameters that `parent`'s `params` list may name: its registered agent or policy type,
// or the model's; nullptr for an unregistered type (the scenario validator reports it).
const TypeSpec* params_owner(const Message& parent) {
  const std::string& type = parent.GetDescriptor()->full_name();
  if (type == "reesim.Model") return &model_type();
  if (type == "reesim.Agent")
    return find_type(registered_agent_types(), element_name(parent, "type"));
  if (type == "reesim.Policy")
    return find_type(registered_policy_types(), element_name(parent, "type"));
  return nullptr;
}

// Finds the element of a repeated message field by index, id or name; for maps, by key
// (adding the entry when missing). Returns nullptr with `why` set when there is none.
Message* find_element(Message& parent, const FieldDescriptor* field, const std::string& key,
                      std::string& why) {
  const Reflection* reflection = parent.GetReflection();
  const int size = reflection->FieldSize(parent, field);
  if (field->is_map()) {
    for (int i = 0; i < size; ++i) {
      Message* entry = reflection->MutableRepeatedMessage(&parent, field, i);
      if (element_name(*entry, "key") == key) return entry;
    }
    const FieldDescriptor* key_field = field->message_type()->FindFieldByName("key");
    if (key_field->cpp_type() != FieldDescriptor::CPPTYPE_STRING) {
      why = "map '" + field->name() + "' has no string keys";
      return nullptr;
    }
    Message* entry = reflection->AddMessage(&parent, field);
    entry->GetReflection()->SetString(entry, key_field, key);
    return entry;
  }
  if (const auto index = parse_index(key)) {
    if (*index < size) return reflection->MutableRepeatedMessage(&parent, field, *index);
    why = "index " + key + " is out of range for '" + field->name() + "' (" + std::to_string(size) +
          " elements)";
    return nullptr;
  }
  std::vector<std::string> names;  // each element's id, else its name, for suggestions
  for (int i = 0; i < size; ++i) {
    Message* element = reflection->MutableRepeatedMessage(&parent, field, i);
    const std::string id = element_name(*element, "id");
    const std::string name = element_name(*element, "name");
    if (id == key || name == key) return element;
    names.push_back(id.empty() ? name : id);
  }
  // A parameter not yet set is added when its type has it: the scenario validator then checks its
  // range (and, for an unregistered type, the type).
  if (field->message_type()->full_name() == "reesim.Param") {
    const TypeSpec* owner = params_owner(parent);
    if (owner && !owner->find(key)) {
      why = "'" + key + "' is not a parameter of " + std::string(owner->name) +
            (owner->params.empty() ? " (it has none)" : suggest(key, param_names(*owner), true));
      return nullptr;
    }
    Message* param = reflection->AddMessage(&parent, field);
    param->GetReflection()->SetString(param, field->message_type()->FindFieldByName("name"), key);
    return param;
  }
  const std::vector<std::string_view> ids(names.begin(), names.end());
  why = "no element with id '" + key + "' in '" + field->name() + "'" + suggest(key, ids, false);
  return nullptr;
}

std::string unquote(std::string_view value) {
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
      value.back() == value.front())
    return std::string(value.substr(1, value.size() - 2));
  return std::string(value);
}

std::optional<double> parse_double(std::string_view text) {
  const std::string copy(text);
  char* end = nullptr;
  const double value = std::strtod(copy.c_str(), &end);
  if (copy.empty() || end != copy.c_str() + copy.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

template <typename Int>
std::optional<Int> parse_integer(std::string_view text) {
  Int value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Sets a scalar (non-message) field, or element `index` of a repeated one.
std::optional<std::string> set_scalar(Message& message, const FieldDescriptor* field,
                                      std::optional<int> index, std::string_view value) {
  const Reflection* r = message.GetReflection();
  const std::string expected = std::string("expected ") + field->cpp_type_name() + " for '" +
                               field->name() + "', got '" + std::string(value) + "'";
  auto set = [&](auto setter, auto repeated_setter, auto parsed) -> std::optional<std::string> {
    if (!parsed) return expected;
    if (index)
      (r->*repeated_setter)(&message, field, *index, *parsed);
    else
      (r->*setter)(&message, field, *parsed);
    return std::nullopt;
  };
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return set(&Reflection::SetDouble, &Reflection::SetRepeatedDouble, parse_double(value));
    case FieldDescriptor::CPPTYPE_FLOAT: {
      const auto parsed = parse_double(value);
      return set(&Reflection::SetFloat, &Reflection::SetRepeatedFloat,
                 parsed ? std::optional(static_cast<float>(*parsed)) : std::nullopt);
    }
    case FieldDescriptor::CPPTYPE_INT32:
      return set(&Reflection::SetInt32, &Reflection::SetRepeatedInt32,
                 parse_integer<std::int32_t>(value));
    case FieldDescriptor::CPPTYPE_INT64:
      return set(&Reflection::SetInt64, &Reflection::SetRepeatedInt64,
                 parse_integer<std::int64_t>(value));
    case FieldDescriptor::CPPTYPE_UINT32:
      return set(&Reflection::SetUInt32, &Reflection::SetRepeatedUInt32,
                 parse_integer<std::uint32_t>(value));
    case FieldDescriptor::CPPTYPE_UINT64:
      return set(&Reflection::SetUInt64, &Reflection::SetRepeatedUInt64,
                 parse_integer<std::uint64_t>(value));
    case FieldDescriptor::CPPTYPE_BOOL: {
      std::optional<bool> parsed;
      if (value == "true" || value == "1") parsed = true;
      if (value == "false" || value == "0") parsed = false;
      return set(&Reflection::SetBool, &Reflection::SetRepeatedBool, parsed);
    }
    case FieldDescriptor::CPPTYPE_STRING:
      return set(&Reflection::SetString, &Reflection::SetRepeatedString,
                 std::optional(unquote(value)));
    case FieldDescriptor::CPPTYPE_ENUM: {
      const auto* enum_value = field->enum_type()->FindValueByName(std::string(value));
      if (!enum_value) {
        std::vector<std::string_view> names;
        for (int i = 0; i < field->enum_type()->value_count(); ++i)
          names.push_back(field->enum_type()->value(i)->name());
        const std::vector<std::string> near = nearest_names(value, names);
        std::string why =
            "unknown value '" + std::string(value) + "' for '" + field->name() + "'; ";
        if (!near.empty()) return why + did_you_mean(near);
        for (std::size_t i = 0; i < names.size(); ++i)
          why.append(i ? ", " : "expected one of ").append(names[i]);
        return why;
      }
      return set(&Reflection::SetEnum, &Reflection::SetRepeatedEnum, std::optional(enum_value));
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  return "cannot set '" + field->name() + "'";
}

std::optional<std::string> set_message(Message& target, std::string_view value) {
  std::unique_ptr<Message> parsed(target.New());
  if (target.GetDescriptor()->full_name() == "reesim.Distribution") {
    if (const auto number = parse_double(value)) {
      target.Clear();
      target.GetReflection()->SetDouble(&target, target.GetDescriptor()->FindFieldByName("fixed"),
                                        *number);
      return std::nullopt;
    }
  }
  google::protobuf::TextFormat::Parser parser;
  parser.SetRecursionLimit(16);
  if (!parser.ParseFromString(std::string(value), parsed.get())) {
    std::string why(1, '\'');  // appended piecewise: g++ 12 warns falsely on "'" + std::string
    why.append(value).append("' is not a valid ").append(target.GetDescriptor()->full_name());
    return why.append(" in text format");
  }
  target.CopyFrom(*parsed);
  return std::nullopt;
}

// The field a path ends at, found from the types alone (nullptr when a segment names no field):
// map segments step into the entry's value.
const FieldDescriptor* leaf_field(const Descriptor* type, const std::vector<Segment>& segments) {
  const FieldDescriptor* field = nullptr;
  for (const Segment& segment : segments) {
    if (!type) return nullptr;
    field = type->FindFieldByName(segment.name);
    if (!field) return nullptr;
    if (field->is_map()) field = field->message_type()->FindFieldByName("value");
    type = field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE ? field->message_type() : nullptr;
  }
  return field;
}

bool is_integer(const FieldDescriptor* field) {
  if (!field) return false;
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::optional<std::string> apply_number(Message& root, std::string_view path, double value) {
  if (!std::isfinite(value)) return "a swept value must be finite";
  std::string why;
  const auto segments = parse_path(path, why);
  if (!segments) return why;
  char text[40];
  if (is_integer(leaf_field(root.GetDescriptor(), *segments)))
    std::snprintf(text, sizeof text, "%.0f", std::round(value));
  else
    std::snprintf(text, sizeof text, "%.17g", value);
  return apply_override(root, path, text);
}

std::optional<std::string> apply_override(Message& root, std::string_view path,
                                          std::string_view value) {
  std::string why;
  const auto segments = parse_path(path, why);
  if (!segments) return why;

  // Work on a copy so a refused override leaves the message unchanged.
  std::unique_ptr<Message> copy(root.New());
  copy->CopyFrom(root);
  Message* current = copy.get();
  for (std::size_t s = 0; s < segments->size(); ++s) {
    const Segment& segment = (*segments)[s];
    const bool last = s + 1 == segments->size();
    const Descriptor* type = current->GetDescriptor();
    const FieldDescriptor* field = type->FindFieldByName(segment.name);
    if (!field)
      return "'" + segment.name + "' is not a field of " + type->full_name() +
             suggest(segment.name, field_names(*type), true);
    if (segment.key && !field->is_repeated())
      return "'" + segment.name + "' is not a list or map; drop the [" + *segment.key + "]";
    if (field->is_repeated() && !segment.key)
      return "'" + segment.name + "' is a list; name an element with [index] or [id]";

    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
      if (!last) return "'" + segment.name + "' has no fields";
      std::optional<int> index;
      if (segment.key) {
        index = parse_index(*segment.key);
        if (!index || *index >= current->GetReflection()->FieldSize(*current, field))
          return "index " + *segment.key + " is out of range for '" + segment.name + "'";
      }
      if (auto error = set_scalar(*current, field, index, value)) return error;
      root.CopyFrom(*copy);
      return std::nullopt;
    }

    Message* next = nullptr;
    if (segment.key) {
      next = find_element(*current, field, *segment.key, why);
      if (!next) return why;
      if (field->is_map()) {  // step into the entry's value
        const FieldDescriptor* value_field = next->GetDescriptor()->FindFieldByName("value");
        if (value_field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
          if (!last) return "map '" + segment.name + "' holds plain values";
          if (auto error = set_scalar(*next, value_field, std::nullopt, value)) return error;
          root.CopyFrom(*copy);
          return std::nullopt;
        }
        next = next->GetReflection()->MutableMessage(next, value_field);
      }
    } else {
      next = current->GetReflection()->MutableMessage(current, field);
    }
    if (last) {
      if (auto error = set_message(*next, value)) return error;
      root.CopyFrom(*copy);
      return std::nullopt;
    }
    current = next;
  }
  return "empty path";
}

std::optional<std::pair<std::string, std::string>> split_assignment(std::string_view assignment) {
  const std::size_t equals = assignment.find('=');
  if (equals == std::string_view::npos || equals == 0) return std::nullopt;
  return std::pair{std::string(assignment.substr(0, equals)),
                   std::string(assignment.substr(equals + 1))};
}

}  // namespace reesim::config
