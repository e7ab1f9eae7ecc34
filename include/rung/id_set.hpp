// SPDX-License-Identifier: MIT
// Tables keyed by ids: duplicate detection and lookups while a document is
// compiled (IdSet, IdMap: the ids are views of the document), grouping by id
// in the rules, and a framework's indexes (IdIndex: it owns its ids).
//
// A list of 100,000 ids must stay cheap (bench/scale), and there the cost
// is memory, not instructions: a probe that misses the cache waits for the
// machine's memory. So the part of a table that is probed at random is a
// byte per slot (a 7-bit tag of the id's hash), small enough to stay in the
// cache; the entries are kept in the order they were added, and reached
// through a 4-byte index only when a tag matches.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rung {

/// FNV-1a: ids are short, and hashing one in a few cycles matters when a
/// case names 100,000 of them.
inline std::size_t hash_id(std::string_view s) noexcept {
  std::uint64_t h = 14695981039346656037ull;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return static_cast<std::size_t>(h ^ (h >> 32));
}

namespace detail {

/// The slots of a table whose entries its owner keeps, numbered in the
/// order they were added: open addressing over tag bytes, at most half full.
/// `key(k)` is the id of entry k.
class IdSlots {
 public:
  static constexpr std::uint32_t npos = UINT32_MAX;

  /// Room for `n` entries without growing.
  void reserve(std::size_t n) {
    hashes_.reserve(n);
    grow(n);
  }

  /// The entry of `id`, or npos.
  template <class Key>
  std::uint32_t find(std::string_view id, Key&& key) const {
    const std::size_t slot = locate(id, hash(id), key);
    return slot != kEmpty && tags_[slot] ? index_[slot] : npos;
  }

  /// The entry of `id`, and whether it is new: a new id's entry is the
  /// next one, which its owner then adds.
  template <class Key>
  std::pair<std::uint32_t, bool> insert(std::string_view id, Key&& key) {
    const std::uint32_t h = hash(id);
    std::size_t slot = locate(id, h, key);
    if (slot != kEmpty && tags_[slot]) return {index_[slot], false};
    if (2 * (hashes_.size() + 1) > tags_.size()) {  // grow, then find its place again
      grow(hashes_.size() + 1);
      slot = locate(id, h, key);
    }
    const auto k = static_cast<std::uint32_t>(hashes_.size());
    tags_[slot] = tag(h);
    index_[slot] = k;
    hashes_.push_back(h);
    return {k, true};
  }

 private:
  static constexpr std::size_t kEmpty = SIZE_MAX;  // locate() on a table of no slots yet

  static std::uint32_t hash(std::string_view id) { return static_cast<std::uint32_t>(hash_id(id)); }

  /// A used slot's byte: its high bit set, and the top seven bits of the
  /// hash (the slot's position comes from the low bits). 0: empty.
  static std::uint8_t tag(std::uint32_t hash) { return static_cast<std::uint8_t>(0x80u | (hash >> 25)); }

  /// The slot of `id`, or the empty one where it would go.
  template <class Key>
  std::size_t locate(std::string_view id, std::uint32_t hash, Key& key) const {
    if (tags_.empty()) return kEmpty;
    const std::size_t mask = tags_.size() - 1;
    const std::uint8_t t = tag(hash);
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      if (tags_[i] == 0) return i;
      if (tags_[i] == t && key(index_[i]) == id) return i;
    }
  }

  /// At least twice `n` slots, a power of two; the entries are laid again
  /// from their hashes.
  void grow(std::size_t n) {
    std::size_t size = 16;
    while (size < 2 * n) size *= 2;
    if (size <= tags_.size()) return;
    tags_.assign(size, 0);
    index_.resize(size);
    const std::size_t mask = size - 1;
    for (std::size_t k = 0; k < hashes_.size(); ++k) {
      std::size_t i = hashes_[k] & mask;
      while (tags_[i]) i = (i + 1) & mask;
      tags_[i] = tag(hashes_[k]);
      index_[i] = static_cast<std::uint32_t>(k);
    }
  }

  std::vector<std::uint8_t> tags_;
  std::vector<std::uint32_t> index_;   // each used slot's entry
  std::vector<std::uint32_t> hashes_;  // each entry's, to grow without reading the ids again
};

}  // namespace detail

/// A map from ids to `V`. The ids are views: they must outlive the map.
template <class V>
class IdMap {
 public:
  IdMap() = default;
  /// Room for `n` ids without growing.
  explicit IdMap(std::size_t n) {
    slots_.reserve(n);
    entries_.reserve(n);
  }

  /// The value of `id`, added as `V{}` when it was not there; `added` says
  /// which. The reference lasts until the next id is added.
  V& try_emplace(std::string_view id, bool& added) {
    const auto [k, is_new] = slots_.insert(id, key());
    added = is_new;
    if (is_new) entries_.push_back({id.data(), id.size(), V{}});
    return entries_[k].value;
  }

  bool contains(std::string_view id) const { return get(id) != nullptr; }

  /// The value of `id`, or null.
  const V* get(std::string_view id) const {
    const std::uint32_t k = slots_.find(id, key());
    return k == detail::IdSlots::npos ? nullptr : &entries_[k].value;
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
    std::size_t size;
    [[no_unique_address]] V value;
  };
  auto key() const {
    return [this](std::uint32_t k) { return std::string_view(entries_[k].data, entries_[k].size); };
  }

  detail::IdSlots slots_;
  std::vector<Entry> entries_;
};

/// A set of ids seen so far. The ids are views: they must outlive the set.
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

/// Id -> position, owning its ids (a framework's indexes outlive its
/// document): the lookups of a std::unordered_map, looked up by
/// std::string_view, iterated in the order the ids were added.
class IdIndex {
 public:
  using value_type = std::pair<std::string, std::size_t>;
  using const_iterator = std::vector<value_type>::const_iterator;
  using iterator = const_iterator;

 private:
  auto key() const {  // before its callers: its type is deduced
    return [this](std::uint32_t k) { return std::string_view(entries_[k].first); };
  }

 public:

  /// Adds `id` -> `position` unless `id` is there; the id's entry, and
  /// whether it was added.
  std::pair<const_iterator, bool> emplace(std::string_view id, std::size_t position) {
    const auto [k, is_new] = slots_.insert(id, key());
    if (is_new) entries_.emplace_back(std::string(id), position);
    return {entries_.begin() + k, is_new};
  }

  const_iterator find(std::string_view id) const {
    const std::uint32_t k = slots_.find(id, key());
    return k == detail::IdSlots::npos ? entries_.end() : entries_.begin() + k;
  }
  std::size_t count(std::string_view id) const { return find(id) != end(); }
  /// The position of `id`; std::out_of_range when it is not there.
  std::size_t at(std::string_view id) const {
    const auto it = find(id);
    if (it == end()) throw std::out_of_range("rung::IdIndex::at: no such id");
    return it->second;
  }

  const_iterator begin() const { return entries_.begin(); }
  const_iterator end() const { return entries_.end(); }
  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  void reserve(std::size_t n) {
    slots_.reserve(n);
    entries_.reserve(n);
  }

 private:
  detail::IdSlots slots_;
  std::vector<value_type> entries_;
};

}  // namespace rung
