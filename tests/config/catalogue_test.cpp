#include <catch2/catch.hpp>

#include <string>

#include "agents/catalog.h"
#include "config/catalogue.h"
#include "core/model_params.h"
#include "policies/catalog.h"

using reesim::ParamSpec;
using reesim::config::param_source;

namespace {

ParamSpec with_doc(std::string_view doc, std::string_view source = {}) {
  return ParamSpec{"p", "ratio", doc, 0.0, 0.0, 1.0, source};
}

}  // namespace

TEST_CASE("The catalogue is the registrations", "[config][catalogue]") {
  CHECK(reesim::config::registered_agent_types().data() == reesim::agents::agent_types().data());
  CHECK(reesim::config::registered_policy_types().data() ==
        reesim::policies::policy_types().data());
  CHECK(reesim::config::model_type().name == "model");
  CHECK(reesim::config::model_type().params.size() == reesim::model_params().size());
  CHECK(reesim::config::type_names(reesim::agents::agent_types()).size() ==
        reesim::agents::agent_types().size());
}

TEST_CASE("A parameter's source is given, else read from its doc line", "[config][catalogue]") {
  CHECK(param_source(with_doc("anything (cal §3)", "prior")) == "prior");
  CHECK(param_source(with_doc("lead time of new capacity (cal §8: mines 6-10)")) == "cal §8");
  CHECK(param_source(with_doc("time to build (cal §6, §8: 2)")) == "cal §6, §8");
  CHECK(param_source(with_doc("from cal §12 and cal §12 again")) == "cal §12");
  CHECK(param_source(with_doc("price elasticity of demand over years (prior)")) == "prior");
  CHECK(param_source(with_doc("a priority queue's length")) == "-");
  CHECK(param_source(with_doc("cash cost of one unit of output")) == "-");
}
