// SPDX-License-Identifier: MIT
// Fuzz target: loading a framework document. Any input gives an engine or
// one error document with a valid code; nothing crashes, hangs or leaks.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "rung/engine.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto engine = rung::Engine::load(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!engine && engine.error().code == rung::ErrorCode::internal) std::abort();
  return 0;
}
