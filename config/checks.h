// Checks shared by the scenario and experiment validators. Internal to config/.
#pragma once

#include <google/protobuf/repeated_ptr_field.h>

#include <map>
#include <string>
#include <vector>

#include "config/diagnostics.h"
#include "core/param_spec.h"
#include "distribution.pb.h"
#include "scenario.pb.h"

namespace reesim::config::detail {

// Reports problems of one file at field paths.
class Reporter {
 public:
  Reporter(const std::string& file, Diagnostics& diagnostics)
      : file_(file), diagnostics_(diagnostics) {}

  void error(const std::string& field, const std::string& message) {
    diagnostics_.at_field(file_, field, message);
    ++errors_;
  }
  [[nodiscard]] int errors() const { return errors_; }

  // The value is finite and at least 0.
  void non_negative(const std::string& field, double value);
  // The value is in [0, 1].
  void fraction(const std::string& field, double value);
  // The text is a date "YYYY-MM-DD"; an empty text is accepted unless `required`.
  void date(const std::string& field, const std::string& text, bool required);
  // The distribution is well formed and its support lies in [min, max].
  void distribution(const std::string& field, const Distribution& value, double min, double max);
  // Each parameter is registered for `type` (else the nearest registered names are suggested),
  // given once, and its value lies in its range.
  void params(const std::string& field, const google::protobuf::RepeatedPtrField<Param>& params,
              const TypeSpec& type);

 private:
  const std::string& file_;
  Diagnostics& diagnostics_;
  int errors_ = 0;
};

// Ids of one kind of entity, with where each was first declared.
class IdSet {
 public:
  explicit IdSet(std::string kind) : kind_(std::move(kind)) {}

  // Declares `id` found at `field`; reports empty and duplicate ids.
  void declare(Reporter& reporter, const std::string& field, const std::string& id);
  [[nodiscard]] bool contains(const std::string& id) const { return first_.count(id) != 0; }
  // Reports `id` at `field` unless declared, with the nearest declared ids.
  void require(Reporter& reporter, const std::string& field, const std::string& id) const;

 private:
  std::string kind_;
  std::map<std::string, std::string> first_;
  std::vector<std::string> order_;  // ids in the order declared, for suggestions
};

// "name[index]".
[[nodiscard]] inline std::string at(const std::string& name, int index) {
  return name + "[" + std::to_string(index) + "]";
}

}  // namespace reesim::config::detail
