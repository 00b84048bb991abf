// Cheap structural checks run before protobuf parses a file, so that a pathological file is
// refused with a located diagnostic instead of exhausting the parser. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "config/diagnostics.h"

namespace reesim::config {

// Text format: nesting of { }, < > and [ ] outside strings and comments stays within kMaxNesting.
bool check_text_format_nesting(const std::string& path, std::string_view text,
                               Diagnostics& diagnostics);

// JSON: the text is one well-formed JSON value (RFC 8259) nested at most kMaxNesting deep.
// Reports the first syntax error as file:line:col.
bool check_json_syntax(const std::string& path, std::string_view text, Diagnostics& diagnostics);

}  // namespace reesim::config
