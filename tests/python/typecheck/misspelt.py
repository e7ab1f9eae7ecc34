# SPDX-License-Identifier: MIT
"""Mistakes a type checker must catch (test_typecheck.py): each line marked
`# error:` must be reported by mypy, with that text."""

import pathlib

import rung

engine = rung.Engine()
report = engine.evaluate(pathlib.Path("examples/close.json"))
report["verdcit"]  # error: has no key "verdcit"
report["timeline"]["target_cycel"]  # error: has no key "target_cycel"
report["audience"]  # error: has no key "audience"
wrong: rung.Verdict = "almost"  # error: Incompatible types in assignment
text: str = engine.evaluate(pathlib.Path("examples/close.json"))  # error: Incompatible types in assignment
