// SPDX-License-Identifier: MIT
// IdMap and IdSet (include/rung/id_set.hpp): the tables every id check and
// grouping goes through, compared with std::unordered_map on the same ids.
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "rung/id_set.hpp"

using namespace rung;

namespace {

/// `n` distinct ids of varied lengths (the empty one included), stable in
/// memory: the tables keep views.
std::vector<std::string> ids(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rnd(seed);
  std::vector<std::string> out{""};
  std::unordered_map<std::string, int> seen{{"", 0}};
  while (out.size() < n) {
    std::string id(rnd() % 12, 'x');
    for (char& c : id) c = static_cast<char>('a' + rnd() % 26);
    id += std::to_string(out.size() % 7);
    if (seen.emplace(id, 0).second) out.push_back(id);
  }
  return out;
}

}  // namespace

TEST_CASE("IdMap agrees with std::unordered_map: adds, finds, keeps values, grows" * doctest::test_suite("id_set")) {
  for (std::size_t reserve : {std::size_t{0}, std::size_t{3}, std::size_t{5000}}) {
    CAPTURE(reserve);
    const std::vector<std::string> keys = ids(5000, 7 + reserve);
    IdMap<std::size_t> map(reserve);
    std::unordered_map<std::string, std::size_t> ref;
    std::mt19937_64 rnd(11);
    for (int step = 0; step < 20000; ++step) {
      const std::string& id = keys[rnd() % keys.size()];
      bool added = false;
      std::size_t& value = map.try_emplace(id, added);
      const bool ref_added = ref.emplace(id, 0).second;
      REQUIRE(added == ref_added);
      REQUIRE(value == ref[id]);
      value = ref[id] = static_cast<std::size_t>(step);
    }
    CHECK(map.size() == ref.size());
    for (const std::string& id : keys) {
      const std::size_t* v = map.get(id);
      REQUIRE((v != nullptr) == ref.count(id));
      if (v) REQUIRE(*v == ref[id]);
    }
    CHECK_FALSE(map.contains("not-an-id"));
  }
}

TEST_CASE("IdMap::each visits every value once, in the order the ids were added" * doctest::test_suite("id_set")) {
  const std::vector<std::string> keys = ids(3000, 3);
  IdMap<std::size_t> map;  // grows from nothing: the order survives every rehash
  bool added = false;
  for (std::size_t i = 0; i < keys.size(); ++i) map.try_emplace(keys[i], added) = i;
  for (std::size_t i = 0; i < keys.size(); i += 2) map.try_emplace(keys[i], added);  // no new entry
  std::vector<std::size_t> seen;
  map.each([&](std::size_t v) { seen.push_back(v); });
  REQUIRE(seen.size() == keys.size());
  for (std::size_t i = 0; i < seen.size(); ++i) REQUIRE(seen[i] == i);
}

TEST_CASE("IdMap tells apart two ids with the same 32-bit hash" * doctest::test_suite("id_set")) {
  // The table compares hashes first: find two ids whose hashes agree (the
  // birthday bound makes one likely among a few hundred thousand).
  std::unordered_map<std::uint32_t, std::string> by_hash;
  std::string a, b;
  for (int i = 0; i < 2000000 && a.empty(); ++i) {
    std::string id = "id-" + std::to_string(i);
    auto [it, added] = by_hash.emplace(static_cast<std::uint32_t>(hash_id(id)), id);
    if (!added) a = it->second, b = id;
  }
  REQUIRE_FALSE(a.empty());
  REQUIRE(a != b);
  REQUIRE(static_cast<std::uint32_t>(hash_id(a)) == static_cast<std::uint32_t>(hash_id(b)));
  IdMap<int> map;
  bool added = false;
  map.try_emplace(a, added) = 1;
  CHECK(added);
  CHECK_FALSE(map.contains(b));
  map.try_emplace(b, added) = 2;
  CHECK(added);
  CHECK(map.size() == 2);
  CHECK(*map.get(a) == 1);
  CHECK(*map.get(b) == 2);
}

TEST_CASE("IdSet: insert says whether the id is new; an empty set finds nothing" * doctest::test_suite("id_set")) {
  IdSet empty;
  CHECK_FALSE(empty.contains(""));
  CHECK_FALSE(empty.contains("a"));
  IdSet set(2);
  CHECK(set.insert("a"));
  CHECK(set.insert(""));
  CHECK(set.insert("ab"));
  CHECK_FALSE(set.insert("a"));
  CHECK_FALSE(set.insert(""));
  CHECK(set.contains("ab"));
  CHECK_FALSE(set.contains("b"));
}

TEST_CASE("IdIndex: a framework's index owns its ids, finds them by view, keeps the first position" *
          doctest::test_suite("id_set")) {
  const std::vector<std::string> keys = ids(2000, 5);
  IdIndex index;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    std::string id = keys[i];  // gone after the call: the index keeps its own copy
    const auto [it, added] = index.emplace(id, i);
    REQUIRE(added);
    REQUIRE(it->first == keys[i]);
    REQUIRE(it->second == i);
  }
  const auto [again, added] = index.emplace(keys[7], 99);
  CHECK_FALSE(added);
  CHECK(again->second == 7);
  CHECK(index.size() == keys.size());

  const IdIndex copy = index;  // a copy stands alone: it points into nothing of the original
  index = IdIndex{};
  CHECK(index.find(keys[7]) == index.end());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    REQUIRE(copy.count(keys[i]) == 1);
    REQUIRE(copy.at(keys[i]) == i);
  }
  CHECK(copy.find("not-an-id") == copy.end());
  CHECK_THROWS_AS(copy.at("not-an-id"), std::out_of_range);
  std::size_t n = 0;
  for (const auto& [id, position] : copy) REQUIRE(position == n++);  // in the order they were added
  CHECK(n == keys.size());
}
