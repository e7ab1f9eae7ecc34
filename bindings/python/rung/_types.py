# SPDX-License-Identifier: MIT
"""The report as Python types: what `Engine.evaluate` returns, as TypedDicts,
so that a type checker catches a misspelt key (`report["verdcit"]`) or a
verdict that cannot be. `rung.report/1` and `rung.report/2` are told apart
by `schema`:

    report = engine.evaluate(case)
    if report["schema"] == "rung.report/2":
        report["audience"]              # known to be a ReportV2 here

The members and their order are those of the report (docs/rules.md); the
test tests/python/test_types.py checks every key of real reports against
these declarations, both ways."""

from __future__ import annotations

from typing import Dict, List, Literal, Optional, TypedDict, Union

__all__ = [
    "Report", "ReportV1", "ReportV2", "Verdict", "Status", "Flag", "Cause", "Severity", "SignalId", "AgendaKind",
    "Gate", "MoveKind", "Audience", "Move", "MoveV2", "Expectation", "ExpectationV2", "Criterion", "Uncounted",
    "Gap", "GapV2", "Current", "CurrentReview", "Milestone", "Plan", "RequestedCycle", "Checkpoint", "Timeline",
    "AgendaItem", "Followup", "Signal", "Warning", "TraceEntry", "Fact",
]

Verdict = Literal["ready", "close", "not_ready", "blocked", "no_target"]
Status = Literal["met", "evidence_gap", "skill_gap", "unassessed", "emerging"]
Flag = Literal["blind_spot", "disagreement", "hidden_strength", "stakeholder_divergence", "not_visible"]
Cause = Literal["past", "lead_time", "time_in_level", "readiness", "unaddressed_gaps", "undated_milestones",
                "current_delivery"]
Severity = Literal["info", "warning", "critical"]
SignalId = Literal["skip_level", "track_change", "choose_track", "gated_move", "no_goals", "too_many_goals",
                   "no_long_term_goal", "no_short_term_step", "plan_not_agreed", "late_start", "checkin_overdue",
                   "no_regular_checkins", "no_constructive_feedback", "indirect_feedback_only"]
AgendaKind = Literal["overdue_milestone", "at_risk_milestone", "stalled_milestone", "due_milestone", "agree_gap",
                     "unaddressed_gap", "gate", "blocker", "ask_feedback", "offer_feedback"]
Gate = Literal["open", "application", "vacancy"]
MoveKind = Literal["promotion", "sideways"]
Audience = Literal["full", "employee", "manager", "committee"]

#: A value in a trace entry's facts.
Fact = Union[None, bool, int, float, str]

# "from" is a Python keyword: these two use the functional syntax.
Move = TypedDict("Move", {"from": str, "to": Optional[str], "kind": Optional[MoveKind]})
MoveV2 = TypedDict("MoveV2", {"from": str, "to": Optional[str], "kind": Optional[MoveKind], "gate": Optional[Gate]})


class Expectation(TypedDict):
    competency: str
    level: int
    weight: float
    critical: bool
    self: Optional[int]
    manager: Optional[int]
    stakeholders: Optional[int]
    agreed: Optional[int]
    evidence: int
    evidence_ids: List[str]
    status: Status
    flags: List[Flag]


class Uncounted(TypedDict):
    below_visibility: int
    outside_window: int


class Criterion(TypedDict):
    id: str
    evidence: int
    evidence_ids: List[str]
    met: bool


class ExpectationV2(Expectation):
    stakeholder_raters: int
    uncounted: Uncounted
    criteria: List[Criterion]
    criteria_met: Optional[float]
    credit: float
    sustained_since: Optional[str]


class Gap(TypedDict):
    competency: str
    kind: Status
    size: int
    priority: float
    addressed: bool


class GapV2(Gap):
    criteria: List[str]


class CurrentReview(TypedDict):
    rating: str
    date: str
    counted: bool
    below_min: bool


class Current(TypedDict):
    level: str
    failed: List[str]
    review: Optional[CurrentReview]


class Milestone(TypedDict):
    id: str
    progress: float
    overdue: bool
    stalled: bool
    forecast_finish: Optional[str]
    at_risk: bool
    missing: List[str]


class Plan(TypedDict):
    goals: int
    unaligned_goals: List[str]
    unaddressed_gaps: List[str]
    milestones: List[Milestone]


class RequestedCycle(TypedDict):
    id: str
    decision: str
    feasible: bool
    causes: List[Cause]


class Checkpoint(TypedDict):
    day: int
    date: str
    passed: bool


class Timeline(TypedDict):
    agreed_on: Optional[str]
    projected_ready: Optional[str]
    projected_reason: Optional[Cause]
    earliest_eligible: Optional[str]
    target_cycle: Optional[str]
    requested_cycle: Optional[RequestedCycle]
    checkpoints: List[Checkpoint]


class AgendaItem(TypedDict):
    kind: AgendaKind
    ref: Optional[str]


class Followup(TypedDict):
    last_checkin: Optional[str]
    next_due: str
    overdue_days: int
    schedule: List[str]
    agenda: List[AgendaItem]


class Signal(TypedDict):
    id: SignalId
    severity: Severity
    detail: str


class Warning(TypedDict):
    document: Literal["framework", "case"]
    code: Literal["unknown_member"]
    path: str


class TraceEntry(TypedDict):
    rule: str
    outcome: str
    facts: Dict[str, Fact]


class ReportV1(TypedDict):
    """A `rung.report/1`: the report of a case against a `rung.framework/1`."""
    schema: Literal["rung.report/1"]
    framework: str
    employee: str
    as_of: str
    move: Move
    verdict: Verdict
    coverage: Optional[float]
    current_coverage: Optional[float]
    expectations: List[Expectation]
    gaps: List[Gap]
    plan: Plan
    timeline: Timeline
    followup: Followup
    signals: List[Signal]
    trace: List[TraceEntry]


class ReportV2(TypedDict):
    """A `rung.report/2`: the report of a case against a `rung.framework/2`."""
    schema: Literal["rung.report/2"]
    framework: str
    employee: str
    as_of: str
    audience: Audience
    move: MoveV2
    verdict: Verdict
    coverage: Optional[float]
    current_coverage: Optional[float]
    current: Optional[Current]
    expectations: List[ExpectationV2]
    gaps: List[GapV2]
    plan: Plan
    timeline: Timeline
    followup: Followup
    signals: List[Signal]
    warnings: List[Warning]
    trace: List[TraceEntry]


#: What `Engine.evaluate` returns: the framework's version decides which.
Report = Union[ReportV1, ReportV2]
