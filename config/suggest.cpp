#include "config/suggest.h"

#include <algorithm>
#include <cctype>

namespace reesim::config {
namespace {

char fold(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool starts_with_folded(std::string_view text, std::string_view prefix) {
  if (prefix.size() > text.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (fold(text[i]) != fold(prefix[i])) return false;
  return true;
}

// Ranks prefix-only matches after every match within the distance.
constexpr std::size_t kPrefixOnly = std::size_t{1} << 20;

}  // namespace

std::size_t name_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: Levenshtein plus the swap of two adjacent letters, over three rows.
  const std::size_t n = b.size();
  std::vector<std::size_t> before(n + 1);
  std::vector<std::size_t> previous(n + 1);
  std::vector<std::size_t> current(n + 1);
  for (std::size_t j = 0; j <= n; ++j)
    previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= n; ++j) {
      const std::size_t cost = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1]))
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    before.swap(previous);
    previous.swap(current);
  }
  return previous[n];
}

std::vector<std::string> nearest_names(std::string_view name,
                                       const std::vector<std::string_view>& valid,
                                       std::size_t limit) {
  struct Candidate {
    std::size_t rank;   // the distance, plus kPrefixOnly for a prefix-only match
    std::size_t order;  // position in `valid`
    std::string_view name;
  };
  std::vector<Candidate> found;
  for (std::size_t k = 0; k < valid.size(); ++k) {
    const std::string_view other = valid[k];
    if (other.empty() || std::any_of(found.begin(), found.end(),
                                     [&](const Candidate& c) { return c.name == other; }))
      continue;
    const std::size_t shorter = std::min(name.size(), other.size());
    const std::size_t longer = std::max(name.size(), other.size());
    const std::size_t distance = name_distance(name, other);
    const std::size_t most = std::max<std::size_t>(2, longer / 3);
    if (distance <= most && distance < shorter) {
      found.push_back({distance, k, other});
    } else if (shorter >= 3 &&
               (starts_with_folded(other, name) || starts_with_folded(name, other))) {
      found.push_back({kPrefixOnly + distance, k, other});
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
    return a.rank != b.rank ? a.rank < b.rank : a.order < b.order;
  });
  // A name two edits further than the nearest is noise beside it ('METRIC_SHARE' for
  // 'METRIC_PRCE' when 'METRIC_PRICE' is one edit away).
  std::vector<std::string> names;
  for (std::size_t k = 0; k < found.size() && names.size() < limit; ++k)
    if (found[k].rank >= kPrefixOnly || found[k].rank <= found.front().rank + 1)
      names.emplace_back(found[k].name);
  return names;
}

std::string did_you_mean(const std::vector<std::string>& names) {
  if (names.empty()) return {};
  std::string text = "did you mean ";
  for (std::size_t k = 0; k < names.size(); ++k) {
    if (k > 0) text += k + 1 == names.size() ? " or " : ", ";
    text.append(1, '\'').append(names[k]).append(1, '\'');
  }
  return text + "?";
}

std::string suggest(std::string_view name, const std::vector<std::string_view>& valid,
                    bool list_known) {
  const std::vector<std::string> near = nearest_names(name, valid);
  if (!near.empty()) return "; " + did_you_mean(near);
  if (!list_known || valid.empty()) return {};
  std::string known = "; known: ";
  for (std::size_t k = 0; k < valid.size(); ++k)
    known.append(k ? ", " : "").append(valid[k]);
  return known;
}

}  // namespace reesim::config
