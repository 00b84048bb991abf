#include "config/includes.h"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <string_view>

#include "config/checks.h"
#include "config/suggest.h"
#include "config/validate.h"

namespace reesim::config {
namespace {

namespace fs = std::filesystem;
using detail::at;
using google::protobuf::RepeatedPtrField;

// A list of a scenario whose elements are merged by a key (their id, or a parameter's name).
template <typename T>
struct ListKind {
  const char* field;    // its field path in a scenario, e.g. "policies", "model.params"
  const char* removal;  // its field in Removal
  const char* noun;     // "policy"
  const RepeatedPtrField<T>& (*list)(const Scenario&);
  RepeatedPtrField<T>* (*mutable_list)(Scenario&);
  const RepeatedPtrField<std::string>& (*removed)(const Removal&);
  const std::string& (*key)(const T&);
};

template <typename T>
const std::string& id_of(const T& element) {
  return element.id();
}

const std::string& name_of(const Param& param) {
  return param.name();
}

// The ListKind of a scenario's list of elements with ids, from its accessors.
template <typename T, const RepeatedPtrField<T>& (Scenario::*List)() const,
          RepeatedPtrField<T>* (Scenario::*Mutable)(),
          const RepeatedPtrField<std::string>& (Removal::*Removed)() const>
ListKind<T> id_list(const char* field, const char* noun) {
  return {field,
          field,
          noun,
          [](const Scenario& s) -> const RepeatedPtrField<T>& { return (s.*List)(); },
          [](Scenario& s) { return (s.*Mutable)(); },
          [](const Removal& r) -> const RepeatedPtrField<std::string>& { return (r.*Removed)(); },
          &id_of<T>};
}

// Calls `f` with each merged list of a scenario, in the order of its fields.
template <typename F>
void for_each_list(F&& f) {
  using S = Scenario;
  using R = Removal;
  f(id_list<Commodity, &S::commodities, &S::mutable_commodities, &R::commodities>("commodities",
                                                                                  "commodity"));
  f(id_list<Venue, &S::venues, &S::mutable_venues, &R::venues>("venues", "venue"));
  f(id_list<Nation, &S::nations, &S::mutable_nations, &R::nations>("nations", "nation"));
  f(id_list<Alliance, &S::alliances, &S::mutable_alliances, &R::alliances>("alliances",
                                                                           "alliance"));
  f(id_list<Agent, &S::agents, &S::mutable_agents, &R::agents>("agents", "agent"));
  f(id_list<Policy, &S::policies, &S::mutable_policies, &R::policies>("policies", "policy"));
  f(id_list<Metric, &S::metrics, &S::mutable_metrics, &R::metrics>("metrics", "metric"));
  f(id_list<Lever, &S::levers, &S::mutable_levers, &R::levers>("levers", "lever"));
  f(ListKind<Param>{
      "model.params", "model_params", "model parameter",
      [](const Scenario& s) -> const RepeatedPtrField<Param>& { return s.model().params(); },
      [](Scenario& s) { return s.mutable_model()->mutable_params(); },
      [](const Removal& r) -> const RepeatedPtrField<std::string>& { return r.model_params(); },
      &name_of});
}

// The singular fields a file may set, merged "the last file that sets it wins".
constexpr std::string_view kSingular[] = {"id", "title", "description", "calendar"};

bool sets(const Scenario& s, std::string_view field) {
  if (field == "id") return !s.id().empty();
  if (field == "title") return !s.title().empty();
  if (field == "description") return !s.description().empty();
  return s.has_calendar();
}

void copy_singular(const Scenario& from, Scenario& to, std::string_view field) {
  if (field == "id") to.set_id(from.id());
  if (field == "title") to.set_title(from.title());
  if (field == "description") to.set_description(from.description());
  if (field == "calendar") *to.mutable_calendar() = from.calendar();
}

// One file resolved: its merged scenario and where each part of it was written.
struct Node {
  Scenario scenario;
  ScenarioOrigins origins;
};

// The origins of a file that includes nothing: every part written in it.
ScenarioOrigins own_origins(const std::string& path, const Scenario& scenario) {
  ScenarioOrigins origins;
  origins.file = path;
  for_each_list([&](const auto& kind) {
    auto& list = origins.lists[kind.field];
    for (int i = 0; i < kind.list(scenario).size(); ++i)
      list.push_back({path, i});
  });
  return origins;
}

// The same key from two different included files.
struct Conflict {
  std::string field;  // the list, e.g. "policies"
  std::string noun;
  std::string key;
  std::string first;   // file of the element kept so far
  std::string second;  // file of the element refused
  int include = 0;     // index of the include that brought the second
};

// Identifies a file however it is named (folder/../x, symbolic links).
std::string file_key(const std::string& path) {
  std::error_code error;
  const fs::path canonical = fs::weakly_canonical(path, error);
  if (!error) return canonical.string();
  return fs::absolute(path, error).lexically_normal().string();
}

class Resolver {
 public:
  explicit Resolver(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}

  // The file `path`, parsed as `own`, resolved; nullopt after diagnostics.
  std::optional<Node> resolve(const std::string& path, const Scenario& own) {
    chain_.push_back(path);
    keys_.push_back(file_key(path));
    auto node = merge(path, own);
    chain_.pop_back();
    keys_.pop_back();
    return node;
  }

  std::vector<SourceFile> included;

 private:
  // "a.textproto -> b.textproto -> `next`".
  std::string chain_to(const std::string& next) const {
    std::string text;
    for (const std::string& file : chain_)
      text.append(file).append(" -> ");
    return text + next;
  }

  // The included file `path` resolved (once per file); null after diagnostics.
  std::shared_ptr<const Node> include(const std::string& path, const std::string& key,
                                      const std::string& by) {
    if (const auto found = done_.find(key); found != done_.end()) return found->second;
    std::shared_ptr<const Node> node;
    Diagnostics problems;
    auto document = load_document(path, problems);
    if (document && document->kind != DocumentKind::kScenario)
      problems.at_file(
          path, std::string("is a ") + kind_name(document->kind) + ", expected a reesim.Scenario");
    diagnostics_.append(problems);
    if (document && problems.empty()) {
      included.push_back({path, by, document->bytes});
      if (auto resolved = resolve(path, static_cast<const Scenario&>(*document->message)))
        node = std::make_shared<const Node>(std::move(*resolved));
    }
    done_.emplace(key, node);
    return node;
  }

  std::optional<Node> merge(const std::string& path, const Scenario& own) {
    if (own.include().empty() && !own.has_remove()) {
      Node node{own, own_origins(path, own)};
      return node;
    }
    const std::size_t before = diagnostics_.size();
    Node node;
    node.origins.file = path;
    std::vector<Conflict> conflicts;
    for (int k = 0; k < own.include_size(); ++k) {
      const std::string field = at("include", k);
      const std::string& name = own.include(k);
      if (name.empty()) {
        diagnostics_.at_field(path, field, "must name a scenario file");
        continue;
      }
      const std::string target = (fs::path(path).parent_path() / name).lexically_normal().string();
      const std::string key = file_key(target);
      if (std::find(keys_.begin(), keys_.end(), key) != keys_.end()) {
        diagnostics_.at_field(path, field, "include cycle: " + chain_to(target));
        continue;
      }
      if (chain_.size() >= static_cast<std::size_t>(kMaxIncludeDepth)) {
        diagnostics_.at_field(path, field,
                              "includes nest deeper than " + std::to_string(kMaxIncludeDepth) +
                                  " files: " + chain_to(target));
        continue;
      }
      std::error_code error;
      if (!fs::exists(target, error)) {
        diagnostics_.at_field(path, field, "\"" + name + "\" does not exist: " + chain_to(target));
        continue;
      }
      const auto child = include(target, key, path);
      if (!child) {
        diagnostics_.at_field(path, field,
                              "\"" + name + "\" has errors (listed above): " + chain_to(target));
        continue;
      }
      merge_included(node, *child, k, conflicts);
    }
    if (diagnostics_.size() != before) return std::nullopt;
    apply_own(node, path, own, conflicts);
    if (diagnostics_.size() != before) return std::nullopt;
    return node;
  }

  // Merges the included `child` into `node`: singular fields it sets replace node's, its listed
  // elements are appended, an element whose key another file already gave being a conflict.
  static void merge_included(Node& node, const Node& child, int include,
                             std::vector<Conflict>& conflicts) {
    for (const std::string_view field : kSingular) {
      if (!sets(child.scenario, field)) continue;
      copy_singular(child.scenario, node.scenario, field);
      const auto set_by = child.origins.singular.find(field);
      node.origins.singular[std::string(field)] =
          set_by != child.origins.singular.end() ? set_by->second : child.origins.file;
    }
    for_each_list([&](const auto& kind) {
      const auto& from = kind.list(child.scenario);
      if (from.empty()) return;
      const std::vector<Origin>& from_origins = child.origins.lists.at(kind.field);
      std::vector<Origin>& origins = node.origins.lists[kind.field];
      std::map<std::string, int> index;
      for (int i = 0; i < kind.list(node.scenario).size(); ++i)
        index.emplace(kind.key(kind.list(node.scenario)[i]), i);
      std::set<std::string> seen;  // keys of this include (a repeated one is the validator's)
      for (int j = 0; j < from.size(); ++j) {
        const std::string& key = kind.key(from[j]);
        const Origin& origin = from_origins[static_cast<std::size_t>(j)];
        if (!key.empty() && seen.insert(key).second) {
          if (const auto there = index.find(key); there != index.end()) {
            const Origin& kept = origins[static_cast<std::size_t>(there->second)];
            if (kept.file == origin.file && kept.index == origin.index) continue;  // same element
            conflicts.push_back({kind.field, kind.noun, key, kept.file, origin.file, include});
            continue;
          }
        }
        *kind.mutable_list(node.scenario)->Add() = from[j];
        origins.push_back(origin);
      }
    });
  }

  // Applies the including file's own content to the merge of its includes.
  void apply_own(Node& node, const std::string& path, const Scenario& own,
                 const std::vector<Conflict>& conflicts) {
    for_each_list([&](const auto& kind) {
      const auto& own_list = kind.list(own);
      std::set<std::string> defined;
      for (const auto& element : own_list)
        defined.insert(kind.key(element));
      std::set<std::string> removed;
      const auto& removals = kind.removed(own.remove());
      for (int i = 0; i < removals.size(); ++i) {
        const std::string field = at(std::string("remove.") + kind.removal, i);
        const std::string& key = removals[i];
        const auto& list = kind.list(node.scenario);
        int position = -1;
        std::vector<std::string_view> keys;
        for (int k = 0; k < list.size(); ++k) {
          keys.push_back(kind.key(list[k]));
          if (kind.key(list[k]) == key) position = k;
        }
        if (defined.count(key)) {
          diagnostics_.at_field(path, field,
                                std::string(kind.noun) + " \"" + key +
                                    "\" is also defined in this file; defining it replaces the "
                                    "included one, remove it or define it, not both");
        } else if (position < 0) {
          diagnostics_.at_field(
              path, field,
              "no " + std::string(kind.noun) + " \"" + key + "\" in the included scenarios" +
                  (removed.count(key) ? " (removed already)" : suggest(key, keys, false)));
        } else {
          kind.mutable_list(node.scenario)->DeleteSubrange(position, 1);
          auto& origins = node.origins.lists[kind.field];
          origins.erase(origins.begin() + position);
          removed.insert(key);
        }
      }
      for (const Conflict& c : conflicts) {
        if (c.field != kind.field || defined.count(c.key) || removed.count(c.key)) continue;
        diagnostics_.at_field(path, at("include", c.include),
                              c.noun + " \"" + c.key + "\" comes from both " + c.first + " and " +
                                  c.second + "; define or remove it in " + path + " to choose");
      }
      if (own_list.empty()) return;
      std::map<std::string, int> index;
      for (int i = 0; i < kind.list(node.scenario).size(); ++i)
        index.emplace(kind.key(kind.list(node.scenario)[i]), i);
      std::vector<Origin>& origins = node.origins.lists[kind.field];
      std::set<std::string> replaced;
      for (int j = 0; j < own_list.size(); ++j) {
        const std::string& key = kind.key(own_list[j]);
        const auto there = index.find(key);
        if (!key.empty() && there != index.end() && replaced.insert(key).second) {
          (*kind.mutable_list(node.scenario))[there->second] = own_list[j];
          origins[static_cast<std::size_t>(there->second)] = {path, j};
          continue;
        }
        *kind.mutable_list(node.scenario)->Add() = own_list[j];
        origins.push_back({path, j});
      }
    });
    for (const std::string_view field : kSingular) {
      if (!sets(own, field)) continue;
      copy_singular(own, node.scenario, field);
      node.origins.singular.erase(std::string(field));
    }
    if (own.has_model()) node.scenario.mutable_model();
  }

  Diagnostics& diagnostics_;
  std::vector<std::string> chain_;  // the files being resolved, the scenario file first
  std::vector<std::string> keys_;   // their file_key()s
  std::map<std::string, std::shared_ptr<const Node>> done_;  // by file_key(); null: failed
};

// Rewrites "(first at FIELD)" in a validator's message about `file` to where FIELD was written.
std::string relocate_message(const ScenarioOrigins& origins, const std::string& file,
                             std::string message) {
  constexpr std::string_view kFirst = "(first at ";
  const std::size_t start = message.find(kFirst);
  if (start == std::string::npos) return message;
  const std::size_t from = start + kFirst.size();
  const std::size_t end = message.find(')', from);
  if (end == std::string::npos) return message;
  const auto [where, field] = origins.locate(message.substr(from, end - from));
  const std::string place = where == file ? field : where + ": " + field;
  return message.replace(from, end - from, place);
}

// `field`, as located in its file, with a leading "agents[k]" or "policies[k]" replaced by the
// element's id ("policies[ban].enacted_by"); `merged_field` is the same field in `merged`, which
// says which element it is. Unchanged for an element without an id, or a field without that
// prefix (the policy of an --add-policy file is the whole file).
std::string named_by_id(const Scenario& merged, const std::string& merged_field,
                        const std::string& field) {
  for (const std::string list : {"agents", "policies"}) {
    const std::string prefix = list + "[";
    if (merged_field.compare(0, prefix.size(), prefix) != 0 ||
        field.compare(0, prefix.size(), prefix) != 0)
      continue;
    const std::size_t close = merged_field.find(']');
    if (close == std::string::npos || close == prefix.size()) return field;
    int index = 0;
    for (std::size_t i = prefix.size(); i < close; ++i) {
      if (merged_field[i] < '0' || merged_field[i] > '9' || index > 1'000'000) return field;
      index = index * 10 + (merged_field[i] - '0');
    }
    const int size = list == "agents" ? merged.agents_size() : merged.policies_size();
    if (index >= size) return field;
    const std::string& id =
        list == "agents" ? merged.agents(index).id() : merged.policies(index).id();
    if (id.empty()) return field;
    return prefix + id + field.substr(field.find(']'));
  }
  return field;
}

}  // namespace

std::pair<std::string, std::string> ScenarioOrigins::locate(const std::string& field) const {
  for (const auto& [name, list] : lists) {
    if (field.size() <= name.size() || field.compare(0, name.size(), name) != 0 ||
        field[name.size()] != '[')
      continue;
    const std::size_t close = field.find(']', name.size());
    if (close == std::string::npos) break;
    std::size_t index = 0;
    bool number = close > name.size() + 1;
    for (std::size_t i = name.size() + 1; i < close; ++i) {
      number = number && field[i] >= '0' && field[i] <= '9';
      if (number) index = index * 10 + static_cast<std::size_t>(field[i] - '0');
    }
    if (!number || index >= list.size()) break;
    const Origin& origin = list[index];
    std::string rest = field.substr(close + 1);
    if (origin.index < 0) return {origin.file, rest.empty() ? rest : rest.substr(1)};
    return {origin.file, at(name, origin.index) + rest};
  }
  for (const auto& [name, set_by] : singular) {
    if (field.compare(0, name.size(), name) == 0 &&
        (field.size() == name.size() || field[name.size()] == '.'))
      return {set_by, field};
  }
  return {file, field};
}

void ScenarioOrigins::relocate(const Diagnostics& found, const std::string& suffix,
                               Diagnostics& into, const Scenario* merged) const {
  for (const Diagnostic& d : found.items()) {
    if (d.line > 0) {
      into.at_text(d.file, d.line, d.column, d.message);
      continue;
    }
    if (d.field.empty()) {
      into.at_file(file + suffix, d.message);
      continue;
    }
    const auto [where, field] = locate(d.field);
    into.at_field(where + suffix, merged ? named_by_id(*merged, d.field, field) : field,
                  relocate_message(*this, where, d.message));
  }
}

std::optional<ResolvedScenario> resolve_scenario(Document document, Diagnostics& diagnostics) {
  if (document.kind != DocumentKind::kScenario) {
    diagnostics.at_file(document.path, std::string("is a ") + kind_name(document.kind) +
                                           ", expected a reesim.Scenario");
    return std::nullopt;
  }
  Resolver resolver(diagnostics);
  auto node = resolver.resolve(document.path, static_cast<const Scenario&>(*document.message));
  if (!node) return std::nullopt;
  return ResolvedScenario{std::move(document.path), std::move(document.bytes),
                          std::move(node->scenario), std::move(resolver.included),
                          std::move(node->origins)};
}

std::optional<ResolvedScenario> resolve_scenario(const std::string& path,
                                                 Diagnostics& diagnostics) {
  auto document = load_document(path, diagnostics);
  if (!document) return std::nullopt;
  return resolve_scenario(std::move(*document), diagnostics);
}

void add_policies(ResolvedScenario& resolved, const PolicyFile& file) {
  auto& policies = *resolved.scenario.mutable_policies();
  std::vector<Origin>& origins = resolved.origins.lists["policies"];
  std::map<std::string, int> index;
  for (int i = 0; i < policies.size(); ++i)
    index.emplace(policies[i].id(), i);
  std::set<std::string> replaced;
  for (std::size_t j = 0; j < file.policies.size(); ++j) {
    const Policy& policy = file.policies[j];
    const Origin origin{file.path, file.fragment ? static_cast<int>(j) : -1};
    const auto there = index.find(policy.id());
    if (!policy.id().empty() && there != index.end() && replaced.insert(policy.id()).second) {
      policies[there->second] = policy;
      origins[static_cast<std::size_t>(there->second)] = origin;
      continue;
    }
    *policies.Add() = policy;
    origins.push_back(origin);
  }
  resolved.included.push_back({file.path, "--add-policy", file.bytes});
}

std::string field_named_by_id(const Scenario& scenario, const std::string& field) {
  return named_by_id(scenario, field, field);
}

bool validate_resolved(const Scenario& scenario, const ScenarioOrigins& origins,
                       const std::string& suffix, Diagnostics& diagnostics) {
  Diagnostics found;
  const bool clean = validate_scenario(scenario, origins.file, found);
  origins.relocate(found, suffix, diagnostics, &scenario);
  return clean;
}

}  // namespace reesim::config
