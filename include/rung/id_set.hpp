// A set of ids seen so far: duplicate detection and lookups while a
// document is compiled. An open-addressing table of views (the ids live in
// their document): no allocation per id, one probe or two per lookup, so a
// list of 100,000 ids stays cheap (bench/scale).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "rung/types.hpp"

namespace rung {

class IdSet {
 public:
  IdSet() = default;
  /// Room for `n` ids without growing.
  explicit IdSet(std::size_t n) { rehash(n); }

  /// Adds `id`; false when it was there already.
  bool insert(std::string_view id) {
    if (2 * (size_ + 1) > slots_.size()) rehash(size_ + 1);
    const auto hash = static_cast<std::uint32_t>(hash_id(id));
    Slot& s = find(id, hash);
    if (s.data) return false;
    s = {id.data(), static_cast<std::uint32_t>(id.size()), hash};
    ++size_;
    return true;
  }

  bool contains(std::string_view id) const {
    return !slots_.empty() && find(id, static_cast<std::uint32_t>(hash_id(id))).data;
  }

 private:
  // 16 bytes: a table for 100,000 ids stays within a few megabytes of cache.
  struct Slot {
    const char* data = nullptr;  // null: empty
    std::uint32_t size = 0;
    std::uint32_t hash = 0;  // compared first: the id's bytes are read only on a likely match
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
    for (const Slot& s : old)
      if (s.data) find(std::string_view(s.data, s.size), s.hash) = s;
  }

  mutable std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace rung
