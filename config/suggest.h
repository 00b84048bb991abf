// Nearest valid names for a name that is not one (STYLE §14: a misspelt name is refused with the
// nearest valid names). Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace reesim::config {

// The valid names nearest to `name`, nearest first (ties in the order of `valid`), at most
// `limit`. Compared case-insensitively by optimal string alignment distance (insertions,
// deletions, substitutions and swaps of adjacent letters); a name is near when its distance is at
// most max(2, longer length / 3) and less than the shorter length (so "XX" does not suggest
// "CN"), or when one of the two starts with the other and the shorter has at least 3 letters
// ("unit" suggests "unit_cost"). Names within the distance come before prefix-only matches, and
// of them only those at most one edit further than the nearest are kept.
[[nodiscard]] std::vector<std::string> nearest_names(std::string_view name,
                                                     const std::vector<std::string_view>& valid,
                                                     std::size_t limit = 3);

// "did you mean 'a'?", "did you mean 'a' or 'b'?", "did you mean 'a', 'b' or 'c'?"; empty when
// `names` is.
[[nodiscard]] std::string did_you_mean(const std::vector<std::string>& names);

// What an error about the unknown `name` appends: "; did you mean ...?" with the nearest valid
// names, else "; known: a, b, c" listing every valid name when `list_known` (and "" when there
// are none), else "".
[[nodiscard]] std::string suggest(std::string_view name, const std::vector<std::string_view>& valid,
                                  bool list_known);

// The edit distance nearest_names uses, case-insensitive.
[[nodiscard]] std::size_t name_distance(std::string_view a, std::string_view b);

}  // namespace reesim::config
