// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <string_view>

#include "render/render.hpp"
#include "rung/id_set.hpp"
#include "rung/plan.hpp"
#include "rung/threshold.hpp"
#include "rung/timeline.hpp"

namespace rung::render {

std::string percent(double share) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", share * 100.0);
  return buf;
}

/// The character at `s[i]`: its length in bytes (`*bytes`) and the columns
/// it takes on a terminal: 2 for the wide East Asian scripts, else 1.
std::size_t char_columns(std::string_view s, std::size_t i, std::size_t* bytes) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  std::size_t n = 1;
  while (i + n < s.size() && (b(i + n) & 0xC0) == 0x80) ++n;
  *bytes = n;
  std::uint32_t cp = b(i);
  if (n == 3) cp = (cp & 0x0F) << 12 | (b(i + 1) & 0x3Fu) << 6 | (b(i + 2) & 0x3Fu);
  else if (n == 4) cp = (cp & 0x07) << 18 | (b(i + 1) & 0x3Fu) << 12 | (b(i + 2) & 0x3Fu) << 6 | (b(i + 3) & 0x3Fu);
  const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F) ||
                    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
                    (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
                    (cp >= 0x20000 && cp <= 0x3FFFD);
  return wide ? 2 : 1;
}

std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_printable(out, s);
  return out;
}

std::size_t unsafe_at(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
  const unsigned c = b(i);
  if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return 1;
  if (c == 0xC2 && b(i + 1) >= 0x80 && b(i + 1) <= 0x9F) return 2;                  // C1
  if (c == 0xE2 && b(i + 1) == 0x80 && b(i + 2) >= 0xAA && b(i + 2) <= 0xAE) return 3;  // U+202A..U+202E
  if (c == 0xE2 && b(i + 1) == 0x81 && b(i + 2) >= 0xA6 && b(i + 2) <= 0xA9) return 3;  // U+2066..U+2069
  return 0;
}

void append_printable(std::string& out, std::string_view s) {
  append_printable_with(out, s, [](std::string& o, char ch) { o += ch; });
}

/// Appends printable() text with what Markdown would read as markup escaped.
void append_md(std::string& out, std::string_view text) {
  append_printable_with(out, text, [](std::string& o, char c) {
    if (c == '|' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '>' || c == '#' || c == '\\')
      o += '\\';
    o += c;
  });
}

/// A code span of printable() text: fenced by more backticks than the text
/// holds in a row (CommonMark), with a space inside when the text starts or
/// ends with one, so that a backtick in an id cannot end the span early.
void append_code(std::string& out, std::string_view text) {
  const std::string safe = printable(text);
  std::size_t run = 0, longest = 0;
  for (char c : safe) longest = std::max(longest, run = c == '`' ? run + 1 : 0);
  const std::string fence(longest + 1, '`');
  const bool space = !safe.empty() && (safe.front() == '`' || safe.back() == '`');
  out += fence;
  if (space) out += ' ';
  out += safe;
  if (space) out += ' ';
  out += fence;
}

/// A link shown as a link only when it is http(s) and plain: anything else
/// (`javascript:`, spaces, angle brackets) is shown as code, never followed.
void append_link(std::string& out, std::string_view link) {
  const auto starts = [&](std::string_view p) {
    if (link.size() < p.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(link[i])) != p[i]) return false;
    return true;
  };
  bool plain = starts("https://") || starts("http://");
  for (std::size_t i = 0; plain && i < link.size(); ++i) {
    const auto c = static_cast<unsigned char>(link[i]);
    plain = c > 0x20 && c < 0x7f && c != '<' && c != '>' && c != '`' && c != '\\';
  }
  if (plain) {
    out += '<';
    out += link;
    out += '>';
  } else {
    append_code(out, link);
  }
}

/// TEXT escaping: backslash, semicolon, comma, newline; other control
/// characters are not allowed in iCalendar text.
void append_ical(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (const std::size_t n = unsafe_at(s, i); n || c == '\t') {
      out += "\xEF\xBF\xBD";  // U+FFFD
      i += n ? n - 1 : 0;
    } else if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
}

std::string number(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", d);
  return buf;
}

std::string title_of(const Framework& fw, const std::string& competency) {
  auto it = fw.competency_index.find(competency);
  if (it == fw.competency_index.end()) return competency;
  const auto& name = fw.competencies[it->second].name;
  return name.empty() ? competency : name;
}

std::string person(const Case& c, const Report& r) {
  if (r.version < 2 || c.employee.name.empty()) return r.employee;
  return std::string(c.employee.name) + " (" + r.employee + ")";
}

const char* view_of(const Report& r) {
  switch (r.audience) {
    case Audience::full: return "";
    case Audience::employee: return "the employee's view";
    case Audience::manager: return "the manager's view";
    case Audience::committee: return "the committee's view";
  }
  return "";
}

std::string short_person(const Case& c, const Report& r) {
  if (r.version < 2 || c.employee.name.empty()) return r.employee;
  return std::string(c.employee.name);
}

const char* gate_phrase(Gate g) {
  switch (g) {
    case Gate::open: return "";
    case Gate::application: return "through an application";
    case Gate::vacancy: return "through an open vacancy";
  }
  return "";
}

const Criterion& criterion_at(const Framework& fw, std::size_t index) {
  const CriterionRef& ref = fw.criteria[index];
  return fw.levels[ref.level].expectations[ref.expectation].criteria[ref.index];
}

std::optional<Date> counts_from(const Framework& fw, const ExpectationResult& x) {
  if (!x.sustained_since) return std::nullopt;
  return t5_counts_from(*x.sustained_since, fw.policy);
}

// ------------------------------------------------------------ plain words

namespace {

constexpr Words kVerdicts[] = {
    {"ready", "ready", "coverage reaches the minimum and every critical expectation is met: the case can be put forward"},
    {"close", "close",
     "not ready yet, but within reach: coverage is within the close margin below the minimum, or reaches it while a "
     "critical expectation is not met"},
    {"not_ready", "not ready", "coverage is further below the minimum"},
    {"blocked", "blocked", "the current role is not delivered (its expectations, or the last review): it comes first"},
    {"no_target", "no target", "no higher level to aim for yet, or a track to choose first: only the follow-up applies"},
};

constexpr Words kStatuses[] = {
    {"met", "met", "the agreed rating reaches the level, and enough evidence that counts shows it"},
    {"evidence_gap", "evidence gap", "the skill is there (the agreed rating reaches the level), the evidence that counts is not"},
    {"skill_gap", "skill gap", "the agreed rating is below the level"},
    {"unassessed", "not assessed", "no agreed rating: the manager has not rated it in the assessment window"},
    {"emerging", "emerging", "the level is reached but has not held long enough to count yet"},
};

constexpr Words kFlags[] = {
    {"blind_spot", "blind spot", "the employee rates themself at the level, the agreed rating is below it: a gap they do not see"},
    {"disagreement", "disagreement", "the employee's and the manager's ratings differ by the disagreement margin or more"},
    {"hidden_strength", "hidden strength", "the manager rates it higher than the employee does"},
    {"stakeholder_divergence", "stakeholders differ",
     "the stakeholders' median and the manager's rating differ by the disagreement margin or more"},
    {"not_visible", "not seen by the deciders",
     "met, but no evidence that counts is shared with stakeholders or decision makers: the people who decide have not "
     "seen it"},
};

constexpr Words kCauses[] = {
    {"past", "decision passed", "the cycle's decision date is already past"},
    {"lead_time", "lead time", "the plan is not agreed long enough before the decision"},
    {"time_in_level", "time in level", "not long enough in the current level by the decision"},
    {"readiness", "readiness", "the projected readiness date comes after the decision"},
    {"unaddressed_gaps", "gaps without a milestone",
     "a gap that no open milestone addresses: no readiness date can be projected"},
    {"undated_milestones", "undated milestones",
     "the milestones for a gap have no valid deadline: no readiness date can be projected"},
    {"current_delivery", "current role first",
     "the current role is not delivered: no readiness date can be projected until it is"},
};

constexpr Words kAgenda[] = {
    {"overdue_milestone", "overdue milestone", "past its deadline and not done"},
    {"at_risk_milestone", "milestone at risk", "at its pace so far it finishes after its deadline"},
    {"stalled_milestone", "stalled milestone", "no progress update for longer than the plan allows"},
    {"due_milestone", "milestone due", "due before the check-in after next"},
    {"agree_gap", "gap to agree on", "self and manager see this gap differently (a disagreement or a blind spot)"},
    {"unaddressed_gap", "gap without a plan", "no open milestone addresses this gap"},
    {"gate", "gated move", "the move goes through an application or an open vacancy: prepare it"},
    {"blocker", "blocker", "an unresolved blocker from the last check-in with the manager"},
    {"ask_feedback", "ask for feedback", "the employee asks for direct feedback"},
    {"offer_feedback", "offer feedback", "the employee offers feedback to the manager too: it is a two-way street"},
};

static_assert(std::size(kVerdicts) == static_cast<std::size_t>(Verdict::no_target) + 1);
static_assert(std::size(kStatuses) == static_cast<std::size_t>(Status::emerging) + 1);
static_assert(std::size(kFlags) == static_cast<std::size_t>(Flag::not_visible) + 1);
static_assert(std::size(kCauses) == static_cast<std::size_t>(Cause::current_delivery) + 1);
static_assert(std::size(kAgenda) == static_cast<std::size_t>(AgendaKind::offer_feedback) + 1);

template <class Enum, std::size_t N>
const Words& lookup(const Words (&table)[N], Enum e) {
  return table[static_cast<std::size_t>(e)];
}

/// Whom an item is shared with, as a sentence goes on: "is private".
const char* shared_now(Visibility v) {
  switch (v) {
    case Visibility::private_: return "is private";
    case Visibility::manager: return "is shared with the manager only";
    case Visibility::stakeholders: return "is shared with stakeholders only";
    case Visibility::decision_makers: return "is shared with decision makers";
  }
  return "";
}

/// Who must see an item for it to count: "the manager or more widely".
const char* shared_enough(Visibility v) {
  switch (v) {
    case Visibility::private_: return "anyone";
    case Visibility::manager: return "the manager or more widely";
    case Visibility::stakeholders: return "stakeholders or more widely";
    case Visibility::decision_makers: return "decision makers";
  }
  return "";
}

/// How many items a sentence list names before it says how many more.
constexpr std::size_t kNamed = 5;

/// “Title” (id, date), or the id and date when the item has no title.
Sentence& item(Sentence& s, const Evidence& ev) {
  if (!ev.title.empty()) s.text("\u201C").text(ev.title).text("\u201D (");
  s.code(ev.id);
  s.text(ev.title.empty() ? " (" : ", ").date(ev.date).text(")");
  return s;
}

Sentence& plural(Sentence& s, std::int64_t n, const char* one, const char* many) {
  return s.integer(n).text(n == 1 ? one : many);
}

}  // namespace

const Words& words(Verdict v) { return lookup(kVerdicts, v); }
const Words& words(Status s) { return lookup(kStatuses, s); }
const Words& words(Flag f) { return lookup(kFlags, f); }
const Words& words(Cause c) { return lookup(kCauses, c); }
const Words& words(AgendaKind k) { return lookup(kAgenda, k); }

std::vector<const Words*> legend(const Report& r) {
  std::vector<const Words*> out{&words(r.verdict)};
  bool statuses[std::size(kStatuses)] = {}, flags[std::size(kFlags)] = {}, causes[std::size(kCauses)] = {},
       agenda[std::size(kAgenda)] = {};
  for (const auto& x : r.expectations) {
    statuses[static_cast<std::size_t>(x.status)] = true;
    for (Flag f : x.flags) flags[static_cast<std::size_t>(f)] = true;
  }
  if (r.timeline.projected_reason) causes[static_cast<std::size_t>(*r.timeline.projected_reason)] = true;
  if (const auto& q = r.timeline.requested_cycle)
    for (Cause c : q->causes) causes[static_cast<std::size_t>(c)] = true;
  for (const auto& a : r.followup.agenda) agenda[static_cast<std::size_t>(a.kind)] = true;
  const auto add = [&](const auto& table, const bool* used) {
    for (std::size_t i = 0; i < std::size(table); ++i)
      if (used[i]) out.push_back(&table[i]);
  };
  add(kStatuses, statuses);
  add(kFlags, flags);
  add(kCauses, causes);
  add(kAgenda, agenda);
  return out;
}

Sentence& Sentence::text(std::string_view s) {
  if (parts_.empty() || parts_.back().kind != Kind::text) parts_.push_back({});
  parts_.back().text.append(s);
  return *this;
}
Sentence& Sentence::code(std::string_view s) {
  parts_.push_back({Kind::code, std::string(s), {}, 0, 0.0});
  return *this;
}
Sentence& Sentence::date(Date d) {
  parts_.push_back({Kind::date, {}, d, 0, 0.0});
  return *this;
}
Sentence& Sentence::integer(std::int64_t i) {
  parts_.push_back({Kind::integer, {}, {}, i, 0.0});
  return *this;
}
Sentence& Sentence::percent(double share) {
  parts_.push_back({Kind::percent, {}, {}, 0, share});
  return *this;
}

std::string level_label(const Framework& fw, std::string_view id) {
  const Level* l = fw.find_level(id);
  if (!l || l->name.empty()) return std::string(id);
  return l->name + " (" + std::string(id) + ")";
}

std::string rating_label(const Framework& fw, int rating) {
  std::string s = std::to_string(rating);
  if (rating >= 0 && static_cast<std::size_t>(rating) < fw.scale.size()) s += " (" + fw.scale[static_cast<std::size_t>(rating)] + ")";
  return s;
}

std::vector<Sentence> why_blocked(const Framework& fw, const Case& c, const Report& r) {
  std::vector<Sentence> out;
  if (r.verdict != Verdict::blocked || !r.current) return out;
  const Policy& p = fw.policy;
  const Level& current = fw.levels[c.level];
  if (const auto& review = r.current->review; review && review->counted && review->below_min) {
    const std::string& min = p.review_scale[static_cast<std::size_t>(p.review_min)];
    Sentence& s = out.emplace_back();
    s.text("The last review, on ").date(review->date).text(", is rated \u201C").text(review->rating);
    s.text("\u201D, below the minimum, \u201C").text(min).text("\u201D. It counts for ").integer(kReviewCountsDays);
    s.text(" days, until ").date(add_days(review->date, kReviewCountsDays));
    s.text(": a new review at \u201C").text(min).text("\u201D or better lifts it.");
  }
  if (r.current_coverage && !share_at_least(*r.current_coverage, p.current_min)) {
    Sentence& s = out.emplace_back();
    s.text("The current role, ").text(level_label(fw, current.id)).text(", is delivered at ").percent(*r.current_coverage);
    s.text(" of its weight, and ").percent(p.current_min).text(" is needed. Below their level:");
    for (const Shortfall& f : r.current->shortfalls) {
      const Expectation& e = current.expectations[f.expectation];
      Sentence& d = out.emplace_back();
      d.depth = 1;
      d.text(title_of(fw, e.competency)).text(": ");
      if (f.agreed) d.text("agreed ").text(rating_label(fw, *f.agreed));
      else d.text("no rating by the manager in the last ").integer(p.assessment_window_days).text(" days");
      d.text(", expected ").text(rating_label(fw, e.level));
      if (e.weight != 1.0) d.text(", weight ").text(number(e.weight));
    }
  }
  return out;
}

std::vector<Sentence> why_not_ready(const Framework& fw, const Report& r) {
  std::vector<Sentence> out;
  if ((r.verdict != Verdict::close && r.verdict != Verdict::not_ready) || !r.coverage) return out;
  if (!share_at_least(*r.coverage, fw.policy.coverage_min))
    out.emplace_back().text("Coverage is ").percent(*r.coverage).text(", and ").percent(fw.policy.coverage_min)
        .text(" is needed: the gaps below, by priority, are what is missing.");
  for (const auto& x : r.expectations) {
    if (!x.critical || x.status == Status::met) continue;
    Sentence& s = out.emplace_back().text(title_of(fw, x.competency)).text(" is critical and not met yet (");
    s.text(words(x.status).label).text("): every critical expectation must be met");
    if (const auto from = counts_from(fw, x); from && x.status == Status::emerging) s.text("; it counts from ").date(*from);
    s.text(".");
  }
  return out;
}

std::vector<Sentence> evidence_notes(const Framework& fw, const Case& c, const ExpectationResult& x) {
  std::vector<Sentence> out;
  if (x.status != Status::evidence_gap || !c.target) return out;
  const Policy& p = fw.policy;
  const Expectation& e = fw.levels[*c.target].expectations[x.expectation];
  const auto of_x = [&](std::size_t k) { return k >= e.first_criterion && k < e.first_criterion + e.criteria.size(); };
  const auto unmet = [&](std::size_t k) { return of_x(k) && !x.criteria[k - e.first_criterion].met; };
  const Uncounted& u = x.uncounted;
  if (e.criteria.empty()) {
    Sentence& s = out.emplace_back();
    if (x.evidence == 0) s.text("No evidence counts yet");
    else plural(s, x.evidence, " item counts", " items count");
    if (p.evidence_min > 1 || x.evidence > 0) s.text("; ").integer(p.evidence_min).text(" needed");
    s.text(".");
  }
  std::size_t named = 0;
  for (std::size_t k = 0; k < u.below_visibility_items.size() && k < kNamed; ++k, ++named) {
    const Evidence& ev = c.evidence[u.below_visibility_items[k]];
    Sentence& s = out.emplace_back();
    item(s, ev).text(" ").text(shared_now(ev.visibility)).text(": shared with ");
    s.text(shared_enough(p.evidence_visibility_min)).text(", it would count");
    bool proves = true;
    if (!e.criteria.empty()) {
      const auto first = std::find_if(ev.criteria.begin(), ev.criteria.end(), unmet);
      if (first != ev.criteria.end()) {
        s.text(" for \u201C").text(criterion_at(fw, *first).text).text("\u201D");
        const auto more = std::count_if(first + 1, ev.criteria.end(), unmet);
        if (more > 0) plural(s.text(" and "), more, " more statement", " more statements");
      } else if (std::none_of(ev.criteria.begin(), ev.criteria.end(), of_x)) {
        s.text(", but it names none of the statements: add the one it shows to its criteria");
        proves = false;
      }
    }
    if (proves && p.evidence_visibility_min < Visibility::decision_makers)
      s.text(" (shared with decision makers, the committee sees it too)");
    s.text(".");
  }
  const Date window_start = add_days(c.as_of, -static_cast<std::int64_t>(p.evidence_window_days));
  for (std::size_t k = 0; k < u.outside_window_items.size() && k < kNamed; ++k, ++named) {
    Sentence& s = out.emplace_back();
    item(s, c.evidence[u.outside_window_items[k]]).text(" is more than ").integer(p.evidence_window_days);
    s.text(" days old: only evidence dated ").date(window_start).text(" or later counts.");
  }
  if (!e.criteria.empty()) {
    std::size_t shown = 0;
    for_each_counted(c, x, [&](const Evidence& ev) {
      if (shown == kNamed || std::any_of(ev.criteria.begin(), ev.criteria.end(), of_x)) return;
      ++shown;
      item(out.emplace_back(), ev).text(" counts, but names none of the statements: add the one it shows to its criteria.");
    });
  }
  const std::int64_t rest = static_cast<std::int64_t>(u.below_visibility + u.outside_window) - static_cast<std::int64_t>(named);
  if (rest > 0) {
    Sentence& s = out.emplace_back();
    if (named > 0) plural(s, rest, " more item names", " more items name");
    else plural(s, rest, " item names", " items name");
    s.text(rest == 1 ? " it but does not count (not listed here)." : " it but do not count (not listed here).");
  }
  if (x.evidence == 0 && u.below_visibility + u.outside_window == 0) {
    Sentence& s = out.emplace_back().text("No evidence names it yet: an item");
    if (!e.criteria.empty()) s.text(" naming a statement it shows");
    s.text(", shared with ").text(shared_enough(p.evidence_visibility_min)).text(", would count.");
  }
  return out;
}

Sentence cause_sentence(const Framework& fw, const Case& c, const Report& r, Cause cause) {
  const Policy& p = fw.policy;
  const TimelineReport& t = r.timeline;
  Sentence s;
  s.text(words(cause).label).text(": ");
  switch (cause) {
    case Cause::past: s.text("its decision date is already past"); break;
    case Cause::lead_time: {
      const EligibilityTerms terms = l3_terms(t.agreed_on, c.employee.in_level_since, r.as_of, p);
      if (t.agreed_on) s.text("the plan was agreed on ").date(*t.agreed_on).text(", and ");
      else s.text("no plan is agreed yet, and ");
      s.text("a plan needs ").integer(p.plan_lead_days).text(" days before a decision: not before ").date(terms.lead);
      break;
    }
    case Cause::time_in_level: {
      const EligibilityTerms terms = l3_terms(t.agreed_on, c.employee.in_level_since, r.as_of, p);
      s.integer(p.min_months_in_level).text(" months in the level are needed");
      if (c.employee.in_level_since) s.text(" (in it since ").date(*c.employee.in_level_since).text(")");
      if (terms.time_in_level) s.text(": not before ").date(*terms.time_in_level);
      break;
    }
    case Cause::readiness:
      s.text("projected ready ");
      if (t.projected_ready) s.text("on ").date(*t.projected_ready).text(", ");
      s.text("after the decision");
      break;
    case Cause::unaddressed_gaps: {
      s.text("no open milestone addresses ");
      const auto& gaps = r.plan.unaddressed_gaps;
      for (std::size_t k = 0; k < gaps.size() && k < kNamed; ++k)
        s.text(k == 0 ? "" : k + 1 == gaps.size() ? " or " : ", ").text(title_of(fw, gaps[k]));
      if (gaps.size() > kNamed) plural(s.text(" and "), static_cast<std::int64_t>(gaps.size() - kNamed), " more gap", " more gaps");
      s.text(", so no readiness date can be projected");
      break;
    }
    case Cause::undated_milestones:
      s.text("the milestones for a gap have no valid deadline, so no readiness date can be projected");
      break;
    case Cause::current_delivery: s.text("the current role is not delivered yet (see why it is blocked)"); break;
  }
  return s;
}

Sentence milestone_label(const Milestone& m) {
  Sentence s;
  if (p2_blank(m.action)) return s.code(m.id), s;
  s.text(m.action).text(" (").code(m.id).text(")");
  return s;
}

namespace {
/// The parts of `s` after those of `out`.
Sentence& append(Sentence& out, const Sentence& s) {
  for (const auto& part : s.parts()) {
    switch (part.kind) {
      case Sentence::Kind::text: out.text(part.text); break;
      case Sentence::Kind::code: out.code(part.text); break;
      case Sentence::Kind::date: out.date(part.date); break;
      case Sentence::Kind::integer: out.integer(part.integer); break;
      case Sentence::Kind::percent: out.percent(part.share); break;
    }
  }
  return out;
}
}  // namespace

std::vector<Sentence> agenda_sentences(const Framework& fw, const Case& c, const Report& r) {
  std::vector<Sentence> out;
  for (const auto& a : r.followup.agenda) {
    Sentence& s = out.emplace_back();
    const std::string ref = a.ref.value_or("");
    switch (a.kind) {
      case AgendaKind::overdue_milestone:
      case AgendaKind::at_risk_milestone:
      case AgendaKind::stalled_milestone:
      case AgendaKind::due_milestone: {
        const std::size_t* found = a.milestone < c.plan.milestones.size() && a.milestone < r.plan.milestones.size() &&
                                           c.plan.milestones[a.milestone].id == ref
                                       ? &a.milestone
                                       : nullptr;
        if (!found) {
          s.text(words(a.kind).label).text(": ").code(ref);
          break;
        }
        const Milestone& m = c.plan.milestones[*found];
        const MilestoneStatus& st = r.plan.milestones[*found];
        s.text(a.kind == AgendaKind::overdue_milestone ? "Overdue milestone: "
               : a.kind == AgendaKind::at_risk_milestone ? "Milestone at risk: "
               : a.kind == AgendaKind::stalled_milestone ? "Stalled milestone: "
                                                         : "Milestone due: ");
        append(s, milestone_label(m));
        if (a.kind == AgendaKind::at_risk_milestone) {
          if (st.forecast_finish) s.text(", forecast to finish ").date(*st.forecast_finish);
          else s.text(", too slow to forecast a finish");
          if (m.deadline) s.text(", after its deadline, ").date(*m.deadline);
        } else if (a.kind == AgendaKind::stalled_milestone) {
          s.text(", no progress update in the last ").integer(fw.policy.stale_days).text(" days");
        } else if (m.deadline) {
          s.text(", deadline ").date(*m.deadline);
        }
        break;
      }
      case AgendaKind::agree_gap: s.text("Agree on the gap in ").text(title_of(fw, ref)).text(": self and manager see it differently"); break;
      case AgendaKind::unaddressed_gap: s.text("Plan a milestone for ").text(title_of(fw, ref)).text(": no open milestone addresses it"); break;
      case AgendaKind::gate:
        s.text(ref == name(Gate::vacancy) ? "Watch for an open vacancy: the move goes through one"
                                          : "Prepare the application: the move goes through one");
        break;
      case AgendaKind::blocker: s.text("Blocker from the last check-in: ").text(ref); break;
      case AgendaKind::ask_feedback: s.text("Ask for feedback"); break;
      case AgendaKind::offer_feedback: s.text("Offer feedback: it is a two-way street"); break;
    }
  }
  return out;
}

Sentence warning_sentence(const Warning& w) {
  Sentence s;
  s.text("Unknown member ").code(w.path).text(" in the ").text(w.document).text(": ignored \u2014 a typo?");
  return s;
}

std::vector<std::string_view> goal_titles(const Case& c) {
  std::vector<std::string_view> out;
  out.reserve(c.plan.milestones.size());
  IdMap<std::string_view> titles;  // only for a case whose goal indexes were not set by compile
  for (const Milestone& m : c.plan.milestones) {
    if (m.goal.empty()) {
      out.emplace_back();
    } else if (m.goal_index < c.plan.goals.size() && c.plan.goals[m.goal_index].id == m.goal) {
      out.push_back(c.plan.goals[m.goal_index].title);
    } else {
      if (!titles.size())
        for (const Goal& g : c.plan.goals) {
          bool added = false;
          std::string_view& title = titles.try_emplace(g.id, added);
          if (added) title = g.title;
        }
      const std::string_view* title = titles.get(m.goal);
      out.push_back(title ? *title : std::string_view());
    }
  }
  return out;
}

std::vector<const Milestone*> addressing(const Case& c, const Gap& g, std::size_t most, std::size_t* all) {
  std::vector<const Milestone*> out;
  std::size_t n = 0;
  for (const Milestone& m : c.plan.milestones)
    if (p3_addresses(m, g) && n++ < most) out.push_back(&m);
  if (all) *all = n;
  return out;
}

NextCheckin next_checkin(const FollowupReport& f) {
  NextCheckin n{f.next_due, {}};
  std::size_t from = 0;
  if (f.overdue_days > 0 && !f.schedule.empty()) n.date = f.schedule[from++];
  for (std::size_t k = from; k < f.schedule.size(); ++k)
    if (f.schedule[k] != n.date) n.later.push_back(f.schedule[k]);
  return n;
}

}  // namespace rung::render
