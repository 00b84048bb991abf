#include "config/catalogue.h"

#include <algorithm>
#include <cctype>

#include "agents/catalog.h"
#include "core/model_params.h"
#include "policies/catalog.h"

namespace reesim::config {

std::span<const TypeSpec> registered_agent_types() {
  return agents::agent_types();
}

std::span<const TypeSpec> registered_policy_types() {
  return policies::policy_types();
}

const TypeSpec& model_type() {
  static const TypeSpec model{
      "model",
      "behavioural constants of the agents' rules and the policy engine that belong to no one "
      "agent or policy type",
      model_params()};
  return model;
}

std::vector<std::string_view> type_names(std::span<const TypeSpec> types) {
  std::vector<std::string_view> names;
  for (const TypeSpec& type : types)
    names.push_back(type.name);
  return names;
}

std::vector<std::string_view> param_names(const TypeSpec& type) {
  std::vector<std::string_view> names;
  for (const ParamSpec& param : type.params)
    names.push_back(param.name);
  return names;
}

std::string param_source(const ParamSpec& param) {
  if (!param.source.empty()) return std::string(param.source);
  const std::string_view doc = param.doc;
  constexpr std::string_view kSection = "§";  // the calibration rows are cited "cal §N"
  if (doc.find("cal §") != std::string_view::npos) {
    std::vector<std::string_view> cited;
    for (std::size_t at = doc.find(kSection); at != std::string_view::npos;
         at = doc.find(kSection, at + 1)) {
      std::size_t end = at + kSection.size();
      while (end < doc.size() && std::isdigit(static_cast<unsigned char>(doc[end])))
        ++end;
      const std::string_view section = doc.substr(at, end - at);
      if (section.size() > kSection.size() &&
          std::find(cited.begin(), cited.end(), section) == cited.end())
        cited.push_back(section);
    }
    std::string source = "cal";
    for (std::size_t k = 0; k < cited.size(); ++k)
      source.append(k ? ", " : " ").append(cited[k]);
    return source;
  }
  for (std::size_t at = doc.find("prior"); at != std::string_view::npos;
       at = doc.find("prior", at + 1)) {
    const bool starts = at == 0 || !std::isalnum(static_cast<unsigned char>(doc[at - 1]));
    const std::size_t end = at + 5;
    const bool ends = end == doc.size() || !std::isalnum(static_cast<unsigned char>(doc[end]));
    if (starts && ends) return "prior";
  }
  return "-";
}

}  // namespace reesim::config
