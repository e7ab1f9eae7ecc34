// rung: the command line (SPEC §5).
//   rung evaluate [--framework FILE] [--format json|text|markdown|html|ics] CASE|-
//   rung batch [--framework FILE] [--threads N] [IN.jsonl|-]
//   rung summarize [--format text|markdown|html] [REPORTS.jsonl|-]
//   rung check-framework [--as-of DATE] FILE
// Exit status: 0 report, 1 input error, 2 usage or I/O error.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

#include <unistd.h>

#include <CLI/CLI.hpp>

#include "cli/batch.hpp"
#include "cli/summarize.hpp"
#include "json/decode.hpp"
#include "rung/engine.hpp"

namespace {

constexpr int kReport = 0;
constexpr int kInputError = 1;
constexpr int kUsage = 2;

/// Reads a file, or standard input for "-"; nothing on an I/O error.
std::optional<std::string> slurp(const std::string& path) {
  if (path == "-") {
    std::ostringstream s;
    s << std::cin.rdbuf();
    return s.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return text;
}

/// Standard input for "-", else `file` opened on `path`; nothing (with a
/// message) when it cannot be read.
std::istream* open_input(const std::string& path, std::ifstream& file) {
  if (path == "-") return &std::cin;
  file.open(path, std::ios::binary);
  if (file) return &file;
  std::cerr << "rung: cannot read " << path << "\n";
  return nullptr;
}

/// The engine for --framework FILE, or the built-in example framework.
/// Prints the error document (exit 1) or an I/O message (exit 2).
std::optional<rung::Engine> load_engine(const std::string& framework_path, int& status) {
  std::string text;
  if (framework_path.empty()) {
    text = std::string(rung::builtin_framework());
  } else if (auto t = slurp(framework_path)) {
    text = std::move(*t);
  } else {
    std::cerr << "rung: cannot read framework " << framework_path << "\n";
    status = kUsage;
    return std::nullopt;
  }
  auto engine = rung::Engine::load(text);
  if (!engine) {
    std::cout << rung::to_json(engine.error(), 2) << "\n";
    status = kInputError;
    return std::nullopt;
  }
  return std::move(*engine);
}

/// --format: the name, or empty for the default (text on a terminal, else JSON).
rung::Format format_of(const std::string& name) {
  if (name == "json") return rung::Format::json_pretty;
  if (name == "text") return rung::Format::text;
  if (name == "markdown") return rung::Format::markdown;
  if (name == "html") return rung::Format::html;
  if (name == "ics") return rung::Format::ics;
  return isatty(STDOUT_FILENO) ? rung::Format::text : rung::Format::json_pretty;
}

/// Colour only on a terminal, and never with NO_COLOR (https://no-color.org).
bool use_color() {
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

int evaluate(const std::string& framework_path, const std::string& case_path, const std::string& format) {
  int status = kReport;
  auto engine = load_engine(framework_path, status);
  if (!engine) return status;
  auto text = slurp(case_path);
  if (!text) {
    std::cerr << "rung: cannot read case " << case_path << "\n";
    return kUsage;
  }
  std::string out;
  const rung::Format f = format_of(format);
  const bool ok = engine->evaluate_as(*text, f, out, nullptr, f == rung::Format::text && use_color());
  std::cout << out;
  if (!ok || f == rung::Format::json_pretty) std::cout << "\n";
  return ok ? kReport : kInputError;
}

int batch(const std::string& framework_path, const std::string& input, unsigned threads, int progress) {
  int status = kReport;
  auto engine = load_engine(framework_path, status);
  if (!engine) return status;
  std::ifstream file;
  std::istream* input_stream = open_input(input, file);
  if (!input_stream) return kUsage;
  std::istream& in = *input_stream;
  std::ios::sync_with_stdio(false);
  rung::cli::BatchOptions options;
  options.threads = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
  options.progress = progress < 0 ? isatty(STDERR_FILENO) != 0 : progress > 0;
  if (input != "-") {
    std::error_code ec;
    const auto size = std::filesystem::file_size(input, ec);
    if (!ec) options.total_bytes = static_cast<std::size_t>(size);
  }
  const auto s = rung::cli::run_batch(*engine, in, std::cout, options);
  if (in.bad()) {
    std::cerr << "rung: error reading " << input << "\n";
    return kUsage;
  }
  std::fprintf(stderr,
               "rung batch: %zu cases (ready %zu, close %zu, not_ready %zu, blocked %zu, no_target %zu), %zu errors, "
               "%.2f s, %.0f cases/s\n",
               s.cases, s.verdicts[0], s.verdicts[1], s.verdicts[2], s.verdicts[3], s.verdicts[4], s.errors, s.seconds,
               s.seconds > 0 ? static_cast<double>(s.cases) / s.seconds : 0.0);
  return kReport;
}

int summarize(const std::string& input, const std::string& format) {
  std::ifstream file;
  std::istream* input_stream = open_input(input, file);
  if (!input_stream) return kUsage;
  std::istream& in = *input_stream;
  rung::cli::Team team;
  std::size_t number = 0;
  std::string problem;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (!team.add(line, problem)) {
      std::cerr << "rung: " << input << ":" << number << ": " << problem << "\n";
      return kUsage;
    }
  }
  std::string out;
  team.render(format, out);
  std::cout << out;
  return kReport;
}

int check_framework(const std::string& path, const std::string& as_of_text) {
  std::optional<rung::Date> as_of;
  if (!as_of_text.empty()) {
    as_of = rung::json::parse_date(as_of_text);
    if (!as_of) {
      std::cerr << "rung: --as-of wants a date YYYY-MM-DD\n";
      return kUsage;
    }
  }
  int status = kReport;
  auto engine = load_engine(path, status);
  if (!engine) return status;
  const rung::Framework& fw = engine->framework();
  std::map<std::string, std::map<std::int64_t, std::string>> tracks;
  for (const auto& l : fw.levels) tracks[l.track][l.rank] = l.id;
  std::cout << "framework " << fw.id << ": valid\n";
  std::cout << "  scale: " << fw.scale.size() << " proficiencies (" << fw.scale.front() << " .. " << fw.scale.back()
            << ")\n";
  std::cout << "  competencies: " << fw.competencies.size() << "\n";
  std::cout << "  levels: " << fw.levels.size() << " in " << tracks.size() << " tracks\n";
  for (const auto& [track, levels] : tracks) {
    std::cout << "    " << track << ":";
    for (const auto& [rank, id] : levels) std::cout << " " << id << " (" << rank << ")";
    std::cout << "\n";
  }
  std::size_t shown = 0, ahead = 0;
  for (const auto& c : fw.calendar.cycles)
    if (!as_of || c.decision >= *as_of) ++ahead;
  std::cout << "  cycles" << (as_of ? " ahead of " + rung::format_date(*as_of) : std::string()) << ": " << ahead
            << "\n";
  for (const auto& c : fw.calendar.cycles) {
    if (as_of && c.decision < *as_of) continue;
    if (++shown > 6) break;
    std::cout << "    " << c.id << " decides " << rung::format_date(c.decision) << ", effective "
              << rung::format_date(c.effective) << "\n";
  }
  return kReport;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"rung: is this person ready to be promoted, and if not, what is missing?"};
  app.require_subcommand(1);

  std::string framework_path, case_path, format;
  auto* eval = app.add_subcommand("evaluate", "Evaluate one case and print its report");
  eval->add_option("--framework", framework_path, "Framework JSON (default: the built-in example framework)");
  eval->add_option("--format", format, "json, text, markdown, html or ics (default: text on a terminal, else json)")
      ->check(CLI::IsMember({"json", "text", "markdown", "html", "ics"}));
  eval->add_option("case", case_path, "Case JSON file, or - for standard input")->required();

  std::string batch_input = "-";
  unsigned threads = 0;
  bool progress = false, no_progress = false;
  auto* bat = app.add_subcommand("batch", "Evaluate one case a line (JSONL) into one report a line");
  bat->add_option("--framework", framework_path, "Framework JSON (default: the built-in example framework)");
  bat->add_option("--threads", threads, "Worker threads (default: the hardware threads)")->check(CLI::Range(1u, 1024u));
  bat->add_flag("--progress", progress, "Draw a progress bar on stderr (default: when stderr is a terminal)");
  bat->add_flag("--no-progress", no_progress, "No progress bar");
  bat->add_option("input", batch_input, "Cases, one JSON document a line, or - for standard input");

  std::string summarize_input = "-", summarize_format = "text";
  auto* sum = app.add_subcommand("summarize", "The team view of `rung batch` output (JSONL reports)");
  sum->add_option("--format", summarize_format, "text, markdown or html")
      ->check(CLI::IsMember({"text", "markdown", "html"}));
  sum->add_option("input", summarize_input, "Reports, one a line, or - for standard input");

  std::string check_path, as_of;
  auto* check = app.add_subcommand("check-framework", "Validate a framework and print its summary");
  check->add_option("framework", check_path, "Framework JSON file")->required();
  check->add_option("--as-of", as_of, "List only the cycles deciding on or after this date");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kUsage;
  }
  try {
    if (eval->parsed()) return evaluate(framework_path, case_path, format);
    if (check->parsed()) return check_framework(check_path, as_of);
    if (sum->parsed()) return summarize(summarize_input, summarize_format);
    if (bat->parsed()) return batch(framework_path, batch_input, threads, no_progress ? 0 : progress ? 1 : -1);
  } catch (const std::exception& e) {
    std::cerr << "rung: " << e.what() << "\n";
    return kUsage;
  }
  return kUsage;
}
