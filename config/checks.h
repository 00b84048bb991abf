// Checks shared by the scenario and experiment validators. Internal to config/.
#pragma once

#include <google/protobuf/message.h>
#include <google/protobuf/repeated_ptr_field.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "config/diagnostics.h"
#include "core/param_spec.h"
#include "distribution.pb.h"
#include "scenario.pb.h"

namespace reesim::config::detail {

// Physical bounds of the scenario's sizes and money (docs/limits.md): far above any real
// rare-earth market (world output is some 10^8 kg a year; the dearest oxide some 10^4 USD/kg),
// far below where doubles and 64-bit ticks lose meaning.
inline constexpr double kMaxLot = 1e6;         // Commodity.quantity_lot, units
inline constexpr double kMaxPriceTick = 1e6;   // Commodity.price_tick, USD per unit
inline constexpr double kMaxPrice = 1e9;       // reference_price, freight: USD per unit
inline constexpr double kMaxPriceTicks = 1e8;  // reference_price / price_tick: a tenth of the
                                               // books' largest price (market/types.h)
inline constexpr double kMaxQuantity = 1e12;   // capacities (units/yr), inventories (units)
inline constexpr double kMaxCash = 1e15;       // Agent.cash, USD

// Ids (of scenarios, experiments, nations, commodities, venues, agents, policies, metrics,
// scalars, ...) name files, CSV columns and command-line paths, so they are kept to a safe set:
// ASCII letters, digits, '_', '-' and '.', at most 64 characters (docs/limits.md).
inline constexpr std::size_t kMaxIdLength = 64;
inline constexpr const char* kIdCharacters = "letters A-Z a-z, digits 0-9, '_', '-' and '.'";

// Why `id` is not a valid id ("must not be empty", ...); empty when it is.
[[nodiscard]] std::string id_problem(const std::string& id);

// Why the string is not acceptable text in a field (not UTF-8, a control character), naming the
// byte; empty when it is.
[[nodiscard]] std::string text_problem(const std::string& text);

// Reports problems of one file at field paths.
class Reporter {
 public:
  Reporter(const std::string& file, Diagnostics& diagnostics)
      : file_(file), diagnostics_(diagnostics) {}

  // Reports `message` at `field`, once: a problem that two checks find is listed once.
  void error(const std::string& field, const std::string& message) {
    if (!reported_.insert(field + '\n' + message).second) return;
    diagnostics_.at_field(file_, field, message);
    ++errors_;
  }
  [[nodiscard]] int errors() const { return errors_; }

  // The value is finite and at least 0.
  void non_negative(const std::string& field, double value);
  // The value is finite and in [min, max] (in (min, max] when `above_min`); `unit` names the
  // unit of the bound in the message.
  void bounded(const std::string& field, double value, double min, double max, bool above_min,
               const std::string& unit);
  // Every string in `message`, at any depth, is well-formed UTF-8 without NUL or other control
  // characters (tab and newline allowed), and every double or float is finite: one rule for
  // every field, whatever path set it (file, override, --set, sweep). Fields are reported at
  // their paths below `prefix`.
  void fields(const google::protobuf::Message& message, const std::string& prefix = "");
  // The id is 1 to kMaxIdLength characters from the safe set (kIdCharacters), not starting
  // with '.' or '-'.
  void id(const std::string& field, const std::string& id);
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
  // One entry of a map field (element `index` of `map`), checked as fields() checks fields.
  void map_entry(const google::protobuf::Message& entry, const std::string& map, int index);

  const std::string& file_;
  Diagnostics& diagnostics_;
  int errors_ = 0;
  std::set<std::string> reported_;
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

// "[min, max]", each number as errors print it.
[[nodiscard]] std::string range(double min, double max);

// "name[index]".
[[nodiscard]] inline std::string at(const std::string& name, int index) {
  return name + "[" + std::to_string(index) + "]";
}

}  // namespace reesim::config::detail
