#include "results/bucket_store.h"

#include <algorithm>
#include <stdexcept>

namespace reesim::results::detail {
namespace {

// Extra buckets allocated beyond a new lowest or highest index: a quarter of the buckets already
// held, at least kMinSlack and at most kMaxSlack, so that values drifting outward one bucket at a
// time reallocate rarely while the memory stays within 4 KiB of what the range needs.
constexpr std::int64_t kMinSlack = 32;
constexpr std::int64_t kMaxSlack = 1024;

}  // namespace

void BucketStore::grow_to_include(std::int32_t index) {
  if (counts_.empty()) {
    counts_.assign(static_cast<std::size_t>(2 * kMinSlack + 1), 0);
    offset_ = index - kMinSlack;
    return;
  }
  const std::int64_t end = offset_ + static_cast<std::int64_t>(counts_.size());
  if (index >= offset_ && index < end) return;
  const std::int64_t slack = std::clamp<std::int64_t>((end - offset_) / 4, kMinSlack, kMaxSlack);
  const std::int64_t low = std::min<std::int64_t>(offset_, index - slack);
  const std::int64_t high = std::max<std::int64_t>(end - 1, index + slack);
  std::vector<std::uint32_t> grown(static_cast<std::size_t>(high - low + 1), 0);
  std::copy(counts_.begin(), counts_.end(), grown.begin() + (offset_ - low));
  counts_ = std::move(grown);
  offset_ = low;
}

void BucketStore::merge(const BucketStore& other) {
  if (other.empty()) return;
  const std::int32_t low = other.min_index();
  const std::int32_t high = other.max_index();
  grow_to_include(low);
  grow_to_include(high);
  for (std::int32_t index = low; index <= high; ++index) {
    const std::uint32_t add = other.count(index);
    std::uint32_t& count = counts_[static_cast<std::size_t>(index - offset_)];
    if (add > UINT32_MAX - count) throw_overflow();
    count += add;
  }
  total_ += other.total_;
}

std::uint32_t BucketStore::count(std::int32_t index) const {
  const auto slot = static_cast<std::int64_t>(index) - offset_;
  if (slot < 0 || slot >= static_cast<std::int64_t>(counts_.size())) return 0;
  return counts_[static_cast<std::size_t>(slot)];
}

std::int32_t BucketStore::min_index() const {
  const auto it = std::find_if(counts_.begin(), counts_.end(), [](auto c) { return c != 0; });
  return static_cast<std::int32_t>(offset_ + (it - counts_.begin()));
}

std::int32_t BucketStore::max_index() const {
  const auto it = std::find_if(counts_.rbegin(), counts_.rend(), [](auto c) { return c != 0; });
  return static_cast<std::int32_t>(offset_ + static_cast<std::int64_t>(counts_.size()) - 1 -
                                   (it - counts_.rbegin()));
}

void BucketStore::throw_overflow() {
  throw std::overflow_error("quantile sketch bucket holds 2^32 - 1 values already");
}

}  // namespace reesim::results::detail
