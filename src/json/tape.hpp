// SPDX-License-Identifier: MIT
// A parsed document as one flat array of nodes in text order (made by
// json/parse.hpp): a container's node is followed by its contents, an
// array's items one after the other, an object's members as a key node and
// its value. Nothing is allocated per value and strings are views into the
// document's text (or into the parser's store when they had escapes), so
// a document is read in one pass over memory laid out as it is read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace rung::json {

/// Whether two member names are equal: names are short, so they are
/// compared here byte by byte rather than through a call to memcmp.
inline bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

enum class Kind : std::uint8_t { null, bool_, int64, uint64, double_, string, array, object };

/// One value of a parsed document. Lives in its document's tape; a
/// container's contents are the nodes after it.
class Node {
 public:
  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::null; }
  bool is_bool() const { return kind_ == Kind::bool_; }
  bool is_int64() const { return kind_ == Kind::int64; }
  bool is_uint64() const { return kind_ == Kind::uint64; }
  bool is_double() const { return kind_ == Kind::double_; }
  bool is_string() const { return kind_ == Kind::string; }
  bool is_array() const { return kind_ == Kind::array; }
  bool is_object() const { return kind_ == Kind::object; }
  const Node* if_array() const { return is_array() ? this : nullptr; }
  const Node* if_object() const { return is_object() ? this : nullptr; }

  bool get_bool() const { return b_; }
  std::int64_t get_int64() const { return i_; }
  std::uint64_t get_uint64() const { return u_; }
  double get_double() const { return d_; }
  std::string_view get_string() const { return {s_, size_}; }

  /// Items of an array, members of an object (duplicate keys merged as
  /// Boost.JSON merges them: the first one's place, the last one's value).
  std::size_t size() const { return size_; }

  /// Key nodes: whether a reader asked for this member by name (the
  /// readers mark what they read, json/read.cpp).
  bool looked_up() const { return looked_up_; }
  bool mark_looked_up() const {
    const bool first = !looked_up_;
    looked_up_ = true;
    return first;
  }

  /// The node after this value and all it holds.
  const Node* after() const { return this + (kind_ >= Kind::array ? span_ : 1); }

  /// An array's items, in order.
  class Items {
   public:
    class iterator {
     public:
      explicit iterator(const Node* n) : n_(n) {}
      const Node& operator*() const { return *n_; }
      iterator& operator++() {
        n_ = n_->after();
        return *this;
      }
      bool operator==(const iterator&) const = default;

     private:
      const Node* n_;
    };
    explicit Items(const Node& a) : a_(a) {}
    iterator begin() const { return iterator(&a_ + 1); }
    iterator end() const { return iterator(a_.after()); }

   private:
    const Node& a_;
  };
  Items items() const { return Items(*this); }

  /// An object's member: its key node, then its value.
  class Member {
   public:
    explicit Member(const Node* key) : key_(key) {}
    std::string_view key() const { return key_->get_string(); }
    const Node& value() const { return key_[1]; }
    const Node* key_node() const { return key_; }
    /// The member after this one (or the object's end).
    Member next() const { return Member(key_[1].after()); }
    bool operator==(const Member&) const = default;

   private:
    const Node* key_;
  };
  class iterator {
   public:
    explicit iterator(Member m) : m_(m) {}
    const Member& operator*() const { return m_; }
    const Member* operator->() const { return &m_; }
    iterator& operator++() {
      m_ = m_.next();
      return *this;
    }
    bool operator==(const iterator&) const = default;

   private:
    Member m_;
  };
  /// An object's members, in order.
  iterator begin() const { return iterator(Member(this + 1)); }
  iterator end() const { return iterator(Member(after())); }

  // Made by the parser only.
  static Node scalar(Kind k) {
    Node n;
    n.kind_ = k;
    return n;
  }
  static Node boolean(bool b) {
    Node n = scalar(Kind::bool_);
    n.b_ = b;
    return n;
  }
  static Node int64(std::int64_t i) {
    Node n = scalar(Kind::int64);
    n.i_ = i;
    return n;
  }
  static Node uint64(std::uint64_t u) {
    Node n = scalar(Kind::uint64);
    n.u_ = u;
    return n;
  }
  static Node number(double d) {
    Node n = scalar(Kind::double_);
    n.d_ = d;
    return n;
  }
  static Node string(std::string_view s) {
    Node n = scalar(Kind::string);
    n.s_ = s.data();
    n.size_ = static_cast<std::uint32_t>(s.size());
    return n;
  }
  /// Opens a container; close() sets what it holds once its end is read.
  static Node container(Kind k) { return scalar(k); }
  void close(std::size_t size, std::size_t span) {
    size_ = static_cast<std::uint32_t>(size);
    span_ = static_cast<std::uint32_t>(span);
  }

  Node() = default;

 private:
  Kind kind_ = Kind::null;
  mutable bool looked_up_ = false;  // in the padding before size_
  std::uint32_t size_ = 0;  // a string's bytes, a container's items or members
  union {
    std::uint64_t u_ = 0;
    bool b_;
    std::int64_t i_;
    double d_;
    const char* s_;
    std::uint32_t span_;  // a container: its nodes, itself included
  };
};

static_assert(sizeof(Node) == 16);

}  // namespace rung::json
