"""A seeded generator of realistic rung documents for the benchmarks.

    /usr/bin/python3 bench/generate.py framework > framework.json
    /usr/bin/python3 bench/generate.py cases N [--seed S] > cases.jsonl

The framework has 12 competencies and 3 tracks x 5 levels of 7-9
expectations; each case (4-7 KB) has 8-23 assessments from self, manager
and stakeholders, 4-6 evidence items, 3-6 milestones with progress and 6
check-ins with feedback. The same arguments give the same bytes.
"""

import argparse
import datetime
import json
import random
import sys

COMPETENCIES = ["design", "delivery", "quality", "mentoring", "influence", "ops",
                "security", "product", "data", "hiring", "communication", "strategy"]
TRACKS = ["ic", "mgmt", "product"]
SCALE = ["none", "basic", "working", "strong", "expert", "leading"]
AS_OF = datetime.date(2026, 11, 23)
WORDS = ("the payments ledger search indexer onboarding flow incident review design doc migration rollout "
         "latency budget api contract on-call rotation hiring loop roadmap quarterly planning service mesh "
         "observability dashboard customer escalation data pipeline privacy review mentoring program").split()


def level_id(track, rank):
    return f"{track[0].upper()}{rank}"


def framework():
    rnd = random.Random(7)
    levels = []
    for track in TRACKS:
        for rank in range(1, 6):
            chosen = rnd.sample(COMPETENCIES, rnd.randint(7, 9))
            levels.append({
                "id": level_id(track, rank), "name": f"{track} level {rank}", "track": track, "rank": rank,
                "expectations": [{"competency": c, "level": min(len(SCALE) - 1, max(1, rank - rnd.randint(0, 1))),
                                  "weight": rnd.choice([0.5, 1, 1, 1.5, 2]), "critical": rnd.random() < 0.15,
                                  "description": f"{c} at {track} {rank}"} for c in chosen]})
    return {
        "schema": "rung.framework/1", "id": "bench", "scale": SCALE,
        "competencies": [{"id": c, "name": c.title(), "category": "core"} for c in COMPETENCIES],
        "levels": levels,
        "policy": {"min_months_in_level": 12},
        "calendar": {"every_months": 6, "first_decision": "2025-03-15", "effective_after_days": 17,
                     "holidays": ["2026-12-24", "2026-12-25", "2027-01-01", "2027-05-31", "2027-12-24",
                                  "2027-12-31"]},
    }


def day(rnd, back, ahead=0):
    return (AS_OF + datetime.timedelta(days=rnd.randint(-back, ahead))).isoformat()


def text(rnd, n):
    return " ".join(rnd.choice(WORDS) for _ in range(n))


def case(rnd, i, fw):
    levels = {lv["id"]: lv for lv in fw["levels"]}
    track = rnd.choice(TRACKS)
    rank = rnd.randint(1, 4)
    target = levels[level_id(track, rank + 1)]
    comps = [x["competency"] for x in target["expectations"]]
    current = {x["competency"]: x["level"] for x in levels[level_id(track, rank)]["expectations"]}
    goal = {x["competency"]: x["level"] for x in target["expectations"]}
    strength = rnd.choice([-1, 0, 0, 1])  # how this person compares with the target level
    # Mostly delivering the current level; somewhere around the target one.
    wanted = {c: max(current.get(c, 0), goal.get(c, 0) + strength) for c in set(current) | set(goal)}
    assessments = []
    for c in sorted(wanted):
        raters = ["manager"] if c in current or rnd.random() < 0.9 else []
        raters += ["self"] if rnd.random() < 0.4 else []
        raters += ["stakeholder"] * rnd.choice([0, 0, 1, 2])
        for rater in raters:
            level = max(0, min(len(SCALE) - 1, wanted[c] + rnd.choice([-1] + [0] * 40 + [1] * 6)))
            a = {"competency": c, "rater": rater, "level": level, "date": day(rnd, 330)}
            if rater == "stakeholder":
                a["rater_id"] = f"p-{rnd.randint(1, 6)}"
            assessments.append(a)
    assessments.sort(key=lambda a: a["rater"] != "manager")  # keep the managers' when trimming
    assessments = assessments[:23]
    rnd.shuffle(assessments)
    evidence = [{"id": f"ev-{k}", "title": text(rnd, 4), "date": day(rnd, 420),
                 "competencies": rnd.sample(comps, rnd.randint(1, 3)),
                 "visibility": rnd.choice(["private", "manager", "stakeholders", "decision_makers"]),
                 "link": f"https://wiki.example/{i}/{k}"} for k in range(rnd.randint(4, 6))]
    goals = [{"id": f"g-{k}", "title": text(rnd, 4), "horizon": rnd.choice(["3m", "6m", "1y", "52w", "90d"]),
              "objectives": [f"okr-{rnd.randint(1, 9)}"] if rnd.random() < 0.8 else []}
             for k in range(rnd.randint(1, 3))]
    milestones = []
    for k in range(rnd.randint(3, 6)):
        created = day(rnd, 200, -30)
        progress, value = [], 0.0
        for _ in range(rnd.randint(2, 4)):
            value = min(1.0, round(value + rnd.random() * 0.3, 2))
            progress.append({"date": day(rnd, 120), "value": value})
        milestones.append({
            "id": f"m-{k}", "goal": rnd.choice(goals)["id"], "addresses": rnd.sample(comps, rnd.randint(1, 2)),
            "action": text(rnd, 6), "metric": text(rnd, 4), "success_criteria": text(rnd, 4),
            "created": created, "deadline": day(rnd, 30, 200), "progress": progress, "done": rnd.random() < 0.15})
    checkins = []
    for k in range(6):
        checkins.append({
            "date": day(rnd, 180), "with": rnd.choice(["manager", "manager", "manager", "mentor"]),
            "feedback": [{"kind": rnd.choice(["constructive", "praise", "generic"]),
                          "channel": rnd.choice(["direct", "indirect"]), "text": text(rnd, 6)}
                         for _ in range(rnd.randint(1, 2))],
            "blockers": [{"text": text(rnd, 5), "resolved": rnd.random() < 0.5}] if rnd.random() < 0.4 else []})
    return {
        "schema": "rung.case/1", "as_of": AS_OF.isoformat(),
        "employee": {"id": f"e-{i}", "level": level_id(track, rank),
                     **({"target": target["id"]} if rnd.random() < 0.7 else {}),
                     "in_level_since": day(rnd, 900, -100),
                     "last_review": {"rating": rnd.choice(["partially"] + ["meets"] * 6 + ["exceeds"] * 3),
                                     "date": day(rnd, 300)},
                     "motivation": text(rnd, 8)},
        "assessments": assessments, "evidence": evidence,
        "plan": {"agreed_on": day(rnd, 300, -10), "target_cycle": rnd.choice(["2027-03", "2027-09", "2028-03"]),
                 "goals": goals, "milestones": milestones},
        "checkins": checkins,
        "feedback": [{"date": day(rnd, 120), "kind": rnd.choice(["constructive", "praise"]),
                      "channel": rnd.choice(["direct", "indirect"]), "from": f"p-{rnd.randint(1, 6)}"}
                     for _ in range(rnd.randint(0, 3))],
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=["framework", "cases"])
    ap.add_argument("count", nargs="?", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    fw = framework()
    out = sys.stdout
    if args.what == "framework":
        json.dump(fw, out, indent=1)
        out.write("\n")
        return
    rnd = random.Random(args.seed)
    for i in range(args.count):
        out.write(json.dumps(case(rnd, i, fw), separators=(",", ":")))
        out.write("\n")


if __name__ == "__main__":
    main()
