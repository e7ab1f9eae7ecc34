// SPDX-License-Identifier: MIT
// Fuzz target: the importers (`rung import`, docs/import.md). The first byte
// picks the format (even: an FT job-family YAML, odd: a Monzo page), the
// rest is the file. Any input gives a framework or one error; the framework
// an importer writes always loads, and a failed import names its format and
// a documented code in a JSON document. Nothing crashes, hangs or leaks.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <boost/json/parse.hpp>

#include "import/import.hpp"
#include "rung/engine.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool monzo = data[0] & 1;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const rung::import::Options options;
  const rung::import::Result r = monzo ? rung::import::monzo(text, options) : rung::import::ft(text, options);
  if (r.error) {
    if (r.error->code == rung::ErrorCode::internal || r.error->document != (monzo ? "monzo" : "ft")) std::abort();
    if (!r.json.empty()) std::abort();  // an error and a framework both
    boost::system::error_code ec;
    boost::json::parse(rung::import::to_json(*r.error), ec);
    if (ec) std::abort();
    return 0;
  }
  if (!r.usage.empty()) return 0;
  if (!rung::Engine::load(r.json)) std::abort();  // what the importer writes, the engine loads
  return 0;
}
