#include "results/column_names.h"

#include <set>
#include <vector>

#include "results/csv_format.h"

namespace reesim::results {
namespace {

bool kept(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.';
}

}  // namespace

std::string portable_name(std::string_view column) {
  std::string name;
  bool replaced = false;  // the last character written stands for a run of others
  for (const char c : column) {
    if (c == '.' && !name.empty() && name.back() == '.') continue;  // `].` is one separator
    if (kept(c)) {
      name += c;
      replaced = false;
    } else if (!replaced) {
      if (!name.empty() && name.back() != '.') name += '.';
      replaced = true;
    }
  }
  while (!name.empty() && name.back() == '.')
    name.pop_back();
  const bool letter =
      !name.empty() && ((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z'));
  return letter ? name : "x" + name;
}

std::string columns_csv(const Results& results) {
  std::vector<std::string> columns = {"trial", "point"};
  columns.insert(columns.end(), results.parameter_names().begin(), results.parameter_names().end());
  columns.insert(columns.end(), results.scalar_names().begin(), results.scalar_names().end());
  columns.emplace_back("series_sha256");
  std::set<std::string> used;
  std::string csv = "column,name\n";
  for (const std::string& column : columns) {
    const std::string base = portable_name(column);
    std::string name = base;
    for (int n = 2; used.contains(name); ++n)
      name = base + "." + std::to_string(n);
    used.insert(name);
    csv += csv_field(column);
    csv += ',';
    csv += csv_field(name);
    csv += '\n';
  }
  return csv;
}

}  // namespace reesim::results
