// SPDX-License-Identifier: MIT
#include "json/parse.hpp"

#include <cmath>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/value_stack.hpp>

#include "json/pointer.hpp"

namespace rung::json {
namespace {

namespace bj = boost::json;

/// Builds the value like Boost.JSON's own parser handler, and keeps the
/// path of each open container so that an array over the item limit is
/// reported where it is.
struct LimitedHandler {
  static constexpr std::size_t max_object_size = bj::object::max_size();
  static constexpr std::size_t max_array_size = bj::array::max_size();
  static constexpr std::size_t max_key_size = bj::string::max_size();
  static constexpr std::size_t max_string_size = bj::string::max_size();

  struct Frame {
    bool array = false;
    bool key_owned = false;  // objects: the key is in `owned`, not a view of the text
    std::size_t items = 0;   // completed items
    std::string_view key;    // objects: the current member's key, as it is in the text
    std::string owned;       // a key with escapes or split across writes, unescaped

    std::string_view current_key() const { return key_owned ? std::string_view(owned) : key; }
  };

  bj::value_stack st;
  std::vector<Frame> frames;
  std::string_view text;  // the document: a key found in it as is needs no copy
  bool key_partial = false;
  bool over_limit = false;
  std::string limit_path;

  explicit LimitedHandler(bj::storage_ptr sp) : st(std::move(sp)) {}

  // Counts a completed value in its parent; fails past the array limit.
  bool bump(bj::error_code& ec) {
    if (frames.empty() || !frames.back().array) return true;
    if (++frames.back().items <= kMaxArrayItems) return true;
    over_limit = true;
    Pointer p;
    for (std::size_t i = 0; i + 1 < frames.size(); ++i) {
      if (frames[i].array) p.push(frames[i].items);
      else p.push(frames[i].current_key());
    }
    limit_path = p.str();  // the keys are still alive in `frames`
    ec = bj::error::array_too_large;
    return false;
  }

  bool on_document_begin(bj::error_code&) { return true; }
  bool on_document_end(bj::error_code&) { return true; }
  bool on_object_begin(bj::error_code&) {
    frames.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t n, bj::error_code& ec) {
    frames.pop_back();
    st.push_object(n);
    return bump(ec);
  }
  bool on_array_begin(bj::error_code&) {
    frames.emplace_back().array = true;
    return true;
  }
  bool on_array_end(std::size_t n, bj::error_code& ec) {
    frames.pop_back();
    st.push_array(n);
    return bump(ec);
  }
  bool on_key_part(bj::string_view s, std::size_t, bj::error_code&) {
    Frame& f = frames.back();
    if (!key_partial) f.owned.clear();
    key_partial = true;
    f.key_owned = true;
    f.owned.append(s.data(), s.size());
    st.push_chars(s);
    return true;
  }

  bool on_key(bj::string_view s, std::size_t, bj::error_code&) {
    Frame& f = frames.back();
    const bool in_text = !key_partial && s.data() >= text.data() && s.data() + s.size() <= text.data() + text.size();
    if (in_text) {
      f.key = {s.data(), s.size()};
      f.key_owned = false;
    } else {
      if (!key_partial) f.owned.clear();
      f.owned.append(s.data(), s.size());
      f.key_owned = true;
    }
    key_partial = false;
    st.push_key(s);
    return true;
  }
  bool on_string_part(bj::string_view s, std::size_t, bj::error_code&) {
    st.push_chars(s);
    return true;
  }
  bool on_string(bj::string_view s, std::size_t, bj::error_code& ec) {
    st.push_string(s);
    return bump(ec);
  }
  bool on_number_part(bj::string_view, bj::error_code&) { return true; }
  bool on_int64(std::int64_t i, bj::string_view, bj::error_code& ec) {
    st.push_int64(i);
    return bump(ec);
  }
  bool on_uint64(std::uint64_t u, bj::string_view, bj::error_code& ec) {
    st.push_uint64(u);
    return bump(ec);
  }
  bool on_double(double d, bj::string_view, bj::error_code& ec) {
    if (!std::isfinite(d)) {  // 1e400: out of double range
      ec = bj::error::exponent_overflow;
      return false;
    }
    st.push_double(d);
    return bump(ec);
  }
  bool on_bool(bool b, bj::error_code& ec) {
    st.push_bool(b);
    return bump(ec);
  }
  bool on_null(bj::error_code& ec) {
    st.push_null();
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

/// The upstream of a parser's arena: hands the heap blocks of one document
/// to the next, so that a run of large documents reuses memory already
/// paged in instead of mapping (and zeroing) fresh pages for each. The arena
/// asks for the same sizes document after document (it doubles from the
/// same start), so blocks are matched by size. What the next document did
/// not reuse is freed after it (`release_unused`): memory never outlives
/// the document after the one that needed it.
class BlockCache final : public bj::memory_resource {
 public:
  BlockCache() = default;
  BlockCache(const BlockCache&) = delete;
  BlockCache& operator=(const BlockCache&) = delete;
  ~BlockCache() override {
    release_unused();
    for (const Block& b : lent_) free_block(b);  // none once the arena is gone; never leak
  }

  void release_unused() noexcept {
    for (const Block& b : free_) free_block(b);
    free_.clear();
  }

 private:
  struct Block {
    void* p;
    std::size_t size, align;
  };

  static void free_block(const Block& b) noexcept { ::operator delete(b.p, std::align_val_t{b.align}); }

  void* do_allocate(std::size_t size, std::size_t align) override {
    lent_.reserve(lent_.size() + 1);  // may throw bad_alloc before anything is taken
    for (std::size_t i = 0; i < free_.size(); ++i) {
      if (free_[i].size != size || free_[i].align != align) continue;
      lent_.push_back(free_[i]);
      free_[i] = free_.back();
      free_.pop_back();
      return lent_.back().p;
    }
    void* p = ::operator new(size, std::align_val_t{align});
    lent_.push_back({p, size, align});
    return p;
  }

  // The arena gives back a block with a size of its own reckoning (its
  // usable bytes, not what it asked for): the block is found by address.
  void do_deallocate(void* p, std::size_t, std::size_t) override {
    for (std::size_t i = 0; i < lent_.size(); ++i) {
      if (lent_[i].p != p) continue;
      const Block b = lent_[i];
      lent_[i] = lent_.back();
      lent_.pop_back();
      try {
        free_.push_back(b);
      } catch (const std::bad_alloc&) {
        free_block(b);
      }
      return;
    }
  }

  bool do_is_equal(const bj::memory_resource& other) const noexcept override { return this == &other; }

  std::vector<Block> lent_;  // blocks the arena holds now (a few dozen at most: their sizes double)
  std::vector<Block> free_;  // blocks the last document gave back
};

}  // namespace

struct DocumentParser::Impl {
  // The first 64 KiB of every document's values come from here.
  static constexpr std::size_t kArenaBytes = 64 * 1024;
  alignas(16) unsigned char arena[kArenaBytes];
  // Made anew for every document: a monotonic_resource doubles the size of
  // its next block each time it takes one and release() keeps that size,
  // so one resource reused across large documents grows until it fails.
  BlockCache blocks;  // the arena's heap blocks: outlives `resource`
  std::optional<bj::monotonic_resource> resource;
  bj::basic_parser<LimitedHandler> parser;
  // Moved in, never assigned: assignment would copy into the heap.
  std::optional<bj::value> value;

  static bj::parse_options options() {
    bj::parse_options o;
    o.max_depth = kMaxDepth;
    return o;
  }
  Impl() : parser(options(), bj::storage_ptr()) {}
};

DocumentParser::DocumentParser() : impl_(std::make_unique<Impl>()) {}
DocumentParser::~DocumentParser() = default;

Expected<const bj::value*> DocumentParser::parse(std::string_view text, Document document) {
  if (text.size() > kMaxDocumentBytes)
    return InputError{document, ErrorCode::limit_exceeded, "",
                      "the document has " + std::to_string(text.size()) + " bytes, more than 16 MiB"};
  Impl& m = *impl_;
  m.value.reset();  // values in the arena go before the arena is reused
  m.resource.emplace(m.arena, Impl::kArenaBytes, &m.blocks);
  m.parser.reset();
  LimitedHandler& h = m.parser.handler();
  h.frames.clear();
  h.text = text;
  h.key_partial = false;
  h.over_limit = false;
  h.st.reset(bj::storage_ptr(&*m.resource));
  bj::error_code ec;
  const std::size_t n = m.parser.write_some(false, text.data(), text.size(), ec);
  m.blocks.release_unused();  // what the last document had and this one did not reuse
  if (!ec && n < text.size()) ec = bj::error::extra_data;
  if (ec) {
    if (h.over_limit)
      return InputError{document, ErrorCode::limit_exceeded, h.limit_path, "the array has more than 100000 items"};
    if (ec == bj::error::too_deep)
      return InputError{document, ErrorCode::limit_exceeded, "", "the document is nested deeper than 64 levels"};
    return InputError{document, ErrorCode::parse_error, "",
                      "invalid JSON at " + where(text, n) + ": " + ec.message()};
  }
  m.value.emplace(h.st.release());
  return &*m.value;
}

}  // namespace rung::json
