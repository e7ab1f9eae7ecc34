// SPDX-License-Identifier: MIT
// The floor under `rung batch`: what Boost.JSON alone costs to parse each
// line and serialize a document of the same size (the parsed one), on one
// thread. rung cannot beat it: every cost above it is rung's own.
//
// Several configurations are timed, from the simplest to the fastest found,
// each the best of `--rounds` passes over the lines held in memory; the
// last line of output is the fastest, the floor that bench/run divides by.
//   rung_bench_baseline FILE.jsonl [--rounds N] [--setting K]
// `--setting K` times only the K-th (1-4), e.g. to count its instructions.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <boost/json.hpp>

namespace json = boost::json;

namespace {

struct Lines {
  std::vector<std::string> text;
  std::size_t bytes = 0;
};

/// Seconds of one pass; `out` counts the bytes written so that nothing is optimized away.
double pass(const Lines& lines, const std::function<std::size_t(const std::string&)>& one) {
  std::size_t out = 0;
  const auto start = std::chrono::steady_clock::now();
  for (const auto& line : lines.text) out += one(line);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (out < lines.text.size()) std::fprintf(stderr, "short output\n");
  return s;
}

/// Serializes `v` through one reused serializer into one reused buffer.
std::size_t write_into(json::serializer& sr, std::string& out, const json::value& v) {
  sr.reset(&v);
  out.clear();
  char chunk[16384];
  while (!sr.done()) {
    const auto part = sr.read(chunk, sizeof chunk);
    out.append(part.data(), part.size());
  }
  return out.size();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CASES.jsonl [--rounds N]\n", argv[0]);
    return 2;
  }
  int rounds = 3;
  std::size_t only = 0;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::max(1, std::atoi(argv[i + 1]));
    else if (std::strcmp(argv[i], "--setting") == 0) only = static_cast<std::size_t>(std::max(0, std::atoi(argv[i + 1])));
  }
  Lines lines;
  {
    std::ifstream in(argv[1], std::ios::binary);
    for (std::string line; std::getline(in, line);) {
      lines.bytes += line.size() + 1;
      lines.text.push_back(std::move(line));
    }
  }

  // 1. The simplest: a fresh parse and serialize() with the default allocator.
  auto simple = [](const std::string& line) { return json::serialize(json::parse(line)).size(); };

  // 2. One parser reused (its internal stack kept), default allocator.
  json::parser reused;
  auto reused_parser = [&](const std::string& line) {
    reused.reset();
    reused.write(line);
    return json::serialize(reused.release()).size();
  };

  // 3. Reused parser over a stack buffer for its own state, the value in a
  //    monotonic_resource over a reused buffer, serialize() to a string.
  unsigned char parser_temp[4096];
  json::parser arena_parser(json::storage_ptr(), json::parse_options(), parser_temp, sizeof parser_temp);
  std::vector<unsigned char> arena(1 << 20);
  auto monotonic = [&](const std::string& line) {
    json::monotonic_resource mr(arena.data(), arena.size());
    arena_parser.reset(&mr);
    arena_parser.write(line);
    const json::value v = arena_parser.release();
    return json::serialize(v).size();
  };

  // 4. As 3, and one reused serializer writing into one reused string.
  json::serializer sr;
  std::string out;
  out.reserve(1 << 20);
  auto monotonic_serializer = [&](const std::string& line) {
    json::monotonic_resource mr(arena.data(), arena.size());
    arena_parser.reset(&mr);
    arena_parser.write(line);
    const json::value v = arena_parser.release();
    return write_into(sr, out, v);
  };

  struct Config {
    const char* name;
    std::function<std::size_t(const std::string&)> one;
    double best = 1e30;
  };
  std::vector<Config> configs = {
      {"parse + serialize, default allocator", simple},
      {"reused parser, default allocator", reused_parser},
      {"reused parser, monotonic arena, serialize()", monotonic},
      {"reused parser, monotonic arena, reused serializer", monotonic_serializer},
  };
  if (only >= 1 && only <= configs.size()) configs = {configs[only - 1]};
  for (int r = 0; r < rounds; ++r)  // interleaved: the machines are shared and noisy
    for (auto& c : configs) c.best = std::min(c.best, pass(lines, c.one));

  const Config* fastest = &configs.front();
  for (const auto& c : configs) {
    if (c.best < fastest->best) fastest = &c;
    std::printf("%-52s %9.0f cases/s %7.1f MB/s\n", c.name, static_cast<double>(lines.text.size()) / c.best,
                static_cast<double>(lines.bytes) / 1e6 / c.best);
  }
  std::printf("floor %zu cases %.4f s %.0f cases/s (%s)\n", lines.text.size(), fastest->best,
              static_cast<double>(lines.text.size()) / fastest->best, fastest->name);
  return 0;
}
