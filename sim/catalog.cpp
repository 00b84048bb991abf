#include "sim/catalog.h"

#include "agents/catalog.h"
#include "policies/catalog.h"

namespace reesim::sim {

const world::Catalog& catalog() {
  static const world::Catalog kCatalog{agents::agent_types(), policies::policy_types()};
  return kCatalog;
}

}  // namespace reesim::sim
