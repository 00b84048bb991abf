// Errors found in input files, each naming the file and the place:
//   file:line:col: message       (syntax, located in the text)
//   file: field.path: message    (meaning, located in the message)
//   file: message                (the file as a whole)
// Plain values; not thread-safe.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace reesim::config {

struct Diagnostic {
  std::string file;
  int line = 0;       // 1-based; 0 when the error has no text position
  int column = 0;     // 1-based
  std::string field;  // field path such as "policies[2].origins[0]"; empty when none
  std::string message;

  // The one-line form shown to users.
  [[nodiscard]] std::string to_string() const;
};

// Collects diagnostics for one or more files, in the order found.
class Diagnostics {
 public:
  void at_text(const std::string& file, int line, int column, std::string message);
  void at_field(const std::string& file, std::string field, std::string message);
  void at_file(const std::string& file, std::string message);
  // Adds every diagnostic of `other`, in order.
  void append(const Diagnostics& other);

  [[nodiscard]] bool empty() const { return items_.empty(); }
  [[nodiscard]] std::size_t size() const { return items_.size(); }
  [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }

  // Writes one line per diagnostic.
  void print(std::ostream& out) const;

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace reesim::config
