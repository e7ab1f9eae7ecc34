// SPDX-License-Identifier: MIT
#include "cli/import.hpp"

#include <cstring>
#include <iostream>

#include "cli/io.hpp"
#include "import/import.hpp"

namespace rung::cli {

int import_framework(const std::string& format, const std::string& path, const std::string& id,
                     const std::vector<std::string>& gates) {
  import::Options options;
  options.id = id;
  for (const auto& g : gates) {
    const auto eq = g.rfind('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << "rung: --gate wants LEVEL=GATE, found " << g << "\n";
      return 2;
    }
    options.gates.emplace_back(g.substr(0, eq), g.substr(eq + 1));
  }
  std::string text;
  if (const int err = read_file(path, text)) {
    std::cerr << "rung: cannot read " << name_of(path) << ": " << std::strerror(err) << "\n";
    return 2;
  }
  const import::Result r = format == "ft" ? import::ft(text, options) : import::monzo(text, options);
  if (!r.usage.empty()) {
    std::cerr << "rung: " << r.usage << "\n";
    return 2;
  }
  if (!r.error)
    for (const auto& w : r.warnings) std::cerr << "rung import " << format << ": " << w << "\n";
  const std::string out = r.error ? import::to_json(*r.error) : r.json;
  if (const int err = write_stdout(out)) {
    std::cerr << "rung: cannot write to standard output: " << std::strerror(err) << "\n";
    return 2;
  }
  return r.error ? 1 : 0;
}

}  // namespace rung::cli
