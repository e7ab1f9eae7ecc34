// The cost of JSON alone, the floor under `rung batch`: Boost.JSON parses
// each line and serializes a document of the same size (the parsed one),
// on one thread. Prints cases/s and MB/s. Usage: rung_bench_baseline FILE.jsonl
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <boost/json.hpp>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CASES.jsonl\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::vector<std::string> lines;
  std::size_t bytes = 0;
  for (std::string line; std::getline(in, line);) {
    bytes += line.size() + 1;
    lines.push_back(std::move(line));
  }
  boost::json::parser parser;
  std::size_t out_bytes = 0;
  const auto start = std::chrono::steady_clock::now();
  for (const auto& line : lines) {
    parser.reset();
    parser.write(line);
    const boost::json::value v = parser.release();
    out_bytes += boost::json::serialize(v).size();
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("baseline %zu cases %.3f s %.0f cases/s %.1f MB/s (out %zu bytes)\n", lines.size(), s,
              static_cast<double>(lines.size()) / s, static_cast<double>(bytes) / 1e6 / s, out_bytes);
  return 0;
}
