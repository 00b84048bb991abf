#include "config/loader.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/json_util.h>

#include <filesystem>
#include <string_view>

#include "config/includes.h"
#include "config/input_file.h"
#include "config/structure.h"

namespace reesim::config {
namespace {

constexpr std::string_view kHeaderKey = "proto-message:";

// Routes protobuf's parser errors (0-based line and column) into diagnostics (1-based).
class ParserErrors : public google::protobuf::io::ErrorCollector {
 public:
  ParserErrors(const std::string& path, Diagnostics& diagnostics)
      : path_(path), diagnostics_(diagnostics) {}

  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    // protobuf names the offending token; at the end of the file that token is empty.
    const bool at_end = message.size() >= 5 && message.compare(message.size() - 5, 5, "got: ") == 0;
    const std::string text = at_end ? message + "end of file" : message;
    if (line < 0)
      diagnostics_.at_file(path_, text);
    else
      diagnostics_.at_text(path_, line + 1, column + 1, text);
  }

 private:
  const std::string& path_;
  Diagnostics& diagnostics_;
};

std::unique_ptr<google::protobuf::Message> make_message(DocumentKind kind) {
  if (kind == DocumentKind::kScenario) return std::make_unique<Scenario>();
  return std::make_unique<Experiment>();
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

// The `# proto-message: NAME` line among the leading comment lines of a text-format file.
struct Header {
  std::string_view name;
  int line = 0;
  int column = 0;  // of the name, 1-based
};

std::optional<Header> find_header(std::string_view text) {
  int line = 0;
  while (!text.empty()) {
    ++line;
    const std::size_t end = text.find('\n');
    const std::string_view raw = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    const std::string_view current = trim(raw);
    if (current.empty()) continue;
    if (current.front() != '#') break;
    const std::string_view comment = trim(current.substr(1));
    if (comment.substr(0, kHeaderKey.size()) != kHeaderKey) continue;
    const std::string_view name = trim(comment.substr(kHeaderKey.size()));
    return Header{name, line, static_cast<int>(raw.find(name) + 1)};
  }
  return std::nullopt;
}

// The kind a text-format file's header line names.
std::optional<DocumentKind> text_kind(const std::string& path, std::string_view text,
                                      Diagnostics& diagnostics) {
  const auto header = find_header(text);
  if (!header) {
    diagnostics.at_text(path, 1, 1,
                        "missing header line '# proto-message: reesim.Scenario' or "
                        "'# proto-message: reesim.Experiment'");
    return std::nullopt;
  }
  if (header->name == "reesim.Scenario") return DocumentKind::kScenario;
  if (header->name == "reesim.Experiment") return DocumentKind::kExperiment;
  diagnostics.at_text(path, header->line, header->column,
                      "unknown message type '" + std::string(header->name) +
                          "'; expected reesim.Scenario or reesim.Experiment");
  return std::nullopt;
}

bool parse_text(const std::string& path, const std::string& text,
                google::protobuf::Message& message, Diagnostics& diagnostics) {
  if (!check_text_format_nesting(path, text, diagnostics)) return false;
  ParserErrors errors(path, diagnostics);
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  parser.SetRecursionLimit(kMaxNesting);
  const std::size_t before = diagnostics.size();
  if (parser.ParseFromString(text, &message)) return true;
  if (diagnostics.size() == before) diagnostics.at_file(path, "could not be parsed");
  return false;
}

bool parse_json(const std::string& path, const std::string& text,
                google::protobuf::Message& message, Diagnostics& diagnostics) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto status = google::protobuf::util::JsonStringToMessage(text, &message, options);
  if (status.ok()) return true;
  diagnostics.at_file(path, "does not match " + message.GetDescriptor()->full_name() + ": " +
                                std::string(status.message()));
  return false;
}

// A JSON file names its kind in its file name, *scenario*.json or *experiment*.json; otherwise its
// content decides: an Experiment naming its scenario, else a Scenario.
std::optional<DocumentKind> json_kind(const std::string& path, const std::string& text,
                                      Diagnostics& diagnostics) {
  const std::string name = std::filesystem::path(path).filename().string();
  const bool scenario = name.find("scenario") != std::string::npos;
  const bool experiment = name.find("experiment") != std::string::npos;
  if (scenario != experiment) return scenario ? DocumentKind::kScenario : DocumentKind::kExperiment;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  Experiment as_experiment;
  if (google::protobuf::util::JsonStringToMessage(text, &as_experiment, options).ok() &&
      !as_experiment.scenario().empty())
    return DocumentKind::kExperiment;
  Scenario as_scenario;
  if (google::protobuf::util::JsonStringToMessage(text, &as_scenario, options).ok())
    return DocumentKind::kScenario;
  diagnostics.at_file(path,
                      "is JSON but neither a reesim.Experiment naming its scenario nor a "
                      "reesim.Scenario; a name *scenario*.json or *experiment*.json says which it "
                      "is meant to be");
  return std::nullopt;
}

bool looks_like_json(std::string_view text) {
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    return c == '{';
  }
  return false;
}

// What a file's first bytes show it is not: a UTF-8 byte-order mark, or a JSON array. True when
// neither.
bool check_start(const std::string& path, std::string_view text, Diagnostics& diagnostics) {
  if (text.starts_with("\xEF\xBB\xBF")) {
    diagnostics.at_text(path, 1, 1,
                        "starts with a UTF-8 byte-order mark (bytes EF BB BF); save the file "
                        "without it");
    return false;
  }
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '[') {
    diagnostics.at_file(path,
                        "is a JSON array; a scenario, experiment or policy file in JSON is one "
                        "object { ... }");
    return false;
  }
  return true;
}

}  // namespace

const char* kind_name(DocumentKind kind) {
  return kind == DocumentKind::kScenario ? "reesim.Scenario" : "reesim.Experiment";
}

std::optional<Document> load_document(const std::string& path, Diagnostics& diagnostics) {
  auto bytes = read_input_file(path, diagnostics);
  if (!bytes) return std::nullopt;
  if (!check_text(path, *bytes, diagnostics) || !check_start(path, *bytes, diagnostics))
    return std::nullopt;
  if (bytes->find_first_not_of(" \t\r\n") == std::string::npos) {
    diagnostics.at_file(path, "is empty");
    return std::nullopt;
  }

  const bool json = looks_like_json(*bytes);
  if (json && !check_json_syntax(path, *bytes, diagnostics)) return std::nullopt;
  const auto kind =
      json ? json_kind(path, *bytes, diagnostics) : text_kind(path, *bytes, diagnostics);
  if (!kind) return std::nullopt;

  Document document{*kind, path, std::move(*bytes), make_message(*kind)};
  const bool parsed = json ? parse_json(path, document.bytes, *document.message, diagnostics)
                           : parse_text(path, document.bytes, *document.message, diagnostics);
  if (!parsed) return std::nullopt;
  return document;
}

namespace {

template <typename Message>
std::optional<Message> load_as(const std::string& path, DocumentKind expected,
                               Diagnostics& diagnostics) {
  auto document = load_document(path, diagnostics);
  if (!document) return std::nullopt;
  if (document->kind != expected) {
    diagnostics.at_file(path, std::string("is a ") + kind_name(document->kind) + ", expected a " +
                                  kind_name(expected));
    return std::nullopt;
  }
  return std::move(static_cast<Message&>(*document->message));
}

}  // namespace

std::optional<Scenario> load_scenario(const std::string& path, Diagnostics& diagnostics) {
  auto resolved = resolve_scenario(path, diagnostics);
  if (!resolved) return std::nullopt;
  return std::move(resolved->scenario);
}

std::optional<Experiment> load_experiment(const std::string& path, Diagnostics& diagnostics) {
  return load_as<Experiment>(path, DocumentKind::kExperiment, diagnostics);
}

namespace {

// Parses `text` as a policy file's content into `file`; false with diagnostics otherwise. A
// header naming reesim.Policy or reesim.Scenario decides the form; without one the text is read
// as a Policy, else as a scenario fragment, and a text that is neither is reported as a Policy.
bool parse_policy_text(PolicyFile& file, Diagnostics& diagnostics) {
  const std::string& path = file.path;
  const bool json = looks_like_json(file.bytes);
  if (json && !check_json_syntax(path, file.bytes, diagnostics)) return false;
  std::optional<bool> fragment;  // known from the header
  if (!json) {
    if (const auto header = find_header(file.bytes)) {
      if (header->name != "reesim.Policy" && header->name != "reesim.Scenario") {
        diagnostics.at_text(path, header->line, header->column,
                            "unknown message type '" + std::string(header->name) +
                                "'; an --add-policy file holds a reesim.Policy or a "
                                "reesim.Scenario fragment with policies");
        return false;
      }
      fragment = header->name == "reesim.Scenario";
    }
  }
  const auto parse = [&](google::protobuf::Message& message, Diagnostics& into) {
    return json ? parse_json(path, file.bytes, message, into)
                : parse_text(path, file.bytes, message, into);
  };
  Policy policy;
  Scenario scenario;
  if (!fragment) {
    Diagnostics as_policy;
    if (parse(policy, as_policy)) {
      file.policies.push_back(std::move(policy));
      return true;
    }
    Diagnostics as_scenario;
    if (!parse(scenario, as_scenario) || scenario.policies().empty()) {
      diagnostics.append(as_policy);
      return false;
    }
    fragment = true;
  } else if (*fragment && !parse(scenario, diagnostics)) {
    return false;
  } else if (!*fragment) {
    if (!parse(policy, diagnostics)) return false;
    file.policies.push_back(std::move(policy));
    return true;
  }
  file.fragment = true;
  Scenario rest = scenario;
  rest.clear_policies();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  rest.GetReflection()->ListFields(rest, &fields);
  if (!fields.empty()) {
    std::string names;
    for (const auto* field : fields)
      names.append(names.empty() ? "" : ", ").append(field->name());
    diagnostics.at_file(path, "an --add-policy file adds policies only; it also sets " + names);
    return false;
  }
  if (scenario.policies().empty()) {
    diagnostics.at_file(path, "holds no policies");
    return false;
  }
  file.policies.assign(scenario.policies().begin(), scenario.policies().end());
  return true;
}

}  // namespace

std::optional<PolicyFile> load_policy_file(const std::string& path, Diagnostics& diagnostics) {
  auto bytes = read_input_file(path, diagnostics);
  if (!bytes) return std::nullopt;
  if (!check_text(path, *bytes, diagnostics) || !check_start(path, *bytes, diagnostics))
    return std::nullopt;
  if (bytes->find_first_not_of(" \t\r\n") == std::string::npos) {
    diagnostics.at_file(path, "is empty");
    return std::nullopt;
  }
  PolicyFile file{path, std::move(*bytes), {}, false};
  if (!parse_policy_text(file, diagnostics)) return std::nullopt;
  return file;
}

}  // namespace reesim::config
