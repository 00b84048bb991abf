#include "config/checks.h"

#include <cctype>
#include <cmath>
#include <set>

#include "config/catalogue.h"
#include "config/suggest.h"
#include "core/calendar.h"
#include "scenario.pb.h"

namespace reesim::config::detail {
namespace {

std::string number(double value) {
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  std::string text = std::to_string(value);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text;
}

std::string range(double min, double max) {
  // Appended piecewise: g++ 12 warns falsely (-Wrestrict) on "[" + std::string.
  std::string text(1, '[');
  text.append(number(min)).append(", ").append(number(max)).append("]");
  return text;
}

}  // namespace

void Reporter::non_negative(const std::string& field, double value) {
  if (!std::isfinite(value))
    error(field, "must be a finite number, got " + number(value));
  else if (value < 0)
    error(field, "must not be negative, got " + number(value));
}

void Reporter::fraction(const std::string& field, double value) {
  if (!(value >= 0.0 && value <= 1.0)) error(field, "must be in [0, 1], got " + number(value));
}

void Reporter::date(const std::string& field, const std::string& text, bool required) {
  if (text.empty()) {
    if (required) error(field, "is required (a date \"YYYY-MM-DD\")");
    return;
  }
  if (parse_iso_date(text)) return;
  // A real day in a year outside the supported ones: say the range.
  if (text.size() == 10 && std::isdigit(static_cast<unsigned char>(text[0])) &&
      parse_iso_date("2000" + text.substr(4))) {
    error(field, "\"" + text + "\" is outside the supported years " + std::to_string(kFirstYear) +
                     " to " + std::to_string(kLastYear));
    return;
  }
  error(field, "\"" + text + "\" is not a date \"YYYY-MM-DD\"");
}

void Reporter::distribution(const std::string& field, const Distribution& value, double min,
                            double max) {
  // Support of the distribution, checked against [min, max] at the end.
  double low = 0;
  double high = 0;
  switch (value.kind_case()) {
    case Distribution::KIND_NOT_SET:
      error(field, "needs a value: fixed, uniform, normal, lognormal, triangular or discrete");
      return;
    case Distribution::kFixed:
      low = high = value.fixed();
      break;
    case Distribution::kUniform:
      low = value.uniform().min();
      high = value.uniform().max();
      if (low > high) return error(field + ".uniform", "min must not exceed max");
      break;
    case Distribution::kNormal: {
      const Normal& normal = value.normal();
      if (!(normal.sd() >= 0)) return error(field + ".normal.sd", "must not be negative");
      low = normal.has_min() ? normal.min() : -INFINITY;
      high = normal.has_max() ? normal.max() : INFINITY;
      if (low > high) return error(field + ".normal", "min must not exceed max");
      break;
    }
    case Distribution::kLognormal:
      if (!(value.lognormal().sigma() >= 0))
        return error(field + ".lognormal.sigma", "must not be negative");
      low = 0;
      high = INFINITY;
      break;
    case Distribution::kTriangular: {
      const Triangular& t = value.triangular();
      if (!(t.min() <= t.mode() && t.mode() <= t.max()))
        return error(field + ".triangular", "needs min <= mode <= max");
      low = t.min();
      high = t.max();
      break;
    }
    case Distribution::kDiscrete: {
      const Discrete& d = value.discrete();
      if (d.values().empty()) return error(field + ".discrete.values", "must not be empty");
      if (!d.weights().empty() && d.weights_size() != d.values_size())
        return error(field + ".discrete.weights", "must have one weight per value");
      double total = 0;
      for (int i = 0; i < d.weights_size(); ++i) {
        if (!(d.weights(i) >= 0) || !std::isfinite(d.weights(i)))
          return error(at(field + ".discrete.weights", i), "must be a finite number >= 0");
        total += d.weights(i);
      }
      if (!d.weights().empty() && total <= 0)
        return error(field + ".discrete.weights", "must not all be zero");
      low = INFINITY;
      high = -INFINITY;
      for (const double v : d.values()) {
        low = std::min(low, v);
        high = std::max(high, v);
      }
      break;
    }
  }
  if (std::isnan(low) || std::isnan(high)) return error(field, "must not be NaN");
  if (low < min || high > max) {
    const bool point = low == high;
    error(field, (point ? "value " + number(low) : "support " + range(low, high)) +
                     " is outside the valid range " + range(min, max));
  }
}

void Reporter::params(const std::string& field,
                      const google::protobuf::RepeatedPtrField<Param>& params,
                      const TypeSpec& type) {
  std::set<std::string> seen;
  for (int i = 0; i < params.size(); ++i) {
    const Param& param = params[i];
    const std::string here = at(field, i);
    const ParamSpec* spec = type.find(param.name());
    if (!spec) {
      error(here + ".name",
            "'" + param.name() + "' is not a parameter of " + std::string(type.name) +
                (type.params.empty() ? " (it has none)"
                                     : suggest(param.name(), param_names(type), true)));
      continue;
    }
    if (!seen.insert(param.name()).second)
      error(here + ".name", "parameter '" + param.name() + "' is given twice");
    if (!param.has_value()) {
      error(here + ".value", "is required");
      continue;
    }
    distribution(here + ".value", param.value(), spec->min, spec->max);
  }
}

void IdSet::declare(Reporter& reporter, const std::string& field, const std::string& id) {
  if (id.empty()) return reporter.error(field, "must not be empty");
  const auto [it, inserted] = first_.emplace(id, field);
  if (inserted) order_.push_back(id);
  if (!inserted)
    reporter.error(field,
                   "duplicate " + kind_ + " id \"" + id + "\" (first at " + it->second + ")");
}

void IdSet::require(Reporter& reporter, const std::string& field, const std::string& id) const {
  if (id.empty()) return reporter.error(field, "must name a " + kind_);
  if (contains(id)) return;
  const std::vector<std::string_view> ids(order_.begin(), order_.end());
  reporter.error(field, "unknown " + kind_ + " \"" + id + "\"" + suggest(id, ids, false));
}

}  // namespace reesim::config::detail
