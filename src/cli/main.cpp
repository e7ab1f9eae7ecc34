// rung: the command line (SPEC §5).
//   rung evaluate [--framework FILE] [--format json|text|markdown|html|ics] CASE|-
//   rung batch [--framework FILE] [--threads N] [IN.jsonl|-]
//   rung summarize [--format text|markdown|html] [REPORTS.jsonl|-]
//   rung check-framework [--as-of DATE] FILE
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
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "cli/batch.hpp"
#include "cli/io.hpp"
#include "cli/summarize.hpp"
#include "json/read.hpp"
#include "rung.h"  // RUNG_VERSION_*
#include "rung/audience.hpp"
#include "rung/engine.hpp"

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
/// Prints the error document (exit 1) or an I/O message (exit 2).
std::optional<rung::Engine> load_engine(const std::string& framework_path, int& status) {
  std::string text;
  if (framework_path.empty()) {
    text = std::string(rung::builtin_framework());
  } else if (const int err = rung::cli::read_file(framework_path, text)) {
    status = io_error("cannot read framework " + name_of(framework_path), err);
    return std::nullopt;
  }
  auto engine = rung::Engine::load(text);
  if (!engine) {
    status = emit(rung::to_json(engine.error(), 2) + "\n", kInputError);
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
             const std::string& audience_name) {
  if (framework_path == "-" && case_path == "-") {
    std::cerr << "rung: the framework and the case cannot both come from standard input\n";
    return kUsage;
  }
  int status = kReport;
  auto engine = load_engine(framework_path, status);
  if (!engine) return status;
  const auto audience = audience_for(*engine, audience_name);
  if (!audience) return kUsage;
  std::string text;
  if (const int err = rung::cli::read_file(case_path, text)) return io_error("cannot read case " + name_of(case_path), err);
  std::string out;
  const rung::Format f = format_of(format);
  const bool ok = engine->evaluate_for(text, {f, *audience, f == rung::Format::text && use_color()}, out);
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
          std::size_t window_mib, const std::string& audience_name) {
  if (framework_path == "-" && input == "-") {
    std::cerr << "rung: the framework and the cases cannot both come from standard input\n";
    return kUsage;
  }
  int status = kReport;
  auto engine = load_engine(framework_path, status);
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
  std::fprintf(stderr,
               "rung batch: %zu cases (ready %zu, close %zu, not_ready %zu, blocked %zu, no_target %zu), %zu errors, "
               "%.2f s, %.0f cases/s%s\n",
               s.cases, s.verdicts[0], s.verdicts[1], s.verdicts[2], s.verdicts[3], s.verdicts[4], s.errors, s.seconds,
               s.seconds > 0 ? static_cast<double>(s.cases) / s.seconds : 0.0,
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
  std::string out;
  team.render(format, out);
  return emit(out, kReport);
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
  std::ostringstream o;
  std::map<std::string, std::map<std::int64_t, std::string>> tracks;
  for (const auto& l : fw.levels)
    for (const auto& t : l.tracks) tracks[t][l.rank] = l.id;
  o << "framework " << fw.id << ": valid\n";
  // /2 text from the document, made safe for a terminal (as render::printable).
  auto safe = [](std::string_view s) {
    std::string out;
    for (char ch : s) {
      const auto c = static_cast<unsigned char>(ch);
      if (c == '\t' || c == '\n' || c == '\r') out += ' ';
      else if (c < 0x20 || c == 0x7f) out += "\xEF\xBF\xBD";  // U+FFFD
      else out += ch;
    }
    return out;
  };
  const bool v2 = fw.version >= 2;
  if (v2 && !fw.name.empty()) o << "  name: " << safe(fw.name) << "\n";
  o << "  scale: " << fw.scale.size() << " proficiencies (" << fw.scale.front() << " .. " << fw.scale.back()
            << ")\n";
  o << "  competencies: " << fw.competencies.size() << "\n";
  o << "  levels: " << fw.levels.size() << " in " << tracks.size() << " tracks\n";
  for (const auto& [track, levels] : tracks) {
    o << "    " << track << ":";
    for (const auto& [rank, id] : levels) o << " " << id << " (" << rank << ")";
    o << "\n";
  }
  if (v2) {
    // The trunk: levels on more than one track, by rank; consecutive ones on
    // the same tracks are listed together.
    std::vector<const rung::Level*> trunk;
    for (const auto& l : fw.levels)
      if (l.tracks.size() > 1) trunk.push_back(&l);
    std::stable_sort(trunk.begin(), trunk.end(), [](const rung::Level* a, const rung::Level* b) { return a->rank < b->rank; });
    auto joined = [&](const std::vector<std::string>& v) {
      std::string out;
      for (const auto& t : v) out += (out.empty() ? "" : ", ") + safe(t);
      return out;
    };
    o << "  trunk (levels on more than one track):";
    if (trunk.empty()) o << " none";
    for (std::size_t i = 0; i < trunk.size(); ++i) {
      const bool same_as_next = i + 1 < trunk.size() && trunk[i + 1]->tracks == trunk[i]->tracks;
      o << " " << safe(trunk[i]->id) << " (" << trunk[i]->rank << ")"
        << (same_as_next ? "," : " on " + joined(trunk[i]->tracks) + (i + 1 < trunk.size() ? ";" : ""));
    }
    o << "\n";
    // Where the tracks split: a trunk level whose tracks lead on to
    // different levels (or some to none).
    for (const rung::Level* l : trunk) {
      std::vector<std::pair<std::string, std::vector<std::string>>> next;  // next level, its tracks
      for (const auto& t : l->tracks) {
        const auto& on = tracks[t];
        const auto it = on.upper_bound(l->rank);
        const std::string to = it == on.end() ? "(no higher level)" : safe(it->second) + " (" + std::to_string(it->first) + ")";
        auto group = std::find_if(next.begin(), next.end(), [&](const auto& g) { return g.first == to; });
        if (group == next.end()) next.push_back({to, {t}});
        else group->second.push_back(t);
      }
      if (next.size() < 2) continue;
      o << "  tracks split after " << safe(l->id) << " (" << l->rank << "):";
      for (std::size_t k = 0; k < next.size(); ++k)
        o << (k ? "; " : " ") << joined(next[k].second) << " -> " << next[k].first;
      o << "\n";
    }
    // Each level: its expectations, criteria, and gate when not open.
    std::size_t all_criteria = 0;
    o << "  levels in detail:\n";
    for (const auto& l : fw.levels) {
      std::size_t criteria = 0, with = 0;
      for (const auto& e : l.expectations) {
        criteria += e.criteria.size();
        with += e.criteria.empty() ? 0 : 1;
      }
      all_criteria += criteria;
      o << "    " << safe(l.id) << " (" << l.rank << "): " << l.expectations.size()
        << (l.expectations.size() == 1 ? " expectation" : " expectations");
      if (criteria)
        o << ", " << criteria << (criteria == 1 ? " criterion" : " criteria") << " on " << with << " of them";
      if (l.gate != rung::Gate::open) o << ", gate " << rung::name(l.gate);
      o << "\n";
    }
    o << "  criteria: " << all_criteria << " in all\n";
  }
  std::size_t shown = 0, ahead = 0;
  for (const auto& c : fw.calendar.cycles)
    if (!as_of || c.decision >= *as_of) ++ahead;
  o << "  cycles" << (as_of ? " ahead of " + rung::format_date(*as_of) : std::string()) << ": " << ahead
            << "\n";
  for (const auto& c : fw.calendar.cycles) {
    if (as_of && c.decision < *as_of) continue;
    if (++shown > 6) break;
    o << "    " << c.id << " decides " << rung::format_date(c.decision) << ", effective "
              << rung::format_date(c.effective) << "\n";
  }
  return emit(o.str(), kReport);
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
  bat->add_option("input", batch_input, "Cases, one JSON document a line, or - for standard input")
      ->capture_default_str();

  std::string summarize_input = "-", summarize_format = "text";
  auto* sum = app.add_subcommand("summarize", "The team view of `rung batch` output (JSONL reports)");
  sum->add_option("--format", summarize_format, "text, markdown or html")
      ->check(CLI::IsMember({"text", "markdown", "html"}))
      ->capture_default_str();
  sum->add_option("input", summarize_input, "Reports, one a line, or - for standard input")->capture_default_str();

  std::string check_path, as_of;
  auto* check = app.add_subcommand("check-framework", "Validate a framework and print its summary");
  check->add_option("framework", check_path, "Framework JSON file")->required();
  check->add_option("--as-of", as_of,
                    "List only the cycles deciding on or after this date, YYYY-MM-DD (default: every cycle)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // --help goes to standard output: it can fail too
    if (!(std::cout << std::flush)) return io_error("cannot write to standard output", errno ? errno : EIO);
    return code == 0 ? 0 : kUsage;
  }
  try {
    if (eval->parsed()) return evaluate(framework_path, case_path, format, audience);
    if (check->parsed()) return check_framework(check_path, as_of);
    if (sum->parsed()) return summarize(summarize_input, summarize_format);
    if (bat->parsed())
      return batch(framework_path, batch_input, threads, no_progress ? 0 : progress ? 1 : -1, window_mib, audience);
  } catch (const std::exception& e) {
    std::cerr << "rung: " << e.what() << "\n";
    return kUsage;
  }
  return kUsage;
}
