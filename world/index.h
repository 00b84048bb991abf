// Typed indices into the world's lists (STYLE §3): a commodity, venue, nation, agent or policy
// is named by its position in World's lists, each kind with its own type, so that one cannot be
// passed where another is meant; and vectors addressed by one kind of index. Plain values;
// thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <vector>

#include "market/types.h"

namespace reesim::world {

using CommodityIndex = market::StrongInt<struct CommodityIndexTag, std::int32_t>;
using VenueIndex = market::StrongInt<struct VenueIndexTag, std::int32_t>;
using NationIndex = market::StrongInt<struct NationIndexTag, std::int32_t>;
using AgentIndex = market::StrongInt<struct AgentIndexTag, std::int32_t>;
using PolicyIndex = market::StrongInt<struct PolicyIndexTag, std::int32_t>;

// The position an index names, for plain arrays and arithmetic.
template <typename Index>
[[nodiscard]] constexpr std::size_t at(Index index) noexcept {
  return static_cast<std::size_t>(index.value());
}

// The indices 0 .. n-1 of one kind, for range-for loops.
template <typename Index>
class IndexRange {
 public:
  class iterator {
   public:
    constexpr explicit iterator(std::int32_t i) noexcept : i_(i) {}
    constexpr Index operator*() const noexcept { return Index{i_}; }
    constexpr iterator& operator++() noexcept {
      ++i_;
      return *this;
    }
    constexpr bool operator!=(const iterator& other) const noexcept { return i_ != other.i_; }

   private:
    std::int32_t i_;
  };
  constexpr explicit IndexRange(std::size_t count) noexcept
      : count_(static_cast<std::int32_t>(count)) {}
  [[nodiscard]] constexpr iterator begin() const noexcept { return iterator(0); }
  [[nodiscard]] constexpr iterator end() const noexcept { return iterator(count_); }

 private:
  std::int32_t count_;
};

// A std::vector addressed by one kind of index (`prices[venue]`), with the vector's storage and
// iteration otherwise.
template <typename Index, typename T>
class ByIndex {
 public:
  ByIndex() = default;
  ByIndex(std::size_t count, const T& value) : items_(count, value) {}
  ByIndex(std::initializer_list<T> items) : items_(items) {}

  [[nodiscard]] T& operator[](Index index) { return items_[at(index)]; }
  [[nodiscard]] const T& operator[](Index index) const { return items_[at(index)]; }

  [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }
  [[nodiscard]] bool empty() const noexcept { return items_.empty(); }
  // Every index of the vector, in order.
  [[nodiscard]] IndexRange<Index> indices() const noexcept { return IndexRange<Index>(size()); }
  void assign(std::size_t count, const T& value) { items_.assign(count, value); }
  void resize(std::size_t count) { items_.resize(count); }
  void reserve(std::size_t count) { items_.reserve(count); }
  void push_back(T value) { items_.push_back(std::move(value)); }
  void clear() noexcept { items_.clear(); }
  void swap(ByIndex& other) noexcept { items_.swap(other.items_); }
  [[nodiscard]] T& back() { return items_.back(); }
  [[nodiscard]] auto begin() noexcept { return items_.begin(); }
  [[nodiscard]] auto end() noexcept { return items_.end(); }
  [[nodiscard]] auto begin() const noexcept { return items_.begin(); }
  [[nodiscard]] auto end() const noexcept { return items_.end(); }
  // The underlying vector, for code that sums or copies the whole (never for indexing).
  [[nodiscard]] const std::vector<T>& values() const noexcept { return items_; }
  bool operator==(const ByIndex&) const = default;

 private:
  std::vector<T> items_;
};

}  // namespace reesim::world
