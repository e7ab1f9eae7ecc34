// SPDX-License-Identifier: MIT
// Sets and maps keyed by ids: duplicate detection and lookups while a
// document is compiled, and grouping by id in the rules. An open-addressing
// table of views (the ids live in their document): no allocation per id,
// one probe or two per lookup, so a list of 100,000 ids stays cheap
// (bench/scale).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "rung/types.hpp"

namespace rung {

/// A map from ids to `V`, in one flat table.
template <class V>
class IdMap {
 public:
  IdMap() = default;
  /// Room for `n` ids without growing.
  explicit IdMap(std::size_t n) { rehash(n); }

  /// The value of `id`, added as `V{}` when it was not there; `added` says which.
  V& try_emplace(std::string_view id, bool& added) {
    if (2 * (size_ + 1) > slots_.size()) rehash(size_ + 1);
    const auto hash = static_cast<std::uint32_t>(hash_id(id));
    Slot& s = find(id, hash);
    added = s.data == nullptr;
    if (added) {
      s.data = id.data();
      s.size = static_cast<std::uint32_t>(id.size());
      s.hash = hash;
      ++size_;
    }
    return s.value;
  }

  bool contains(std::string_view id) const { return get(id) != nullptr; }

  /// The value of `id`, or null.
  const V* get(std::string_view id) const {
    if (slots_.empty()) return nullptr;
    const Slot& s = find(id, static_cast<std::uint32_t>(hash_id(id)));
    return s.data ? &s.value : nullptr;
  }

  std::size_t size() const { return size_; }

  /// Calls `f(value)` for every id's value, in the table's order.
  template <class F>
  void each(F&& f) const {
    for (const Slot& s : slots_)
      if (s.data) f(s.value);
  }

 private:
  struct Slot {
    const char* data = nullptr;  // null: empty
    std::uint32_t size = 0;
    std::uint32_t hash = 0;  // compared first: the id's bytes are read only on a likely match
    [[no_unique_address]] V value{};
  };

  /// The slot holding `id`, or the empty one where it would go.
  Slot& find(std::string_view id, std::uint32_t hash) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (!s.data || (s.hash == hash && std::string_view(s.data, s.size) == id)) return s;
    }
  }

  /// At least twice `n` slots, a power of two; the ids move over.
  void rehash(std::size_t n) {
    std::size_t size = 16;
    while (size < 2 * n) size *= 2;
    if (size <= slots_.size()) return;
    std::vector<Slot> old(size);
    old.swap(slots_);
    for (Slot& s : old)
      if (s.data) find(std::string_view(s.data, s.size), s.hash) = std::move(s);
  }

  mutable std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

/// A set of ids seen so far.
class IdSet {
 public:
  IdSet() = default;
  /// Room for `n` ids without growing.
  explicit IdSet(std::size_t n) : map_(n) {}

  /// Adds `id`; false when it was there already.
  bool insert(std::string_view id) {
    bool added = false;
    map_.try_emplace(id, added);
    return added;
  }

  bool contains(std::string_view id) const { return map_.contains(id); }

 private:
  struct None {};
  IdMap<None> map_;
};

}  // namespace rung
