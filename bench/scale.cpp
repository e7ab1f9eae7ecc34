// SPDX-License-Identifier: MIT
// bench/scale: does the work grow linearly with the size of a case? Each
// list of a case (and of the framework) grows from 10,000 to 100,000 items,
// everything else staying small, and every format is timed at both sizes:
// best of 30 runs of Engine::evaluate_as at each size, in memory (for the framework's
// lists, Engine::load too, as its own row). Prints the ratio of the two
// times; a ratio over 15 (worse than n log n) is flagged. The `floor`
// column is the same ratio for Boost.JSON parsing the documents: linear by
// construction, it shows what this machine's caches make of 10x the data.
// A benchmark: it prints figures and asserts nothing.
//
//   rung_bench_scale [--only SUBSTRING] [--runs N] [--small N] [--large N] [--budget SECONDS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "rung/engine.hpp"

namespace {

namespace bj = boost::json;
using rung::Date;

const Date kAsOf(2026, 11, 23);
const char* const kCompetencies[] = {"design", "delivery", "quality", "mentoring", "influence", "ops"};

/// The date `days` after as_of (negative: before).
bj::string day(int days) { return bj::string(rung::format_date(rung::add_days(kAsOf, days))); }
bj::string since_2000(int days) { return bj::string(rung::format_date(rung::add_days(Date(2000, 1, 1), days))); }
bj::string tag(const char* prefix, int i) { return bj::string(prefix + std::to_string(i)); }
const char* competency(int i) { return kCompetencies[i % 6]; }

/// A small case of every kind of item (examples/ready.json, with a little
/// more): `close`, with two gaps (mentoring, influence), so that every rule
/// family runs.
const char* kBaseCase = R"({
  "schema": "rung.case/1", "as_of": "2026-11-23",
  "employee": {"id": "e-ada", "level": "E3", "target": "E4", "in_level_since": "2025-03-01",
               "last_review": {"rating": "exceeds", "date": "2026-04-15"}, "motivation": "Lead the platform"},
  "assessments": [
    {"competency": "design", "rater": "self", "level": 3, "date": "2026-10-01"},
    {"competency": "design", "rater": "manager", "level": "strong", "date": "2026-10-03"},
    {"competency": "design", "rater": "stakeholder", "rater_id": "p-9", "level": 3, "date": "2026-09-20"},
    {"competency": "delivery", "rater": "manager", "level": 3, "date": "2026-10-03"},
    {"competency": "quality", "rater": "manager", "level": 3, "date": "2026-10-03"},
    {"competency": "mentoring", "rater": "self", "level": 1, "date": "2026-10-01"},
    {"competency": "mentoring", "rater": "manager", "level": 1, "date": "2026-10-03"},
    {"competency": "ops", "rater": "manager", "level": 2, "date": "2026-10-03"}
  ],
  "evidence": [
    {"id": "ev-1", "title": "Led the payments redesign", "date": "2026-05-10",
     "competencies": ["design", "delivery"], "visibility": "stakeholders", "link": "https://wiki.example/p"},
    {"id": "ev-2", "title": "Review guide", "date": "2026-08-01", "competencies": ["quality", "mentoring"],
     "visibility": "decision_makers"},
    {"id": "ev-3", "title": "Incident review", "date": "2026-10-01", "competencies": ["influence", "ops"],
     "visibility": "manager"}
  ],
  "plan": {
    "agreed_on": "2026-05-01", "target_cycle": "2027-H1",
    "goals": [{"id": "g-1", "title": "Promotion", "horizon": "1y", "objectives": ["okr-7"]}],
    "milestones": [
      {"id": "m-1", "goal": "g-1", "addresses": ["influence"], "action": "Present the review",
       "metric": "session held", "success_criteria": "items closed", "created": "2026-10-05",
       "deadline": "2027-01-29",
       "progress": [{"date": "2026-10-20", "value": 0.2}, {"date": "2026-11-16", "value": 0.5}]}
    ]
  },
  "checkins": [
    {"date": "2026-10-19", "with": "manager", "feedback": [{"kind": "praise", "channel": "direct"}]},
    {"date": "2026-11-16", "with": "manager", "feedback": [{"kind": "constructive", "channel": "direct"}],
     "blockers": [{"text": "forum slot not confirmed"}]}
  ],
  "feedback": [{"date": "2026-11-01", "kind": "generic", "channel": "indirect"}]
})";

struct Documents {
  bj::object framework;  ///< the built-in one, unless a scenario grows one of its lists
  bj::object kase;
  bool framework_changed = false;
};

/// One list to grow: fills it with `n` items.
struct Scenario {
  const char* name;
  std::function<void(Documents&, int n)> grow;
};

bj::object& plan_of(Documents& d) { return d.kase["plan"].as_object(); }
bj::object milestone(int i, bool with_progress) {
  bj::object m{{"id", tag("m", i)}, {"addresses", bj::array{competency(i)}}, {"action", "a"}};
  if (i % 2) m["metric"] = "m";
  if (i % 3) m["success_criteria"] = "s";
  if (i % 10 == 0) m["goal"] = "g-1";
  if (i % 4 == 0) m["created"] = day(-60 - i % 90);
  if (i % 5) m["deadline"] = day(i % 200 - 60);
  if (i % 7 == 0) m["done"] = true;
  if (with_progress)
    m["progress"] = bj::array{bj::object{{"date", day(-30 - i % 20)}, {"value", 0.1}},
                              bj::object{{"date", day(-i % 10)}, {"value", 0.3 + (i % 5) * 0.1}}};
  return m;
}

std::vector<Scenario> scenarios() {
  std::vector<Scenario> s;
  s.push_back({"assessments (self/manager)", [](Documents& d, int n) {
                 bj::array a = d.kase["assessments"].as_array();  // the case's own, then more
                 a.reserve(static_cast<std::size_t>(n));
                 for (int i = static_cast<int>(a.size()); i < n; ++i)
                   a.push_back(bj::object{{"competency", competency(i / 2)},
                                          {"rater", i % 2 ? "manager" : "self"},
                                          {"level", 1 + i % 4},
                                          {"date", day(-(i % 400))}});
                 d.kase["assessments"] = std::move(a);
               }});
  s.push_back({"stakeholder assessments", [](Documents& d, int n) {
                 bj::array a = d.kase["assessments"].as_array();  // the case's own, then more
                 a.reserve(static_cast<std::size_t>(n));
                 for (int i = static_cast<int>(a.size()); i < n; ++i)  // each rater twice, most of them on design
                   a.push_back(bj::object{{"competency", i % 10 ? "design" : competency(i / 10)},
                                          {"rater", "stakeholder"},
                                          {"rater_id", tag("p", i / 2)},
                                          {"level", i % 5},
                                          {"date", day(-(i % 300))}});
                 d.kase["assessments"] = std::move(a);
               }});
  s.push_back({"evidence", [](Documents& d, int n) {
                 static const char* const vis[] = {"private", "manager", "stakeholders", "decision_makers"};
                 bj::array a;
                 a.reserve(static_cast<std::size_t>(n));
                 for (int i = 0; i < n; ++i) {
                   bj::object e{{"id", tag("ev", i)},
                                {"date", day(-(i % 400))},
                                {"competencies", bj::array{competency(i)}},
                                {"visibility", vis[1 + i % 3]}};
                   if (i % 2) e["title"] = tag("t", i);
                   if (i % 5 == 0) e["link"] = "https://x/";
                   a.push_back(std::move(e));
                 }
                 d.kase["evidence"] = std::move(a);
               }});
  s.push_back({"goals", [](Documents& d, int n) {
                 bj::array a;
                 a.reserve(static_cast<std::size_t>(n));
                 a.push_back(bj::object{{"id", "g-1"}, {"horizon", "6m"}});
                 for (int i = 1; i < n; ++i) {
                   bj::object g{{"id", tag("g", i)}, {"horizon", i % 2 ? "6m" : "30d"}};
                   if (i % 3 == 0) g["objectives"] = bj::array{"o"};
                   a.push_back(std::move(g));
                 }
                 plan_of(d)["goals"] = std::move(a);
               }});
  s.push_back({"milestones", [](Documents& d, int n) {
                 bj::array a;
                 a.reserve(static_cast<std::size_t>(n));
                 for (int i = 0; i < n; ++i) a.push_back(milestone(i, i % 8 == 0));
                 plan_of(d)["milestones"] = std::move(a);
               }});
  s.push_back({"goals + milestones naming them (n/2 each)", [](Documents& d, int n) {
                 bj::array goals, ms;
                 for (int i = 0; i < n / 2; ++i) {
                   goals.push_back(bj::object{{"id", tag("g", i)}, {"horizon", "1y"}});
                   bj::object m = milestone(i, false);
                   m["goal"] = tag("g", i);
                   ms.push_back(std::move(m));
                 }
                 plan_of(d)["goals"] = std::move(goals);
                 plan_of(d)["milestones"] = std::move(ms);
               }});
  s.push_back({"progress entries (one milestone)", [](Documents& d, int n) {
                 bj::array a;
                 a.reserve(static_cast<std::size_t>(n));
                 for (int i = 0; i < n; ++i)
                   a.push_back(bj::object{{"date", day(-(n - i) / 20)}, {"value", (i % 1000) / 1000.0}});
                 plan_of(d)["milestones"].as_array()[0].as_object()["progress"] = std::move(a);
               }});
  s.push_back({"progress entries (spread, 10 a milestone)", [](Documents& d, int n) {
                 bj::array ms;
                 for (int i = 0; i < n / 10; ++i) {
                   bj::object m = milestone(i, false);
                   bj::array p;
                   for (int k = 0; k < 10; ++k)
                     p.push_back(bj::object{{"date", day(-100 + 9 * k + i % 7)}, {"value", 0.05 + 0.09 * k}});
                   m["progress"] = std::move(p);
                   ms.push_back(std::move(m));
                 }
                 plan_of(d)["milestones"] = std::move(ms);
               }});
  s.push_back({"check-ins", [](Documents& d, int n) {
                 bj::array a;
                 a.reserve(static_cast<std::size_t>(n));
                 for (int i = 0; i < n; ++i) {
                   bj::object c{{"date", day(-(i % 3000))}, {"with", i % 3 ? "manager" : "peer"}};
                   if (i % 10 == 0) c["blockers"] = bj::array{bj::object{{"text", tag("b", i)}}};
                   if (i % 4 == 0) c["feedback"] = bj::array{bj::object{{"kind", "praise"}, {"channel", "direct"}}};
                   a.push_back(std::move(c));
                 }
                 d.kase["checkins"] = std::move(a);
               }});
  s.push_back({"feedback (top-level)", [](Documents& d, int n) {
                 static const char* const kinds[] = {"praise", "generic", "constructive"};
                 bj::array a;
                 a.reserve(static_cast<std::size_t>(n));
                 for (int i = 0; i < n; ++i)
                   a.push_back(bj::object{{"date", day(-(i % 200))}, {"kind", kinds[i % 3]},
                                          {"channel", i % 4 ? "indirect" : "direct"}});
                 d.kase["feedback"] = std::move(a);
               }});
  s.push_back({"feedback (in one check-in)", [](Documents& d, int n) {
                 static const char* const kinds[] = {"praise", "generic", "constructive"};
                 bj::array a;
                 a.reserve(static_cast<std::size_t>(n));
                 for (int i = 0; i < n; ++i)
                   a.push_back(bj::object{{"kind", kinds[i % 3]}, {"channel", i % 4 ? "indirect" : "direct"}});
                 d.kase["checkins"].as_array()[1].as_object()["feedback"] = std::move(a);
               }});
  s.push_back({"framework holidays", [](Documents& d, int n) {
                 bj::array a;
                 a.reserve(static_cast<std::size_t>(n));
                 for (int i = 0; i < n; ++i) a.push_back(since_2000(2 * i + i % 3));
                 d.framework["calendar"].as_object()["holidays"] = std::move(a);
                 d.framework_changed = true;
               }});
  s.push_back({"framework cycles (explicit)", [](Documents& d, int n) {
                 bj::array a;
                 a.reserve(static_cast<std::size_t>(n));
                 for (int i = 0; i < n; ++i) {  // listed out of order: the decoder sorts them
                   const int k = i % 2 ? i : n - i;
                   a.push_back(bj::object{{"id", tag("c", i)}, {"decision", since_2000(k)}});
                 }
                 d.framework["calendar"].as_object()["cycles"] = std::move(a);
                 plan_of(d)["target_cycle"] = "c1";
                 d.framework_changed = true;
               }});
  return s;
}

struct FormatName {
  rung::Format format;
  const char* name;
};
const FormatName kFormats[] = {{rung::Format::json, "json"},
                               {rung::Format::text, "text"},
                               {rung::Format::markdown, "markdown"},
                               {rung::Format::html, "html"},
                               {rung::Format::ics, "ics"}};

struct Options {
  std::string only;
  int runs = 30;
  int small = 10000;
  int large = 100000;
  double budget = 5.0;  ///< no more runs of one figure once it has taken this long
};

struct Built {
  std::string framework;  ///< empty: the built-in one, loaded once
  std::string kase;
};

Built build(const Scenario& s, int n) {
  Documents d;
  d.framework = bj::parse(rung::builtin_framework()).as_object();
  d.kase = bj::parse(kBaseCase).as_object();
  s.grow(d, n);
  Built b;
  if (d.framework_changed) b.framework = bj::serialize(d.framework);
  b.kase = bj::serialize(d.kase);
  return b;
}

using Clock = std::chrono::steady_clock;

/// Best of `runs` runs of `once()`, fewer once a figure has taken `budget`
/// seconds. The two sizes of a ratio get the same number of runs: the best
/// of many short runs against the best of a few long ones would favour the
/// short (the machines are shared, and a minimum of more samples is lower).
template <class F>
double best_of(const Options& opt, F once) {
  double best = 1e300, spent = 0;
  for (int run = 0; run < opt.runs && (run == 0 || spent < opt.budget); ++run) {
    const auto start = Clock::now();
    once();
    const double s = std::chrono::duration<double>(Clock::now() - start).count();
    spent += s;
    best = std::min(best, s);
  }
  return best;
}

rung::Engine load(const std::string& framework) {
  auto engine = rung::Engine::load(framework);
  if (!engine) {
    std::fprintf(stderr, "framework rejected: %s\n", rung::to_json(engine.error()).c_str());
    std::exit(1);
  }
  return *engine;
}

struct Figure {
  double seconds = 0;
  std::size_t out_bytes = 0;
};

/// One size of one list: the floor (Boost.JSON parsing the documents into
/// a tree, linear by construction: how this machine's caches treat this
/// much data), Engine::load when the framework grew, and evaluate_as in
/// every format with the engine loaded once. The output buffer is reused
/// from run to run, as a service would.
struct Sized {
  Figure floor, load;
  std::vector<Figure> formats;
};

Sized measure(const Built& b, const rung::Engine& builtin, const Options& opt) {
  Sized m;
  m.floor.seconds = best_of(opt, [&] {
    bj::monotonic_resource mr;
    const bj::value c = bj::parse(b.kase, &mr);
    if (!b.framework.empty()) bj::parse(b.framework, &mr);
  });
  const rung::Engine engine = b.framework.empty() ? builtin : load(b.framework);
  if (!b.framework.empty()) m.load.seconds = best_of(opt, [&] { load(b.framework); });
  std::string out;
  for (const auto& [format, name] : kFormats) {
    Figure f;
    f.seconds = best_of(opt, [&] {
      out.clear();
      rung::InputError error;
      if (!engine.evaluate_as(b.kase, format, out, &error)) {
        std::fprintf(stderr, "case rejected: %s\n", rung::to_json(error).c_str());
        std::exit(1);
      }
    });
    f.out_bytes = out.size();
    m.formats.push_back(f);
  }
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", argv[i]);
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--only") opt.only = value();
    else if (a == "--runs") opt.runs = std::max(1, std::atoi(value()));
    else if (a == "--small") opt.small = std::atoi(value());
    else if (a == "--large") opt.large = std::atoi(value());
    else if (a == "--budget") opt.budget = std::atof(value());
    else {
      std::fprintf(stderr, "usage: %s [--only SUBSTRING] [--runs N] [--small N] [--large N] [--budget SECONDS]\n",
                   argv[0]);
      return 2;
    }
  }
  const rung::Engine builtin = load(std::string(rung::builtin_framework()));

  std::printf("n = %d -> %d items in one list; best of %d runs; seconds of Engine::evaluate_as (one case)\n",
              opt.small, opt.large, opt.runs);
  std::printf("floor: the ratio of Boost.JSON parsing the same documents, linear by construction\n\n");
  std::printf("%-42s %-9s %10s %10s %7s %7s %8s %8s\n", "list", "format", "small s", "large s", "ratio", "floor",
              "doc MB", "out MB");
  int flagged = 0;
  double worst = 0;
  auto row = [&](const char* list, const char* what, const Figure& a, const Figure& b, double floor, double doc_mb) {
    const double ratio = b.seconds / std::max(a.seconds, 1e-9);
    worst = std::max(worst, ratio);
    const bool over = ratio > 15;
    flagged += over;
    std::printf("%-42s %-9s %10.5f %10.5f %7.1f %7.1f %8.2f %8.2f%s\n", list, what, a.seconds, b.seconds, ratio, floor,
                doc_mb, static_cast<double>(b.out_bytes) / (1024.0 * 1024.0), over ? "  <-- ratio > 15" : "");
    std::fflush(stdout);
  };
  for (const Scenario& s : scenarios()) {
    if (!opt.only.empty() && std::string_view(s.name).find(opt.only) == std::string_view::npos) continue;
    const Built small = build(s, opt.small), large = build(s, opt.large);
    const double doc_mb = static_cast<double>(large.kase.size() + large.framework.size()) / (1024.0 * 1024.0);
    const Sized a = measure(small, builtin, opt), b = measure(large, builtin, opt);
    const double floor = b.floor.seconds / std::max(a.floor.seconds, 1e-9);
    if (!large.framework.empty()) row(s.name, "(load)", a.load, b.load, floor, doc_mb);
    for (std::size_t k = 0; k < a.formats.size(); ++k)
      row(s.name, kFormats[k].name, a.formats[k], b.formats[k], floor, doc_mb);
  }
  std::printf("worst ratio %.1f; %d figure(s) over 15\n", worst, flagged);
  return 0;
}
