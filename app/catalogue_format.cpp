#include "app/catalogue_format.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace reesim::app {
namespace {

constexpr std::size_t kWidth = 100;  // columns the index wraps at

// How a section's entries are set in a scenario, by field path.
constexpr const char* kAgentPath = "agents[ID].params[NAME].value";
constexpr const char* kPolicyPath = "policies[ID].params[NAME].value";
constexpr const char* kModelPath = "model.params[NAME].value";
constexpr const char* kLeverForm =
    "levers { id: \"ID\" policy: \"POLICY\" nation: \"NATION\" param: \"NAME\" min: X max: Y }";

template <typename Entry>
std::string range_text(const Entry& p) {
  // Appended piecewise: g++ 12 warns falsely (-Wrestrict) on "[" + std::string.
  std::string text(1, '[');
  return text.append(number_text(p.min)).append(", ").append(number_text(p.max)).append("]");
}

// A lever's parameter as printed: "(switch)" for the on/off switch.
std::string lever_param(const LeverEntry& lever) {
  return lever.param.empty() ? "(switch)" : lever.param;
}

// `names` after `label`, comma-separated and wrapped at kWidth with a two-space indent.
std::string wrapped(const std::string& label, const std::vector<std::string>& names) {
  std::string text = label + ":";
  std::size_t column = text.size();
  for (std::size_t k = 0; k < names.size(); ++k) {
    const std::string word = names[k] + (k + 1 < names.size() ? "," : "");
    if (column + 1 + word.size() > kWidth) {
      text += "\n ";
      column = 1;
    }
    text += " " + word;
    column += 1 + word.size();
  }
  return text + "\n";
}

template <typename Entry>
std::vector<std::string> names_of(const std::vector<Entry>& entries) {
  std::vector<std::string> names;
  for (const Entry& entry : entries)
    names.push_back(entry.name);
  return names;
}

// Columns a UTF-8 text takes on a terminal: one per character ("§" is two bytes, one column).
std::size_t columns(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// Rows as aligned columns two spaces apart, each line indented by two spaces; the last column is
// not padded.
std::string aligned(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width(rows.front().size(), 0);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c)
      width[c] = std::max(width[c], columns(row[c]));
  std::string text;
  for (const auto& row : rows) {
    std::string line = "  ";
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line.append(width[c] - columns(row[c]) + 2, ' ');
    }
    text += line + "\n";
  }
  return text;
}

std::string param_table(const std::vector<ParamEntry>& params) {
  if (params.empty()) return "  no parameters\n";
  std::vector<std::vector<std::string>> rows = {
      {"name", "unit", "default", "range", "source", "doc"}};
  for (const ParamEntry& p : params)
    rows.push_back({p.name, p.unit, number_text(p.default_value), range_text(p), p.source, p.doc});
  return aligned(rows);
}

std::string type_text(const char* section, const TypeEntry& type, const char* path) {
  return std::string(section) + " " + type.name + "\n  " + type.doc + "\n  set as " + path +
         "\n\n" + param_table(type.params);
}

std::string kinds_text(const char* section, const std::vector<KindEntry>& kinds) {
  std::vector<std::vector<std::string>> rows;
  for (const KindEntry& kind : kinds)
    rows.push_back({kind.name, kind.doc});
  return std::string(section) + "\n\n" + aligned(rows);
}

// `text` in lines of at most kWidth columns, each indented by two spaces.
std::string indented(const std::string& text) {
  std::string out;
  std::string line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!line.empty() && 2 + columns(line) + 1 + columns(word) > kWidth) {
      out += "  " + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  return out + "  " + line + "\n";
}

std::string levers_text(const Catalogue& catalogue) {
  std::vector<std::vector<std::string>> rows = {{"policy type", "param", "unit", "bounds", "doc"}};
  for (const LeverEntry& lever : catalogue.levers)
    rows.push_back(
        {lever.policy_type, lever_param(lever), lever.unit, range_text(lever), lever.doc});
  return "levers (Scenario.levers)\n" + indented(catalogue.levers_doc) + "  set as " + kLeverForm +
         "\n\n" + aligned(rows);
}

// A JSON string literal: quotes, backslashes and control characters escaped; UTF-8 kept.
std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out.append(1, '\\').append(1, c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string json_number(double value) {
  return std::isfinite(value) ? number_text(value) : json_string(number_text(value));
}

std::string json_param(const ParamEntry& p) {
  return "{\"name\": " + json_string(p.name) + ", \"unit\": " + json_string(p.unit) +
         ", \"default\": " + json_number(p.default_value) + ", \"min\": " + json_number(p.min) +
         ", \"max\": " + json_number(p.max) + ", \"source\": " + json_string(p.source) +
         ", \"doc\": " + json_string(p.doc) + "}";
}

// `items` as a JSON array, one item a line at `indent`.
std::string json_array(const std::vector<std::string>& items, const std::string& indent) {
  if (items.empty()) return "[]";
  std::string text = "[\n";
  for (std::size_t k = 0; k < items.size(); ++k)
    text += indent + "  " + items[k] + (k + 1 < items.size() ? ",\n" : "\n");
  return text + indent + "]";
}

std::string json_params(const std::vector<ParamEntry>& params, const std::string& indent) {
  std::vector<std::string> items;
  for (const ParamEntry& p : params)
    items.push_back(json_param(p));
  return json_array(items, indent);
}

std::string json_types(const std::vector<TypeEntry>& types) {
  std::vector<std::string> items;
  for (const TypeEntry& type : types)
    items.push_back("{\n      \"name\": " + json_string(type.name) +
                    ",\n      \"doc\": " + json_string(type.doc) +
                    ",\n      \"params\": " + json_params(type.params, "      ") + "\n    }");
  return json_array(items, "  ");
}

std::string json_kinds(const std::vector<KindEntry>& kinds) {
  std::vector<std::string> items;
  for (const KindEntry& kind : kinds)
    items.push_back("{\"name\": " + json_string(kind.name) + ", \"doc\": " + json_string(kind.doc) +
                    "}");
  return json_array(items, "  ");
}

std::string json_levers(const std::vector<LeverEntry>& levers) {
  std::vector<std::string> items;
  for (const LeverEntry& lever : levers)
    items.push_back(
        "{\"policy_type\": " + json_string(lever.policy_type) +
        ", \"param\": " + json_string(lever.param) + ", \"unit\": " + json_string(lever.unit) +
        ", \"min\": " + json_number(lever.min) + ", \"max\": " + json_number(lever.max) +
        ", \"doc\": " + json_string(lever.doc) + "}");
  return json_array(items, "  ");
}

// A Markdown table cell: '|' escaped, so that a doc line cannot split its row.
std::string cell(const std::string& text) {
  std::string out;
  for (const char c : text)
    out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

std::string markdown_params(const std::vector<ParamEntry>& params) {
  if (params.empty()) return "No parameters.\n";
  std::string text =
      "| parameter | unit | default | range | source | doc |\n|---|---|---|---|---|---|\n";
  for (const ParamEntry& p : params)
    text += "| `" + p.name + "` | " + cell(p.unit) + " | " + number_text(p.default_value) + " | " +
            range_text(p) + " | " + cell(p.source) + " | " + cell(p.doc) + " |\n";
  return text;
}

std::string markdown_types(const std::vector<TypeEntry>& types) {
  std::string text;
  for (const TypeEntry& type : types)
    text +=
        "\n### `" + type.name + "`\n\n" + cell(type.doc) + "\n\n" + markdown_params(type.params);
  return text;
}

std::string markdown_kinds(const std::vector<KindEntry>& kinds) {
  std::string text = "| value | meaning |\n|---|---|\n";
  for (const KindEntry& kind : kinds)
    text += "| `" + kind.name + "` | " + cell(kind.doc) + " |\n";
  return text;
}

std::string markdown_levers(const std::vector<LeverEntry>& levers) {
  std::string text = "| policy type | param | unit | bounds | doc |\n|---|---|---|---|---|\n";
  for (const LeverEntry& lever : levers)
    text += "| `" + lever.policy_type + "` | " +
            (lever.param.empty() ? std::string("(switch)") : "`" + lever.param + "`") + " | " +
            cell(lever.unit) + " | " + range_text(lever) + " | " + cell(lever.doc) + " |\n";
  return text;
}

}  // namespace

std::string number_text(double value) {
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char text[32];
  const auto result = std::to_chars(text, text + sizeof text, value);
  return std::string(text, result.ptr);
}

std::string format_index(const Catalogue& catalogue) {
  return wrapped("agent types", names_of(catalogue.agent_types)) +
         wrapped("policy types", names_of(catalogue.policy_types)) +
         wrapped("model parameters", names_of(catalogue.model_params)) +
         wrapped("metric kinds", names_of(catalogue.metric_kinds)) +
         wrapped("scalar kinds", names_of(catalogue.scalar_kinds)) +
         "\n'reesim describe NAME' prints one entry in full: a type, a model parameter, or a "
         "section\n"
         "(agents, policies, model, metrics, scalars, levers: what a scenario's levers may "
         "move);\n"
         "--format json|markdown prints them all.\n";
}

std::string format_text(const Catalogue& catalogue) {
  std::vector<std::string> blocks;
  for (const TypeEntry& type : catalogue.agent_types)
    blocks.push_back(type_text("agent type", type, kAgentPath));
  for (const TypeEntry& type : catalogue.policy_types)
    blocks.push_back(type_text("policy type", type, kPolicyPath));
  if (!catalogue.model_params.empty())
    blocks.push_back("model parameters\n  " + catalogue.model_doc + "\n  set as " + kModelPath +
                     "\n\n" + param_table(catalogue.model_params));
  if (!catalogue.metric_kinds.empty())
    blocks.push_back(kinds_text("metric kinds (Metric.kind)", catalogue.metric_kinds));
  if (!catalogue.scalar_kinds.empty())
    blocks.push_back(kinds_text("scalar kinds (Scalar.kind)", catalogue.scalar_kinds));
  if (!catalogue.levers.empty()) blocks.push_back(levers_text(catalogue));
  std::string text;
  for (std::size_t k = 0; k < blocks.size(); ++k)
    text += (k ? "\n" : "") + blocks[k];
  return text;
}

std::string format_json(const Catalogue& catalogue) {
  return "{\n  \"agent_types\": " + json_types(catalogue.agent_types) +
         ",\n  \"policy_types\": " + json_types(catalogue.policy_types) +
         ",\n  \"model_params\": " + json_params(catalogue.model_params, "  ") +
         ",\n  \"metric_kinds\": " + json_kinds(catalogue.metric_kinds) +
         ",\n  \"scalar_kinds\": " + json_kinds(catalogue.scalar_kinds) +
         ",\n  \"levers\": " + json_levers(catalogue.levers) + "\n}\n";
}

std::string format_markdown(const Catalogue& catalogue) {
  return std::string(
             "# The catalogue\n\n"
             "What a scenario can name: the registered agent and policy types with their\n"
             "parameters, the model parameters, the kinds of metrics and scalars, and what a\n"
             "scenario's levers may move. Generated from\n"
             "the registrations by `scripts/gen-catalog-doc.sh` (`reesim describe --format\n"
             "markdown`); a test fails when this file differs from its output, so change the\n"
             "registrations and regenerate it rather than editing it. `reesim describe NAME` "
             "prints\n"
             "one entry, `reesim describe --format json` all of it as JSON.\n\n"
             "Each parameter has a unit, a default (used when a scenario does not set it), a "
             "valid\n"
             "range (`inf`: unbounded) and a source: a row of the calibration notes (`cal §N`),\n"
             "`prior` (a judgement to be given a distribution), or `-`. Any parameter may be a\n"
             "distribution drawn once per trial.\n\n"
             "## Agent types\n\n"
             "Set in a scenario as\n"
             "`agents { type: \"TYPE\" params { name: \"NAME\" value { fixed: X } } }`, by path "
             "as\n"
             "`agents[ID].params[NAME].value`.\n") +
         markdown_types(catalogue.agent_types) +
         "\n## Policy types\n\nSet by path as `policies[ID].params[NAME].value`.\n" +
         markdown_types(catalogue.policy_types) + "\n## Model parameters\n\n" +
         cell(catalogue.model_doc) +
         ".\n\nSet in a scenario as `model { params { name: \"NAME\" value { fixed: X } } }`, by\n"
         "path as `model.params[NAME].value`.\n\n" +
         markdown_params(catalogue.model_params) +
         "\n## Metric kinds\n\nWhat a metric measures each tick (`Metric.kind`).\n\n" +
         markdown_kinds(catalogue.metric_kinds) +
         "\n## Scalar kinds\n\nHow a per-trial number is derived from a metric's series "
         "(`Scalar.kind`).\n\n" +
         markdown_kinds(catalogue.scalar_kinds) +
         "\n## Levers\n\nWhat a scenario's `levers` section may let an external government move "
         "while\n`reesim serve` runs it (docs/gateway.md): a parameter of a policy the nation "
         "enacts, between\nbounds `min` and `max` in the parameter's unit that lie inside the "
         "range below, or the\npolicy's on/off switch (no `param`, no bounds). Set in a scenario "
         "as\n`" +
         kLeverForm + "`.\n\n" + markdown_levers(catalogue.levers);
}

}  // namespace reesim::app
