#include "config/diagnostics.h"

namespace reesim::config {

std::string Diagnostic::to_string() const {
  if (line > 0)
    return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
  if (!field.empty()) return file + ": " + field + ": " + message;
  return file + ": " + message;
}

void Diagnostics::at_text(const std::string& file, int line, int column, std::string message) {
  items_.push_back({file, line, column, {}, std::move(message)});
}

void Diagnostics::at_field(const std::string& file, std::string field, std::string message) {
  items_.push_back({file, 0, 0, std::move(field), std::move(message)});
}

void Diagnostics::at_file(const std::string& file, std::string message) {
  items_.push_back({file, 0, 0, {}, std::move(message)});
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

void Diagnostics::print(std::ostream& out) const {
  for (const Diagnostic& item : items_)
    out << item.to_string() << '\n';
}

}  // namespace reesim::config
