#include "world/sampling.h"

#include <algorithm>
#include <cmath>

#include "core/detmath.h"

namespace reesim::world {
namespace {

double triangular(const Triangular& t, double u) {
  const double width = t.max() - t.min();
  if (width <= 0) return t.min();
  const double split = (t.mode() - t.min()) / width;
  if (u < split) return t.min() + std::sqrt(u * width * (t.mode() - t.min()));
  return t.max() - std::sqrt((1 - u) * width * (t.max() - t.mode()));
}

double discrete(const Discrete& d, double u) {
  if (d.weights().empty()) {
    const auto index = static_cast<int>(u * d.values_size());
    return d.values(std::min(index, d.values_size() - 1));
  }
  double total = 0;
  for (const double w : d.weights())
    total += w;
  double cumulative = 0;
  for (int i = 0; i < d.values_size(); ++i) {
    cumulative += d.weights(i) / total;
    if (u < cumulative) return d.values(i);
  }
  return d.values(d.values_size() - 1);
}

}  // namespace

double sample(const Distribution& distribution, RandomStream& stream) {
  switch (distribution.kind_case()) {
    case Distribution::kFixed:
      return distribution.fixed();
    case Distribution::kUniform:
      return stream.uniform(distribution.uniform().min(), distribution.uniform().max());
    case Distribution::kNormal: {
      const Normal& n = distribution.normal();
      const double low = n.has_min() ? n.min() : -INFINITY;
      const double high = n.has_max() ? n.max() : INFINITY;
      double value = n.mean();
      for (int attempt = 0; attempt < 64; ++attempt) {
        value = n.mean() + n.sd() * stream.normal();
        if (value >= low && value <= high) return value;
      }
      return std::clamp(value, low, high);
    }
    case Distribution::kLognormal:
      return detmath::exp(distribution.lognormal().mu() +
                          distribution.lognormal().sigma() * stream.normal());
    case Distribution::kTriangular:
      return triangular(distribution.triangular(), stream.uniform());
    case Distribution::kDiscrete:
      return discrete(distribution.discrete(), stream.uniform());
    case Distribution::KIND_NOT_SET:
      break;
  }
  return 0.0;
}

double central_value(const Distribution& distribution) {
  switch (distribution.kind_case()) {
    case Distribution::kFixed:
      return distribution.fixed();
    case Distribution::kUniform:
      return 0.5 * (distribution.uniform().min() + distribution.uniform().max());
    case Distribution::kNormal:
      return distribution.normal().mean();
    case Distribution::kLognormal:
      return detmath::exp(distribution.lognormal().mu());
    case Distribution::kTriangular: {
      const Triangular& t = distribution.triangular();
      return (t.min() + t.mode() + t.max()) / 3.0;
    }
    case Distribution::kDiscrete: {
      const Discrete& d = distribution.discrete();
      double sum = 0;
      double weight = 0;
      for (int i = 0; i < d.values_size(); ++i) {
        const double w = d.weights().empty() ? 1.0 : d.weights(i);
        sum += w * d.values(i);
        weight += w;
      }
      return weight > 0 ? sum / weight : 0.0;
    }
    case Distribution::KIND_NOT_SET:
      break;
  }
  return 0.0;
}

std::vector<double> sample_params(std::span<const ParamSpec> specs,
                                  const google::protobuf::RepeatedPtrField<Param>& given,
                                  RandomStream& stream) {
  std::vector<double> values;
  values.reserve(specs.size());
  for (const ParamSpec& spec : specs) {
    double value = spec.default_value;
    for (const Param& param : given)
      if (param.name() == spec.name) value = sample(param.value(), stream);
    values.push_back(value);
  }
  return values;
}

}  // namespace reesim::world
