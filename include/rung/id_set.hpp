// SPDX-License-Identifier: MIT
// Sets and maps keyed by ids: duplicate detection and lookups while a
// document is compiled, and grouping by id in the rules. The ids are views
// (they live in their document): no allocation per id.
//
// A list of 100,000 ids must stay cheap (bench/scale), and there the cost
// is memory, not instructions: a probe that misses the cache waits for the
// machine's memory. So the part of the table that is probed at random is a
// byte per slot (a 7-bit tag of the id's hash), small enough to stay in the
// cache; the entries themselves are kept in the order they were added, and
// reached through a 4-byte index only when a tag matches.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "rung/types.hpp"

namespace rung {

/// A map from ids to `V`: open addressing over tag bytes, entries in the
/// order they were added.
template <class V>
class IdMap {
 public:
  IdMap() = default;
  /// Room for `n` ids without growing.
  explicit IdMap(std::size_t n) {
    entries_.reserve(n);
    rehash(n);
  }

  /// The value of `id`, added as `V{}` when it was not there; `added` says
  /// which. The reference lasts until the next id is added.
  V& try_emplace(std::string_view id, bool& added) {
    if (2 * (entries_.size() + 1) > tags_.size()) rehash(entries_.size() + 1);
    const std::uint32_t hash = hash32(id);
    const std::size_t slot = find(id, hash);
    added = tags_[slot] == 0;
    if (!added) return entries_[index_[slot]].value;
    tags_[slot] = tag(hash);
    index_[slot] = static_cast<std::uint32_t>(entries_.size());
    entries_.push_back({id.data(), static_cast<std::uint32_t>(id.size()), hash, V{}});
    return entries_.back().value;
  }

  bool contains(std::string_view id) const { return get(id) != nullptr; }

  /// The value of `id`, or null.
  const V* get(std::string_view id) const {
    if (tags_.empty()) return nullptr;
    const std::size_t slot = find(id, hash32(id));
    return tags_[slot] ? &entries_[index_[slot]].value : nullptr;
  }

  std::size_t size() const { return entries_.size(); }

  /// Calls `f(value)` for every id's value, in the order they were added.
  template <class F>
  void each(F&& f) const {
    for (const Entry& e : entries_) f(e.value);
  }

 private:
  struct Entry {
    const char* data;
    std::uint32_t size;
    std::uint32_t hash;  // kept: the table grows without reading the ids again
    [[no_unique_address]] V value;
  };

  static std::uint32_t hash32(std::string_view id) { return static_cast<std::uint32_t>(hash_id(id)); }

  /// A used slot's byte: its high bit set, and the top seven bits of the
  /// hash (the slot's position comes from the low bits). 0: empty.
  static std::uint8_t tag(std::uint32_t hash) { return static_cast<std::uint8_t>(0x80u | (hash >> 25)); }

  /// The slot holding `id`, or the empty one where it would go.
  std::size_t find(std::string_view id, std::uint32_t hash) const {
    const std::size_t mask = tags_.size() - 1;
    const std::uint8_t t = tag(hash);
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      if (tags_[i] == 0) return i;
      if (tags_[i] == t) {
        const Entry& e = entries_[index_[i]];
        if (e.hash == hash && std::string_view(e.data, e.size) == id) return i;
      }
    }
  }

  /// At least twice `n` slots, a power of two; the slots are laid again
  /// from the entries.
  void rehash(std::size_t n) {
    std::size_t size = 16;
    while (size < 2 * n) size *= 2;
    if (size <= tags_.size()) return;
    tags_.assign(size, 0);
    index_.resize(size);
    const std::size_t mask = size - 1;
    for (std::size_t k = 0; k < entries_.size(); ++k) {
      std::size_t i = entries_[k].hash & mask;
      while (tags_[i]) i = (i + 1) & mask;
      tags_[i] = tag(entries_[k].hash);
      index_[i] = static_cast<std::uint32_t>(k);
    }
  }

  std::vector<std::uint8_t> tags_;
  std::vector<std::uint32_t> index_;
  std::vector<Entry> entries_;
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
