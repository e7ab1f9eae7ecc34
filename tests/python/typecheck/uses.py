# SPDX-License-Identifier: MIT
"""How a program uses the package, checked by mypy (test_typecheck.py):
this file must type-check cleanly."""

import datetime
import pathlib

import rung

engine = rung.Engine.from_file("examples/framework.json")
report: rung.Report = engine.evaluate_file(pathlib.Path("examples/close.json"))
verdict: rung.Verdict = report["verdict"]
coverage: float | None = report["coverage"]
target: str | None = report["timeline"]["target_cycle"]
for gap in report["gaps"]:
    print(gap["competency"], gap["kind"], gap["priority"] * 2)
if report["schema"] == "rung.report/2":
    audience: rung.Audience = report["audience"]  # only a ReportV2 has one
    criteria = [c["id"] for x in report["expectations"] for c in x["criteria"]]
raw: bytes = engine.evaluate({"schema": "rung.case/1", "as_of": datetime.date(2026, 11, 23)}, raw=True)
text: str = engine.evaluate(pathlib.Path("examples/close.json"), format="markdown")
for r in engine.evaluate_many([raw, pathlib.Path("examples/ready.json")], threads=2):
    print(r["employee"])
try:
    engine.evaluate("{}")
except ValueError as e:
    print(e)
print(rung.__version__)
