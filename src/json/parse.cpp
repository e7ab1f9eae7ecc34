// SPDX-License-Identifier: MIT
#include "json/parse.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <boost/json/basic_parser_impl.hpp>

#include "json/pointer.hpp"
#include "rung/id_set.hpp"

namespace rung::json {
namespace {

namespace bj = boost::json;

// A tape this large (16 MiB) is kept for the next document only if it needs it.
constexpr std::size_t kKeptNodes = 1u << 20;

/// Keeps the strings that had escapes (the text holds them escaped) until
/// the next document: in blocks that never move, the first kept from
/// document to document.
class TextStore {
 public:
  std::string_view keep(std::string_view s) {
    if (blocks_.empty() || used_ + s.size() > size_) {
      size_ = std::max(blocks_.empty() ? kFirst : 2 * size_, s.size());
      blocks_.push_back(std::make_unique<char[]>(size_));
      used_ = 0;
    }
    char* p = blocks_.back().get() + used_;
    std::memcpy(p, s.data(), s.size());
    used_ += s.size();
    return {p, s.size()};
  }
  void clear() {
    if (blocks_.size() > 1 || size_ > kFirst) {
      blocks_.clear();
      size_ = 0;
    }
    used_ = 0;
  }

 private:
  static constexpr std::size_t kFirst = 4096;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t size_ = 0, used_ = 0;
};

/// Writes the tape (json/tape.hpp) and keeps the path of each open
/// container so that an array over the item limit is reported where it is.
struct TapeHandler {
  static constexpr std::size_t max_object_size = UINT32_MAX;
  static constexpr std::size_t max_array_size = UINT32_MAX;
  static constexpr std::size_t max_key_size = UINT32_MAX;
  static constexpr std::size_t max_string_size = UINT32_MAX;

  struct Frame {
    std::uint32_t at = 0;     // the container's node
    std::uint32_t key = 0;    // objects: the node of the current member's key
    std::size_t items = 0;    // arrays: completed items
    std::uint64_t seen = 0;   // objects: a bit per key hash, to notice a key that may repeat
    bool array = false;
    bool may_repeat = false;  // objects: two keys had the same hash
  };

  std::vector<Node> nodes;
  std::vector<Frame> frames;
  std::string_view text;  // the document: a string found in it as is needs no copy
  bool partial = false;   // a string or key with escapes is being read into `pieces`
  std::string pieces;
  TextStore* store = nullptr;
  bool over_limit = false;
  std::string limit_path;
  std::size_t members = 0;  // key nodes on the tape
  std::vector<const Node*> keys;  // merge_repeated: the keys of the object being closed

  bool in_text(bj::string_view s) const {
    return s.data() >= text.data() && s.data() + s.size() <= text.data() + text.size();
  }
  // The string just read: a view of the text, or a copy of its unescaped pieces.
  std::string_view finish(bj::string_view s) {
    if (!partial && in_text(s)) return {s.data(), s.size()};
    pieces.append(s.data(), s.size());
    partial = false;
    const std::string_view kept = store->keep(pieces);
    pieces.clear();
    return kept;
  }
  bool part(bj::string_view s) {
    partial = true;
    pieces.append(s.data(), s.size());
    return true;
  }

  // Counts a completed value in its parent; fails past the array limit.
  bool bump(bj::error_code& ec) {
    if (frames.empty() || !frames.back().array) return true;
    if (++frames.back().items <= kMaxArrayItems) return true;
    over_limit = true;
    Pointer p;
    for (std::size_t i = 0; i + 1 < frames.size(); ++i) {
      if (frames[i].array) p.push(frames[i].items);
      else p.push(nodes[frames[i].key].get_string());
    }
    limit_path = p.str();
    ec = bj::error::array_too_large;
    return false;
  }
  bool open(Kind k) {
    Frame& f = frames.emplace_back();
    f.at = static_cast<std::uint32_t>(nodes.size());
    f.array = k == Kind::array;
    nodes.push_back(Node::container(k));
    return true;
  }
  bool close(std::size_t n, bj::error_code& ec) {
    const Frame f = frames.back();
    frames.pop_back();
    if (f.may_repeat) n = merge_repeated(f.at, n);
    nodes[f.at].close(n, nodes.size() - f.at);
    return bump(ec);
  }

  /// An object whose keys repeat keeps one member per key, as Boost.JSON
  /// does: in the place of the first, with the value of the last. The
  /// object is the end of the tape, so it is rewritten there in one pass.
  std::size_t merge_repeated(std::uint32_t at, std::size_t n) {
    keys.clear();
    for (const Node* k = &nodes[at] + 1; k != nodes.data() + nodes.size(); k = k[1].after()) keys.push_back(k);
    if (keys.size() <= 32 && !repeats_small()) return n;  // the hashes collided, the keys did not
    IdMap<std::size_t> last(keys.size());  // key -> its last member
    bool added = false;
    for (std::size_t i = 0; i < keys.size(); ++i) last.try_emplace(keys[i]->get_string(), added) = i;
    if (last.size() == keys.size()) return n;
    std::vector<Node> merged;
    IdSet placed(last.size());
    for (const Node* k : keys) {
      if (!placed.insert(k->get_string())) continue;
      const Node* key = keys[*last.get(k->get_string())];
      merged.push_back(*k);
      merged.insert(merged.end(), key + 1, key[1].after());
    }
    nodes.resize(at + 1);
    nodes.insert(nodes.end(), merged.begin(), merged.end());
    members -= keys.size() - last.size();
    return last.size();
  }
  bool repeats_small() const {
    for (std::size_t i = 1; i < keys.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (keys[i]->get_string() == keys[j]->get_string()) return true;
    return false;
  }

  bool on_document_begin(bj::error_code&) { return true; }
  bool on_document_end(bj::error_code&) { return true; }
  bool on_object_begin(bj::error_code&) { return open(Kind::object); }
  bool on_object_end(std::size_t n, bj::error_code& ec) { return close(n, ec); }
  bool on_array_begin(bj::error_code&) { return open(Kind::array); }
  bool on_array_end(std::size_t n, bj::error_code& ec) { return close(n, ec); }
  bool on_key_part(bj::string_view s, std::size_t, bj::error_code&) { return part(s); }
  bool on_key(bj::string_view s, std::size_t, bj::error_code&) {
    const std::string_view key = finish(s);
    Frame& f = frames.back();
    const std::size_t hash = key.size() * 7 + (key.empty() ? 0 : key[0] + 3 * key.back());
    const std::uint64_t bit = std::uint64_t{1} << (hash & 63);
    if (f.seen & bit) f.may_repeat = true;
    f.seen |= bit;
    f.key = static_cast<std::uint32_t>(nodes.size());
    nodes.push_back(Node::string(key));
    ++members;
    return true;
  }
  bool on_string_part(bj::string_view s, std::size_t, bj::error_code&) { return part(s); }
  bool on_string(bj::string_view s, std::size_t, bj::error_code& ec) {
    nodes.push_back(Node::string(finish(s)));
    return bump(ec);
  }
  bool on_number_part(bj::string_view, bj::error_code&) { return true; }
  bool on_int64(std::int64_t i, bj::string_view, bj::error_code& ec) {
    nodes.push_back(Node::int64(i));
    return bump(ec);
  }
  bool on_uint64(std::uint64_t u, bj::string_view, bj::error_code& ec) {
    nodes.push_back(Node::uint64(u));
    return bump(ec);
  }
  bool on_double(double d, bj::string_view, bj::error_code& ec) {
    if (!std::isfinite(d)) {  // 1e400: out of double range
      ec = bj::error::exponent_overflow;
      return false;
    }
    nodes.push_back(Node::number(d));
    return bump(ec);
  }
  bool on_bool(bool b, bj::error_code& ec) {
    nodes.push_back(Node::boolean(b));
    return bump(ec);
  }
  bool on_null(bj::error_code& ec) {
    nodes.push_back(Node::scalar(Kind::null));
    return bump(ec);
  }
  bool on_comment_part(bj::string_view, bj::error_code&) { return true; }
  bool on_comment(bj::string_view, bj::error_code&) { return true; }
};

std::string where(std::string_view text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace

struct DocumentParser::Impl {
  TextStore store;
  bj::basic_parser<TapeHandler> parser;

  static bj::parse_options options() {
    bj::parse_options o;
    o.max_depth = kMaxDepth;
    return o;
  }
  Impl() : parser(options()) {}
};

DocumentParser::DocumentParser() : impl_(std::make_unique<Impl>()) {}
DocumentParser::~DocumentParser() = default;

Expected<const Node*> DocumentParser::parse(std::string_view text, Document document) {
  if (text.size() > kMaxDocumentBytes)
    return InputError{document, ErrorCode::limit_exceeded, "",
                      "the document has " + std::to_string(text.size()) + " bytes, more than 16 MiB"};
  Impl& m = *impl_;
  m.parser.reset();
  TapeHandler& h = m.parser.handler();
  // A tape holds about a node per 8 bytes of text. One much larger than
  // this document needs goes: memory never outlives the document after
  // the one that needed it.
  const std::size_t expected = text.size() / 8 + 16;
  if (h.nodes.capacity() > std::max<std::size_t>(kKeptNodes, 4 * expected)) std::vector<Node>().swap(h.nodes);
  h.nodes.clear();
  h.nodes.reserve(expected);
  h.frames.clear();
  h.text = text;
  h.partial = false;
  h.pieces.clear();
  m.store.clear();
  h.store = &m.store;
  h.over_limit = false;
  h.members = 0;
  bj::error_code ec;
  const std::size_t n = m.parser.write_some(false, text.data(), text.size(), ec);
  if (!ec && n < text.size()) ec = bj::error::extra_data;
  if (ec) {
    if (h.over_limit)
      return InputError{document, ErrorCode::limit_exceeded, h.limit_path, "the array has more than 100000 items"};
    if (ec == bj::error::too_deep)
      return InputError{document, ErrorCode::limit_exceeded, "", "the document is nested deeper than 64 levels"};
    return InputError{document, ErrorCode::parse_error, "",
                      "invalid JSON at " + where(text, n) + ": " + ec.message()};
  }
  return h.nodes.data();
}

std::size_t DocumentParser::members() const { return impl_->parser.handler().members; }

}  // namespace rung::json
