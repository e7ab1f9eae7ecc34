// SPDX-License-Identifier: MIT
#include "json/encode.hpp"

#include <variant>

#include "json/writer.hpp"

namespace rung::json {
namespace {

void date_or_null(Writer& w, const std::optional<Date>& d) {
  if (d) w.string(format_date(*d));
  else w.null();
}

void int_or_null(Writer& w, const std::optional<int>& i) {
  if (i) w.integer(*i);
  else w.null();
}

void strings(Writer& w, const std::vector<std::string>& v) {
  w.begin_array(true);
  for (const auto& s : v) w.string(s);
  w.end_array();
}

void warnings(Writer& w, const std::vector<Warning>& v) {
  w.begin_array();
  for (const auto& warning : v) {
    w.begin_object(true);
    w.key("document").string(warning.document);
    w.key("code").string("unknown_member");
    w.key("path").string(warning.path);
    w.end_object();
  }
  w.end_array();
}

void expectation(Writer& w, const ExpectationResult& x, bool v2) {
  w.begin_object();
  w.key("competency").string(x.competency);
  w.key("level").integer(x.level);
  w.key("weight").number(x.weight);
  w.key("critical").boolean(x.critical);
  w.key("self");
  int_or_null(w, x.ratings.self);
  w.key("manager");
  int_or_null(w, x.ratings.manager);
  w.key("stakeholders");
  int_or_null(w, x.ratings.stakeholders);
  if (v2) w.key("stakeholder_raters").integer(x.ratings.stakeholder_raters);
  w.key("agreed");
  int_or_null(w, x.ratings.agreed);
  w.key("evidence").integer(x.evidence);
  w.key("evidence_ids");
  strings(w, x.evidence_ids);
  if (v2) {
    w.key("uncounted").begin_object(true);
    w.key("below_visibility").integer(x.uncounted.below_visibility);
    w.key("outside_window").integer(x.uncounted.outside_window);
    w.end_object();
    w.key("criteria").begin_array();
    for (const auto& c : x.criteria) {
      w.begin_object(true);
      w.key("id").string(c.id);
      w.key("evidence").integer(c.evidence);
      w.key("evidence_ids");
      strings(w, c.evidence_ids);
      w.key("met").boolean(c.met);
      w.end_object();
    }
    w.end_array();
    w.key("criteria_met");
    if (x.criteria_met) w.number(*x.criteria_met);
    else w.null();
    w.key("credit").number(x.credit);
    w.key("sustained_since");
    date_or_null(w, x.sustained_since);
  }
  w.key("status").string(name(x.status));
  w.key("flags").begin_array(true);
  for (Flag f : x.flags) w.string(name(f));
  w.end_array();
  w.end_object();
}

void gap(Writer& w, const Gap& g, bool v2) {
  w.begin_object(true);
  w.key("competency").string(g.competency);
  w.key("kind").string(name(g.kind));
  w.key("size").integer(g.size);
  w.key("priority").number(g.priority);
  w.key("addressed").boolean(g.addressed);
  if (v2) {
    w.key("criteria");
    strings(w, g.criteria);
  }
  w.end_object();
}

void current(Writer& w, const std::optional<CurrentReport>& c) {
  if (!c) {
    w.null();
    return;
  }
  w.begin_object(true);
  w.key("level").string(c->level);
  w.key("failed");
  strings(w, c->failed);
  w.key("review");
  if (const auto& r = c->review) {
    w.begin_object(true);
    w.key("rating").string(r->rating);
    w.key("date").string(format_date(r->date));
    w.key("counted").boolean(r->counted);
    w.key("below_min").boolean(r->below_min);
    w.end_object();
  } else {
    w.null();
  }
  w.end_object();
}

void plan(Writer& w, const PlanReport& p) {
  w.begin_object();
  w.key("goals").integer(p.goals);
  w.key("unaligned_goals");
  strings(w, p.unaligned_goals);
  w.key("unaddressed_gaps");
  strings(w, p.unaddressed_gaps);
  w.key("milestones").begin_array();
  for (const auto& m : p.milestones) {
    w.begin_object(true);
    w.key("id").string(m.id);
    w.key("progress").number(m.progress);
    w.key("overdue").boolean(m.overdue);
    w.key("stalled").boolean(m.stalled);
    w.key("forecast_finish");
    date_or_null(w, m.forecast_finish);
    w.key("at_risk").boolean(m.at_risk);
    w.key("missing");
    strings(w, m.missing);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void timeline(Writer& w, const TimelineReport& t) {
  w.begin_object();
  w.key("agreed_on");
  date_or_null(w, t.agreed_on);
  w.key("projected_ready");
  date_or_null(w, t.projected_ready);
  w.key("projected_reason");
  if (t.projected_reason) w.string(name(*t.projected_reason));
  else w.null();
  w.key("earliest_eligible");
  date_or_null(w, t.earliest_eligible);
  w.key("target_cycle");
  if (t.target_cycle) w.string(*t.target_cycle);
  else w.null();
  w.key("requested_cycle");
  if (const auto& r = t.requested_cycle) {
    w.begin_object(true);
    w.key("id").string(r->id);
    w.key("decision").string(format_date(r->decision));
    w.key("feasible").boolean(r->feasible);
    w.key("causes").begin_array(true);
    for (Cause c : r->causes) w.string(name(c));
    w.end_array();
    w.end_object();
  } else {
    w.null();
  }
  w.key("checkpoints").begin_array();
  for (const auto& c : t.checkpoints) {
    w.begin_object(true);
    w.key("day").integer(c.day);
    w.key("date").string(format_date(c.date));
    w.key("passed").boolean(c.passed);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void followup(Writer& w, const FollowupReport& f) {
  w.begin_object();
  w.key("last_checkin");
  date_or_null(w, f.last_checkin);
  w.key("next_due").string(format_date(f.next_due));
  w.key("overdue_days").integer(f.overdue_days);
  w.key("schedule").begin_array(true);
  for (Date d : f.schedule) w.string(format_date(d));
  w.end_array();
  w.key("agenda").begin_array();
  for (const auto& a : f.agenda) {
    w.begin_object(true);
    w.key("kind").string(name(a.kind));
    w.key("ref");
    if (a.ref) w.string(*a.ref);
    else w.null();
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void fact(Writer& w, const Fact& f) {
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::nullptr_t>) w.null();
        else if constexpr (std::is_same_v<T, bool>) w.boolean(v);
        else if constexpr (std::is_same_v<T, std::int64_t>) w.integer(v);
        else if constexpr (std::is_same_v<T, double>) w.number(v);
        else w.string(v);
      },
      f);
}

}  // namespace

void encode_report(const Report& r, std::string& out, int indent) {
  Writer w(std::move(out), indent);
  w.begin_object();
  const bool v2 = r.version >= 2;
  w.key("schema").string(v2 ? "rung.report/2" : "rung.report/1");
  w.key("framework").string(r.framework);
  w.key("employee").string(r.employee);
  w.key("as_of").string(format_date(r.as_of));
  if (v2) w.key("audience").string(name(r.audience));
  w.key("move").begin_object(true);
  w.key("from").string(r.move.from);
  w.key("to");
  if (r.move.to) w.string(*r.move.to);
  else w.null();
  w.key("kind");
  if (r.move.kind) w.string(name(*r.move.kind));
  else w.null();
  if (v2) {
    w.key("gate");
    if (r.move.gate) w.string(name(*r.move.gate));
    else w.null();
  }
  w.end_object();
  w.key("verdict").string(name(r.verdict));
  w.key("coverage");
  if (r.coverage) w.number(*r.coverage);
  else w.null();
  w.key("current_coverage");
  if (r.current_coverage) w.number(*r.current_coverage);
  else w.null();
  if (v2) {
    w.key("current");
    current(w, r.current);
  }
  w.key("expectations").begin_array();
  for (const auto& x : r.expectations) expectation(w, x, v2);
  w.end_array();
  w.key("gaps").begin_array();
  for (const auto& g : r.gaps) gap(w, g, v2);
  w.end_array();
  w.key("plan");
  plan(w, r.plan);
  w.key("timeline");
  timeline(w, r.timeline);
  w.key("followup");
  followup(w, r.followup);
  w.key("signals").begin_array();
  for (const auto& s : r.signals) {
    w.begin_object(true);
    w.key("id").string(name(s.id));
    w.key("severity").string(name(s.severity));
    w.key("detail").string(s.detail);
    w.end_object();
  }
  w.end_array();
  if (v2) {
    w.key("warnings");
    warnings(w, r.warnings);
  }
  w.key("trace").begin_array();
  for (const auto& t : r.trace) {
    w.begin_object(true);
    w.key("rule").string(t.rule);
    w.key("outcome").string(t.outcome);
    w.key("facts").begin_object();
    for (const auto& [k, v] : t.facts) {
      w.key(k);
      fact(w, v);
    }
    w.end_object();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  out = std::move(w).take();
}

void encode_warnings(const std::vector<Warning>& v, std::string& out) {
  Writer w(std::move(out));
  warnings(w, v);
  out = std::move(w).take();
}

void encode_error(const InputError& e, std::string& out, int indent, std::size_t line) {
  Writer w(std::move(out), indent);
  w.begin_object();
  w.key("schema").string("rung.error/1");
  w.key("document").string(name(e.document));
  w.key("code").string(name(e.code));
  w.key("path").string(e.path);
  w.key("message").string(e.message);
  if (line) w.key("line").integer(static_cast<std::int64_t>(line));
  w.end_object();
  out = std::move(w).take();
}

}  // namespace rung::json
