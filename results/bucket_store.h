// Dense counts of QuantileSketch buckets over a contiguous range of indices: one uint32 per bucket
// between the lowest and highest index seen (plus some slack), so adding is an index computation
// and an increment, with no tree or hash. Memory grows with the range of the values' logarithms,
// never with how many values were added.
#pragma once

#include <cstdint>
#include <vector>

namespace reesim::results::detail {

// Not thread-safe.
class BucketStore {
 public:
  // Counts one value in bucket `index`. Throws std::overflow_error if that bucket already holds
  // 2^32 - 1 values.
  void add(std::int32_t index) {
    auto slot = static_cast<std::int64_t>(index) - offset_;
    if (slot < 0 || slot >= static_cast<std::int64_t>(counts_.size())) {
      grow_to_include(index);
      slot = static_cast<std::int64_t>(index) - offset_;
    }
    std::uint32_t& count = counts_[static_cast<std::size_t>(slot)];
    if (count == UINT32_MAX) throw_overflow();
    ++count;
    ++total_;
  }

  // Adds every count of `other`, bucket by bucket.
  void merge(const BucketStore& other);

  // Count in bucket `index` (0 outside the range held).
  [[nodiscard]] std::uint32_t count(std::int32_t index) const;

  // Lowest and highest index with a non-zero count; meaningless when empty().
  [[nodiscard]] std::int32_t min_index() const;
  [[nodiscard]] std::int32_t max_index() const;

  // Values counted in all buckets.
  [[nodiscard]] std::uint64_t total() const { return total_; }
  [[nodiscard]] bool empty() const { return total_ == 0; }

  // The counts held, of buckets offset() onward (zeros outside min_index()..max_index()), for
  // a walk over many buckets without a range check for each.
  [[nodiscard]] const std::vector<std::uint32_t>& counts() const { return counts_; }
  [[nodiscard]] std::int64_t offset() const { return offset_; }
  // Buckets allocated (the memory is 4 bytes each).
  [[nodiscard]] std::size_t allocated() const { return counts_.size(); }

 private:
  // Reallocates, if needed, so that bucket `index` is held.
  void grow_to_include(std::int32_t index);
  [[noreturn]] static void throw_overflow();

  std::vector<std::uint32_t> counts_;  // counts_[k] is the count of bucket offset_ + k
  std::int64_t offset_ = 0;
  std::uint64_t total_ = 0;
};

}  // namespace reesim::results::detail
