// SPDX-License-Identifier: MIT
// rung: the command line (docs/rung.1).
//   rung evaluate [--framework FILE] [--format json|text|markdown|html|ics] [--strict] CASE|-
//   rung batch [--framework FILE] [--threads N] [--strict] [IN.jsonl|-]
//   rung summarize [--format text|markdown|html|json] [REPORTS.jsonl|-]
//   rung check-framework [--as-of DATE] [--format text|json] [--strict] FILE
//   rung schema [NAME]
//   rung import ft|monzo [--id ID] [--gate LEVEL=GATE]... FILE
//   rung --version
// Exit status: 0 report, 1 input error, 2 usage or I/O error (docs/rung.1).
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "cli/batch.hpp"
#include "cli/check.hpp"
#include "cli/import.hpp"
#include "cli/io.hpp"
#include "cli/summarize.hpp"
#include "json/read.hpp"
#include "rung.h"  // RUNG_VERSION_*
#include "rung/audience.hpp"
#include "rung/engine.hpp"
#include "schemas.hpp"

namespace {

constexpr int kReport = 0;
constexpr int kInputError = 1;
constexpr int kUsage = 2;

#define RUNG_CLI_STRINGIFY2(x) #x
#define RUNG_CLI_STRINGIFY(x) RUNG_CLI_STRINGIFY2(x)
constexpr const char* kVersion = "rung " RUNG_CLI_STRINGIFY(RUNG_VERSION_MAJOR) "." RUNG_CLI_STRINGIFY(
    RUNG_VERSION_MINOR) "." RUNG_CLI_STRINGIFY(RUNG_VERSION_PATCH);

using rung::cli::name_of;

/// Prints "rung: WHAT: REASON" on stderr and returns the I/O exit status.
int io_error(const std::string& what, int err) {
  std::cerr << "rung: " << what << ": " << std::strerror(err) << "\n";
  return kUsage;
}

/// Writes the whole of `text` to standard output: the status on success,
/// else the I/O error (a full disk, a closed pipe) on stderr and exit 2.
int emit(std::string_view text, int status) {
  if (const int err = rung::cli::write_stdout(text)) return io_error("cannot write to standard output", err);
  return status;
}

/// The engine for --framework FILE, or the built-in example framework.
/// Prints the error document (exit 1) or an I/O message (exit 2). `strict`:
/// a member the contract does not name is an error; else, with `warn`, each
/// goes to stderr as a warning.
std::optional<rung::Engine> load_engine(const std::string& framework_path, int& status, bool strict, bool warn) {
  std::string text;
  if (framework_path.empty()) {
    text = std::string(rung::builtin_framework());
  } else if (const int err = rung::cli::read_file(framework_path, text)) {
    status = io_error("cannot read framework " + name_of(framework_path), err);
    return std::nullopt;
  }
  auto engine = rung::Engine::load(text, strict);
  if (!engine) {
    status = emit(rung::to_json(engine.error(), 2) + "\n", kInputError);
    return std::nullopt;
  }
  if (warn)
    for (const auto& path : engine->framework().unknown_members)
      std::cerr << "rung: warning: " << rung::cli::warning_text({"framework", path}) << "\n";
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

/// An audience the framework can show, or the usage error (exit 2).
std::optional<rung::Audience> audience_for(const rung::Engine& engine, const std::string& name) {
  const auto audience = rung::audience_from(name);  // CLI11 let only the four through
  if (auto why = engine.refuse({rung::Format::json, *audience, false})) {
    std::cerr << "rung: " << *why << "\n";
    return std::nullopt;
  }
  return audience;
}

int evaluate(const std::string& framework_path, const std::string& case_path, const std::string& format,
             const std::string& audience_name, bool strict) {
  if (framework_path == "-" && case_path == "-") {
    std::cerr << "rung: the framework and the case cannot both come from standard input\n";
    return kUsage;
  }
  int status = kReport;
  auto engine = load_engine(framework_path, status, strict, true);
  if (!engine) return status;
  const auto audience = audience_for(*engine, audience_name);
  if (!audience) return kUsage;
  std::string text;
  if (const int err = rung::cli::read_file(case_path, text)) return io_error("cannot read case " + name_of(case_path), err);
  std::string out;
  const rung::Format f = format_of(format);
  std::vector<rung::Warning> warnings;
  const bool ok =
      engine->evaluate_for(text, {f, *audience, f == rung::Format::text && use_color(), strict}, out, nullptr, &warnings);
  for (const auto& w : warnings)  // the framework's were shown when it was loaded
    if (w.document == "case") std::cerr << "rung: warning: " << rung::cli::warning_text(w) << "\n";
  if (!ok || f == rung::Format::json_pretty) out += "\n";
  return emit(out, ok ? kReport : kInputError);
}

/// Set by SIGINT or SIGTERM during `rung batch`: stop reading, finish and
/// write the lines in flight (a second signal ends the process at once).
std::atomic<bool> batch_stop{false};
volatile std::sig_atomic_t batch_signal = 0;

extern "C" void on_batch_signal(int sig) {
  batch_signal = sig;
  batch_stop.store(true);
}

void catch_stop_signals() {
  struct sigaction sa {};
  sa.sa_handler = on_batch_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESETHAND;  // no SA_RESTART: a blocked read returns EINTR and the batch stops
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  // A parent may have blocked them (the mask is inherited across exec).
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

/// At most this many threads: the machine's hardware threads, doubled.
unsigned max_threads() { return 2 * std::max(1u, std::thread::hardware_concurrency()); }

int batch(const std::string& framework_path, const std::string& input, unsigned threads, int progress,
          std::size_t window_mib, const std::string& audience_name, bool strict) {
  if (framework_path == "-" && input == "-") {
    std::cerr << "rung: the framework and the cases cannot both come from standard input\n";
    return kUsage;
  }
  int status = kReport;
  auto engine = load_engine(framework_path, status, strict, true);
  if (!engine) return status;
  const auto audience = audience_for(*engine, audience_name);
  if (!audience) return kUsage;
  const int fd = rung::cli::open_input(input);
  if (fd < 0) return io_error("cannot read " + name_of(input), errno);
  rung::cli::BatchOptions options;
  options.threads = std::min(threads ? threads : std::max(1u, std::thread::hardware_concurrency()), max_threads());
  if (threads > options.threads)
    std::cerr << "rung: --threads " << threads << " is more than this machine can use; using " << options.threads
              << "\n";
  options.window_bytes = window_mib << 20;
  options.audience = *audience;
  options.strict = strict;
  options.progress = progress < 0 ? isatty(STDERR_FILENO) != 0 : progress > 0;
  options.stop = &batch_stop;
  if (input != "-") {
    std::error_code ec;
    const auto size = std::filesystem::file_size(input, ec);
    if (!ec) options.total_bytes = static_cast<std::size_t>(size);
  }
  catch_stop_signals();
  const auto s = rung::cli::run_batch(*engine, rung::cli::fd_input(fd), rung::cli::fd_output(STDOUT_FILENO), options);
  if (fd != 0) ::close(fd);
  const std::string warned = s.warned ? ", " + std::to_string(s.warned) + " with warnings" : std::string();
  std::fprintf(stderr,
               "rung batch: %zu cases (ready %zu, close %zu, not_ready %zu, blocked %zu, no_target %zu), %zu errors%s, "
               "%.2f s, %.0f cases/s%s\n",
               s.cases, s.verdicts[0], s.verdicts[1], s.verdicts[2], s.verdicts[3], s.verdicts[4], s.errors,
               warned.c_str(), s.seconds, s.seconds > 0 ? static_cast<double>(s.cases) / s.seconds : 0.0,
               s.stopped ? ", stopped by a signal" : "");
  if (s.write_errno) return io_error("cannot write to standard output", s.write_errno);
  if (s.read_errno) return io_error("cannot read " + name_of(input), s.read_errno);
  if (s.stopped) return 128 + static_cast<int>(batch_signal);
  return s.errors ? kInputError : kReport;
}

int summarize(const std::string& input, const std::string& format) {
  const int fd = rung::cli::open_input(input);
  if (fd < 0) return io_error("cannot read " + name_of(input), errno);
  const rung::cli::Input source = rung::cli::fd_input(fd);
  // Reports are rung's own output, larger than their cases at most by a
  // few times: a line over 256 MiB is not one.
  rung::cli::LineReader reader(source, std::size_t{256} << 20);
  rung::cli::Team team;
  std::size_t number = 0, size = 0;
  std::string line, problem;
  for (;;) {
    const auto got = reader.next(line, size);
    if (got == rung::cli::LineReader::Status::end) break;
    if (got == rung::cli::LineReader::Status::failed) {
      const int err = errno;
      if (fd != 0) ::close(fd);
      return io_error("cannot read " + name_of(input), err);
    }
    ++number;
    if (got == rung::cli::LineReader::Status::too_long) problem = "a line of more than 256 MiB";
    else if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (!problem.empty() || !team.add(line, problem)) {
      if (fd != 0) ::close(fd);
      std::cerr << "rung: " << name_of(input) << ":" << number << ": " << problem << "\n";
      return kUsage;
    }
  }
  if (fd != 0) ::close(fd);
  team.finish();
  std::string out;
  team.render(format, out);
  return emit(out, kReport);
}

int check_framework(const std::string& path, const std::string& as_of_text, const std::string& format, bool strict) {
  std::optional<rung::Date> as_of;
  if (!as_of_text.empty()) {
    as_of = rung::json::parse_date(as_of_text);
    if (!as_of) {
      std::cerr << "rung: --as-of wants a date YYYY-MM-DD\n";
      return kUsage;
    }
  }
  int status = kReport;
  auto engine = load_engine(path, status, strict, false);  // the warnings are in the summary
  if (!engine) return status;
  std::string out;
  rung::cli::check_framework(engine->framework(), as_of, format, out);
  return emit(out, kReport);
}

/// `rung schema NAME` prints the JSON Schema of a document format, the
/// file's bytes; without NAME, the names, one a line.
int print_schema(const std::string& name) {
  std::string names;
  for (const auto& s : rung::schemas()) names += std::string(s.name) + "\n";
  if (name.empty()) return emit(names, kReport);
  const auto text = rung::schema(name);
  if (!text) {
    std::cerr << "rung: no schema named \"" << name << "\"; the schemas are:\n" << names;
    return kUsage;
  }
  return emit(*text, kReport);
}

}  // namespace

int main(int argc, char** argv) {
  rung::cli::guard_standard_descriptors();
  CLI::App app{"rung: is this person ready to be promoted, and if not, what is missing?"};
  app.require_subcommand(1);
  app.set_version_flag("-V,--version", kVersion, "Print the version and exit");

  std::string framework_path, case_path, format;
  auto* eval = app.add_subcommand("evaluate", "Evaluate one case and print its report");
  eval->add_option("--framework", framework_path, "Framework JSON (default: the built-in example framework)");
  eval->add_option("--format", format, "json, text, markdown, html or ics (default: text on a terminal, else json)")
      ->check(CLI::IsMember({"json", "text", "markdown", "html", "ics"}));
  std::string audience = "full";
  const auto audiences = CLI::IsMember({"full", "employee", "manager", "committee"});
  eval->add_option("--audience", audience,
                   "Who the report is for: full, employee, manager or committee (docs/privacy.md; needs a "
                   "rung.framework/2 unless full)")
      ->check(audiences)
      ->capture_default_str();
  bool strict = false;
  const char* strict_help =
      "Strict mode: a member the contract does not name (a typo; not x-...) is an unknown_field error, not a warning";
  eval->add_flag("--strict", strict, strict_help);
  eval->add_option("case", case_path, "Case JSON file, or - for standard input")->required();

  std::string batch_input = "-";
  unsigned threads = 0;
  bool progress = false, no_progress = false;
  auto* bat = app.add_subcommand("batch", "Evaluate one case a line (JSONL) into one report a line");
  bat->add_option("--framework", framework_path, "Framework JSON (default: the built-in example framework)");
  bat->add_option("--threads", threads, "Worker threads (default: the hardware threads)")->check(CLI::Range(1u, 1024u));
  bat->add_flag("--progress", progress, "Draw a progress bar on stderr (default: when stderr is a terminal)");
  bat->add_flag("--no-progress", no_progress, "No progress bar");
  std::size_t window_mib = 64;
  bat->add_option("--window-mib", window_mib,
                  "Input bytes held in flight, in MiB; reading pauses above it (memory stays near twice this "
                  "plus one 16 MiB line)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{65536}))
      ->capture_default_str();
  bat->add_option("--audience", audience, "Who every report is for: full, employee, manager or committee")
      ->check(audiences)
      ->capture_default_str();
  bat->add_flag("--strict", strict, strict_help);
  bat->add_option("input", batch_input, "Cases, one JSON document a line, or - for standard input")
      ->capture_default_str();

  std::string summarize_input = "-", summarize_format = "text";
  auto* sum = app.add_subcommand("summarize", "The team view of `rung batch` output (JSONL reports)");
  sum->add_option("--format", summarize_format, "text, markdown, html or json (docs/data-outputs.md)")
      ->check(CLI::IsMember({"text", "markdown", "html", "json"}))
      ->capture_default_str();
  sum->add_option("input", summarize_input, "Reports, one a line, or - for standard input")->capture_default_str();

  std::string check_path, as_of, check_format = "text";
  auto* check = app.add_subcommand("check-framework", "Validate a framework and print its summary and warnings");
  check->add_option("framework", check_path, "Framework JSON file")->required();
  check->add_option("--as-of", as_of,
                    "List only the cycles deciding on or after this date, YYYY-MM-DD, and warn when none does "
                    "(default: every cycle)");
  check->add_option("--format", check_format, "text or json (docs/data-outputs.md)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  check->add_flag("--strict", strict, strict_help);

  std::string schema_name;
  auto* sch = app.add_subcommand("schema", "Print the JSON Schema of a document format (docs/documents.md)");
  sch->add_option("name", schema_name,
                  "framework/1, framework/2, case/1, case/2, report/1, report/2 or error/1 (default: list the names)");

  std::string import_format, import_path, import_id;
  std::vector<std::string> import_gates;
  auto* imp = app.add_subcommand("import", "Write another progression framework as rung.framework/2 (docs/import.md)");
  imp->add_option("format", import_format, "ft (Financial-Times/engineering-progression YAML) or monzo "
                                           "(monzo/progression-framework Markdown)")
      ->required()
      ->check(CLI::IsMember({"ft", "monzo"}));
  imp->add_option("file", import_path, "The file, or - for standard input")->required();
  imp->add_option("--id", import_id, "The framework's id (default: made from the file's name or path)");
  imp->add_option("--gate", import_gates,
                  "LEVEL=GATE: the level's gate, open, application or vacancy; repeatable (default: the "
                  "importer's choice, docs/import.md)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // --help goes to standard output: it can fail too
    if (!(std::cout << std::flush)) return io_error("cannot write to standard output", errno ? errno : EIO);
    return code == 0 ? 0 : kUsage;
  }
  try {
    if (eval->parsed()) return evaluate(framework_path, case_path, format, audience, strict);
    if (check->parsed()) return check_framework(check_path, as_of, check_format, strict);
    if (sum->parsed()) return summarize(summarize_input, summarize_format);
    if (sch->parsed()) return print_schema(schema_name);
    if (imp->parsed()) return rung::cli::import_framework(import_format, import_path, import_id, import_gates);
    if (bat->parsed())
      return batch(framework_path, batch_input, threads, no_progress ? 0 : progress ? 1 : -1, window_mib, audience,
                   strict);
  } catch (const std::exception& e) {
    std::cerr << "rung: " << e.what() << "\n";
    return kUsage;
  }
  return kUsage;
}
