// The catalogue `reesim describe` prints, gathered from the registrations (DESIGN §2
// "Components"), and the entries one NAME selects. Shared by the command line and the Python
// module, so that both describe the same catalogue. Pure functions over static data; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "app/catalogue_format.h"

namespace reesim::app {

// Every registered agent and policy type, the model parameters, the metric and scalar kinds with
// a line of doc each, and the settings of each policy type a lever may move.
[[nodiscard]] Catalogue whole_catalogue();

// The entries called `name`: a section (agents, policies, model, metrics, scalars, levers) as a
// whole, a type (a policy type with its levers), a model parameter or a kind (a name may be both
// an agent and a policy type); empty (is_empty) when none is.
[[nodiscard]] Catalogue select_entries(const Catalogue& all, const std::string& name);

// Whether `catalogue` holds no entry.
[[nodiscard]] bool is_empty(const Catalogue& catalogue);

// Every name select_entries takes (the sections, then every entry's name), for suggestions.
[[nodiscard]] std::vector<std::string> every_name(const Catalogue& catalogue);

}  // namespace reesim::app
