// The error of the experiment module that means "bad input" (exit code 2) rather than "the run
// failed" (exit code 1): a sweep's checkpoints or shards that do not belong together, a result
// folder that is incomplete or of the wrong kind. Its message is one line naming the file or
// folder, the place and what is wrong.
#pragma once

#include <stdexcept>
#include <string>

namespace reesim::experiment {

class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace reesim::experiment
