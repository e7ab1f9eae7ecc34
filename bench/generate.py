# SPDX-License-Identifier: MIT
"""A seeded generator of realistic rung documents for the benchmarks.

    /usr/bin/python3 bench/generate.py framework [--version 2] > framework.json
    /usr/bin/python3 bench/generate.py cases N [--seed S] [--version 2] > cases.jsonl

The framework has 12 competencies and 3 tracks x 5 levels of 7-9
expectations; each case (4-7 KB) has 8-23 assessments from self, manager
and stakeholders, 4-6 evidence items, 3-6 milestones with progress and 6
check-ins with feedback. The same arguments give the same bytes.

With --version 2: rung.framework/2 with the first two ranks of the ic and
mgmt tracks shared (a trunk), 2-3 criteria on every expectation from rank
3 up, gated mgmt levels, and a v2 policy (partial credit, 90 sustained
days); rung.case/2 cases whose evidence also names criteria. The /1
documents are the same bytes with or without the option's code.
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


def level_id_v2(track, rank):
    """/2: the first two ranks of ic and mgmt are one trunk of shared levels."""
    return level_id("ic", rank) if rank <= 2 and track in ("ic", "mgmt") else level_id(track, rank)


def framework_v2():
    fw = framework()
    rnd = random.Random(11)
    levels = []
    for lv in fw["levels"]:
        track, rank = lv["track"], lv["rank"]
        if track == "mgmt" and rank <= 2:
            continue  # on the trunk
        lv = dict(lv)
        del lv["track"]
        lv["tracks"] = ["ic", "mgmt"] if track == "ic" and rank <= 2 else [track]
        if track == "mgmt" and rank >= 3:
            lv["gate"] = "application"
        if rank >= 3:
            lv["expectations"] = [dict(x, criteria=[{"id": f"{lv['id']}-{x['competency']}-{k}", "text": text(rnd, 6),
                                                     **({"weight": 2} if k == 0 else {})}
                                                    for k in range(rnd.randint(2, 3))])
                                  for x in lv["expectations"]]
        levels.append(lv)
    fw.update(schema="rung.framework/2", levels=levels,
              policy={"min_months_in_level": 12, "credit": "partial", "criteria_min": 0.6, "sustained_days": 90,
                      "anonymity_min": 2})
    return fw


def to_v2(c, fw, rnd):
    """A /1 case made /2: ids of the trunk, names, evidence naming criteria."""
    levels = {lv["id"]: lv for lv in fw["levels"]}
    e = c["employee"]
    track = {"I": "ic", "M": "mgmt", "P": "product"}[e["level"][0]]
    e["level"] = level_id_v2(track, int(e["level"][1:]))
    if "target" in e:
        e["target"] = level_id_v2(track, int(e["target"][1:]))
    e["name"] = f"Person {c['employee']['id'][2:]}"
    if len(levels[e["level"]]["tracks"]) > 1:
        e["track"] = track
    target = levels.get(e.get("target", ""))
    criteria = [k["id"] for x in (target or {}).get("expectations", []) for k in x.get("criteria", [])]
    for ev in c["evidence"]:
        if criteria and rnd.random() < 0.7:
            ev["criteria"] = rnd.sample(criteria, min(len(criteria), rnd.randint(1, 3)))
    c["schema"] = "rung.case/2"
    return c


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
    ap.add_argument("--version", type=int, choices=[1, 2], default=1)
    args = ap.parse_args()
    fw = framework()
    out = sys.stdout
    if args.what == "framework":
        json.dump(framework_v2() if args.version == 2 else fw, out, indent=1)
        out.write("\n")
        return
    rnd = random.Random(args.seed)
    fw2, rnd2 = (framework_v2(), random.Random(args.seed + 1000)) if args.version == 2 else (None, None)
    for i in range(args.count):
        c = case(rnd, i, fw)
        if fw2:
            c = to_v2(c, fw2, rnd2)
        out.write(json.dumps(c, separators=(",", ":")))
        out.write("\n")


if __name__ == "__main__":
    main()
